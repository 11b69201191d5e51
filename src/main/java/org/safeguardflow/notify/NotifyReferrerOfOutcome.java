package org.safeguardflow.notify;

import static org.safeguardflow.intake.ContactProcess.Var.CONTACT_DECISION;
import static org.safeguardflow.intake.ContactProcess.Var.REFERRER_EMAIL;
import static org.safeguardflow.intake.ContactProcess.Var.REFERRER_ORGANISATION;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.safeguardflow.intake.ContactProcess.Route;
import org.safeguardflow.notify.Notifications.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells the referrer what the front door decided. The message carries the case reference and the
 * decision only: never the child's name or the concerns, which the referrer already knows.
 */
@Component("notifyReferrerOfOutcome")
class NotifyReferrerOfOutcome implements JavaDelegate {

  static final String TYPE = "REFERRER_OUTCOME";
  private static final Logger log = LoggerFactory.getLogger(NotifyReferrerOfOutcome.class);

  private final Notifications notifications;

  NotifyReferrerOfOutcome(Notifications notifications) {
    this.notifications = notifications;
  }

  /**
   * The route the manager chose; or, when the manager confirmed the child is one whose case is open,
   * that the contact joined that case (the route then only closed this contact's own case).
   */
  private static String outcome(DelegateExecution execution, Route decision) {
    String joined = org.safeguardflow.intake.ContactProcess.Var.JOINED_OPEN_CASE.get(execution);
    return joined == null ? decision.label()
        : "Joined the child's open case " + joined + ", where the front door reviews your contact with the child's history";
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseRef = execution.getProcessBusinessKey();
    Route decision = CONTACT_DECISION.require(execution);
    String email = REFERRER_EMAIL.get(execution);
    String organisation = REFERRER_ORGANISATION.get(execution);

    String subject = "Your contact " + caseRef + ": outcome";
    String body = "Thank you for contacting the children's services front door"
        + (organisation == null ? "" : " on behalf of " + organisation) + ".\n"
        + "Case reference: " + caseRef + "\n"
        + "Outcome: " + outcome(execution, decision) + "\n"
        + "Please quote the case reference if you contact us about this child again.";
    boolean hasRoute = email != null && !email.isBlank();
    Notification notification = new Notification(Notification.key(caseRef, TYPE, 1), caseRef, TYPE,
        hasRoute ? email : "(no contact route)", hasRoute ? "EMAIL" : "NONE", subject, body,
        hasRoute ? Notifications.Status.RECORDED : Notifications.Status.NO_ROUTE);
    if (notifications.record(notification)) {
      log.info("Referrer outcome for case {} ({}): {} -> {}", caseRef, decision, notification.channel(), notification.recipient());
    }
  }
}
