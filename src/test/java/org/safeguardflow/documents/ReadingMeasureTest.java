package org.safeguardflow.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The plain-English measure of letters to families, checked against hand computation of Flesch's and
 * Kincaid's published formulas.
 */
class ReadingMeasureTest {

  @ParameterizedTest(name = "{0}: {1} syllable(s)")
  @CsvSource({"the, 1", "cat, 1", "letter, 2", "care, 1", "worried, 2", "wanted, 2", "needed, 2", "asked, 1",
      "places, 2", "changes, 2", "makes, 1", "solicitor, 4", "proceedings, 3", "responsibility, 6",
      "meeting, 2", "family, 3", "2026, 1", "you're, 1"})
  void syllablesAreCountedAsAReaderSaysThem(String word, int syllables) {
    assertThat(ReadingMeasure.syllables(word)).isEqualTo(syllables);
  }

  @Test
  void aShortPlainSentenceScoresByTheFormulasExactly() {
    // 6 words, 1 sentence, 6 syllables: ease 206.835 - 1.015*6 - 84.6*1 = 116.145; grade 0.39*6 + 11.8 - 15.59 = -1.45.
    ReadingMeasure.Reading reading = ReadingMeasure.of("The cat sat on the mat.");
    assertThat(reading.words()).isEqualTo(6);
    assertThat(reading.sentences()).isEqualTo(1);
    assertThat(reading.syllables()).isEqualTo(6);
    assertThat(reading.readingEase()).isCloseTo(116.1, within(0.05));
    assertThat(reading.gradeLevel()).isCloseTo(-1.45, within(0.06));
    assertThat(reading.readingAge()).as("never below 5").isEqualTo(5.0);
  }

  @Test
  void legaleseReadsFarAboveAPlainLetterAndItsHardestSentenceIsNamed() {
    String plain = "Dear Ms Smith,\nWe are worried about Ella. She has often missed school and her home is cold."
        + " We want to meet you to talk about how to keep her safe. You can bring a solicitor. It is free.";
    String legalese = "Dear Ms Smith,\nThe local authority is contemplating the initiation of care proceedings"
        + " pursuant to section 31 of the Children Act 1989 in consideration of the continuing concerns regarding"
        + " the neglect of your child. We want to meet you.";

    ReadingMeasure.Reading plainReading = ReadingMeasure.of(plain);
    ReadingMeasure.Reading hard = ReadingMeasure.of(legalese);

    assertThat(plainReading.readingAge()).isLessThan(9);
    assertThat(plainReading.readingEase()).isGreaterThan(70);
    assertThat(hard.readingAge()).as("above the default threshold of 11").isGreaterThan(13);
    assertThat(hard.readingEase()).as("below plain English").isLessThan(60);
    assertThat(hard.hardest()).first().satisfies(s -> {
      assertThat(s.sentence()).startsWith("The local authority is contemplating");
      assertThat(s.readingAge()).isGreaterThan(20);
    });
    // The greeting on its own line is its own sentence, not part of the first one.
    assertThat(ReadingMeasure.sentences(legalese)).first().isEqualTo("Dear Ms Smith,");
  }

  @Test
  void aTextWithNoWordsIsTheEasiestAndNeverDividesByZero() {
    ReadingMeasure.Reading reading = ReadingMeasure.of(" \n ... ");
    assertThat(reading.words()).isZero();
    assertThat(reading.readingAge()).isEqualTo(5.0);
    assertThat(reading.hardest()).isEmpty();
  }
}
