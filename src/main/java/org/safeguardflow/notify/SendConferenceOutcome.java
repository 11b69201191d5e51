package org.safeguardflow.notify;

import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.safeguardflow.casework.Pathway;
import org.safeguardflow.casework.conference.InitialConferenceProcess.Invitee;
import org.safeguardflow.casework.conference.InitialConferenceProcess.Var;
import org.safeguardflow.notify.Notifications.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells every invited agency what the conference decided: the case reference, the conference date and
 * the outcome, which is what an agency needs to know whether it is now part of a plan. The category
 * of abuse is deliberately left out: it is special category information about the child and family,
 * it is in the conference record and the plan that the core group receives from the chair, and an
 * agency that was invited but is not in the core group has no need of it.
 */
@Component("sendConferenceOutcome")
class SendConferenceOutcome implements JavaDelegate {

  static final String TYPE = "ICPC_OUTCOME";
  private static final Logger log = LoggerFactory.getLogger(SendConferenceOutcome.class);

  private final Notifications notifications;

  SendConferenceOutcome(Notifications notifications) {
    this.notifications = notifications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseRef = execution.getProcessBusinessKey();
    LocalDate date = Pathway.Var.DATE_OF_INITIAL_CPC.get(execution);
    String outcome = label(Pathway.Var.ICPC_OUTCOME.get(execution));
    List<Invitee> agencies = Invitees.agencies(execution);
    for (int i = 0; i < agencies.size(); i++) {
      String body = "Outcome of the initial child protection conference.\n"
          + "Case reference: " + caseRef + "\n"
          + "Conference date: " + date + "\n"
          + "Outcome: " + outcome + "\n"
          + "The conference chair sends the record of the conference to the agencies that need it.";
      Notification message = new Notification(Notification.key(caseRef, TYPE, i + 1), caseRef, TYPE,
          "agency:" + agencies.get(i).name(), "PARTNER", "Conference outcome " + caseRef, body,
          Notifications.Status.RECORDED);
      if (notifications.record(message)) {
        log.info("Told {} the conference outcome on case {}", agencies.get(i), caseRef);
      }
    }
  }

  static String label(Pathway.ConferenceOutcome outcome) {
    return switch (outcome) {
      case CP_PLAN -> "Child protection plan";
      case CIN_PLAN -> "Child in need plan";
      case NFA -> "No further action";
    };
  }
}
