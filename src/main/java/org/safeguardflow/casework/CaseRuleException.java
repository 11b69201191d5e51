package org.safeguardflow.casework;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A form submission that would break a rule of the case record (most of them DfE census rules).
 * Thrown from task listeners, it refuses the completion: Tasklist shows the message, and nothing of
 * the submission is kept.
 */
public class CaseRuleException extends BadUserRequestException {

  public CaseRuleException(String message) {
    super("Not recorded: " + message);
  }
}
