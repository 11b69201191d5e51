package org.safeguardflow.documents;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How hard an English text is to read, for letters to families (inspectors found letters before
 * proceedings "not written in plain English"). No maintained Java library on Maven Central measures
 * this, so the two standard formulas are implemented here:
 * <ul>
 *   <li><b>Flesch reading ease</b> (R. Flesch, "A new readability yardstick", Journal of Applied
 *   Psychology 32(3), 1948): 206.835 − 1.015 × (words ÷ sentences) − 84.6 × (syllables ÷ words). Higher
 *   is easier; 60-70 is plain English, under 30 is very hard.</li>
 *   <li><b>Flesch-Kincaid grade level</b> (J. P. Kincaid et al., "Derivation of new readability formulas
 *   for Navy enlisted personnel", Research Branch Report 8-75, 1975): 0.39 × (words ÷ sentences) + 11.8 ×
 *   (syllables ÷ words) − 15.59, a US school grade. The <b>reading age</b> is that grade + 5 years (US
 *   grade 1 is age 6-7), at least 5.</li>
 * </ul>
 * Sentences end at {@code . ! ?} followed by a space or the end, and at every line break (a letter's
 * greeting, address lines and list items stand alone). Words are runs of letters or digits (with inner
 * apostrophes or hyphens). Syllables are counted by the usual English heuristic (groups of vowels,
 * a silent final e and silent -es/-ed endings discounted, at least one per word): exact for most everyday
 * words, within one for the rest, which is what the formulas were calibrated with.
 */
public final class ReadingMeasure {

  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])[\"'’”)\\]]*\\s+|\\R+");
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’\\-][\\p{L}\\p{N}]+)*");
  private static final Pattern VOWEL_GROUP = Pattern.compile("[aeiouy]{1,2}");

  private ReadingMeasure() {}

  /**
   * The measure of a whole text and of each of its sentences.
   *
   * @param readingEase Flesch reading ease (may be below 0 or above 100 for extreme texts)
   * @param gradeLevel  Flesch-Kincaid US grade level
   * @param readingAge  years: grade level + 5, at least 5
   * @param hardest     the sentences with the highest reading age first (at most 3, only those of 2 words or more)
   */
  public record Reading(double readingEase, double gradeLevel, double readingAge, int sentences, int words,
      int syllables, List<SentenceReading> hardest) {}

  /** One sentence as typed and its reading age (years). */
  public record SentenceReading(String sentence, double readingAge) {}

  /** Measures a text; a text with no words reads as the easiest (reading ease 100, reading age 5). */
  public static Reading of(String text) {
    List<String> sentences = sentences(text == null ? "" : text);
    int words = 0;
    int syllables = 0;
    int counted = 0;
    List<SentenceReading> readings = new ArrayList<>();
    for (String sentence : sentences) {
      List<String> found = words(sentence);
      if (found.isEmpty()) {
        continue;
      }
      counted++;
      int sentenceSyllables = found.stream().mapToInt(ReadingMeasure::syllables).sum();
      words += found.size();
      syllables += sentenceSyllables;
      if (found.size() >= 2) {
        readings.add(new SentenceReading(sentence, age(grade(found.size(), 1, sentenceSyllables))));
      }
    }
    if (words == 0) {
      return new Reading(100, 0, 5, 0, 0, 0, List.of());
    }
    double ease = 206.835 - 1.015 * ((double) words / counted) - 84.6 * ((double) syllables / words);
    double grade = grade(words, counted, syllables);
    readings.sort(Comparator.comparingDouble(SentenceReading::readingAge).reversed());
    return new Reading(round(ease), round(grade), age(grade), counted, words, syllables,
        List.copyOf(readings.subList(0, Math.min(3, readings.size()))));
  }

  /** The sentences of a text, trimmed, in order. */
  static List<String> sentences(String text) {
    List<String> sentences = new ArrayList<>();
    for (String part : SENTENCE_END.split(text)) {
      if (!part.isBlank()) {
        sentences.add(part.strip());
      }
    }
    return sentences;
  }

  static List<String> words(String sentence) {
    List<String> words = new ArrayList<>();
    Matcher m = WORD.matcher(sentence);
    while (m.find()) {
      words.add(m.group());
    }
    return words;
  }

  /** Syllables of one word by the vowel-group heuristic; a number or abbreviation counts as one. */
  static int syllables(String word) {
    String w = word.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    if (w.isEmpty() || w.length() <= 3) {
      return 1;
    }
    // -es and -ed are silent except after the sounds that need a vowel (places, wishes; wanted, needed).
    w = w.replaceAll("(?:[^laeiouycgsxzh]es|[^laeiouytd]ed|[^laeiouy]e)$", "").replaceAll("^y", "");
    Matcher m = VOWEL_GROUP.matcher(w);
    int count = 0;
    while (m.find()) {
      count++;
    }
    return Math.max(1, count);
  }

  private static double grade(int words, int sentences, int syllables) {
    return 0.39 * ((double) words / sentences) + 11.8 * ((double) syllables / words) - 15.59;
  }

  private static double age(double grade) {
    return round(Math.max(5, grade + 5));
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
