package org.safeguardflow.casework.strategy;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.safeguardflow.casework.strategy.StrategyDiscussionProcess.Element.*;

import java.time.OffsetDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safeguardflow.notify.Notifications;
import org.safeguardflow.notify.Notifications.Notification;
import org.safeguardflow.support.CaseScenario;
import org.safeguardflow.support.EngineClock;
import org.safeguardflow.support.SafeguardFlowTest;
import org.safeguardflow.timescales.TimescaleBreaches;
import org.springframework.beans.factory.annotation.Autowired;
import org.safeguardflow.timescales.Step;

/**
 * Ellie Brown was referred on Thursday 2 April 2026, just before Easter. On Tuesday 7 April at 14:00,
 * after the bank holidays, the front door decided there is reasonable cause to suspect significant
 * harm: a team manager must hold a strategy discussion with police, health and education by the end of
 * Wednesday 8 April, record its minutes by the end of the next working day, and tell the agencies.
 */
@SafeguardFlowTest
class StrategyDiscussionScenarioTest {

  static final String TUESDAY_7_APRIL_2PM = "2026-04-07T14:00:00+01:00";
  static final Date DISCUSSION_DUE_END_OF_WEDNESDAY_8_APRIL = at("2026-04-08T23:59:59+01:00");
  /** 15 working days after Wednesday 8 April 2026 (no bank holiday until 4 May). */
  static final Date INITIAL_CPC_TARGET_WEDNESDAY_29_APRIL = at("2026-04-29T23:59:59+01:00");
  static final Date MINUTES_DUE_END_OF_THURSDAY_9_APRIL = at("2026-04-09T23:59:59+01:00");
  static final List<String> POLICE_HEALTH_EDUCATION = List.of("POLICE", "HEALTH", "EDUCATION");

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired CaseScenario scenario;
  @Autowired Notifications notifications;
  @Autowired TimescaleBreaches breaches;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
  }

  @Test
  void policeHealthAndEducationAreInvitedTheEnquiryStartsAndEveryAgencyHearsTheMinutesAreReady() {
    EngineClock.setTo(TUESDAY_7_APRIL_2PM);
    String caseRef = scenario.openCase("Ellie");
    ProcessInstance discussion = startDiscussion(caseRef, Map.of());

    assertThat(discussion).isWaitingAt(CONVENE).variables()
        .containsEntry("strategyTriggeredAt", at(TUESDAY_7_APRIL_2PM))
        .containsEntry("strategyDiscussionNumber", 1);
    Task convene = scenario.task(caseRef, CONVENE);
    assertThat(convene).hasCandidateGroup("north-team-managers").hasDueDate(DISCUSSION_DUE_END_OF_WEDNESDAY_8_APRIL);
    Assertions.assertThat(convene.getFollowUpDate()).isEqualTo(at("2026-04-08T09:00:00+01:00"));

    scenario.complete(caseRef, CONVENE, Map.of("strategyInvitees", POLICE_HEALTH_EDUCATION,
        "strategyPlannedFor", "Wednesday 8 April, 10:00, video call"));
    assertThat(discussion).isWaitingAt(INVITE);
    scenario.runJobsDue(caseRef);

    Assertions.assertThat(notifications.forCase(caseRef)).extracting(Notification::idempotencyKey).containsExactly(
        caseRef + ":STRATEGY_INVITE:1:POLICE", caseRef + ":STRATEGY_INVITE:1:HEALTH", caseRef + ":STRATEGY_INVITE:1:EDUCATION");
    Assertions.assertThat(notifications.forCase(caseRef)).allSatisfy(n -> {
      Assertions.assertThat(n.recipient()).startsWith("agency:");
      Assertions.assertThat(n.body()).contains(caseRef, "Wednesday 8 April, 10:00").doesNotContain("Ellie", "Brown");
    });
    Task record = scenario.task(caseRef, RECORD);
    assertThat(record).hasCandidateGroup("north-team-managers").hasDueDate(DISCUSSION_DUE_END_OF_WEDNESDAY_8_APRIL);

    // Held on time; the form submits the yes/no decision as text.
    EngineClock.setTo("2026-04-08T12:00:00+01:00");
    scenario.complete(caseRef, RECORD, Map.of("strategyDiscussionDate", "2026-04-08",
        "strategyAttendees", "DS Khan (police), Nurse Ali (health), Mrs Reed (school DSL), TM Smith (chair)",
        "s47Started", "true", "strategyDecisionReason", "Disclosure of injury by a carer; joint enquiry with police"));

    assertThat(discussion).hasPassed(IS_S47_STARTED, START_S47).isWaitingAt(RECORD_MINUTES).variables()
        .containsEntry("s47Started", true)
        .containsEntry("s47ActualStartDate", "2026-04-08")
        .containsEntry("initialCpcTarget", INITIAL_CPC_TARGET_WEDNESDAY_29_APRIL);
    Task minutes = scenario.task(caseRef, RECORD_MINUTES);
    assertThat(minutes).hasCandidateGroup("north-team-managers").hasDueDate(MINUTES_DUE_END_OF_THURSDAY_9_APRIL);
    Assertions.assertThat(minutes.getFollowUpDate()).isEqualTo(at("2026-04-09T09:00:00+01:00"));

    EngineClock.setTo("2026-04-08T17:00:00+01:00");
    scenario.complete(caseRef, RECORD_MINUTES, Map.of("strategyMinutes", "Police and children's social care to visit jointly today."));
    assertThat(discussion).hasPassed(RECORD_MINUTES, "EndEvent_StrategyMinutesCompleted").isWaitingAt(SEND_MINUTES);
    scenario.runJobsDue(caseRef);

    assertThat(discussion).hasPassed(SEND_MINUTES, CONCLUDED).isEnded();
    var minutesSent = notifications.forCase(caseRef).stream().filter(n -> n.type().equals("STRATEGY_MINUTES")).toList();
    Assertions.assertThat(minutesSent).extracting(Notification::recipient)
        .containsExactly("agency:POLICE", "agency:HEALTH", "agency:EDUCATION");
    Assertions.assertThat(minutesSent).allSatisfy(n -> Assertions.assertThat(n.body())
        .contains(caseRef, "Wednesday 8 April 2026", "a section 47 enquiry has started")
        .doesNotContain("jointly today", "Ellie"));
    Assertions.assertThat(breaches.forCase(caseRef)).isEmpty();
    Assertions.assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseRef).count()).isZero();
  }

  @Test
  void lateMinutesRemindTheTeamThenEscalateToAServiceManagerAndMustSayWhyTheyAreLate() {
    EngineClock.setTo(TUESDAY_7_APRIL_2PM);
    String caseRef = scenario.openCase("Ellie");
    ProcessInstance discussion = startDiscussion(caseRef, Map.of());
    scenario.complete(caseRef, CONVENE, Map.of("strategyInvitees", List.of("POLICE", "HEALTH", "EDUCATION", "OTHER"),
        "strategyOtherInvitee", "Probation", "strategyPlannedFor", "Wednesday 8 April, 10:00"));
    scenario.runJobsDue(caseRef);
    Assertions.assertThat(notifications.forCase(caseRef)).extracting(Notification::recipient)
        .containsExactly("agency:POLICE", "agency:HEALTH", "agency:EDUCATION", "agency:OTHER (Probation)");

    EngineClock.setTo("2026-04-08T15:00:00+01:00");
    scenario.complete(caseRef, RECORD, Map.of("strategyDiscussionDate", "2026-04-08", "strategyAttendees", "All four agencies",
        "s47Started", "false", "strategyDecisionReason", "Explanation consistent with the injury; single assessment instead"));
    assertThat(discussion).hasPassed(IS_S47_STARTED, "Gateway_Section47Decided").hasNotPassed(START_S47).isWaitingAt(RECORD_MINUTES);
    Assertions.assertThat(runtime.getVariable(discussion.getId(), "s47Started")).isEqualTo(false);
    Assertions.assertThat(runtime.getVariable(discussion.getId(), "initialCpcTarget")).isNull();

    // Nothing falls due before 09:00 on the due day; then the team managers are reminded.
    EngineClock.setTo("2026-04-09T08:59:00+01:00");
    Assertions.assertThat(scenario.runJobsDue(caseRef)).isZero();
    EngineClock.setTo("2026-04-09T09:00:01+01:00");
    scenario.runJobsDue(caseRef);
    assertThat(discussion).hasPassed(MINUTES_REMINDER, REMIND_MINUTES, "EndEvent_StrategyMinutesReminderSent")
        .isWaitingAt(RECORD_MINUTES);
    Assertions.assertThat(notifications.forCase(caseRef)).filteredOn(n -> n.type().equals("STRATEGY_MINUTES_DUE"))
        .singleElement().satisfies(n -> {
          Assertions.assertThat(n.idempotencyKey()).isEqualTo(caseRef + ":STRATEGY_MINUTES_DUE:20260409");
          Assertions.assertThat(n.recipient()).isEqualTo("group:north-team-managers");
        });

    // Midnight passes: the breach is recorded and a service manager must follow it up by the next working day.
    EngineClock.setTo("2026-04-10T00:00:01+01:00");
    scenario.runJobsDue(caseRef);
    assertThat(discussion).hasPassed(MINUTES_DUE, RECORD_MINUTES_BREACH)
        .isWaitingAt(RECORD_MINUTES, SERVICE_MANAGER_REVIEWS_MINUTES);
    Assertions.assertThat(runtime.getVariable(discussion.getId(), "strategyMinutesOverdue")).isEqualTo(true);
    Assertions.assertThat(breaches.forCase(caseRef)).singleElement().satisfies(b -> {
      Assertions.assertThat(b.step()).isEqualTo("STRATEGY_MINUTES");
      Assertions.assertThat(b.dueAt()).isEqualTo(MINUTES_DUE_END_OF_THURSDAY_9_APRIL.toInstant());
    });
    // Friday 10 April: due by the end of Monday 13 April.
    assertThat(scenario.task(caseRef, SERVICE_MANAGER_REVIEWS_MINUTES)).hasCandidateGroup("service-managers")
        .hasDueDate(at("2026-04-13T23:59:59+01:00"));
    scenario.complete(caseRef, SERVICE_MANAGER_REVIEWS_MINUTES,
        Map.of(Step.ESCALATION_NOTE.name(), "Chair off sick; deputy writing them up this morning"));
    assertThat(discussion).hasPassed(MINUTES_ESCALATION_FOLLOWED_UP).isWaitingAt(RECORD_MINUTES);

    EngineClock.setTo("2026-04-10T11:00:00+01:00");
    String minutesTask = scenario.task(caseRef, RECORD_MINUTES).getId();
    Assertions.assertThatThrownBy(() -> tasks.complete(minutesTask, Map.of("strategyMinutes", "Minutes")))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("strategyMinutesLateReason is required");
    scenario.complete(caseRef, RECORD_MINUTES, Map.of("strategyMinutes", "Minutes",
        "strategyMinutesLateReason", "The chair was taken ill after the discussion"));
    Assertions.assertThat(breaches.forCase(caseRef)).singleElement()
        .satisfies(b -> Assertions.assertThat(b.reason()).isEqualTo("The chair was taken ill after the discussion"));
    Assertions.assertThat(runtime.getVariable(discussion.getId(), "strategyMinutesLate")).isEqualTo(true);

    scenario.runJobsDue(caseRef);
    assertThat(discussion).hasPassed(CONCLUDED).isEnded();
    Assertions.assertThat(notifications.forCase(caseRef)).filteredOn(n -> n.type().equals("STRATEGY_MINUTES")).hasSize(4)
        .allSatisfy(n -> Assertions.assertThat(n.body()).contains("no section 47 enquiry"));
  }

  @Test
  void invitationsAndDecisionsThatBreakTheRulesAreRefusedAndTheTaskStaysOpen() {
    EngineClock.setTo(TUESDAY_7_APRIL_2PM);
    String caseRef = scenario.openCase("Ellie");
    ProcessInstance discussion = startDiscussion(caseRef, Map.of());
    String convene = scenario.task(caseRef, CONVENE).getId();

    refused(convene, Map.of("strategyInvitees", List.of(), "strategyPlannedFor", "Today 16:00"),
        "strategyInvitees must name at least one agency to invite");
    refused(convene, Map.of("strategyInvitees", List.of("POLICE", "FIRE_SERVICE"), "strategyPlannedFor", "Today 16:00"),
        "strategyInvitees must be chosen from");
    refused(convene, Map.of("strategyInvitees", List.of("POLICE", "OTHER"), "strategyPlannedFor", "Today 16:00"),
        "strategyOtherInvitee is required when another agency is invited");
    refused(convene, Map.of("strategyInvitees", POLICE_HEALTH_EDUCATION), "strategyPlannedFor is required");
    assertThat(discussion).isWaitingAt(CONVENE);
    Assertions.assertThat(notifications.forCase(caseRef)).isEmpty();

    // Camunda Forms may submit a checklist as JSON text: it is accepted and kept as a list.
    scenario.complete(caseRef, CONVENE, Map.of("strategyInvitees", "[\"POLICE\",\"HEALTH\"]", "strategyPlannedFor", "Today 16:00"));
    Assertions.assertThat(runtime.getVariable(discussion.getId(), "strategyInvitees")).isEqualTo(List.of("POLICE", "HEALTH"));
    scenario.runJobsDue(caseRef);

    String record = scenario.task(caseRef, RECORD).getId();
    Map<String, Object> decision = new HashMap<>(Map.of("strategyDiscussionDate", "2026-04-07", "strategyAttendees", "Police, health",
        "s47Started", "true", "strategyDecisionReason", "Injury unexplained"));
    decision.put("strategyDiscussionDate", "2026-04-01");
    refused(record, decision, "strategyDiscussionDate (2026-04-01) is before the referral date (2026-04-02)");
    decision.put("strategyDiscussionDate", "2026-04-08");
    refused(record, decision, "strategyDiscussionDate (2026-04-08) is in the future");
    decision.put("strategyDiscussionDate", "2026-04-07");
    decision.remove("s47Started");
    refused(record, decision, "s47Started is required");
    decision.put("s47Started", "perhaps");
    refused(record, decision, "s47Started must be yes (true) or no (false)");
    decision.put("s47Started", true);
    decision.remove("strategyDecisionReason");
    refused(record, decision, "strategyDecisionReason is required");
    assertThat(discussion).isWaitingAt(RECORD);
    Assertions.assertThat(runtime.getVariable(discussion.getId(), "strategyDiscussionDate")).isNull();

    // Recorded the morning after: the conference target counts from the discussion, not from the record.
    EngineClock.setTo("2026-04-08T09:00:00+01:00");
    decision.put("strategyDecisionReason", "Injury unexplained");
    tasks.complete(record, decision);
    assertThat(discussion).variables()
        .containsEntry("s47ActualStartDate", "2026-04-07")
        .containsEntry("initialCpcTarget", at("2026-04-28T23:59:59+01:00"));
    String minutes = scenario.task(caseRef, RECORD_MINUTES).getId();
    refused(minutes, Map.of("strategyMinutes", " "), "strategyMinutes is required");
    refused(minutes, Map.of("strategyMinutes", "x".repeat(10001)), "strategyMinutes must be at most 10000 characters");
    assertThat(discussion).isWaitingAt(RECORD_MINUTES);
  }

  @Test
  void aRetriedInvitationRecordsEachAgencyOnceAndASecondDiscussionOnTheCaseInvitesThemAgain() {
    EngineClock.setTo(TUESDAY_7_APRIL_2PM);
    String caseRef = scenario.openCase("Ellie");
    ProcessInstance first = startDiscussion(caseRef, Map.of());
    scenario.complete(caseRef, CONVENE, Map.of("strategyInvitees", POLICE_HEALTH_EDUCATION, "strategyPlannedFor", "Tomorrow 10:00"));
    // The invitation job runs twice, as after a crash between sending and committing.
    runtime.createProcessInstanceModification(first.getId()).startBeforeActivity(INVITE).execute();
    Assertions.assertThat(scenario.runJobsDue(caseRef)).isEqualTo(2);
    Assertions.assertThat(notifications.forCase(caseRef)).hasSize(3);

    // Concerns grow during the assessment: a second discussion, started as the episode starts it,
    // with the first discussion's variables passed in.
    EngineClock.setTo("2026-05-12T09:30:00+01:00");
    runtime.deleteProcessInstance(first.getId(), "test: the first discussion is over");
    ProcessInstance second = startDiscussion(caseRef, Map.of("strategyDiscussionNumber", 1,
        "strategyInvitees", POLICE_HEALTH_EDUCATION, "strategyDiscussionDate", "2026-04-08", "s47Started", false));
    assertThat(second).isWaitingAt(CONVENE).variables()
        .containsEntry("strategyDiscussionNumber", 2)
        .containsEntry("strategyTriggeredAt", at("2026-05-12T09:30:00+01:00"))
        .containsEntry("strategyInvitees", null)
        .containsEntry("strategyDiscussionDate", null)
        .containsEntry("s47Started", null);
    assertThat(scenario.task(caseRef, CONVENE)).hasDueDate(at("2026-05-13T23:59:59+01:00"));
    scenario.complete(caseRef, CONVENE, Map.of("strategyInvitees", POLICE_HEALTH_EDUCATION, "strategyPlannedFor", "Wednesday 13 May"));
    scenario.runJobsDue(caseRef);
    Assertions.assertThat(notifications.forCase(caseRef)).extracting(Notification::idempotencyKey).containsExactly(
        caseRef + ":STRATEGY_INVITE:1:POLICE", caseRef + ":STRATEGY_INVITE:1:HEALTH", caseRef + ":STRATEGY_INVITE:1:EDUCATION",
        caseRef + ":STRATEGY_INVITE:2:POLICE", caseRef + ":STRATEGY_INVITE:2:HEALTH", caseRef + ":STRATEGY_INVITE:2:EDUCATION");

    // Even a caller that forgets the number gets the next one, from the case's history.
    runtime.deleteProcessInstance(second.getId(), "test");
    Assertions.assertThat(runtime.getVariable(startDiscussion(caseRef, Map.of()).getId(), "strategyDiscussionNumber")).isEqualTo(3);
  }

  private ProcessInstance startDiscussion(String caseRef, Map<String, Object> passedIn) {
    Map<String, Object> variables = new HashMap<>(Map.of("referralDate", "2026-04-02", "childFirstName", "Ellie",
        "childLastName", "Brown", "contactDecision", "STRATEGY_DISCUSSION"));
    variables.putAll(passedIn);
    return scenario.start(StrategyDiscussionProcess.KEY, caseRef, variables);
  }

  private void refused(String taskId, Map<String, Object> variables, String message) {
    Assertions.assertThatThrownBy(() -> tasks.complete(taskId, variables))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("Not recorded: ")
        .hasMessageContaining(message);
    Assertions.assertThat(tasks.createTaskQuery().taskId(taskId).count()).as("task stays open").isOne();
  }

  static Date at(String isoDateTime) {
    return Date.from(OffsetDateTime.parse(isoDateTime).toInstant());
  }
}
