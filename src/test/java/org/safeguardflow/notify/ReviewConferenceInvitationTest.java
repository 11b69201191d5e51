package org.safeguardflow.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.safeguardflow.casework.CaseRecords;
import org.safeguardflow.casework.family.FamilyMember;
import org.safeguardflow.casework.family.FamilyNetwork;
import org.safeguardflow.casework.family.Relationship;
import org.safeguardflow.casework.protectionplan.ChildProtectionPlanProcess;
import org.safeguardflow.casework.protectionplan.ChildProtectionPlanScenarioTest;
import org.safeguardflow.notify.Notifications.Notification;
import org.safeguardflow.support.CaseScenario;
import org.safeguardflow.support.EngineClock;
import org.safeguardflow.support.SafeguardFlowTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Ella's review child protection conferences invite her family from her family network as her initial
 * conference did: her mother at home (a letter to post), her father who lives elsewhere (by email, a real
 * SMTP server), and her step-father with no address (the gap recorded); her grandmother, without parental
 * responsibility, is not invited. Each review's invitations are new messages; a retried job sends nothing
 * twice; a booking in the past or without a venue invites nobody.
 */
@SafeguardFlowTest
class ReviewConferenceInvitationTest {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(3025, "localhost", "smtp"));

  static final String SCHEDULE = ChildProtectionPlanProcess.Element.SCHEDULE_REVIEW_CONFERENCE;
  static final String RECORD = ChildProtectionPlanProcess.Element.RECORD_REVIEW_CONFERENCE;

  @Autowired CaseScenario scenario;
  @Autowired CaseRecords cases;
  @Autowired FamilyNetwork family;
  @Autowired Notifications notifications;
  @Autowired NotificationSender sender;
  @Autowired ProcessEngine engine;

  String ellasCase;
  ProcessInstance plan;

  @BeforeEach
  void ellaHasAChildProtectionPlanAndAFamilyNetwork() {
    BpmnAwareTests.init(engine);
    EngineClock.setTo("2026-04-20T17:00:00+01:00");
    ellasCase = scenario.openCase("Ella");
    cases.allocate(ellasCase, CaseScenario.NORTH, "worker", OffsetDateTime.parse("2026-04-06T10:00:00+01:00"));
    family.replace(ellasCase, List.of(
        new FamilyMember("Sarah <b>Smith</b>", Relationship.MOTHER, null, true, true, null, null,
            "12 Elm Road\nNorthtown NT1 2AB", true, true),
        new FamilyMember("Zoë O'Brien-Nguyễn", Relationship.FATHER, null, true, false, "ella.dad@family.example", null,
            null, false, false),
        new FamilyMember("Margaret Smith", Relationship.GRANDPARENT, null, false, false, "nan@family.example", null, null,
            true, false),
        new FamilyMember("Ray Jones", Relationship.STEP_PARENT, null, true, true, null, null, null, false, false)),
        "worker", OffsetDateTime.parse("2026-04-20T10:00:00+01:00"));
    Map<String, Object> vars = new HashMap<>();
    vars.put("referralDate", "2026-03-23");
    vars.put("allocatedWorker", "worker");
    vars.put("dateOfInitialCpc", "2026-04-20");
    vars.put("initialCategoryOfAbuse", "NEG");
    plan = scenario.start(ChildProtectionPlanProcess.KEY, ellasCase, vars);
  }

  @Test
  void eachReviewInvitesTheAgenciesAndEveryoneWithParentalResponsibilityOnce() throws Exception {
    // The first review is due by 20 July; the team manager books it in June.
    EngineClock.setTo("2026-06-15T10:00:00+01:00");
    BpmnAwareTests.assertThat(plan).isWaitingAt(SCHEDULE, RECORD);
    scenario.complete(ellasCase, SCHEDULE, Map.of("conferencePlannedDate", "2026-07-13",
        "conferenceVenue", "Civic Centre, room 4", "conferenceInvitees", List.of("POLICE", "HEALTH", "FAMILY")));
    scenario.runJobsDue(ellasCase);
    scenario.runJobsDue(ellasCase);
    BpmnAwareTests.assertThat(plan).hasPassed(ChildProtectionPlanProcess.Element.INVITE_TO_REVIEW_CONFERENCE,
        ChildProtectionPlanProcess.Element.REVIEW_INVITED).isWaitingAt(RECORD);

    List<Notification> toFamily = ofType(InviteToConference.REVIEW_FAMILY_TYPE);
    assertThat(toFamily).extracting(Notification::idempotencyKey).containsExactly(
        ellasCase + ":RCPC_FAMILY_INVITE:1:1", ellasCase + ":RCPC_FAMILY_INVITE:1:2", ellasCase + ":RCPC_FAMILY_INVITE:1:3");
    assertThat(toFamily).extracting(Notification::recipient).containsExactly(
        "post:Sarah <b>Smith</b>, 12 Elm Road, Northtown NT1 2AB", "ella.dad@family.example",
        "none:Ray Jones (no email or postal address in the family network)");
    assertThat(toFamily).extracting(Notification::status).containsExactly(Notifications.Status.NO_ROUTE,
        Notifications.Status.RECORDED, Notifications.Status.NO_ROUTE);
    assertThat(toFamily).allSatisfy(n -> assertThat(n.body())
        .contains("review child protection conference", "2026-07-13", "Civic Centre, room 4", ellasCase));
    assertThat(ofType(InviteToConference.REVIEW_TYPE)).extracting(Notification::recipient)
        .containsExactly("agency:POLICE", "agency:HEALTH");
    assertThat(notifications.forCase(ellasCase)).extracting(Notification::recipient).doesNotContain("nan@family.example");

    sender.deliverDue();
    assertThat(sender.deliverDue()).as("nothing is sent twice").isZero();
    MimeMessage[] toFather = smtp.getReceivedMessagesForDomain("family.example");
    assertThat(toFather).hasSize(1);
    assertThat(toFather[0].getSubject()).isEqualTo("Review child protection conference " + ellasCase);
    assertThat(toFather[0].getContent().toString()).contains("Dear Zoë O'Brien-Nguyễn", "2026-07-13")
        .doesNotContain("Sarah", "Elm Road");

    // The review is held and the plan continues: the next review is booked and invited afresh.
    EngineClock.setTo("2026-07-13T16:00:00+01:00");
    scenario.complete(ellasCase, RECORD, ChildProtectionPlanScenarioTest.review("2026-07-13", "NEG", "CONTINUE"));
    EngineClock.setTo("2026-12-01T10:00:00Z");
    scenario.complete(ellasCase, SCHEDULE, Map.of("conferencePlannedDate", "2027-01-11",
        "conferenceVenue", "Online (link from the chair)", "conferenceInvitees", List.of("FAMILY")));
    scenario.runJobsDue(ellasCase);
    assertThat(ofType(InviteToConference.REVIEW_FAMILY_TYPE)).extracting(Notification::idempotencyKey).contains(
        ellasCase + ":RCPC_FAMILY_INVITE:2:1", ellasCase + ":RCPC_FAMILY_INVITE:2:2", ellasCase + ":RCPC_FAMILY_INVITE:2:3")
        .hasSize(6);
    assertThat(ofType(InviteToConference.REVIEW_TYPE)).as("no agency ticked the second time").hasSize(2);
  }

  @Test
  void aBookingInThePastOrWithoutAVenueInvitesNobody() {
    EngineClock.setTo("2026-06-15T10:00:00+01:00");
    String booking = scenario.task(ellasCase, SCHEDULE).getId();

    assertThatThrownBy(() -> scenario.complete(ellasCase, SCHEDULE, Map.of("conferencePlannedDate", "2026-06-12",
        "conferenceVenue", " ", "conferenceInvitees", List.of())))
        .hasMessageContaining("conferencePlannedDate (2026-06-12) is before today (2026-06-15)")
        .hasMessageContaining("conferenceVenue is required")
        .hasMessageContaining("conferenceInvitees is required");
    assertThatThrownBy(() -> scenario.complete(ellasCase, SCHEDULE, Map.of("conferencePlannedDate", "13/07/2026",
        "conferenceVenue", "x".repeat(201), "conferenceInvitees", List.of("FAMILY"))))
        .hasMessageContaining("conferencePlannedDate must be a date (yyyy-MM-dd)")
        .hasMessageContaining("conferenceVenue must be at most 200 characters");

    assertThat(scenario.task(ellasCase, SCHEDULE).getId()).isEqualTo(booking);
    scenario.runJobsDue(ellasCase);
    assertThat(ofType(InviteToConference.REVIEW_FAMILY_TYPE)).isEmpty();

    // Recording the review without a booking in the system (invited by telephone) closes the booking.
    EngineClock.setTo("2026-07-13T16:00:00+01:00");
    scenario.complete(ellasCase, RECORD, ChildProtectionPlanScenarioTest.review("2026-07-13", "NEG", "CONTINUE"));
    assertThat(scenario.openTasks(ellasCase)).containsOnlyOnce(SCHEDULE);
  }

  private List<Notification> ofType(String type) {
    return notifications.forCase(ellasCase).stream().filter(n -> n.type().equals(type)).toList();
  }
}
