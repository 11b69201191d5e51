package org.safeguardflow.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * A child's words are counted as a person counts them: a family emoji, a flag, a letter with a
 * combining accent are one character each, so a text within a field's limit on screen is within it
 * on the server too; a text the engine cannot keep is refused by name, never a database error.
 */
class FreeTextTest {

  @Test
  void charactersAreCountedAsAPersonSeesThem() {
    assertThat(FormValues.characters("👨‍👩‍👧")).isEqualTo(1);
    assertThat(FormValues.characters("🇬🇧")).isEqualTo(1);
    assertThat(FormValues.characters("Zoe\u0308")).isEqualTo(3);
    assertThat(FormValues.characters("Zoë")).isEqualTo(3);
    assertThat(FormValues.characters("I'm scared 😢")).isEqualTo(12);
  }

  @Test
  void aFieldLimitCountsCharactersNotUtf16Units() {
    String twoHundred = "Zoe\u0308".repeat(66) + "Jo"; // 200 characters, 266 UTF-16 units
    assertThat(FormValues.requiredText("parentsViews[1].name", twoHundred, 200)).isSameAs(twoHundred);
    assertThatThrownBy(() -> FormValues.requiredText("parentsViews[1].name", twoHundred + "x", 200))
        .hasMessage("Not recorded: parentsViews[1].name must be at most 200 characters (it has 201)");
    assertThatThrownBy(() -> FormValues.requiredText("analysisRisks", " ", 4000)).hasMessage("Not recorded: analysisRisks is required");
    assertThat(FormValues.optionalText("analysisRisks", null, 10)).isNull();
    assertThatThrownBy(() -> FormValues.optionalText("analysisRisks", 42, 10)).hasMessage("Not recorded: analysisRisks must be text");
  }

  @Test
  void aTextTheEngineCannotKeepIsRefusedByName() {
    String families = "👨‍👩‍👧".repeat(600); // 600 characters, 4,800 UTF-16 units: more than a text variable holds
    assertThatThrownBy(() -> FormValues.requiredText("assessmentChildViews", families, 4000))
        .hasMessageStartingWith("Not recorded: assessmentChildViews is too long to keep: its 600 characters take 4800 of the 4000 places");
  }

  @Test
  void textIsKeptExactlyAsTyped() {
    String typed = "  <b>Mum</b> **cries**\n";
    assertThat(FormValues.requiredText("assessmentChildViews", typed, 4000)).isSameAs(typed);
  }
}
