package org.safeguardflow.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.safeguardflow.casework.CaseRecords;
import org.safeguardflow.casework.conference.InitialConferenceProcess;
import org.safeguardflow.casework.family.FamilyMember;
import org.safeguardflow.casework.family.FamilyNetwork;
import org.safeguardflow.casework.family.Relationship;
import org.safeguardflow.notify.Notifications.Notification;
import org.safeguardflow.support.CaseScenario;
import org.safeguardflow.support.EngineClock;
import org.safeguardflow.support.SafeguardFlowTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Ella's initial child protection conference invites her family from her family network: her mother
 * at home and her father who lives elsewhere both hold parental responsibility and are invited; her
 * grandmother, who does not, is not. Her father's invitation reaches him by email (GreenMail, a real
 * SMTP server), once; her mother, with only a postal address, has a letter for the worker to post.
 */
@SafeguardFlowTest
class FamilyConferenceInvitationTest {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(3025, "localhost", "smtp"));

  @Autowired CaseScenario scenario;
  @Autowired CaseRecords cases;
  @Autowired FamilyNetwork family;
  @Autowired Notifications notifications;
  @Autowired NotificationSender sender;

  @Test
  void bothParentsWithParentalResponsibilityAreInvitedTheFatherLivingElsewhereByEmail() throws Exception {
    EngineClock.setTo("2026-03-31T09:00:00+01:00");
    String ellasCase = scenario.openCase("Ella");
    cases.allocate(ellasCase, CaseScenario.NORTH, "worker", OffsetDateTime.parse("2026-03-24T10:00:00Z"));
    family.replace(ellasCase, List.of(
        new FamilyMember("Sarah <b>Smith</b>", Relationship.MOTHER, null, true, true, null, "01234 567890",
            "12 Elm Road\nNorthtown NT1 2AB", true, false),
        new FamilyMember("Zoë O'Brien-Nguyễn", Relationship.FATHER, null, true, false, "ella.dad@family.example", null,
            null, false, false),
        new FamilyMember("Margaret Smith", Relationship.GRANDPARENT, null, false, false, "nan@family.example", null, null,
            true, false),
        new FamilyMember("Ray Jones", Relationship.STEP_PARENT, null, true, true, null, null, null, false, false)),
        "worker", OffsetDateTime.parse("2026-03-30T10:00:00Z"));
    Map<String, Object> vars = new HashMap<>();
    vars.put("referralDate", "2026-03-23");
    vars.put("allocatedWorker", "worker");
    vars.put("strategyDiscussionDate", "2026-03-30");
    vars.put("s47ActualStartDate", "2026-03-30");
    vars.put("strategyInvitees", List.of("POLICE"));
    vars.put("initialCpcTarget", Date.from(OffsetDateTime.parse("2026-04-22T23:59:59+01:00").toInstant()));
    scenario.start(InitialConferenceProcess.KEY, ellasCase, vars);

    scenario.complete(ellasCase, InitialConferenceProcess.Element.SCHEDULE_CONFERENCE, Map.of(
        "conferencePlannedDate", "2026-04-20", "conferenceVenue", "Civic Centre, room 4",
        "conferenceInvitees", List.of("POLICE", "FAMILY")));
    scenario.runJobsDue(ellasCase);
    scenario.runJobsDue(ellasCase); // a retried job records nothing twice

    List<Notification> invitations = notifications.forCase(ellasCase).stream()
        .filter(n -> n.type().equals(InviteToConference.FAMILY_TYPE)).toList();
    assertThat(invitations).extracting(Notification::idempotencyKey).containsExactly(
        ellasCase + ":ICPC_FAMILY_INVITE:1", ellasCase + ":ICPC_FAMILY_INVITE:2", ellasCase + ":ICPC_FAMILY_INVITE:3");
    assertThat(invitations).extracting(Notification::recipient).containsExactly(
        "post:Sarah <b>Smith</b>, 12 Elm Road, Northtown NT1 2AB", "ella.dad@family.example",
        "none:Ray Jones (no email or postal address in the family network)");
    assertThat(invitations).extracting(Notification::status).containsExactly(Notifications.Status.NO_ROUTE,
        Notifications.Status.RECORDED, Notifications.Status.NO_ROUTE);
    assertThat(invitations).allSatisfy(n -> assertThat(n.body()).contains("2026-04-20", "Civic Centre, room 4", ellasCase));
    assertThat(notifications.forCase(ellasCase)).extracting(Notification::recipient)
        .doesNotContain("nan@family.example").contains("agency:POLICE");

    sender.deliverDue();
    assertThat(sender.deliverDue()).as("nothing is sent twice").isZero();

    MimeMessage[] toFather = smtp.getReceivedMessagesForDomain("family.example");
    assertThat(toFather).hasSize(1);
    assertThat(toFather[0].getAllRecipients()[0].toString()).isEqualTo("ella.dad@family.example");
    assertThat(toFather[0].getSubject()).isEqualTo("Child protection conference " + ellasCase);
    String body = toFather[0].getContent().toString();
    assertThat(body).contains("Dear Zoë O'Brien-Nguyễn", "2026-04-20", "Civic Centre, room 4", "solicitor")
        .doesNotContain("Sarah", "Elm Road");
    assertThat(toFather[0].getContentType()).startsWith("text/plain");
    assertThat(notifications.byKey(ellasCase + ":ICPC_FAMILY_INVITE:2").status()).isEqualTo(Notifications.Status.DELIVERED);
  }
}
