package org.safeguardflow.casework;

import org.camunda.bpm.engine.delegate.VariableScope;

/** Free text a practitioner must give in a form: present, not blank, and within the field's length. */
final class Texts {

  private Texts() {}

  static String required(VariableScope scope, String variable, int maxLength) {
    Object value = scope.getVariable(variable);
    if (!(value instanceof String text) || text.isBlank()) {
      throw new CaseRuleException(variable + " is required");
    }
    if (text.length() > maxLength) {
      throw new CaseRuleException(variable + " must be at most " + maxLength + " characters");
    }
    return text.strip();
  }
}
