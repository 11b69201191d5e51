package org.safeguardflow.casework.referral;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.safeguardflow.casework.referral.ReferralEpisode.*;

import java.time.OffsetDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.safeguardflow.casework.CaseRecord;
import org.safeguardflow.casework.CaseRecords;
import org.safeguardflow.casework.Pathway;
import org.safeguardflow.casework.assessment.AssessmentProcess;
import org.safeguardflow.casework.assessment.AssessmentScenarioTest;
import org.safeguardflow.casework.conference.InitialConferenceProcess;
import org.safeguardflow.casework.conference.InitialConferenceScenarioTest;
import org.safeguardflow.casework.needplan.ChildInNeedPlanProcess;
import org.safeguardflow.casework.needplan.ChildInNeedPlanScenarioTest;
import org.safeguardflow.casework.protectionplan.ChildProtectionPlanProcess;
import org.safeguardflow.casework.protectionplan.ChildProtectionPlanScenarioTest;
import org.safeguardflow.casework.strategy.StrategyDiscussionProcess;
import org.safeguardflow.support.PlanAnswers;
import org.safeguardflow.support.CaseScenario;
import org.safeguardflow.support.EngineClock;
import org.safeguardflow.support.FrontDoorClient;
import org.safeguardflow.support.SafeguardFlowTest;
import org.safeguardflow.support.SampleContact;
import org.safeguardflow.timescales.TimescaleBreaches;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * A child's whole journey: from a school's concern at the front door, through allocation, a
 * strategy discussion, a section 47 enquiry with the assessment, the initial conference, a child
 * protection plan with two review conferences, a step down to a child in need plan, to closure.
 * And each way the referral episode routes a case between its stages.
 */
@SafeguardFlowTest
class ReferralEpisodeScenarioTest {

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired CaseScenario scenario;
  @Autowired CaseRecords cases;
  @Autowired TimescaleBreaches breaches;
  @Autowired TestRestTemplate http;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
  }

  @AfterEach
  void signOut() {
    identity.clearAuthentication();
  }

  @Test
  void ellaIsReferredProtectedOnAPlanSteppedDownToChildInNeedAndHerCaseClosed() {
    // Thursday 2 April 2026: the school reports a disclosure; the manager decides on a strategy discussion.
    EngineClock.setTo("2026-04-02T10:30:00+01:00");
    String caseRef = new FrontDoorClient(http).recorded(SampleContact.fromSchool("2026-04-02T10:15:00+01:00")
        .with("child.firstName", "Ella").screenedAs(false, true, false, 3, false));
    as("manager", () -> scenario.complete(caseRef, "Task_ManagerDecidesContact", Map.of(
        "contactDecision", "STRATEGY_DISCUSSION", "contactDecisionReason", "Disclosure of harm by a carer")));
    scenario.runJobsDue(caseRef);
    ProcessInstance episode = scenario.instance(caseRef, Pathway.Process.REFERRAL_EPISODE);
    assertThat(episode).hasPassed(RECORD_REFERRAL).isWaitingAt(ALLOCATE_SOCIAL_WORKER, CASE_SUPERVISION);
    assertThat(episode).variables().containsEntry(Pathway.Var.REFERRAL_DATE.name(), "2026-04-02");

    // Allocated the same afternoon, after looking at caseloads: due the next working day, Tuesday after Easter.
    var allocation = scenario.task(caseRef, ALLOCATE_SOCIAL_WORKER);
    // Until it is allocated, the case is the front door's.
    assertThat(allocation).hasCandidateGroup("front-door-team-managers").hasDueDate(at("2026-04-07T23:59:59+01:00"));
    Assertions.assertThat(tasks.getVariable(allocation.getId(), "caseloadSummary")).asString().contains("worker");
    Assertions.assertThat(tasks.getVariable(allocation.getId(), SOCIAL_WORKER_OPTIONS).toString())
        .contains("\"worker\"", "Sam Worker (worker), Assessment team North");
    Assertions.assertThat(tasks.getVariable(allocation.getId(), "teamOptions").toString())
        .contains("{\"label\":\"Assessment team North\",\"value\":\"north\"}");
    EngineClock.setTo("2026-04-02T16:00:00+01:00");
    as("manager", () -> scenario.complete(caseRef, ALLOCATE_SOCIAL_WORKER,
        Map.of(Pathway.Var.ALLOCATED_WORKER.name(), "worker", Pathway.Var.ALLOCATED_TEAM.name(), "north")));
    Assertions.assertThat(cases.find(caseRef)).get().extracting(CaseRecord::status).isEqualTo(CaseRecord.Status.REFERRAL);

    // The strategy discussion on Tuesday 7 April starts a section 47 enquiry.
    assertThat(episode).hasPassed(RECORD_ALLOCATION).isWaitingAt(STRATEGY_DISCUSSION);
    as("manager", () -> scenario.complete(caseRef, StrategyDiscussionProcess.Element.CONVENE, Map.of(
        "strategyInvitees", List.of("POLICE", "HEALTH", "EDUCATION"), "strategyPlannedFor", "Tuesday 7 April, 10:00")));
    scenario.runJobsDue(caseRef);
    EngineClock.setTo("2026-04-07T12:00:00+01:00");
    as("manager", () -> scenario.complete(caseRef, StrategyDiscussionProcess.Element.RECORD, Map.of(
        "strategyDiscussionDate", "2026-04-07", "strategyAttendees", "Police, health visitor, school, chair",
        "s47Started", "true", "strategyDecisionReason", "Reasonable cause to suspect significant harm")));
    as("manager", () -> scenario.complete(caseRef, StrategyDiscussionProcess.Element.RECORD_MINUTES,
        Map.of("strategyMinutes", "Joint visit by police and social worker today; medical arranged.")));
    scenario.runJobsDue(caseRef);

    // The worker assesses beside the enquiry; the manager authorises; a conference is needed.
    assertThat(episode).hasPassed(STRATEGY_DISCUSSION).isWaitingAt(ASSESSMENT);
    EngineClock.setTo("2026-04-15T14:00:00+01:00");
    as("worker", () -> scenario.complete(caseRef, AssessmentProcess.Element.CONCLUDE_S47, Map.of(
        "s47Outcome", "ICPC_REQUIRED", "s47OutcomeReason", "Injuries and disclosure substantiated")));
    as("worker", () -> scenario.complete(caseRef, AssessmentProcess.Element.COMPLETE_SINGLE,
        AssessmentScenarioTest.assessed("2026-04-07", "2026-04-07", "ICPC", "3A", "4B")));
    as("manager", () -> scenario.complete(caseRef, AssessmentProcess.Element.AUTHORISE, Map.of(
        "assessmentAuthorisation", "AUTHORISE", "assessmentManagerComments", "Agreed: conference")));

    // The initial conference on Monday 27 April, within 15 working days of the discussion: a plan for neglect.
    assertThat(episode).hasPassed(ASSESSMENT).isWaitingAt(INITIAL_CONFERENCE);
    Assertions.assertThat(scenario.task(caseRef, InitialConferenceProcess.Element.SCHEDULE_CONFERENCE).getDueDate())
        .isEqualTo(at("2026-04-28T23:59:59+01:00"));
    as("manager", () -> scenario.complete(caseRef, InitialConferenceProcess.Element.SCHEDULE_CONFERENCE, Map.of(
        "conferencePlannedDate", "2026-04-27", "conferenceVenue", "Civic Centre",
        "conferenceInvitees", List.of("POLICE", "HEALTH", "EDUCATION", "FAMILY"))));
    scenario.runJobsDue(caseRef);
    EngineClock.setTo("2026-04-27T16:00:00+01:00");
    Map<String, Object> conference = new HashMap<>(InitialConferenceScenarioTest.outcome("CP_PLAN", "NEG"));
    conference.put(Pathway.Var.DATE_OF_INITIAL_CPC.name(), "2026-04-27");
    as("manager", () -> scenario.complete(caseRef, InitialConferenceProcess.Element.RECORD_CONFERENCE_OUTCOME, conference));
    scenario.runJobsDue(caseRef);

    // The plan: core group and visits, a first review that continues it, a second that steps down.
    assertThat(episode).hasPassed(INITIAL_CONFERENCE).isWaitingAt(CP_PLAN);
    ProcessInstance plan = scenario.instance(caseRef, Pathway.Process.CP_PLAN);
    assertThat(plan).variables().containsEntry(Pathway.Var.CPP_START_DATE.name(), "2026-04-27");
    EngineClock.setTo("2026-05-01T12:00:00+01:00");
    as("worker", () -> scenario.complete(caseRef, ChildProtectionPlanProcess.Element.RECORD_STATUTORY_VISIT,
        ChildProtectionPlanScenarioTest.visit("2026-05-01")));
    // The plan the conference wrote has one outcome: red at the first core group, amber then green at the reviews.
    as("worker", () -> scenario.complete(caseRef, ChildProtectionPlanProcess.Element.RECORD_FIRST_CORE_GROUP,
        PlanAnswers.with(ChildProtectionPlanScenarioTest.coreGroup("2026-05-01"), PlanAnswers.meetingOn(1, "RED"))));
    EngineClock.setTo("2026-07-20T16:00:00+01:00");
    as("manager", () -> scenario.complete(caseRef, ChildProtectionPlanProcess.Element.RECORD_REVIEW_CONFERENCE,
        PlanAnswers.with(ChildProtectionPlanScenarioTest.review("2026-07-20", "EMO", "CONTINUE"), PlanAnswers.meetingOn(1, "AMBER"))));
    EngineClock.setTo("2026-10-19T16:00:00+01:00");
    as("manager", () -> scenario.complete(caseRef, ChildProtectionPlanProcess.Element.RECORD_REVIEW_CONFERENCE,
        PlanAnswers.with(ChildProtectionPlanScenarioTest.review("2026-10-19", "EMO", "END_STEP_DOWN_TO_CIN_PLAN"),
            PlanAnswers.meetingOn(1, "GREEN"))));

    // Stepped down the same day to a child in need plan, reviewed and ended.
    assertThat(episode).hasPassed(CP_PLAN, "Gateway_HowDidThePlanEnd").isWaitingAt(CIN_PLAN);
    as("worker", () -> scenario.complete(caseRef, ChildInNeedPlanProcess.Element.START_PLAN, PlanAnswers.with(Map.of(
        Pathway.Var.CIN_PLAN_START_DATE.name(), "2026-10-19", ChildInNeedPlanProcess.Var.AIMS.name(), "Ella settled at school and home"),
        PlanAnswers.smallestCinPlan("2026-10-19"))));
    EngineClock.setTo("2026-10-30T16:00:00+00:00");
    as("worker", () -> scenario.complete(caseRef, ChildInNeedPlanProcess.Element.REVIEW_PLAN,
        ChildInNeedPlanScenarioTest.review("2026-10-30", "END_PLAN")));

    // Closed with its census reason; supervision stops; the front door's record of the case ends too.
    assertThat(episode).hasPassed(CIN_PLAN).isWaitingAt(CLOSE_EPISODE);
    as("manager", () -> scenario.complete(caseRef, CLOSE_EPISODE, Map.of(Pathway.Var.CLOSURE_DATE.name(), "2026-10-30",
        Pathway.Var.REASON_FOR_CLOSURE.name(), "RC7", CLOSURE_NOTE, "Plan goals met; family supported by school")));
    assertThat(episode).hasPassed(RECORD_CLOSURE, "Task_EndCaseSupervision", EPISODE_CLOSED, "EndEvent_SupervisionEnded")
        .isEnded();
    assertThat(scenario.instance(caseRef, Pathway.Process.CASE_SUPERVISION)).isNull();
    Assertions.assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseRef).count())
        .as("nothing of Ella's case is left running").isZero();
    Assertions.assertThat(cases.find(caseRef)).get().satisfies(c -> {
      Assertions.assertThat(c.status()).isEqualTo(CaseRecord.Status.CLOSED);
    });
  }

  @Test
  void aReferralNotAllocatedWithinAWorkingDayEscalatesAndOnlyAQualifiedSocialWorkerMayHoldIt() {
    EngineClock.setTo("2026-04-02T10:30:00+01:00");
    String caseRef = new FrontDoorClient(http).recorded(SampleContact.fromSchool("2026-04-02T10:15:00+01:00"));
    scenario.complete(caseRef, "Task_ManagerDecidesContact", Map.of(
        "contactDecision", "S17_ASSESSMENT", "contactDecisionReason", "Needs assessment"));
    scenario.runJobsDue(caseRef);

    EngineClock.setTo("2026-04-08T00:00:01+01:00");
    scenario.runJobsDue(caseRef);
    ProcessInstance episode = scenario.instance(caseRef, Pathway.Process.REFERRAL_EPISODE);
    assertThat(episode).hasPassed(ALLOCATION_DUE, "Task_RecordAllocationBreach")
        .isWaitingAt(ALLOCATE_SOCIAL_WORKER, SERVICE_MANAGER_FOLLOWS_UP_ALLOCATION);
    scenario.complete(caseRef, SERVICE_MANAGER_FOLLOWS_UP_ALLOCATION, Map.of("escalationNote", "Allocating today"));
    assertThat(episode).hasPassed("EndEvent_AllocationEscalationFollowedUp");

    Map<String, Object> toAManager = new HashMap<>(Map.of(Pathway.Var.ALLOCATED_WORKER.name(), "manager",
        Pathway.Var.ALLOCATED_TEAM.name(), "north", "referralAllocationLateReason", "Bank holiday weekend"));
    Assertions.assertThatThrownBy(() -> scenario.complete(caseRef, ALLOCATE_SOCIAL_WORKER, toAManager))
        .hasMessageContaining("allocatedWorker 'manager' is not a qualified social worker");
    Assertions.assertThatThrownBy(() -> scenario.complete(caseRef, ALLOCATE_SOCIAL_WORKER,
            Map.of(Pathway.Var.ALLOCATED_WORKER.name(), "worker", Pathway.Var.ALLOCATED_TEAM.name(), "north")))
        .hasMessageContaining("referralAllocationLateReason is required");
    toAManager.put(Pathway.Var.ALLOCATED_WORKER.name(), "south-worker");
    Assertions.assertThatThrownBy(() -> scenario.complete(caseRef, ALLOCATE_SOCIAL_WORKER, toAManager))
        .hasMessageContaining("allocatedWorker 'south-worker' is not a social worker of Assessment team North");
    toAManager.put(Pathway.Var.ALLOCATED_TEAM.name(), "Team A");
    Assertions.assertThatThrownBy(() -> scenario.complete(caseRef, ALLOCATE_SOCIAL_WORKER, toAManager))
        .hasMessageContaining("allocatedTeam 'Team A' is not one of the council's teams (front-door, north, south)");
    toAManager.put(Pathway.Var.ALLOCATED_TEAM.name(), "north");

    toAManager.put(Pathway.Var.ALLOCATED_WORKER.name(), "worker");
    scenario.complete(caseRef, ALLOCATE_SOCIAL_WORKER, toAManager);
    assertThat(episode).hasPassed(RECORD_ALLOCATION, "Gateway_SignificantHarm").hasNotPassed(STRATEGY_DISCUSSION)
        .isWaitingAt(ASSESSMENT);
    Assertions.assertThat(breaches.forCase(caseRef)).singleElement()
        .satisfies(b -> Assertions.assertThat(b.reason()).isEqualTo("Bank holiday weekend"));
    Assertions.assertThat(scenario.openTasks(caseRef)).doesNotContain(SERVICE_MANAGER_FOLLOWS_UP_ALLOCATION);
  }

  @ParameterizedTest(name = "{0} = {1} leads to {2}")
  @CsvSource({
      "Gateway_WhatDidTheAssessmentLeadTo, assessmentOutcome, STRATEGY_DISCUSSION, CallActivity_StrategyDiscussion",
      "Gateway_WhatDidTheAssessmentLeadTo, assessmentOutcome, CIN_PLAN, CallActivity_ChildInNeedPlan",
      "Gateway_WhatDidTheAssessmentLeadTo, assessmentOutcome, EARLY_HELP, Task_CloseEpisode",
      "Gateway_WhatDidTheConferenceDecide, icpcOutcome, CIN_PLAN, CallActivity_ChildInNeedPlan",
      "Gateway_WhatDidTheConferenceDecide, icpcOutcome, NFA, Task_CloseEpisode",
      "Gateway_HowDidThePlanEnd, planEnding, CLOSE, Task_CloseEpisode"
  })
  void theEpisodeTakesTheCaseWhereTheLastStageDecided(String gateway, String variable, String value, String next) {
    String caseRef = scenario.openCase("Zoe");
    ProcessInstance episode = runtime.createProcessInstanceByKey(Pathway.Process.REFERRAL_EPISODE).businessKey(caseRef)
        .startBeforeActivity(gateway)
        .setVariables(Map.of(Pathway.Var.REFERRAL_DATE.name(), "2026-04-02", Pathway.Var.ALLOCATED_WORKER.name(), "worker",
            "caseRef", caseRef, "childFirstName", "Zoe", "childLastName", "Tester", variable, value))
        .execute();
    assertThat(episode).isWaitingAt(next);
  }

  @Test
  void aClosureMustKeepTheCensusRules() {
    String caseRef = scenario.openCase("Max");
    ProcessInstance episode = runtime.createProcessInstanceByKey(Pathway.Process.REFERRAL_EPISODE).businessKey(caseRef)
        .startBeforeActivity(CLOSE_EPISODE)
        .setVariables(Map.of(Pathway.Var.REFERRAL_DATE.name(), "2026-04-02", Pathway.Var.CIN_PLAN_END_DATE.name(), "2026-06-10",
            "caseRef", caseRef))
        .execute();
    EngineClock.setTo("2026-07-01T10:00:00+01:00");

    refused(caseRef, "2026-06-30", "RC8",
        "RC8 means 'closed after assessment', but no assessment of this episode was authorised (DfE CIN census rule 8825Q)");
    Assertions.assertThat(offeredClosureReasons(caseRef)).doesNotContain("RC8", "RC9").contains("RC7");
    refused(caseRef, "2026-06-30", "RC10", "reasonForClosure must be one of RC1, RC2");
    refused(caseRef, "2026-06-30", "RC10", "(DfE CIN census rule 8640)");
    refused(caseRef, "2026-06-01", "RC7", "closureDate (2026-06-01) is before cinPlanEndDate (2026-06-10)");
    refused(caseRef, "2026-06-01", "RC7", "(DfE CIN census rule 8565)");
    refused(caseRef, "2026-03-30", "RC7", "is before the referral date");
    refused(caseRef, "2026-03-30", "RC7", "(DfE CIN census rule 8630)");
    refused(caseRef, "2026-07-02", "RC7", "is in the future");

    scenario.complete(caseRef, CLOSE_EPISODE, Map.of(Pathway.Var.CLOSURE_DATE.name(), "2026-06-30",
        Pathway.Var.REASON_FOR_CLOSURE.name(), "RC7", CLOSURE_NOTE, "Needs met"));
    assertThat(episode).hasPassed(RECORD_CLOSURE, EPISODE_CLOSED).isEnded();
    Assertions.assertThat(cases.find(caseRef)).get().extracting(CaseRecord::status).isEqualTo(CaseRecord.Status.CLOSED);
  }

  /**
   * DfE CIN census rule 2990, the case: a strategy discussion started a section 47 enquiry,
   * the enquiry found no conference was needed, the assessment was authorised with no further action.
   * "Closed after assessment" (RC8, RC9) is for episodes without an enquiry, a conference or a plan:
   * the form does not offer it, the rule refuses it naming rule 2990, and RC7 closes the case.
   */
  @ParameterizedTest(name = "{0} {1}: RC8/RC9 neither offered nor accepted")
  @CsvSource({
      "s47ActualStartDate, 2026-04-03, RC8",
      "s47ActualStartDate, 2026-04-03, RC9",
      "dateOfInitialCpc, 2026-04-20, RC8",
      "cppStartDate, 2026-04-20, RC9",
      "cinPlanStartDate, 2026-05-06, RC8"
  })
  void anEpisodeWithAnEnquiryConferenceOrPlanIsNotClosedAfterAssessment(String activity, String date, String reason) {
    String caseRef = scenario.openCase("Noah");
    Map<String, Object> variables = new HashMap<>(Map.of(Pathway.Var.REFERRAL_DATE.name(), "2026-04-02",
        Pathway.Var.ASSESSMENT_AUTHORISATION_DATE.name(), "2026-05-05", Pathway.Var.ASSESSMENT_OUTCOME.name(), "NFA",
        Pathway.Var.ICPC_NOT_REQUIRED.name(), true, "caseRef", caseRef, activity, date));
    ProcessInstance episode = runtime.createProcessInstanceByKey(Pathway.Process.REFERRAL_EPISODE).businessKey(caseRef)
        .startBeforeActivity(CLOSE_EPISODE).setVariables(variables).execute();
    EngineClock.setTo("2026-07-01T10:00:00+01:00");

    Assertions.assertThat(offeredClosureReasons(caseRef))
        .containsExactly("RC1", "RC2", "RC3", "RC4", "RC5", "RC6", "RC7");
    refused(caseRef, "2026-06-30", reason, "reasonForClosure " + reason + " breaks DfE CIN census rule 2990");
    refused(caseRef, "2026-06-30", reason, activity + " " + date);

    scenario.complete(caseRef, CLOSE_EPISODE, Map.of(Pathway.Var.CLOSURE_DATE.name(), "2026-06-30",
        Pathway.Var.REASON_FOR_CLOSURE.name(), "RC7", CLOSURE_NOTE, "No further action after the enquiry"));
    assertThat(episode).isEnded();
  }

  @Test
  void anAssessedEpisodeWithoutEnquiryOrPlanIsOfferedAndClosedAfterAssessment() {
    String caseRef = scenario.openCase("Lily");
    ProcessInstance episode = runtime.createProcessInstanceByKey(Pathway.Process.REFERRAL_EPISODE).businessKey(caseRef)
        .startBeforeActivity(CLOSE_EPISODE)
        .setVariables(Map.of(Pathway.Var.REFERRAL_DATE.name(), "2026-04-02", Pathway.Var.ASSESSMENT_AUTHORISATION_DATE.name(),
            "2026-05-05", Pathway.Var.ASSESSMENT_OUTCOME.name(), "EARLY_HELP", "caseRef", caseRef))
        .execute();
    EngineClock.setTo("2026-07-01T10:00:00+01:00");

    Assertions.assertThat(offeredClosureReasons(caseRef)).endsWith("RC7", "RC8", "RC9");
    scenario.complete(caseRef, CLOSE_EPISODE, Map.of(Pathway.Var.CLOSURE_DATE.name(), "2026-05-06",
        Pathway.Var.REASON_FOR_CLOSURE.name(), "RC9", CLOSURE_NOTE, "Family support from the early help team"));
    assertThat(episode).isEnded();
  }

  /**
   * DfE CIN census rule 8873: the assessment found no factors (21 alone) and nothing followed, so the
   * episode closes with RC8, no further action; the form offers only RC8 and the rule refuses another
   * reason naming 8873. After a CIN plan (where rule 2990 forbids RC8) the usual reasons stay.
   */
  @Test
  void anAssessmentThatFoundNoFactorsClosesWithNoFurtherAction() {
    String caseRef = scenario.openCase("Theo");
    ProcessInstance episode = runtime.createProcessInstanceByKey(Pathway.Process.REFERRAL_EPISODE).businessKey(caseRef)
        .startBeforeActivity(CLOSE_EPISODE)
        .setVariables(Map.of(Pathway.Var.REFERRAL_DATE.name(), "2026-04-02", Pathway.Var.ASSESSMENT_AUTHORISATION_DATE.name(),
            "2026-05-05", Pathway.Var.ASSESSMENT_OUTCOME.name(), "NFA", "caseRef", caseRef,
            Pathway.Var.ASSESSMENT_FACTORS.name(), new java.util.ArrayList<>(List.of("21"))))
        .execute();
    EngineClock.setTo("2026-07-01T10:00:00+01:00");

    Assertions.assertThat(offeredClosureReasons(caseRef)).containsExactly("RC8");
    refused(caseRef, "2026-05-06", "RC7", "reasonForClosure RC7 breaks DfE CIN census rule 8873");
    refused(caseRef, "2026-05-06", "RC9", "reasonForClosure RC9 breaks DfE CIN census rule 8873");
    scenario.complete(caseRef, CLOSE_EPISODE, Map.of(Pathway.Var.CLOSURE_DATE.name(), "2026-05-06",
        Pathway.Var.REASON_FOR_CLOSURE.name(), "RC8", CLOSURE_NOTE, "No factors found"));
    assertThat(episode).isEnded();

    String planned = scenario.openCase("Ivy");
    runtime.createProcessInstanceByKey(Pathway.Process.REFERRAL_EPISODE).businessKey(planned)
        .startBeforeActivity(CLOSE_EPISODE)
        .setVariables(Map.of(Pathway.Var.REFERRAL_DATE.name(), "2026-04-02", Pathway.Var.ASSESSMENT_AUTHORISATION_DATE.name(),
            "2026-05-05", Pathway.Var.CIN_PLAN_START_DATE.name(), "2026-05-06", "caseRef", planned,
            Pathway.Var.ASSESSMENT_FACTORS.name(), new java.util.ArrayList<>(List.of("21"))))
        .execute();
    Assertions.assertThat(offeredClosureReasons(planned)).contains("RC7").doesNotContain("RC8", "RC9");
  }

  /** The reasons the closure form's select shows: the values of its options variable. */
  private List<String> offeredClosureReasons(String caseRef) {
    Object options = tasks.getVariable(scenario.task(caseRef, CLOSE_EPISODE).getId(), "closureReasonOptions");
    try {
      var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(options.toString());
      return json.findValuesAsText("value");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void refused(String caseRef, String date, String reason, String message) {
    Assertions.assertThatThrownBy(() -> scenario.complete(caseRef, CLOSE_EPISODE, Map.of(Pathway.Var.CLOSURE_DATE.name(), date,
            Pathway.Var.REASON_FOR_CLOSURE.name(), reason, CLOSURE_NOTE, "x")))
        .hasMessageContaining(message);
    Assertions.assertThat(scenario.openTasks(caseRef)).contains(CLOSE_EPISODE);
  }

  /** Completes work as a signed-in user, as Tasklist does. */
  private void as(String user, Runnable work) {
    identity.setAuthentication(user, identity.createGroupQuery().groupMember(user).list().stream()
        .map(org.camunda.bpm.engine.identity.Group::getId).toList());
    try {
      work.run();
    } finally {
      identity.clearAuthentication();
    }
  }

  static Date at(String isoDateTime) {
    return Date.from(OffsetDateTime.parse(isoDateTime).toInstant());
  }
}
