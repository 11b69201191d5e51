package org.safeguardflow.casework.needplan;

import static org.safeguardflow.variables.Var.code;
import static org.safeguardflow.variables.Var.integer;
import static org.safeguardflow.variables.Var.text;

import java.time.LocalDate;
import org.safeguardflow.casework.CaseDates;
import org.safeguardflow.timescales.Step;

/**
 * The child in need plan stage ({@code bpmn/child-in-need-plan.bpmn}, key
 * {@link org.safeguardflow.casework.Pathway.Process#CIN_PLAN}): its element ids and the variables it keeps besides the census
 * items in {@link org.safeguardflow.casework.Pathway.Var} ({@code cinPlanStartDate}, {@code cinPlanEndDate}).
 */
public final class ChildInNeedPlanProcess {

  private ChildInNeedPlanProcess() {}

  public static final class Element {
    public static final String PLAN_AGREED = "StartEvent_ChildInNeedPlanAgreed";
    public static final String START_PLAN = "Task_StartChildInNeedPlan";
    public static final String REVIEW = "SubProcess_ChildInNeedPlanReview";
    public static final String REVIEW_PLAN = "Task_ReviewChildInNeedPlan";
    public static final String REVIEW_HELD = "EndEvent_ReviewHeld";
    public static final String REVIEW_REMINDER = "Timer_CinPlanReviewReminder";
    public static final String REVIEW_DUE = "Timer_CinPlanReviewDue";
    public static final String REMIND_WORKER = "Task_RemindWorkerOfDueReview";
    public static final String WORKER_REMINDED = "EndEvent_WorkerReminded";
    public static final String RECORD_REVIEW_BREACH = "Task_RecordReviewBreach";
    public static final String SERVICE_MANAGER_REVIEWS_OVERDUE = "Task_ServiceManagerReviewsOverdueCinPlanReview";
    public static final String ESCALATION_FOLLOWED_UP = "EndEvent_ReviewEscalationFollowedUp";
    public static final String RECORD_REVIEW = "Task_RecordChildInNeedPlanReview";
    public static final String WHAT_DID_THE_REVIEW_DECIDE = "Gateway_WhatDidTheReviewDecide";
    public static final String END_PLAN = "Task_EndChildInNeedPlan";
    public static final String PLAN_ENDED = "EndEvent_ChildInNeedPlanEnded";

    private Element() {}
  }

  public static final class Var {
    /** What the plan sets out to achieve for the child, from the start form. */
    public static final org.safeguardflow.variables.Var<String> AIMS = text("cinPlanAims");
    // The review form
    public static final org.safeguardflow.variables.Var<LocalDate> REVIEW_DATE = CaseDates.variable("cinPlanReviewDate");
    public static final org.safeguardflow.variables.Var<String> REVIEW_PROGRESS = text("cinPlanReviewProgress");
    public static final org.safeguardflow.variables.Var<ReviewDecision> REVIEW_DECISION = code("cinPlanReviewDecision", ReviewDecision.class);
    /**
     * The review's escalation note as escalation tasks of models deployed before the one escalation
     * form kept it, in the plan; cleared with the review it belongs to. Today's note is
     * {@code timescales.Step.ESCALATION_NOTE}, local to its task.
     */
    public static final org.safeguardflow.variables.Var<String> EARLIER_REVIEW_ESCALATION_NOTE = text("cinPlanReviewEscalationNote");
    // The review cycle: which timescale the next review runs on and from which date
    public static final org.safeguardflow.variables.Var<String> REVIEW_STEP = text("cinPlanReviewStep");
    public static final org.safeguardflow.variables.Var<LocalDate> REVIEW_DUE_FROM = CaseDates.variable("cinPlanReviewDueFrom");
    public static final org.safeguardflow.variables.Var<Integer> REVIEW_COUNT = integer("cinPlanReviewCount");
    public static final org.safeguardflow.variables.Var<LocalDate> LAST_REVIEW_DATE = CaseDates.variable("cinPlanLastReviewDate");
    public static final org.safeguardflow.variables.Var<ReviewDecision> LAST_REVIEW_DECISION = code("cinPlanLastReviewDecision", ReviewDecision.class);
    public static final org.safeguardflow.variables.Var<String> LAST_REVIEW_PROGRESS = text("cinPlanLastReviewProgress");

    // The statutory steps' own variables (CIN_PLAN_REVIEW and CIN_PLAN_LATER_REVIEW: <step>Overdue, <step>LateReason)
    public static final org.safeguardflow.variables.Var<Boolean> REVIEW_OVERDUE = Step.CIN_PLAN_REVIEW.overdueFlagVar();
    public static final org.safeguardflow.variables.Var<Boolean> LATER_REVIEW_OVERDUE = Step.CIN_PLAN_LATER_REVIEW.overdueFlagVar();
    public static final org.safeguardflow.variables.Var<String> REVIEW_LATE_REASON = Step.CIN_PLAN_REVIEW.lateReasonVar();
    public static final org.safeguardflow.variables.Var<String> LATER_REVIEW_LATE_REASON = Step.CIN_PLAN_LATER_REVIEW.lateReasonVar();

    private Var() {}
  }

  /** What a review decides. */
  public enum ReviewDecision { CONTINUE, END_PLAN }
}
