package org.safeguardflow.casework.conference;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.safeguardflow.casework.conference.InitialConferenceProcess.Element.*;

import java.time.OffsetDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.safeguardflow.notify.Notifications;
import org.safeguardflow.notify.Notifications.Notification;
import org.safeguardflow.support.CaseScenario;
import org.safeguardflow.support.EngineClock;
import org.safeguardflow.support.SafeguardFlowTest;
import org.safeguardflow.timescales.TimescaleBreaches;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Mia's initial child protection conference. Her strategy discussion on Monday 30 March 2026 started a
 * section 47 enquiry; the conference is due within 15 working days, which the Easter bank holidays
 * (Good Friday 3 April, Easter Monday 6 April) push to the end of Wednesday 22 April.
 */
@SafeguardFlowTest
public class InitialConferenceScenarioTest {

  static final Date CONFERENCE_DUE_END_OF_22_APRIL = at("2026-04-22T23:59:59+01:00");
  static final Date REMINDER_FRIDAY_17_APRIL = at("2026-04-17T09:00:00+01:00");

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired CaseScenario scenario;
  @Autowired Notifications notifications;
  @Autowired TimescaleBreaches breaches;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
  }

  @Test
  void theConferenceIsScheduledInvitesTheAgenciesAndMakesAChildProtectionPlanOnTime() {
    EngineClock.setTo("2026-03-31T09:00:00+01:00");
    String caseRef = scenario.openCase("Mia");
    ProcessInstance conference = startConference(caseRef, true);

    assertThat(conference).isWaitingAt(SCHEDULE_CONFERENCE);
    Task schedule = scenario.task(caseRef, SCHEDULE_CONFERENCE);
    assertThat(schedule).hasCandidateGroup("north-team-managers").hasDueDate(CONFERENCE_DUE_END_OF_22_APRIL);
    Assertions.assertThat(runtime.getVariable(conference.getId(), "initialCpcTarget")).isEqualTo(CONFERENCE_DUE_END_OF_22_APRIL);

    EngineClock.setTo("2026-04-01T11:00:00+01:00");
    scenario.complete(caseRef, SCHEDULE_CONFERENCE, Map.of("conferencePlannedDate", "2026-04-20",
        "conferenceVenue", "Civic Centre, room 4", "conferenceInvitees", List.of("POLICE", "HEALTH", "EDUCATION", "FAMILY")));
    assertThat(conference).isWaitingAt(INVITE_TO_CONFERENCE);
    scenario.runJobsDue(caseRef);

    // One invitation per agency; the family is invited in person by the worker, not by a partner message.
    Assertions.assertThat(notifications.forCase(caseRef)).extracting(Notification::idempotencyKey).containsExactly(
        caseRef + ":ICPC_INVITE:1", caseRef + ":ICPC_INVITE:2", caseRef + ":ICPC_INVITE:3");
    Assertions.assertThat(notifications.forCase(caseRef)).extracting(Notification::recipient)
        .containsExactly("agency:POLICE", "agency:HEALTH", "agency:EDUCATION");
    Assertions.assertThat(notifications.forCase(caseRef)).allSatisfy(n -> {
      Assertions.assertThat(n.body()).contains(caseRef, "2026-04-20", "Civic Centre, room 4");
      Assertions.assertThat(n.body()).doesNotContain("Mia");
    });

    assertThat(conference).isWaitingAt(RECORD_CONFERENCE_OUTCOME);
    Task outcome = scenario.task(caseRef, RECORD_CONFERENCE_OUTCOME);
    assertThat(outcome).hasCandidateGroup("north-team-managers").hasDueDate(CONFERENCE_DUE_END_OF_22_APRIL);
    Assertions.assertThat(outcome.getFollowUpDate()).isEqualTo(REMINDER_FRIDAY_17_APRIL);

    EngineClock.setTo("2026-04-20T16:00:00+01:00");
    scenario.complete(caseRef, RECORD_CONFERENCE_OUTCOME, outcome("CP_PLAN", "NEG"));
    assertThat(conference).hasPassed(RECORD_CONFERENCE_OUTCOME, "EndEvent_OutcomeRecorded").isWaitingAt(SEND_CONFERENCE_OUTCOME);
    scenario.runJobsDue(caseRef);

    assertThat(conference).hasPassed(SEND_CONFERENCE_OUTCOME, CONFERENCE_HELD).isEnded();
    assertThat(conference).variables()
        .containsEntry("dateOfInitialCpc", "2026-04-20")
        .containsEntry("icpcOutcome", "CP_PLAN")
        .containsEntry("initialCategoryOfAbuse", "NEG")
        .containsEntry("childAttendedConference", true)
        .containsEntry("childRepresentedByAdvocate", false)
        .containsEntry("initialCpcLate", false);
    List<Notification> told = notifications.forCase(caseRef).stream().filter(n -> n.type().equals("ICPC_OUTCOME")).toList();
    Assertions.assertThat(told).extracting(Notification::idempotencyKey).containsExactly(
        caseRef + ":ICPC_OUTCOME:1", caseRef + ":ICPC_OUTCOME:2", caseRef + ":ICPC_OUTCOME:3");
    // Case reference, date and outcome only: the category of abuse stays in the conference record.
    Assertions.assertThat(told).allSatisfy(n -> {
      Assertions.assertThat(n.body()).contains(caseRef, "2026-04-20", "Child protection plan");
      Assertions.assertThat(n.body()).doesNotContain("NEG", "Neglect", "Mia");
    });
    Assertions.assertThat(breaches.forCase(caseRef)).isEmpty();
  }

  @ParameterizedTest(name = "{0}: no category of abuse")
  @CsvSource({"CIN_PLAN, Child in need plan", "NFA, No further action"})
  void aConferenceThatMakesNoProtectionPlanRecordsNoCategory(String decision, String told) {
    EngineClock.setTo("2026-03-31T09:00:00+01:00");
    String caseRef = scenario.openCase("Mia");
    ProcessInstance conference = startConference(caseRef, true);
    scheduleWith(caseRef, List.of("POLICE"));

    EngineClock.setTo("2026-04-21T16:00:00+01:00");
    scenario.complete(caseRef, RECORD_CONFERENCE_OUTCOME, outcome(decision, null));
    scenario.runJobsDue(caseRef);

    assertThat(conference).isEnded();
    assertThat(conference).variables().containsEntry("icpcOutcome", decision).doesNotContainKey("initialCategoryOfAbuse");
    Assertions.assertThat(notifications.forCase(caseRef)).filteredOn(n -> n.type().equals("ICPC_OUTCOME"))
        .singleElement().satisfies(n -> Assertions.assertThat(n.body()).contains("Outcome: " + told));
  }

  @Test
  void withoutATargetFromUpstreamTheConferenceWorksOutItsOwnFromTheStrategyDiscussion() {
    EngineClock.setTo("2026-03-31T09:00:00+01:00");
    String caseRef = scenario.openCase("Mia");
    ProcessInstance conference = startConference(caseRef, false);

    Assertions.assertThat(runtime.getVariable(conference.getId(), "initialCpcTarget")).isEqualTo(CONFERENCE_DUE_END_OF_22_APRIL);
    // The agencies at the strategy discussion are offered as invitees.
    Assertions.assertThat(runtime.getVariableTyped(conference.getId(), "conferenceInvitees").getValue().toString())
        .isEqualTo("[\"POLICE\",\"EDUCATION\"]");
  }

  @Test
  void anOutcomeThatBreaksTheCensusRulesIsRefusedAndTheTaskStaysOpen() {
    EngineClock.setTo("2026-03-31T09:00:00+01:00");
    String caseRef = scenario.openCase("Mia");
    ProcessInstance conference = startConference(caseRef, true);
    scheduleWith(caseRef, List.of("POLICE"));
    EngineClock.setTo("2026-04-21T16:00:00+01:00");
    String taskId = scenario.task(caseRef, RECORD_CONFERENCE_OUTCOME).getId();

    Map<String, Object> beforeS47 = outcome("CP_PLAN", "PHY");
    beforeS47.put("dateOfInitialCpc", "2026-03-27");
    Assertions.assertThatThrownBy(() -> engine.getTaskService().complete(taskId, beforeS47))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("dateOfInitialCpc (2026-03-27) is before s47ActualStartDate (2026-03-30)")
        .hasMessageContaining("the s47 start is on or before the ICPC (DfE CIN census rule 8615)");

    Map<String, Object> saturday = outcome("CP_PLAN", "PHY");
    saturday.put("dateOfInitialCpc", "2026-04-18");
    Assertions.assertThatThrownBy(() -> engine.getTaskService().complete(taskId, saturday))
        .hasMessageContaining("dateOfInitialCpc (2026-04-18, a saturday) is not a working day")
        .hasMessageContaining("DfE CIN census rule 8875");

    Map<String, Object> easterMonday = outcome("CP_PLAN", "PHY");
    easterMonday.put("dateOfInitialCpc", "2026-04-06");
    Assertions.assertThatThrownBy(() -> engine.getTaskService().complete(taskId, easterMonday))
        .hasMessageContaining("dateOfInitialCpc (2026-04-06, a monday) is not a working day: the ICPC date must be a working day");

    Assertions.assertThatThrownBy(() -> engine.getTaskService().complete(taskId, outcome("CP_PLAN", null)))
        .hasMessageContaining("initialCategoryOfAbuse is required when icpcOutcome is CP_PLAN")
        .hasMessageContaining("DfE CIN census rule 8905");
    Assertions.assertThatThrownBy(() -> engine.getTaskService().complete(taskId, outcome("NFA", "EMO")))
        .hasMessageContaining("initialCategoryOfAbuse must be absent when icpcOutcome is NFA");
    Assertions.assertThatThrownBy(() -> engine.getTaskService().complete(taskId, outcome("CP_PLAN", "ABUSE")))
        .hasMessageContaining("initialCategoryOfAbuse must be one of NEG, PHY, SAB, EMO, MUL");

    Map<String, Object> beforeReferral = outcome("CP_PLAN", "PHY");
    beforeReferral.put("dateOfInitialCpc", "2026-03-20");
    Assertions.assertThatThrownBy(() -> engine.getTaskService().complete(taskId, beforeReferral))
        .hasMessageContaining("dateOfInitialCpc (2026-03-20) is before the referral date (2026-03-23)")
        .hasMessageContaining("DfE CIN census rule 1104");

    assertThat(conference).isWaitingAt(RECORD_CONFERENCE_OUTCOME);
    Assertions.assertThat(runtime.getVariable(conference.getId(), "icpcOutcome")).isNull();
    Assertions.assertThat(runtime.getVariable(conference.getId(), "dateOfInitialCpc")).isNull();
  }

  @Test
  void aLateConferenceRemindsTheManagersEscalatesAndMustSayWhyItIsLate() {
    EngineClock.setTo("2026-03-31T09:00:00+01:00");
    String caseRef = scenario.openCase("Mia");
    ProcessInstance conference = startConference(caseRef, true);
    scheduleWith(caseRef, List.of("POLICE", "HEALTH"));

    EngineClock.setTo("2026-04-16T23:00:00+01:00");
    Assertions.assertThat(scenario.runJobsDue(caseRef)).isZero();

    // Three working days before the deadline day, at 09:00, the team managers are reminded.
    EngineClock.setTo("2026-04-17T09:00:01+01:00");
    scenario.runJobsDue(caseRef);
    assertThat(conference).hasPassed(CONFERENCE_REMINDER, REMIND_TEAM_OF_CONFERENCE, "EndEvent_ConferenceTeamReminded");
    Assertions.assertThat(notifications.forCase(caseRef)).filteredOn(n -> n.type().equals("INITIAL_CPC_DUE"))
        .singleElement().satisfies(n -> {
          Assertions.assertThat(n.idempotencyKey()).isEqualTo(caseRef + ":INITIAL_CPC_DUE:20260422");
          Assertions.assertThat(n.recipient()).isEqualTo("group:north-team-managers");
        });

    // Midnight after the deadline day: the breach is recorded and a service manager is asked to act.
    EngineClock.setTo("2026-04-23T00:00:01+01:00");
    scenario.runJobsDue(caseRef);
    assertThat(conference).hasPassed(CONFERENCE_DUE, RECORD_CONFERENCE_BREACH)
        .isWaitingAt(RECORD_CONFERENCE_OUTCOME, SERVICE_MANAGER_REVIEWS_OVERDUE);
    assertThat(scenario.task(caseRef, SERVICE_MANAGER_REVIEWS_OVERDUE)).hasCandidateGroup("service-managers")
        .hasDueDate(at("2026-04-24T23:59:59+01:00"));
    assertThat(conference).variables().containsEntry("initialCpcOverdue", true);
    Assertions.assertThat(breaches.forCase(caseRef)).singleElement().satisfies(b -> {
      Assertions.assertThat(b.step()).isEqualTo("INITIAL_CPC");
      Assertions.assertThat(b.dueAt()).isEqualTo(CONFERENCE_DUE_END_OF_22_APRIL.toInstant());
    });

    // The conference met on Friday 24 April, two working days late; the outcome must say why.
    EngineClock.setTo("2026-04-24T15:00:00+01:00");
    String taskId = scenario.task(caseRef, RECORD_CONFERENCE_OUTCOME).getId();
    Map<String, Object> late = outcome("CP_PLAN", "EMO");
    late.put("dateOfInitialCpc", "2026-04-24");
    Assertions.assertThatThrownBy(() -> engine.getTaskService().complete(taskId, late))
        .hasMessageContaining("initialCpcLateReason is required");
    late.put("initialCpcLateReason", "The police officer in the case could not attend until Friday");
    engine.getTaskService().complete(taskId, late);

    // Recording the outcome closes the escalation by itself.
    Assertions.assertThat(scenario.openTasks(caseRef)).doesNotContain(SERVICE_MANAGER_REVIEWS_OVERDUE);
    assertThat(conference).variables().containsEntry("initialCpcLate", true).containsEntry("dateOfInitialCpc", "2026-04-24");
    Assertions.assertThat(breaches.forCase(caseRef)).singleElement().satisfies(b ->
        Assertions.assertThat(b.reason()).isEqualTo("The police officer in the case could not attend until Friday"));
    scenario.runJobsDue(caseRef);
    assertThat(conference).hasPassed(SEND_CONFERENCE_OUTCOME).isEnded();
  }

  @Test
  void aServiceManagerFollowsUpTheOverdueConferenceWhileItIsStillAwaited() {
    EngineClock.setTo("2026-03-31T09:00:00+01:00");
    String caseRef = scenario.openCase("Mia");
    ProcessInstance conference = startConference(caseRef, true);
    scheduleWith(caseRef, List.of("POLICE"));
    EngineClock.setTo("2026-04-23T08:00:00+01:00");
    scenario.runJobsDue(caseRef);

    scenario.complete(caseRef, SERVICE_MANAGER_REVIEWS_OVERDUE,
        Map.of("escalationNote", "Chair booked for Friday; police report chased"));

    assertThat(conference).hasPassed(SERVICE_MANAGER_REVIEWS_OVERDUE, ESCALATION_REVIEWED)
        .isWaitingAt(RECORD_CONFERENCE_OUTCOME);
  }

  private ProcessInstance startConference(String caseRef, boolean targetFromUpstream) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("referralDate", "2026-03-23");
    vars.put("allocatedWorker", "sam.social");
    vars.put("strategyDiscussionDate", "2026-03-30");
    vars.put("s47ActualStartDate", "2026-03-30");
    vars.put("strategyInvitees", List.of("POLICE", "EDUCATION"));
    if (targetFromUpstream) {
      vars.put("initialCpcTarget", CONFERENCE_DUE_END_OF_22_APRIL);
    }
    return scenario.start(InitialConferenceProcess.KEY, caseRef, vars);
  }

  private void scheduleWith(String caseRef, List<String> invitees) {
    scenario.complete(caseRef, SCHEDULE_CONFERENCE, Map.of("conferencePlannedDate", "2026-04-21",
        "conferenceVenue", "Online", "conferenceInvitees", invitees));
    scenario.runJobsDue(caseRef);
  }

  /** What the chair records at the conference: its decision and, for a plan, the category of abuse. */
  public static Map<String, Object> outcome(String decision, String category) {
    Map<String, Object> answers = new HashMap<>();
    answers.put("dateOfInitialCpc", "2026-04-20");
    answers.put("childAttendedConference", true);
    answers.put("childRepresentedByAdvocate", false);
    answers.put("icpcOutcome", decision);
    if (category != null) {
      answers.put("initialCategoryOfAbuse", category);
    }
    answers.put("icpcOutcomeReasons", "Injuries consistent with rough handling; parents minimise");
    return answers;
  }

  static Date at(String isoDateTime) {
    return Date.from(OffsetDateTime.parse(isoDateTime).toInstant());
  }
}
