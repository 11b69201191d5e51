package org.safeguardflow.notify;

import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.safeguardflow.casework.conference.InitialConferenceProcess.ConferenceKind;
import org.safeguardflow.casework.conference.InitialConferenceProcess.Invitee;
import org.safeguardflow.casework.conference.InitialConferenceProcess.Var;
import org.safeguardflow.casework.family.FamilyMember;
import org.safeguardflow.casework.protectionplan.ChildProtectionPlanProcess;
import org.safeguardflow.notify.Notifications.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Invites the people chosen to a child protection conference, the initial one
 * ({@code bpmn/initial-conference.bpmn}) and each review ({@code bpmn/child-protection-plan.bpmn}, input
 * parameter {@code conferenceKind} = {@code REVIEW}): one message per partner agency, keyed by its place in
 * the invitation list so that a retried job sends nothing twice. The message says when and where, and the
 * case reference to quote; the child's name and the concerns reach the agency with the chair's secure
 * conference papers, never in this message.
 *
 * <p>When the family is among the invitees, everyone the case's family network says holds parental
 * responsibility is invited too, whether or not they live with the child (Working Together 2023, 4.1 and
 * 4.4: parents, fathers included, are invited to the initial and to every review conference), reached as
 * {@link LettersToParents} decides (email, a letter to post, or the gap recorded). The child (or advocate)
 * is invited in person by the allocated worker.
 *
 * <p>Keys: the initial conference's {@code ICPC_INVITE} and {@code ICPC_FAMILY_INVITE}, each with its
 * place; a review's {@code RCPC_INVITE:n} and {@code RCPC_FAMILY_INVITE:n}, n the review's number (1 for
 * the first review), so that each review's invitations are new messages and a retry of one is not.
 */
@Component("inviteToConference")
class InviteToConference implements JavaDelegate {

  static final String TYPE = "ICPC_INVITE";
  static final String FAMILY_TYPE = "ICPC_FAMILY_INVITE";
  static final String REVIEW_TYPE = "RCPC_INVITE";
  static final String REVIEW_FAMILY_TYPE = "RCPC_FAMILY_INVITE";
  private static final Logger log = LoggerFactory.getLogger(InviteToConference.class);

  private final Notifications notifications;
  private final LettersToParents parents;

  InviteToConference(Notifications notifications, LettersToParents parents) {
    this.notifications = notifications;
    this.parents = parents;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseRef = execution.getProcessBusinessKey();
    ConferenceKind kind = Var.CONFERENCE_KIND.get(execution);
    boolean review = kind == ConferenceKind.REVIEW;
    Integer reviewsHeld = review ? ChildProtectionPlanProcess.Var.REVIEW_CONFERENCE_COUNT.get(execution) : null;
    String reviewNumber = review ? ":" + ((reviewsHeld == null ? 0 : reviewsHeld) + 1) : "";
    String what = review ? "a review child protection conference" : "an initial child protection conference";
    String title = review ? "Review child protection conference " : "Initial child protection conference ";
    LocalDate date = Var.CONFERENCE_PLANNED_DATE.get(execution);
    String venue = Var.CONFERENCE_VENUE.get(execution);
    List<Invitee> agencies = Invitees.agencies(execution);
    String agencyType = review ? REVIEW_TYPE : TYPE;
    for (int i = 0; i < agencies.size(); i++) {
      Invitee agency = agencies.get(i);
      String body = "You are invited to " + what + ".\n"
          + "Case reference: " + caseRef + "\n"
          + "Date: " + date + "\n"
          + "Venue: " + venue + "\n"
          + "Please attend, or send a written report to the conference chair before the day, quoting the case reference.";
      Notification invitation = new Notification(Notification.key(caseRef, agencyType + reviewNumber, i + 1), caseRef,
          agencyType, "agency:" + agency.name(), "PARTNER", title + caseRef, body, Notifications.Status.RECORDED);
      if (notifications.record(invitation)) {
        log.info("Invited {} to the {} conference on case {}", agency, review ? "review" : "initial", caseRef);
      }
    }
    if (Invitees.of(execution).contains(Invitee.FAMILY)) {
      String familyType = review ? REVIEW_FAMILY_TYPE : FAMILY_TYPE;
      parents.write(caseRef, familyType, familyType + reviewNumber,
          (review ? "Review child protection conference " : "Child protection conference ") + caseRef,
          parent -> toParent(parent, review, caseRef, date, venue), null);
    }
  }

  private static String toParent(FamilyMember parent, boolean review, String caseRef, LocalDate date, String venue) {
    String meeting = review
        ? "We are holding a meeting to look at how your child's child protection plan is going and whether it is"
            + " still needed, called a review child protection conference. You are invited to come."
        : "We are holding a meeting about your child, called a child protection conference. You are invited to come.";
    return "Dear " + parent.name() + ",\n\n"
        + meeting + " You can bring a friend, relative or solicitor with you.\n"
        + "Date: " + date + "\n"
        + "Place: " + venue + "\n"
        + "Case reference: " + caseRef + "\n\n"
        + "Your social worker will talk to you before the meeting about what will be said. If you cannot come,"
        + " please tell your social worker, quoting the case reference.";
  }
}
