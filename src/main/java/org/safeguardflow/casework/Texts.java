package org.safeguardflow.casework;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Free text a practitioner gives in a form: present when required, and within the field's length
 * counted as a person counts characters. A length is a number of user-perceived characters
 * (Unicode extended grapheme clusters, {@code \X}): {@code é} typed as e + combining accent, a flag
 * or a family emoji each count one, where Java's {@code String.length()} (UTF-16 units) would count 2,
 * 4 or 8 and refuse a child's views a person can see are within the limit. Text is kept exactly as
 * typed (never trimmed, never escaped): forms show it in text fields, never as markup.
 */
public final class Texts {

  /** The engine stores a text variable in a column of 4,000 UTF-16 units (H2) or code points (PostgreSQL). */
  public static final int ENGINE_TEXT_UNITS = 4000;

  private static final Pattern GRAPHEME = Pattern.compile("\\X");

  private Texts() {}

  /** The number of characters a person would count in {@code text} (grapheme clusters). */
  public static int characters(String text) {
    Matcher grapheme = GRAPHEME.matcher(text);
    int count = 0;
    while (grapheme.find()) {
      count++;
    }
    return count;
  }

  /**
   * The variable's text, present and at most {@code maxLength} characters (see {@link #characters}).
   *
   * @throws CaseRuleException naming the variable and the rule broken (required, at most N characters)
   */
  public static String required(VariableScope scope, String variable, int maxLength) {
    return required(variable, scope.getVariable(variable), maxLength);
  }

  /** As {@link #required(VariableScope, String, int)}, for a value already read (e.g. a list item's field). */
  public static String required(String field, Object value, int maxLength) {
    if (!(value instanceof String text) || text.isBlank()) {
      throw new CaseRuleException(field + " is required");
    }
    return withinLength(field, text, maxLength);
  }

  /**
   * Optional text: null or blank is accepted as it came; otherwise at most {@code maxLength}
   * characters.
   *
   * @throws CaseRuleException when the value is not text or is too long, naming the field
   */
  public static String optional(String field, Object value, int maxLength) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw new CaseRuleException(field + " must be text");
    }
    return withinLength(field, text, maxLength);
  }

  private static String withinLength(String field, String text, int maxLength) {
    // Cheap bound first: a text of no more UTF-16 units than the limit has no more characters.
    if (text.length() > maxLength && characters(text) > maxLength) {
      throw new CaseRuleException(field + " must be at most " + maxLength + " characters (it has "
          + characters(text) + ")");
    }
    if (text.length() > ENGINE_TEXT_UNITS) {
      // The engine keeps a text variable in a 4,000-place column; emoji and combined letters take
      // several places each, so such a text can be within the field's limit and still not fit.
      throw new CaseRuleException(field + " is too long to keep: its " + characters(text)
          + " characters take " + text.length() + " of the " + ENGINE_TEXT_UNITS
          + " places a text has (emoji and combined letters take more than one); shorten it");
    }
    return text;
  }
}
