package org.safeguardflow.casework;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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
 */
public final class FormValues {

  /** The longest free text a collecting check accepts, in characters. */
  public static final int MAX_TEXT_LENGTH = 4000;

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

  /** Required text no longer than {@code maxLength}. */
  public static String requiredText(String variable, Object value, int maxLength) {
    if (!(value instanceof String text) || text.isBlank()) {
      throw new CaseRuleException(variable + " is required");
    }
    if (text.length() > maxLength) {
      throw new CaseRuleException(variable + " must be at most " + maxLength + " characters");
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
    } else if (text.length() > MAX_TEXT_LENGTH) {
      problems.add(variable + " must be at most " + MAX_TEXT_LENGTH + " characters");
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

  private static SpinJsonNode parse(String variable, String text) {
    try {
      return Spin.JSON(text);
    } catch (RuntimeException e) {
      throw new CaseRuleException(variable + " must be a list of choices");
    }
  }
}
