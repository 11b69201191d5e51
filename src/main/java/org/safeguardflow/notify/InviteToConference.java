package org.safeguardflow.notify;

import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.safeguardflow.casework.conference.InitialConferenceProcess.Invitee;
import org.safeguardflow.casework.conference.InitialConferenceProcess.Var;
import org.safeguardflow.notify.Notifications.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Invites each partner agency to the initial child protection conference: one message per agency,
 * keyed by its place in the invitation list so that a retried job sends nothing twice. The message
 * says when and where, and the case reference to quote; the child's name and the concerns reach the
 * agency with the chair's secure conference papers, never in this message. The family and the child
 * (or advocate) are invited in person by the allocated worker.
 */
@Component("inviteToConference")
class InviteToConference implements JavaDelegate {

  static final String TYPE = "ICPC_INVITE";
  private static final Logger log = LoggerFactory.getLogger(InviteToConference.class);

  private final Notifications notifications;

  InviteToConference(Notifications notifications) {
    this.notifications = notifications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseRef = execution.getProcessBusinessKey();
    LocalDate date = Var.CONFERENCE_PLANNED_DATE.get(execution);
    String venue = Var.CONFERENCE_VENUE.get(execution);
    List<Invitee> agencies = Invitees.agencies(execution);
    for (int i = 0; i < agencies.size(); i++) {
      Invitee agency = agencies.get(i);
      String body = "You are invited to an initial child protection conference.\n"
          + "Case reference: " + caseRef + "\n"
          + "Date: " + date + "\n"
          + "Venue: " + venue + "\n"
          + "Please attend, or send a written report to the conference chair before the day, quoting the case reference.";
      Notification invitation = new Notification(Notification.key(caseRef, TYPE, i + 1), caseRef, TYPE,
          "agency:" + agency.name(), "PARTNER", "Initial child protection conference " + caseRef, body,
          Notifications.Status.RECORDED);
      if (notifications.record(invitation)) {
        log.info("Invited {} to the conference on case {}", agency, caseRef);
      }
    }
  }
}
