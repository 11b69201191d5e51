package org.safeguardflow.casework.protectionplan;

import org.safeguardflow.support.PlanAnswers;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.safeguardflow.casework.protectionplan.ChildProtectionPlanProcess.Element.*;

import java.time.OffsetDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ManagementService;
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

/**
 * Leo's child protection plan. His initial conference on Monday 20 April 2026 made him subject to a
 * plan under the category of neglect. Hand-computed deadlines (England & Wales bank holidays):
 * the first core group and the first visit are due within 10 working days, by the end of Tuesday
 * 5 May (Monday 4 May is a bank holiday); the first review within 3 months, by the end of 20 July.
 */
@SafeguardFlowTest
public class ChildProtectionPlanScenarioTest {

  static final Date FIRST_CORE_GROUP_AND_VISIT_DUE = at("2026-05-05T23:59:59+01:00");
  static final Date FIRST_REVIEW_DUE = at("2026-07-20T23:59:59+01:00");
  /** A letter before proceedings in plain English (reading age under the default threshold of 11). */
  static final String PLAIN_LETTER = "Dear Ms Jones,\nWe are still worried about Leo. His home is often cold and he"
      + " misses meals. We want to meet you and your solicitor to agree what must change. Legal advice is free.";

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired CaseScenario scenario;
  @Autowired Notifications notifications;
  @Autowired TimescaleBreaches breaches;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
  }

  @Test
  void thePlanStartsOnTheConferenceDayAndItsCoreGroupVisitsAndReviewFallDue() {
    EngineClock.setTo("2026-04-20T17:00:00+01:00");
    String caseRef = scenario.openCase("Leo");
    ProcessInstance plan = startPlan(caseRef);

    assertThat(plan).hasPassed(START_PLAN)
        .isWaitingAt(RECORD_FIRST_CORE_GROUP, RECORD_STATUTORY_VISIT, RECORD_REVIEW_CONFERENCE);
    assertThat(plan).variables()
        .containsEntry("cppStartDate", "2026-04-20")
        .containsEntry("initialCategoryOfAbuse", "NEG")
        .containsEntry("latestCategoryOfAbuse", "NEG")
        .containsEntry("reviewConferenceCount", 0);
    Task coreGroup = scenario.task(caseRef, RECORD_FIRST_CORE_GROUP);
    assertThat(coreGroup).isAssignedTo("sam.social").hasDueDate(FIRST_CORE_GROUP_AND_VISIT_DUE);
    // Assigned to the allocated worker, and visible to the social workers' team when cover is needed.
    Assertions.assertThat(tasks.getIdentityLinksForTask(coreGroup.getId()))
        .anySatisfy(link -> Assertions.assertThat(link.getGroupId()).isEqualTo("north-social-workers"));
    Task visit = scenario.task(caseRef, RECORD_STATUTORY_VISIT);
    assertThat(visit).isAssignedTo("sam.social").hasDueDate(FIRST_CORE_GROUP_AND_VISIT_DUE);
    Assertions.assertThat(visit.getFollowUpDate()).isEqualTo(at("2026-04-30T09:00:00+01:00"));
    Task review = scenario.task(caseRef, RECORD_REVIEW_CONFERENCE);
    assertThat(review).hasCandidateGroup("north-team-managers").hasDueDate(FIRST_REVIEW_DUE);
    Assertions.assertThat(review.getFollowUpDate()).isEqualTo(at("2026-07-06T09:00:00+01:00"));
  }

  @Test
  void coreGroupsVisitsWithAnOverdueOneAndTwoReviewsThenThePlanStepsDownToAChildInNeedPlan() {
    EngineClock.setTo("2026-04-20T17:00:00+01:00");
    String caseRef = scenario.openCase("Leo");
    ProcessInstance plan = startPlan(caseRef);

    // Two working days before the first visit's deadline day, the allocated worker is reminded.
    EngineClock.setTo("2026-04-30T09:00:01+01:00");
    scenario.runJobsDue(caseRef);
    assertThat(plan).hasPassed(VISIT_REMINDER, REMIND_WORKER_OF_VISIT, "EndEvent_WorkerReminded");
    Assertions.assertThat(notifications.forCase(caseRef)).singleElement().satisfies(n -> {
      Assertions.assertThat(n.idempotencyKey()).isEqualTo(caseRef + ":CP_VISIT_DUE:20260505");
      Assertions.assertThat(n.recipient()).isEqualTo("user:sam.social");
    });

    EngineClock.setTo("2026-04-30T15:00:00+01:00");
    scenario.complete(caseRef, RECORD_STATUTORY_VISIT, visit("2026-04-30"));
    assertThat(plan).hasPassed("EndEvent_VisitRecorded");
    // The next visit counts 10 working days from this one: Friday 15 May.
    assertThat(scenario.task(caseRef, RECORD_STATUTORY_VISIT)).hasDueDate(at("2026-05-15T23:59:59+01:00"));

    EngineClock.setTo("2026-05-01T12:00:00+01:00");
    scenario.complete(caseRef, RECORD_FIRST_CORE_GROUP, coreGroup("2026-05-01"));
    // Later core groups at least every 6 weeks: 42 days after 1 May.
    assertThat(scenario.task(caseRef, RECORD_CORE_GROUP)).isAssignedTo("sam.social")
        .hasDueDate(at("2026-06-12T23:59:59+01:00"));

    // The second visit is missed: at midnight the breach is recorded and a service manager is asked.
    EngineClock.setTo("2026-05-16T00:00:01+01:00");
    scenario.runJobsDue(caseRef);
    assertThat(plan).hasPassed(VISIT_DUE, RECORD_VISIT_BREACH);
    assertThat(scenario.task(caseRef, SERVICE_MANAGER_REVIEWS_OVERDUE_VISIT)).hasCandidateGroup("service-managers")
        .hasDueDate(at("2026-05-18T23:59:59+01:00"));
    assertThat(plan).variables().containsEntry("cpVisitOverdue", true);
    Assertions.assertThat(breaches.forCase(caseRef)).singleElement().satisfies(b -> {
      Assertions.assertThat(b.step()).isEqualTo("CP_VISIT");
      Assertions.assertThat(b.dueAt()).isEqualTo(at("2026-05-15T23:59:59+01:00").toInstant());
    });

    // The worker visits on Monday 18 May and must say why the visit is late.
    EngineClock.setTo("2026-05-18T14:00:00+01:00");
    String visitId = scenario.task(caseRef, RECORD_STATUTORY_VISIT).getId();
    Assertions.assertThatThrownBy(() -> tasks.complete(visitId, visit("2026-05-18")))
        .hasMessageContaining("cpVisitLateReason is required");
    Map<String, Object> lateVisit = visit("2026-05-18");
    lateVisit.put("cpVisitChildSeenAlone", false);
    lateVisit.put("cpVisitLateReason", "Family away; visit rearranged for the first day back");
    tasks.complete(visitId, lateVisit);
    Assertions.assertThat(scenario.openTasks(caseRef)).doesNotContain(SERVICE_MANAGER_REVIEWS_OVERDUE_VISIT);
    Assertions.assertThat(breaches.forCase(caseRef)).singleElement().satisfies(b ->
        Assertions.assertThat(b.reason()).isEqualTo("Family away; visit rearranged for the first day back"));
    // The next visit starts afresh: not overdue, no reason carried over; due 10 working days after
    // 18 May, with the Spring bank holiday (25 May): Tuesday 2 June.
    assertThat(plan).variables()
        .containsEntry("cpVisitOverdue", false)
        .containsEntry("latestCpVisitDate", "2026-05-18")
        .containsEntry("latestCpVisitChildSeen", true)
        .containsEntry("latestCpVisitChildSeenAlone", false)
        .doesNotContainKey("cpVisitLateReason");
    assertThat(scenario.task(caseRef, RECORD_STATUTORY_VISIT)).hasDueDate(at("2026-06-02T23:59:59+01:00"));

    EngineClock.setTo("2026-06-10T12:00:00+01:00");
    scenario.complete(caseRef, RECORD_CORE_GROUP, coreGroup("2026-06-10"));
    Assertions.assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(plan.getId())
        .activityId(RECORD_CORE_GROUP).count()).as("the core group meets again").isEqualTo(2);
    assertThat(scenario.task(caseRef, RECORD_CORE_GROUP)).hasDueDate(at("2026-07-22T23:59:59+01:00"));

    // First review on time: the plan continues and the latest category changes to emotional abuse.
    EngineClock.setTo("2026-07-16T16:00:00+01:00");
    scenario.complete(caseRef, RECORD_REVIEW_CONFERENCE, review("2026-07-16", "EMO", "CONTINUE"));
    assertThat(plan).hasPassed(RECORD_REVIEW_ON_PLAN, "Gateway_WhatDidTheReviewDecide").hasNotPassed(END_PLAN);
    assertThat(plan).variables()
        .containsEntry("reviewConferenceCount", 1)
        .containsEntry("cppReviewDates", List.of("2026-07-16"))
        .containsEntry("initialCategoryOfAbuse", "NEG")
        .containsEntry("latestCategoryOfAbuse", "EMO");
    // Later reviews within 6 months of the last: 16 January 2027 (GMT).
    assertThat(scenario.task(caseRef, RECORD_REVIEW_CONFERENCE)).hasDueDate(at("2027-01-16T23:59:59Z"));

    // Second review: the plan ends with a step down to a child in need plan, and its open work stops.
    EngineClock.setTo("2026-10-15T16:00:00+01:00");
    scenario.complete(caseRef, RECORD_REVIEW_CONFERENCE, review("2026-10-15", "EMO", "END_STEP_DOWN_TO_CIN_PLAN"));
    assertThat(plan).hasPassed(END_PLAN, PLAN_ENDED_BY_REVIEW, PLAN_ENDED).isEnded();
    assertThat(plan).variables()
        .containsEntry("cppStartDate", "2026-04-20")
        .containsEntry("cppEndDate", "2026-10-15")
        .containsEntry("planEnding", "STEP_DOWN_TO_CIN_PLAN")
        .containsEntry("reviewConferenceCount", 2)
        .containsEntry("cppReviewDates", List.of("2026-07-16", "2026-10-15"))
        .containsEntry("latestCategoryOfAbuse", "EMO");
    Assertions.assertThat(scenario.openTasks(caseRef)).isEmpty();
  }

  @Test
  void anOverdueReviewIsEscalatedFollowedUpAndThenClosesThePlan() {
    EngineClock.setTo("2026-04-20T17:00:00+01:00");
    String caseRef = scenario.openCase("Leo");
    ProcessInstance plan = startPlan(caseRef);

    // Ten working days before the review's deadline day, the team managers are reminded.
    EngineClock.setTo("2026-07-06T09:00:01+01:00");
    scenario.runJobsDue(caseRef);
    assertThat(plan).hasPassed(REVIEW_REMINDER, REMIND_TEAM_OF_REVIEW, "EndEvent_ReviewTeamReminded");
    Assertions.assertThat(notifications.forCase(caseRef)).filteredOn(n -> n.type().equals("FIRST_REVIEW_CPC_DUE"))
        .singleElement().satisfies(n -> {
          Assertions.assertThat(n.idempotencyKey()).isEqualTo(caseRef + ":FIRST_REVIEW_CPC_DUE:20260720");
          Assertions.assertThat(n.recipient()).isEqualTo("group:north-team-managers");
        });

    EngineClock.setTo("2026-07-21T00:00:01+01:00");
    scenario.runJobsDue(caseRef);
    assertThat(plan).hasPassed(REVIEW_DUE, RECORD_REVIEW_BREACH);
    assertThat(plan).variables().containsEntry("firstReviewCpcOverdue", true);
    assertThat(scenario.task(caseRef, SERVICE_MANAGER_REVIEWS_OVERDUE_REVIEW)).hasCandidateGroup("service-managers")
        .hasDueDate(at("2026-07-22T23:59:59+01:00"));
    Assertions.assertThat(breaches.forCase(caseRef)).extracting(TimescaleBreaches.Breach::step)
        .containsExactly("CP_VISIT", "FIRST_REVIEW_CPC");

    // The service manager follows up both escalations while the work is still awaited.
    scenario.complete(caseRef, SERVICE_MANAGER_REVIEWS_OVERDUE_REVIEW, Map.of("escalationNote", "Chair booked for 23 July"));
    scenario.complete(caseRef, SERVICE_MANAGER_REVIEWS_OVERDUE_VISIT, Map.of("escalationNote", "Worker off sick; cover arranged"));
    assertThat(plan).hasPassed(REVIEW_ESCALATION_REVIEWED, VISIT_ESCALATION_REVIEWED)
        .isWaitingAt(RECORD_REVIEW_CONFERENCE, RECORD_STATUTORY_VISIT, RECORD_FIRST_CORE_GROUP);

    EngineClock.setTo("2026-07-23T15:00:00+01:00");
    String reviewId = scenario.task(caseRef, RECORD_REVIEW_CONFERENCE).getId();
    Assertions.assertThatThrownBy(() -> tasks.complete(reviewId, review("2026-07-23", "NEG", "END_CLOSE")))
        .hasMessageContaining("firstReviewCpcLateReason is required");
    Map<String, Object> late = review("2026-07-23", "NEG", "END_CLOSE");
    late.put("firstReviewCpcLateReason", "Conference chair unavailable; earliest date with the family's advocate");
    tasks.complete(reviewId, late);

    assertThat(plan).hasPassed(END_PLAN, PLAN_ENDED).isEnded();
    assertThat(plan).variables()
        .containsEntry("cppEndDate", "2026-07-23")
        .containsEntry("planEnding", "CLOSE")
        .containsEntry("firstReviewCpcLate", true);
    Assertions.assertThat(breaches.forCase(caseRef)).filteredOn(b -> b.step().equals("FIRST_REVIEW_CPC"))
        .singleElement().satisfies(b -> {
          Assertions.assertThat(b.dueAt()).isEqualTo(FIRST_REVIEW_DUE.toInstant());
          Assertions.assertThat(b.reason()).startsWith("Conference chair unavailable");
        });
  }

  @Test
  void recordsThatBreakThePlansRulesAreRefusedAndTheTasksStayOpen() {
    EngineClock.setTo("2026-04-24T17:00:00+01:00");
    String caseRef = scenario.openCase("Leo");
    ProcessInstance plan = startPlan(caseRef);
    String reviewId = scenario.task(caseRef, RECORD_REVIEW_CONFERENCE).getId();

    Assertions.assertThatThrownBy(() -> tasks.complete(reviewId, review("2026-04-20", "NEG", "CONTINUE")))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("reviewDate (2026-04-20) is not after cppStartDate (2026-04-20): reviews fall after the plan start")
        .hasMessageContaining("DfE CIN census rules 8841, 8925");
    Assertions.assertThatThrownBy(() -> tasks.complete(reviewId, review("2026-04-17", "NEG", "CONTINUE")))
        .hasMessageContaining("reviewDate (2026-04-17) is not after cppStartDate (2026-04-20)");
    Assertions.assertThatThrownBy(() -> tasks.complete(reviewId, review("2026-04-20", "NEG", "END_STEP_DOWN_TO_CIN_PLAN")))
        .hasMessageContaining("reviewDecision END_STEP_DOWN_TO_CIN_PLAN on reviewDate 2026-04-20")
        .hasMessageContaining("a CP plan cannot start and end on the same day (DfE CIN census rule 8840)");
    Assertions.assertThatThrownBy(() -> tasks.complete(reviewId, review("2026-04-22", "ABUSE", "STOP")))
        .hasMessageContaining("reviewDecision must be one of CONTINUE, END_STEP_DOWN_TO_CIN_PLAN, END_CLOSE, PRE_PROCEEDINGS")
        .hasMessageContaining("latestCategoryOfAbuse must be one of NEG, PHY, SAB, EMO, MUL");

    String visitId = scenario.task(caseRef, RECORD_STATUTORY_VISIT).getId();
    Assertions.assertThatThrownBy(() -> tasks.complete(visitId, visit("2026-04-17")))
        .hasMessageContaining("cpVisitDate (2026-04-17) is before cppStartDate (2026-04-20): work under a child protection plan falls on or after the plan's start");
    Assertions.assertThatThrownBy(() -> tasks.complete(visitId, visit("2026-04-27")))
        .hasMessageContaining("cpVisitDate (2026-04-27) is in the future");
    String coreGroupId = scenario.task(caseRef, RECORD_FIRST_CORE_GROUP).getId();
    Assertions.assertThatThrownBy(() -> tasks.complete(coreGroupId, Map.of("coreGroupActions", "Agreed")))
        .hasMessageContaining("coreGroupDate is required");

    assertThat(plan).isWaitingAt(RECORD_FIRST_CORE_GROUP, RECORD_STATUTORY_VISIT, RECORD_REVIEW_CONFERENCE);
    assertThat(plan).variables().containsEntry("reviewConferenceCount", 0).containsEntry("latestCategoryOfAbuse", "NEG")
        .doesNotContainKeys("reviewDate", "latestCpVisitDate", "latestCoreGroupDate");
  }

  @Test
  void preProceedingsUnderThePublicLawOutlineLeadToCareProceedingsWithTheir26WeekDate() {
    EngineClock.setTo("2026-04-20T17:00:00+01:00");
    String caseRef = scenario.openCase("Leo");
    ProcessInstance plan = startPlan(caseRef);

    EngineClock.setTo("2026-07-16T16:00:00+01:00");
    scenario.complete(caseRef, RECORD_REVIEW_CONFERENCE, review("2026-07-16", "NEG", "PRE_PROCEEDINGS"));
    // The plan goes on (its next review is open) and the letter before proceedings is due in 5 working days.
    assertThat(plan).hasPassed("Gateway_PlanGoesOnInPreProceedings")
        .isWaitingAt(RECORD_REVIEW_CONFERENCE, SEND_LETTER_BEFORE_PROCEEDINGS);
    assertThat(scenario.task(caseRef, SEND_LETTER_BEFORE_PROCEEDINGS)).hasCandidateGroup("north-team-managers")
        .hasDueDate(at("2026-07-23T23:59:59+01:00"));

    EngineClock.setTo("2026-07-20T12:00:00+01:00");
    scenario.complete(caseRef, SEND_LETTER_BEFORE_PROCEEDINGS, Map.of("letterBeforeProceedingsDate", "2026-07-20",
        "letterBeforeProceedingsText", PLAIN_LETTER));
    // Sent to the parents by the job executor; Leo's family network is not recorded, and the meeting's form says so.
    scenario.runJobsOf(caseRef, ChildProtectionPlanProcess.Element.SEND_LETTER_TO_PARENTS);
    assertThat(plan).variables().containsEntry("letterBeforeProceedingsSentTo",
        "Nobody: the family network records no one with parental responsibility. Record the family network, then"
            + " send the letter by hand.");
    assertThat(scenario.task(caseRef, HOLD_PRE_PROCEEDINGS_MEETING)).hasDueDate(at("2026-08-03T23:59:59+01:00"));

    EngineClock.setTo("2026-07-29T12:00:00+01:00");
    scenario.complete(caseRef, HOLD_PRE_PROCEEDINGS_MEETING, Map.of("preProceedingsMeetingDate", "2026-07-29",
        "preProceedingsAgreement", "Parents to engage with the parenting assessment"));
    // Reviewed 12 weeks (84 days) after the meeting.
    assertThat(scenario.task(caseRef, REVIEW_PRE_PROCEEDINGS)).hasDueDate(at("2026-10-21T23:59:59+01:00"));

    EngineClock.setTo("2026-10-20T12:00:00+01:00");
    String reviewId = scenario.task(caseRef, REVIEW_PRE_PROCEEDINGS).getId();
    Assertions.assertThatThrownBy(() -> tasks.complete(reviewId, Map.of("preProceedingsReviewDate", "2026-10-20")))
        .hasMessageContaining("preProceedingsDecision must be one of CONTINUE_WITHOUT_PROCEEDINGS, ISSUE_CARE_PROCEEDINGS");
    tasks.complete(reviewId, Map.of("preProceedingsReviewDate", "2026-10-20",
        "preProceedingsDecision", "ISSUE_CARE_PROCEEDINGS", "preProceedingsReviewReasons", "No sustained change"));

    EngineClock.setTo("2026-10-23T16:00:00+01:00");
    scenario.complete(caseRef, RECORD_PROCEEDINGS_ISSUED, Map.of("careProceedingsIssuedDate", "2026-10-23"));
    // 26 weeks (182 days) from issue on Friday 23 October 2026: the end of Friday 23 April 2027 (BST).
    Date courtDeadline = at("2027-04-23T23:59:59+01:00");
    assertThat(plan).isWaitingAt(COURT_TIMETABLE_REMINDER, RECORD_REVIEW_CONFERENCE);
    assertThat(plan).variables()
        .containsEntry("careProceedingsIssuedDate", "2026-10-23")
        .containsEntry("careProceedingsDueDate", courtDeadline);
    // Reminded 20 working days before: counting back over Easter 2027 (Good Friday 26 March, Easter
    // Monday 29 March), 09:00 on Wednesday 24 March 2027 (GMT).
    Assertions.assertThat(management.createJobQuery().processInstanceId(plan.getId())
            .activityId(COURT_TIMETABLE_REMINDER).singleResult().getDuedate())
        .isEqualTo(at("2027-03-24T09:00:00Z"));

    EngineClock.setTo("2027-03-24T09:00:01Z");
    scenario.runJobsDue(caseRef);
    assertThat(plan).hasPassed(REMIND_TEAM_OF_COURT_TIMETABLE, COURT_TIMETABLE_TRACKED).isWaitingAt(RECORD_REVIEW_CONFERENCE);
    Assertions.assertThat(notifications.forCase(caseRef)).filteredOn(n -> n.type().equals("CARE_PROCEEDINGS_DUE"))
        .extracting(Notification::idempotencyKey).containsExactly(caseRef + ":CARE_PROCEEDINGS_DUE:20270423");
  }

  @Test
  void preProceedingsCanEndWithoutCourtAndThePlanGoesOn() {
    EngineClock.setTo("2026-04-20T17:00:00+01:00");
    String caseRef = scenario.openCase("Leo");
    ProcessInstance plan = startPlan(caseRef);
    EngineClock.setTo("2026-07-16T16:00:00+01:00");
    scenario.complete(caseRef, RECORD_REVIEW_CONFERENCE, review("2026-07-16", "NEG", "PRE_PROCEEDINGS"));
    scenario.complete(caseRef, SEND_LETTER_BEFORE_PROCEEDINGS, Map.of("letterBeforeProceedingsDate", "2026-07-16",
        "letterBeforeProceedingsText", PLAIN_LETTER));
    scenario.runJobsOf(caseRef, ChildProtectionPlanProcess.Element.SEND_LETTER_TO_PARENTS);
    EngineClock.setTo("2026-07-29T12:00:00+01:00");
    scenario.complete(caseRef, HOLD_PRE_PROCEEDINGS_MEETING, Map.of("preProceedingsMeetingDate", "2026-07-29",
        "preProceedingsAgreement", "Parents to attend the drug service weekly"));
    EngineClock.setTo("2026-10-20T12:00:00+01:00");
    scenario.complete(caseRef, REVIEW_PRE_PROCEEDINGS, Map.of("preProceedingsReviewDate", "2026-10-20",
        "preProceedingsDecision", "CONTINUE_WITHOUT_PROCEEDINGS", "preProceedingsReviewReasons", "Sustained change"));

    assertThat(plan).hasPassed(PLAN_CONTINUES_WITHOUT_PROCEEDINGS).hasNotPassed(RECORD_PROCEEDINGS_ISSUED)
        .isWaitingAt(RECORD_REVIEW_CONFERENCE, RECORD_STATUTORY_VISIT, RECORD_FIRST_CORE_GROUP);
  }

  private ProcessInstance startPlan(String caseRef) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("referralDate", "2026-03-23");
    vars.put("allocatedWorker", "sam.social");
    vars.put("dateOfInitialCpc", "2026-04-20");
    vars.put("initialCategoryOfAbuse", "NEG");
    return scenario.start(ChildProtectionPlanProcess.KEY, caseRef, vars);
  }

  /** What the worker records after a statutory visit on {@code date}. */
  public static Map<String, Object> visit(String date) {
    Map<String, Object> answers = new HashMap<>();
    answers.put("cpVisitDate", date);
    answers.put("cpVisitChildSeen", true);
    answers.put("cpVisitChildSeenAlone", true);
    answers.put("cpVisitNotes", "Seen at home; bedroom clean; Leo talked about school");
    return answers;
  }

  /**
   * What the worker records after a core group meeting on {@code date}. The plan this test starts has no
   * recorded outcomes (no conference wrote it), so only the child's voice is asked.
   */
  public static Map<String, Object> coreGroup(String date) {
    Map<String, Object> answers = PlanAnswers.childsVoice();
    answers.put("coreGroupDate", date);
    answers.put("coreGroupActions", "Health visitor weekly; nursery place by June");
    return answers;
  }

  /** What the chair records at a review conference held on {@code date}, with the child's voice. */
  public static Map<String, Object> review(String date, String category, String decision) {
    Map<String, Object> answers = PlanAnswers.childsVoice();
    answers.put("reviewDate", date);
    answers.put("latestCategoryOfAbuse", category);
    answers.put("reviewDecision", decision);
    answers.put("reviewNotes", "Progress against the plan reviewed with the family and the core group");
    return answers;
  }

  static Date at(String isoDateTime) {
    return Date.from(OffsetDateTime.parse(isoDateTime).toInstant());
  }
}
