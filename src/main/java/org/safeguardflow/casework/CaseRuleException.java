package org.safeguardflow.casework;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A form submission that would break a rule of the case record (most of them DfE census rules).
 * Thrown from task listeners, it refuses the completion: Tasklist shows the message, and nothing of
 * the submission is kept. The message starts "Not recorded: " once, whatever the caller passed in
 * (a message built from another refusal's is not prefixed twice).
 */
public class CaseRuleException extends BadUserRequestException {

  /** How every refusal of a form begins. */
  public static final String PREFIX = "Not recorded: ";

  public CaseRuleException(String message) {
    super(PREFIX + (message == null ? "" : message.replaceFirst("^(" + PREFIX + ")+", "")));
  }
}
