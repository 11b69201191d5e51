package org.safeguardflow.casework;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;
import org.safeguardflow.variables.Var;

/**
 * The one reader of what a practitioner submitted in a form, as Camunda Forms and the REST API submit
 * it: a checklist arrives as a Java list, a JSON variable or JSON text; a yes/no radio as the text
 * "true"/"false" or a Boolean.
 *
 * <p>Two ways to refuse: the readers ({@link #list}, {@link #yesNo}, {@link #requiredText}) throw a
 * {@link CaseRuleException} at the first fault; the checks ({@link #requireText},
 * {@link #requireYesOrNo}, {@link #requireOneOf}) note each fault in a list, so that one refusal
 * ({@link #refuseIfAny}) names every problem of the form at once.
 *
 * <p>Free text is kept exactly as typed (never trimmed, never escaped: forms show it in text fields,
 * never as markup), and its length is counted as a person counts characters ({@link #characters}):
 * {@code é} typed as e + combining accent, a flag or a family emoji each count one, where
 * {@code String.length()} (UTF-16 units) would count 2, 4 or 8 and refuse a child's words a person
 * can see are within the limit.
 */
public final class FormValues {

  /** The longest free text a collecting check accepts, in characters. */
  public static final int MAX_TEXT_LENGTH = 4000;

  /** The engine stores a text variable in a column of 4,000 UTF-16 units (H2) or code points (PostgreSQL). */
  public static final int ENGINE_TEXT_UNITS = 4000;

  private static final Pattern GRAPHEME = Pattern.compile("\\X");

  private FormValues() {}

  /**
   * A handle for a checklist answer: read as {@link #list(String, Object)} reads it (a list, JSON or
   * comma-separated text; refused naming the variable otherwise), written as a Java list as
   * delegates store it today.
   */
  public static Var<List<String>> checklist(String name) {
    return Var.withCodec(name, "a list of choices", stored -> list(name, stored), ArrayList::new);
  }

  /**
   * A handle for a checklist kept as a JSON array of text (a Camunda Spin JSON variable, as the
   * invitation forms read it): read as {@link #list(String, Object)} reads it, written as JSON.
   */
  public static Var<List<String>> jsonChecklist(String name) {
    return Var.withCodec(name, "a JSON list of choices", stored -> list(name, stored),
        values -> SpinValues.jsonValue(Spin.JSON(new ArrayList<>(values))).create());
  }

  /** A handle for a yes/no answer: read as {@link #yesNo(String, Object)} reads it, written as a Boolean. */
  public static Var<Boolean> yesNoAnswer(String name) {
    return Var.withCodec(name, "yes or no (a Boolean)", stored -> yesNo(name, stored), answer -> answer);
  }

  /** The ticked values of a checklist the form submitted; empty when nothing was ticked. */
  public static List<String> list(Var<List<String>> variable, VariableScope scope) {
    return list(variable.name(), variable.raw(scope));
  }

  /**
   * A required date the form submitted (a {@link CaseDates#variable} handle: ISO text, the day in England).
   *
   * @throws CaseRuleException naming the field when it is absent ({@code <field> is required}) or, as
   *     {@link CaseDates#of} refuses it, not a date
   */
  public static LocalDate requiredDate(Var<LocalDate> variable, VariableScope scope) {
    LocalDate date = variable.get(scope);
    if (date == null) {
      throw new CaseRuleException(variable + " is required");
    }
    return date;
  }

  /** Required text the form submitted, no longer than {@code maxLength}. */
  public static String requiredText(Var<String> variable, VariableScope scope, int maxLength) {
    return requiredText(variable.name(), variable.raw(scope), maxLength);
  }

  /** Notes a problem unless the form gave non-blank text; see {@link #requireText(VariableScope, String, String, List)}. */
  public static void requireText(VariableScope scope, Var<String> variable, String what, List<String> problems) {
    requireText(scope, variable.name(), what, problems);
  }

  /** Notes a problem unless the form gave a yes/no answer (a Boolean). */
  public static void requireYesOrNo(VariableScope scope, Var<Boolean> variable, List<String> problems) {
    requireYesOrNo(scope, variable.name(), problems);
  }

  /** The code the form gave when it is one of {@code allowed}; otherwise null, with the problem noted. */
  public static String requireOneOf(VariableScope scope, Var<?> variable, List<String> allowed, List<String> problems) {
    return requireOneOf(scope, variable.name(), allowed, problems);
  }

  /** The ticked values of a checklist, in the order given; empty when nothing was ticked. */
  public static List<String> list(String variable, Object value) {
    List<String> values = new ArrayList<>();
    if (value == null) {
      return values;
    }
    if (value instanceof Collection<?> items) {
      items.forEach(item -> values.add(String.valueOf(item)));
      return values;
    }
    if (value instanceof String text) {
      if (text.isBlank()) {
        return values;
      }
      if (!text.strip().startsWith("[")) {
        for (String item : text.split(",")) {
          if (!item.isBlank()) {
            values.add(item.strip());
          }
        }
        return values;
      }
      value = parse(variable, text);
    }
    if (value instanceof SpinJsonNode json && json.isArray()) {
      json.elements().forEach(item -> values.add(item.isString() ? item.stringValue() : item.toString()));
      return values;
    }
    throw new CaseRuleException(variable + " must be a list of choices");
  }

  /** A yes/no answer, or null when it was not given. */
  public static Boolean yesNo(String variable, Object value) {
    if (value == null || (value instanceof String text && text.isBlank())) {
      return null;
    }
    if (value instanceof Boolean answer) {
      return answer;
    }
    if ("true".equals(value)) {
      return true;
    }
    if ("false".equals(value)) {
      return false;
    }
    throw new CaseRuleException(variable + " must be yes (true) or no (false), not '" + value + "'");
  }

  /** The number of characters a person would count in {@code text}: Unicode extended grapheme clusters. */
  public static int characters(String text) {
    Matcher grapheme = GRAPHEME.matcher(text);
    int count = 0;
    while (grapheme.find()) {
      count++;
    }
    return count;
  }

  /**
   * Required text, at most {@code maxLength} characters (see {@link #characters}), returned as typed.
   *
   * @throws CaseRuleException naming the field and the rule broken (required, at most N characters,
   *     too long for the engine to keep)
   */
  public static String requiredText(String variable, Object value, int maxLength) {
    if (!(value instanceof String text) || text.isBlank()) {
      throw new CaseRuleException(variable + " is required");
    }
    return withinLength(variable, text, maxLength);
  }

  /**
   * Optional text: null is accepted as it came; otherwise text of at most {@code maxLength} characters.
   *
   * @throws CaseRuleException when the value is not text or is too long, naming the field
   */
  public static String optionalText(String variable, Object value, int maxLength) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw new CaseRuleException(variable + " must be text");
    }
    return withinLength(variable, text, maxLength);
  }

  private static String withinLength(String variable, String text, int maxLength) {
    // Cheap bound first: a text of no more UTF-16 units than the limit has no more characters.
    if (text.length() > maxLength && characters(text) > maxLength) {
      throw new CaseRuleException(variable + " must be at most " + maxLength + " characters (it has "
          + characters(text) + ")");
    }
    if (text.length() > ENGINE_TEXT_UNITS) {
      // The engine keeps a text variable in a 4,000-place column; emoji and combined letters take
      // several places each, so such a text can be within the field's limit and still not fit.
      throw new CaseRuleException(variable + " is too long to keep: its " + characters(text)
          + " characters take " + text.length() + " of the " + ENGINE_TEXT_UNITS
          + " places a text has (emoji and combined letters take more than one); shorten it");
    }
    return text;
  }

  /**
   * Notes a problem unless {@code variable} holds non-blank text of at most {@link #MAX_TEXT_LENGTH}
   * characters; {@code what} says in the practitioner's words what to give.
   */
  public static void requireText(VariableScope scope, String variable, String what, List<String> problems) {
    Object value = scope.getVariable(variable);
    if (!(value instanceof String text) || text.isBlank()) {
      problems.add(variable + " is required: give " + what);
      return;
    }
    try {
      withinLength(variable, text, MAX_TEXT_LENGTH);
    } catch (CaseRuleException tooLong) {
      problems.add(tooLong.getMessage().replaceFirst("^Not recorded: ", ""));
    }
  }

  /** Notes a problem unless {@code variable} holds a yes/no answer (a Boolean). */
  public static void requireYesOrNo(VariableScope scope, String variable, List<String> problems) {
    if (!(scope.getVariable(variable) instanceof Boolean)) {
      problems.add(variable + " is required: answer yes or no");
    }
  }

  /** The value when it is one of {@code allowed}; otherwise null, with the problem noted. */
  public static String requireOneOf(VariableScope scope, String variable, List<String> allowed,
      List<String> problems) {
    Object value = scope.getVariable(variable);
    if (value instanceof String code && allowed.contains(code)) {
      return code;
    }
    problems.add(variable + " must be one of " + String.join(", ", allowed));
    return null;
  }

  /**
   * Refuses the form when any check noted a problem.
   *
   * @throws CaseRuleException naming every problem noted, separated by "; "
   */
  public static void refuseIfAny(List<String> problems) {
    if (!problems.isEmpty()) {
      throw new CaseRuleException(String.join("; ", problems));
    }
  }

  /**
   * A required free-text answer kept exactly as typed (leading spaces and line breaks included), or
   * null with the problem naming the field and the rule added to {@code problems}.
   *
   * @param field the field as the form and the refusal name it, e.g. {@code planOutcomes[1].measuredBy}
   */
  public static String asTyped(String field, Object value, int maxLength, List<String> problems) {
    if (!(value instanceof String text) || text.isBlank()) {
      problems.add(field + " is required");
      return null;
    }
    int length = characters(text);
    if (length > maxLength) {
      problems.add(field + " must be at most " + maxLength + " characters (it has " + length + ")");
      return null;
    }
    return text;
  }

  private static SpinJsonNode parse(String variable, String text) {
    try {
      return Spin.JSON(text);
    } catch (RuntimeException e) {
      throw new CaseRuleException(variable + " must be a list of choices");
    }
  }
}
