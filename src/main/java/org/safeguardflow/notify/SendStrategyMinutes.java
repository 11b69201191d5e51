package org.safeguardflow.notify;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.safeguardflow.casework.CaseDates;
import org.safeguardflow.casework.Pathway;
import org.safeguardflow.notify.Notifications.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells each invited agency that the minutes of the strategy discussion are recorded, with the date
 * and the section 47 decision they need to act on. The minutes themselves stay in the case record
 * and are shared through the agency's secure route, never in the message.
 */
@Component("sendStrategyMinutes")
class SendStrategyMinutes implements JavaDelegate {

  static final String TYPE = "STRATEGY_MINUTES";
  private static final Logger log = LoggerFactory.getLogger(SendStrategyMinutes.class);

  private final Notifications notifications;

  SendStrategyMinutes(Notifications notifications) {
    this.notifications = notifications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseRef = execution.getProcessBusinessKey();
    var held = Pathway.Var.STRATEGY_DISCUSSION_DATE.get(execution);
    String decision = Boolean.TRUE.equals(Pathway.Var.S47_STARTED.get(execution))
        ? "a section 47 enquiry has started"
        : "no section 47 enquiry";
    for (String invitee : StrategyAgencies.invited(execution)) {
      Notification minutes = new Notification(StrategyAgencies.key(caseRef, TYPE, execution, invitee), caseRef,
          TYPE, StrategyAgencies.recipient(invitee, execution), StrategyAgencies.CHANNEL,
          "Strategy discussion minutes: case " + caseRef,
          "The minutes of the strategy discussion held on " + StrategyAgencies.day(held) + " are recorded.\n"
              + "Case reference: " + caseRef + "\n"
              + "Decision: " + decision + ".\n"
              + "Your agency's copy is available through its secure route; quote the case reference.",
          Notifications.Status.RECORDED);
      if (notifications.record(minutes)) {
        log.info("Strategy discussion on {}: minutes available to {}", caseRef, minutes.recipient());
      }
    }
  }
}
