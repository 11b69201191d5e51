package org.safeguardflow.casework;

import java.text.BreakIterator;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Free text a practitioner gives in a form: present, not blank, and within the field's length, the
 * length counted as a person counts characters ({@link #characters}), so that a limit of 1,000 allows
 * 1,000 accented letters or characters outside the basic plane, not fewer.
 */
final class Texts {

  private Texts() {}

  static String required(VariableScope scope, String variable, int maxLength) {
    Object value = scope.getVariable(variable);
    if (!(value instanceof String text) || text.isBlank()) {
      throw new CaseRuleException(variable + " is required");
    }
    if (characters(text) > maxLength) {
      throw new CaseRuleException(variable + " must be at most " + maxLength + " characters");
    }
    return text.strip();
  }

  /**
   * The number of characters a reader sees: user-perceived characters (Java 17's character
   * boundaries), so {@code e} followed by a combining acute accent is one, as is {@code 😀} (two UTF-16
   * units). Java 17 splits an emoji sequence joined by zero-width joiners into its parts.
   */
  static int characters(String text) {
    BreakIterator boundaries = BreakIterator.getCharacterInstance(Locale.UK);
    boundaries.setText(text);
    int count = 0;
    while (boundaries.next() != BreakIterator.DONE) {
      count++;
    }
    return count;
  }

  /**
   * A required free-text answer kept exactly as typed (leading spaces and line breaks included), or a
   * problem naming the field and the rule added to {@code problems} (then null).
   *
   * @param field the field's name as the form and the refusal show it, e.g. {@code planOutcomes[1].measuredBy}
   */
  static String asTyped(String field, Object value, int maxLength, java.util.List<String> problems) {
    if (!(value instanceof String text) || text.isBlank()) {
      problems.add(field + " is required");
      return null;
    }
    if (characters(text) > maxLength) {
      problems.add(field + " must be at most " + maxLength + " characters (it has " + characters(text) + ")");
      return null;
    }
    return text;
  }
}
