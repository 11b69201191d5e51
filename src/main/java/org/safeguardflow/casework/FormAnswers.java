package org.safeguardflow.casework;

import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;

/** Checks on what a practitioner submitted in a form, collected so that one refusal lists every problem. */
final class FormAnswers {

  static final int MAX_TEXT_LENGTH = 4000;

  private FormAnswers() {}

  static void requireText(VariableScope scope, String variable, String what, List<String> problems) {
    Object value = scope.getVariable(variable);
    if (!(value instanceof String text) || text.isBlank()) {
      problems.add(variable + " is required: give " + what);
    } else if (text.length() > MAX_TEXT_LENGTH) {
      problems.add(variable + " must be at most " + MAX_TEXT_LENGTH + " characters");
    }
  }

  static void requireYesOrNo(VariableScope scope, String variable, List<String> problems) {
    if (!(scope.getVariable(variable) instanceof Boolean)) {
      problems.add(variable + " is required: answer yes or no");
    }
  }

  /** The value when it is one of {@code allowed}; otherwise null, with the problem noted. */
  static String requireOneOf(VariableScope scope, String variable, List<String> allowed, List<String> problems) {
    Object value = scope.getVariable(variable);
    if (value instanceof String code && allowed.contains(code)) {
      return code;
    }
    problems.add(variable + " must be one of " + String.join(", ", allowed));
    return null;
  }

  static List<String> categoriesOfAbuse() {
    return Arrays.stream(Pathway.CategoryOfAbuse.values()).map(Enum::name).toList();
  }

  static void refuseIfAny(List<String> problems) {
    if (!problems.isEmpty()) {
      throw new CaseRuleException(String.join("; ", problems));
    }
  }
}
