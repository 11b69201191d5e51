package org.safeguardflow.notify;

import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.safeguardflow.casework.conference.InitialConferenceProcess.Invitee;
import org.safeguardflow.casework.conference.InitialConferenceProcess.Var;
import org.safeguardflow.casework.family.FamilyMember;
import org.safeguardflow.casework.family.FamilyNetwork;
import org.safeguardflow.notify.Notifications.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Invites each partner agency to the initial child protection conference: one message per agency,
 * keyed by its place in the invitation list so that a retried job sends nothing twice. The message
 * says when and where, and the case reference to quote; the child's name and the concerns reach the
 * agency with the chair's secure conference papers, never in this message.
 *
 * <p>When the family is among the invitees, everyone the case's family network says holds parental
 * responsibility is invited too, whether or not they live with the child (Working Together 2023, 4.1:
 * parents, fathers included, are invited to the conference): by email when one is recorded, keyed
 * {@code ICPC_FAMILY_INVITE} and their place in the network. A parent with only a postal address is
 * recorded as a letter for the worker to post ({@code NO_ROUTE}, recipient {@code post:} and the address),
 * and one with no contact details at all as such, so that the gap shows on the case's notifications. The
 * child (or advocate) is invited in person by the allocated worker.
 */
@Component("inviteToConference")
class InviteToConference implements JavaDelegate {

  static final String TYPE = "ICPC_INVITE";
  static final String FAMILY_TYPE = "ICPC_FAMILY_INVITE";
  private static final Logger log = LoggerFactory.getLogger(InviteToConference.class);

  private final Notifications notifications;
  private final FamilyNetwork family;

  InviteToConference(Notifications notifications, FamilyNetwork family) {
    this.notifications = notifications;
    this.family = family;
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
    if (Invitees.of(execution).contains(Invitee.FAMILY)) {
      inviteParents(caseRef, date, venue);
    }
  }

  private void inviteParents(String caseRef, Object date, Object venue) {
    List<FamilyMember> parents = family.withParentalResponsibility(caseRef);
    for (int i = 0; i < parents.size(); i++) {
      FamilyMember parent = parents.get(i);
      String body = "Dear " + parent.name() + ",\n\n"
          + "We are holding a meeting about your child, called a child protection conference. You are invited to"
          + " come. You can bring a friend, relative or solicitor with you.\n"
          + "Date: " + date + "\n"
          + "Place: " + venue + "\n"
          + "Case reference: " + caseRef + "\n\n"
          + "Your social worker will talk to you before the meeting about what will be said. If you cannot come,"
          + " please tell your social worker, quoting the case reference.";
      String recipient;
      Notifications.Status status;
      if (parent.email() != null) {
        recipient = parent.email();
        status = Notifications.Status.RECORDED;
      } else if (parent.address() != null) {
        recipient = "post:" + parent.name() + ", " + parent.address().replaceAll("\\R+", ", ");
        status = Notifications.Status.NO_ROUTE;
      } else {
        recipient = "none:" + parent.name() + " (no email or postal address in the family network)";
        status = Notifications.Status.NO_ROUTE;
      }
      // The outbox keeps at most 254 characters of a recipient; the worker reads the full address in the network.
      if (recipient.length() > 254) {
        recipient = recipient.substring(0, Character.isHighSurrogate(recipient.charAt(250)) ? 250 : 251) + "...";
      }
      Notification invitation = new Notification(Notification.key(caseRef, FAMILY_TYPE, i + 1), caseRef, FAMILY_TYPE,
          recipient, "FAMILY", "Child protection conference " + caseRef, body, status);
      if (notifications.record(invitation)) {
        log.info("Invited a parent ({}) to the conference on case {}", status, caseRef);
      }
    }
  }
}
