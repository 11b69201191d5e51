package org.safeguardflow.notify;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.safeguardflow.casework.FormValues;
import org.safeguardflow.casework.Pathway;
import org.safeguardflow.casework.strategy.StrategyDiscussionProcess;
import org.safeguardflow.casework.strategy.StrategyDiscussionProcess.Invitee;

/**
 * The agencies invited to a case's strategy discussion, as notification recipients. The partner
 * directory that turns an agency into a secure address arrives with the delivery channels; until
 * then the recipient names the agency, and the notification is recorded for it.
 */
final class StrategyAgencies {

  static final String CHANNEL = "AGENCY";
  static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);

  private StrategyAgencies() {}

  static List<String> invited(DelegateExecution execution) {
    return FormValues.list(Pathway.Var.STRATEGY_INVITEES, execution);
  }

  static String recipient(String invitee, DelegateExecution execution) {
    String recipient = "agency:" + invitee;
    if (Invitee.OTHER.name().equals(invitee)
        && StrategyDiscussionProcess.Var.STRATEGY_OTHER_INVITEE.get(execution) != null) {
      recipient += " (" + StrategyDiscussionProcess.Var.STRATEGY_OTHER_INVITEE.get(execution).strip() + ")";
    }
    return recipient.length() > 254 ? recipient.substring(0, 254) : recipient;
  }

  /** The idempotency key: case, type, the case's discussion number, then the agency. */
  static String key(String caseRef, String type, DelegateExecution execution, String invitee) {
    Integer number = StrategyDiscussionProcess.Var.STRATEGY_DISCUSSION_NUMBER.get(execution);
    int discussion = number == null ? 1 : number;
    return Notifications.Notification.key(caseRef, type, discussion) + ":" + invitee;
  }

  static String day(LocalDate date) {
    return date.format(DAY);
  }
}
