package org.safeguardflow.casework.needplan;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.safeguardflow.casework.needplan.ChildInNeedPlanProcess.Element.*;

import java.time.OffsetDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safeguardflow.casework.Pathway;
import org.safeguardflow.notify.Notifications;
import org.safeguardflow.support.CaseScenario;
import org.safeguardflow.support.PlanAnswers;
import org.safeguardflow.support.EngineClock;
import org.safeguardflow.support.SafeguardFlowTest;
import org.safeguardflow.timescales.TimescaleBreaches;
import org.springframework.beans.factory.annotation.Autowired;
import org.safeguardflow.timescales.Step;

/**
 * Ben, aged 7, is a child in need: after his assessment a child in need plan is agreed on Monday 20
 * April 2026. His worker records the plan, reviews it within 10 working days (the early May bank
 * holiday moves the deadline to Tuesday 5 May), then every 6 weeks, until a review ends the plan.
 */
@SafeguardFlowTest
public class ChildInNeedPlanScenarioTest {

  static final Date FIRST_REVIEW_DUE_END_OF_TUESDAY_5_MAY = at("2026-05-05T23:59:59+01:00");

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired CaseScenario scenario;
  @Autowired Notifications notifications;
  @Autowired TimescaleBreaches breaches;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
  }

  @Test
  void thePlanStartsIsReviewedWithinTenWorkingDaysThenEverySixWeeksAndAReviewEndsIt() {
    EngineClock.setTo("2026-04-20T09:30:00+01:00");
    String caseRef = scenario.openCase("Ben");
    ProcessInstance plan = scenario.start(Pathway.Process.CIN_PLAN, caseRef, afterAssessment());

    Task start = scenario.task(caseRef, START_PLAN);
    assertThat(start).isAssignedTo("worker").hasCandidateGroupAssociated("north-social-workers")
        .hasDueDate(at("2026-04-21T23:59:59+01:00"));

    EngineClock.setTo("2026-04-20T15:00:00+01:00");
    scenario.complete(caseRef, START_PLAN, PlanAnswers.with(Map.of(Pathway.Var.CIN_PLAN_START_DATE.name(), "2026-04-20",
        ChildInNeedPlanProcess.Var.AIMS.name(), "Ben attends school every day; his mother gets support with her health"),
        PlanAnswers.smallestCinPlan("2026-04-20")));

    // Ten working days from Monday 20 April, skipping the early May bank holiday on Monday 4 May.
    Task firstReview = scenario.task(caseRef, REVIEW_PLAN);
    assertThat(firstReview).isAssignedTo("worker").hasCandidateGroupAssociated("north-social-workers")
        .hasDueDate(FIRST_REVIEW_DUE_END_OF_TUESDAY_5_MAY);
    Assertions.assertThat(firstReview.getFollowUpDate()).isEqualTo(at("2026-04-30T09:00:00+01:00"));

    EngineClock.setTo("2026-05-01T16:00:00+01:00");
    scenario.complete(caseRef, REVIEW_PLAN, review("2026-05-01", "CONTINUE"));

    assertThat(plan).hasPassed(REVIEW_HELD, RECORD_REVIEW, WHAT_DID_THE_REVIEW_DECIDE).isWaitingAt(REVIEW_PLAN);
    assertThat(plan).variables()
        .containsEntry(ChildInNeedPlanProcess.Var.LAST_REVIEW_DATE.name(), "2026-05-01")
        .containsEntry(ChildInNeedPlanProcess.Var.REVIEW_COUNT.name(), 1)
        .doesNotContainKey(ChildInNeedPlanProcess.Var.REVIEW_DATE.name())
        .doesNotContainKey(ChildInNeedPlanProcess.Var.REVIEW_DECISION.name());
    // Later reviews: 6 weeks (42 days) after the previous review, reminder 3 working days before.
    Task laterReview = scenario.task(caseRef, REVIEW_PLAN);
    assertThat(laterReview).hasDueDate(at("2026-06-12T23:59:59+01:00"));
    Assertions.assertThat(laterReview.getFollowUpDate()).isEqualTo(at("2026-06-09T09:00:00+01:00"));

    EngineClock.setTo("2026-06-10T11:00:00+01:00");
    scenario.complete(caseRef, REVIEW_PLAN, review("2026-06-10", "END_PLAN"));

    assertThat(plan).hasPassed(END_PLAN, PLAN_ENDED).isEnded();
    Assertions.assertThat(historic(plan, Pathway.Var.CIN_PLAN_START_DATE.name())).isEqualTo("2026-04-20");
    Assertions.assertThat(historic(plan, Pathway.Var.CIN_PLAN_END_DATE.name())).isEqualTo("2026-06-10");
    Assertions.assertThat(breaches.forCase(caseRef)).isEmpty();
    Assertions.assertThat(notifications.forCase(caseRef)).isEmpty();
  }

  @Test
  void steppingDownFromAChildProtectionPlanTheChildInNeedPlanCannotStartBeforeItEnded() {
    EngineClock.setTo("2026-04-22T10:00:00+01:00");
    String caseRef = scenario.openCase("Ben");
    Map<String, Object> variables = afterAssessment();
    variables.put(Pathway.Var.CPP_START_DATE.name(), "2026-01-12");
    variables.put(Pathway.Var.CPP_END_DATE.name(), "2026-04-20");
    ProcessInstance plan = scenario.start(Pathway.Process.CIN_PLAN, caseRef, variables);

    Assertions.assertThatThrownBy(() -> scenario.complete(caseRef, START_PLAN,
            Map.of(Pathway.Var.CIN_PLAN_START_DATE.name(), "2026-04-17", ChildInNeedPlanProcess.Var.AIMS.name(), "Stay safe at home")))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Not recorded: ")
        .hasMessageContaining("cinPlanStartDate (2026-04-17) is before cppEndDate (2026-04-20)")
        .hasMessageContaining("must not be open at the same time as a child protection plan")
        .hasMessageContaining("DfE CIN census rule 4016");
    assertThat(plan).isWaitingAt(START_PLAN);
    Assertions.assertThat(runtime.getVariable(plan.getId(), Pathway.Var.CIN_PLAN_START_DATE.name())).isNull();

    // The day the child protection plan ended is the day the child in need plan may start.
    scenario.complete(caseRef, START_PLAN,
        PlanAnswers.with(Map.of(Pathway.Var.CIN_PLAN_START_DATE.name(), "2026-04-20", ChildInNeedPlanProcess.Var.AIMS.name(), "Stay safe at home"), PlanAnswers.smallestCinPlan("2026-04-20")));
    assertThat(plan).isWaitingAt(REVIEW_PLAN);
    assertThat(scenario.task(caseRef, REVIEW_PLAN)).hasDueDate(FIRST_REVIEW_DUE_END_OF_TUESDAY_5_MAY);
  }

  @Test
  void noChildInNeedPlanStartsWhileAChildProtectionPlanHasNoEnd() {
    EngineClock.setTo("2026-04-22T10:00:00+01:00");
    String caseRef = scenario.openCase("Ben");
    Map<String, Object> variables = afterAssessment();
    variables.put(Pathway.Var.CPP_START_DATE.name(), "2026-01-12");
    ProcessInstance plan = scenario.start(Pathway.Process.CIN_PLAN, caseRef, variables);

    Assertions.assertThatThrownBy(() -> scenario.complete(caseRef, START_PLAN,
            Map.of(Pathway.Var.CIN_PLAN_START_DATE.name(), "2026-04-22", ChildInNeedPlanProcess.Var.AIMS.name(), "Stay safe")))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Not recorded: ")
        .hasMessageContaining("cinPlanStartDate")
        .hasMessageContaining("has no cppEndDate")
        .hasMessageContaining("DfE CIN census rule 4001");
    assertThat(plan).isWaitingAt(START_PLAN);
  }

  @Test
  void aStartOrAReviewThatBreaksARuleIsRefusedAndTheTaskStaysOpen() {
    EngineClock.setTo("2026-04-20T09:30:00+01:00");
    String caseRef = scenario.openCase("Ben");
    ProcessInstance plan = scenario.start(Pathway.Process.CIN_PLAN, caseRef, afterAssessment());

    Assertions.assertThatThrownBy(() -> scenario.complete(caseRef, START_PLAN,
            Map.of(Pathway.Var.CIN_PLAN_START_DATE.name(), "2026-04-01", ChildInNeedPlanProcess.Var.AIMS.name(), "x")))
        .hasMessageContaining("cinPlanStartDate (2026-04-01) is before the referral date (2026-04-02)");
    Assertions.assertThatThrownBy(() -> scenario.complete(caseRef, START_PLAN,
            Map.of(Pathway.Var.CIN_PLAN_START_DATE.name(), "2026-04-21", ChildInNeedPlanProcess.Var.AIMS.name(), "x")))
        .hasMessageContaining("cinPlanStartDate (2026-04-21) is in the future");
    Assertions.assertThatThrownBy(() -> scenario.complete(caseRef, START_PLAN,
            Map.of(Pathway.Var.CIN_PLAN_START_DATE.name(), "2026-04-20")))
        .hasMessageContaining("cinPlanAims is required");
    assertThat(plan).isWaitingAt(START_PLAN);
    scenario.complete(caseRef, START_PLAN,
        PlanAnswers.with(Map.of(Pathway.Var.CIN_PLAN_START_DATE.name(), "2026-04-20", ChildInNeedPlanProcess.Var.AIMS.name(), "Ben attends school"), PlanAnswers.smallestCinPlan("2026-04-20")));

    // A review on the day the plan started is not a review of the plan (DfE: reviews fall after the start).
    Assertions.assertThatThrownBy(() -> scenario.complete(caseRef, REVIEW_PLAN, review("2026-04-20", "CONTINUE")))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Not recorded: ")
        .hasMessageContaining("cinPlanReviewDate (2026-04-20) must be after cinPlanStartDate (2026-04-20)");
    EngineClock.setTo("2026-04-28T10:00:00+01:00");
    Assertions.assertThatThrownBy(() -> scenario.complete(caseRef, REVIEW_PLAN, review("2026-04-28", "CLOSE")))
        .hasMessageContaining("cinPlanReviewDecision must be one of CONTINUE, END_PLAN");
    Map<String, Object> noProgress = review("2026-04-28", "CONTINUE");
    noProgress.remove(ChildInNeedPlanProcess.Var.REVIEW_PROGRESS.name());
    Assertions.assertThatThrownBy(() -> scenario.complete(caseRef, REVIEW_PLAN, noProgress))
        .hasMessageContaining("cinPlanReviewProgress is required");
    assertThat(plan).isWaitingAt(REVIEW_PLAN);
    Assertions.assertThat(runtime.getVariable(plan.getId(), ChildInNeedPlanProcess.Var.REVIEW_DATE.name())).isNull();

    scenario.complete(caseRef, REVIEW_PLAN, review("2026-04-28", "CONTINUE"));
    // The next review cannot be dated before the one just held.
    Assertions.assertThatThrownBy(() -> scenario.complete(caseRef, REVIEW_PLAN, review("2026-04-27", "END_PLAN")))
        .hasMessageContaining("cinPlanReviewDate (2026-04-27) is before the previous review (2026-04-28)");
    assertThat(plan).isWaitingAt(REVIEW_PLAN);
  }

  @Test
  void anOverdueReviewRemindsTheWorkerEscalatesToServiceManagersAndAsksWhyItIsLate() {
    EngineClock.setTo("2026-04-20T09:30:00+01:00");
    String caseRef = scenario.openCase("Ben");
    ProcessInstance plan = scenario.start(Pathway.Process.CIN_PLAN, caseRef, afterAssessment());
    scenario.complete(caseRef, START_PLAN,
        PlanAnswers.with(Map.of(Pathway.Var.CIN_PLAN_START_DATE.name(), "2026-04-20", ChildInNeedPlanProcess.Var.AIMS.name(), "Ben attends school"), PlanAnswers.smallestCinPlan("2026-04-20")));

    EngineClock.setTo("2026-04-30T08:59:00+01:00");
    Assertions.assertThat(scenario.runJobsDue(caseRef)).isZero();

    // 09:00 two working days before the deadline day: the allocated worker is reminded.
    EngineClock.setTo("2026-04-30T09:00:01+01:00");
    scenario.runJobsDue(caseRef);
    assertThat(plan).hasPassed(REVIEW_REMINDER, REMIND_WORKER, WORKER_REMINDED).isWaitingAt(REVIEW_PLAN);
    Assertions.assertThat(notifications.forCase(caseRef)).singleElement().satisfies(n -> {
      Assertions.assertThat(n.type()).isEqualTo("CIN_PLAN_REVIEW_DUE");
      Assertions.assertThat(n.recipient()).isEqualTo("user:worker");
      Assertions.assertThat(n.body()).contains(caseRef, "Tuesday 5 May 2026").doesNotContain("Ben");
    });

    // Past midnight at the end of Tuesday 5 May: the breach is recorded and a service manager is asked to act.
    EngineClock.setTo("2026-05-06T00:00:01+01:00");
    scenario.runJobsDue(caseRef);
    assertThat(plan).hasPassed(REVIEW_DUE, RECORD_REVIEW_BREACH).isWaitingAt(REVIEW_PLAN, SERVICE_MANAGER_REVIEWS_OVERDUE);
    assertThat(scenario.task(caseRef, SERVICE_MANAGER_REVIEWS_OVERDUE)).hasCandidateGroupAssociated("service-managers")
        .hasDueDate(at("2026-05-07T23:59:59+01:00"));
    assertThat(plan).variables().containsEntry("cinPlanReviewOverdue", true);
    Assertions.assertThat(breaches.forCase(caseRef)).singleElement().satisfies(b -> {
      Assertions.assertThat(b.step()).isEqualTo("CIN_PLAN_REVIEW");
      Assertions.assertThat(b.dueAt()).isEqualTo(FIRST_REVIEW_DUE_END_OF_TUESDAY_5_MAY.toInstant());
    });

    EngineClock.setTo("2026-05-06T10:00:00+01:00");
    scenario.complete(caseRef, SERVICE_MANAGER_REVIEWS_OVERDUE,
        Map.of(Step.ESCALATION_NOTE.name(), "Review booked for this afternoon"));
    assertThat(plan).hasPassed(SERVICE_MANAGER_REVIEWS_OVERDUE, ESCALATION_FOLLOWED_UP).isWaitingAt(REVIEW_PLAN);

    EngineClock.setTo("2026-05-06T16:00:00+01:00");
    Assertions.assertThatThrownBy(() -> scenario.complete(caseRef, REVIEW_PLAN, review("2026-05-06", "CONTINUE")))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("cinPlanReviewLateReason is required");
    assertThat(plan).isWaitingAt(REVIEW_PLAN);

    Map<String, Object> late = review("2026-05-06", "CONTINUE");
    late.put("cinPlanReviewLateReason", "The family were away; the review was rebooked");
    scenario.complete(caseRef, REVIEW_PLAN, late);
    Assertions.assertThat(breaches.forCase(caseRef)).singleElement().satisfies(b ->
        Assertions.assertThat(b.reason()).isEqualTo("The family were away; the review was rebooked"));
    assertThat(plan).variables().containsEntry("cinPlanReviewLate", true)
        .containsEntry("cinPlanReviewOverdue", false);

    // The later review (due Wednesday 17 June) is late too, and its own reason is asked for.
    assertThat(scenario.task(caseRef, REVIEW_PLAN)).hasDueDate(at("2026-06-17T23:59:59+01:00"));
    EngineClock.setTo("2026-06-18T00:00:01+01:00");
    scenario.runJobsDue(caseRef);
    assertThat(plan).isWaitingAt(REVIEW_PLAN, SERVICE_MANAGER_REVIEWS_OVERDUE)
        .variables().containsEntry("cinPlanLaterReviewOverdue", true);
    Assertions.assertThat(notifications.forCase(caseRef)).extracting(Notifications.Notification::type)
        .containsExactly("CIN_PLAN_REVIEW_DUE", "CIN_PLAN_LATER_REVIEW_DUE");

    EngineClock.setTo("2026-06-18T12:00:00+01:00");
    Assertions.assertThatThrownBy(() -> scenario.complete(caseRef, REVIEW_PLAN, review("2026-06-18", "END_PLAN")))
        .hasMessageContaining("cinPlanLaterReviewLateReason is required");
    Map<String, Object> lateAgain = review("2026-06-18", "END_PLAN");
    lateAgain.put("cinPlanLaterReviewLateReason", "Worker on leave; cover arranged late");
    scenario.complete(caseRef, REVIEW_PLAN, lateAgain);

    // The review closes the escalation by itself and ends the plan on its date.
    assertThat(plan).isEnded();
    Assertions.assertThat(historic(plan, Pathway.Var.CIN_PLAN_END_DATE.name())).isEqualTo("2026-06-18");
    Assertions.assertThat(breaches.forCase(caseRef)).extracting(TimescaleBreaches.Breach::step)
        .containsExactly("CIN_PLAN_REVIEW", "CIN_PLAN_LATER_REVIEW");
  }

  private static Map<String, Object> afterAssessment() {
    Map<String, Object> variables = new HashMap<>();
    variables.put(Pathway.Var.REFERRAL_DATE.name(), "2026-04-02");
    variables.put(Pathway.Var.ALLOCATED_WORKER.name(), "worker");
    return variables;
  }

  /** What the worker records at a child in need plan review held on {@code date}: its one outcome (the smallest plan's) rated amber, and the child's voice. */
  public static Map<String, Object> review(String date, String decision) {
    Map<String, Object> review = PlanAnswers.meetingOn(1, "AMBER");
    review.put(ChildInNeedPlanProcess.Var.REVIEW_DATE.name(), date);
    review.put(ChildInNeedPlanProcess.Var.REVIEW_PROGRESS.name(), "Ben has attended school every day since the plan started");
    review.put(ChildInNeedPlanProcess.Var.REVIEW_DECISION.name(), decision);
    return review;
  }

  private Object historic(ProcessInstance plan, String variable) {
    return history.createHistoricVariableInstanceQuery().processInstanceId(plan.getId()).variableName(variable)
        .singleResult().getValue();
  }

  static Date at(String isoDateTime) {
    return Date.from(OffsetDateTime.parse(isoDateTime).toInstant());
  }
}
