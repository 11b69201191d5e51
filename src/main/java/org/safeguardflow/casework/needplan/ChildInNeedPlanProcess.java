package org.safeguardflow.casework.needplan;

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
    public static final String AIMS = "cinPlanAims";
    // The review form
    public static final String REVIEW_DATE = "cinPlanReviewDate";
    public static final String REVIEW_PROGRESS = "cinPlanReviewProgress";
    public static final String REVIEW_DECISION = "cinPlanReviewDecision";
    public static final String REVIEW_ESCALATION_NOTE = "cinPlanReviewEscalationNote";
    // The review cycle: which timescale the next review runs on and from which date
    public static final String REVIEW_STEP = "cinPlanReviewStep";
    public static final String REVIEW_DUE_FROM = "cinPlanReviewDueFrom";
    public static final String REVIEW_COUNT = "cinPlanReviewCount";
    public static final String LAST_REVIEW_DATE = "cinPlanLastReviewDate";
    public static final String LAST_REVIEW_DECISION = "cinPlanLastReviewDecision";
    public static final String LAST_REVIEW_PROGRESS = "cinPlanLastReviewProgress";

    private Var() {}
  }

  /** Timescale steps of {@code bpmn/statutory-timescales.dmn}: the first review, then the later ones. */
  public static final String FIRST_REVIEW_STEP = "CIN_PLAN_REVIEW";
  public static final String LATER_REVIEW_STEP = "CIN_PLAN_LATER_REVIEW";

  /** What a review decides. */
  public enum ReviewDecision { CONTINUE, END_PLAN }
}
