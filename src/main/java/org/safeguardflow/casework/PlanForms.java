package org.safeguardflow.casework;

import org.safeguardflow.variables.Var;

/**
 * Handles of the plan fields the plan and meeting forms submit ({@link PlanContent} and
 * {@link PlanMeetings} read them by these names), for code outside this package that writes them,
 * such as the caseload simulator. The lists are Camunda Spin JSON values as the forms send them.
 */
public final class PlanForms {

  /** A child protection plan's danger statements: JSON [{statement}]. */
  public static final Var<Object> DANGER_STATEMENTS = Var.stored(PlanContent.DANGER_STATEMENTS, Object.class);
  /** A child protection plan's safety goals: JSON [{goal}]. */
  public static final Var<Object> SAFETY_GOALS = Var.stored(PlanContent.SAFETY_GOALS, Object.class);
  /** The plan's outcomes: JSON [{whatChanges, measuredBy, byWhen}]. */
  public static final Var<Object> OUTCOMES = Var.stored(PlanContent.OUTCOMES, Object.class);
  /** The plan's actions: JSON [{outcome, who, what, byWhen}], outcome = the outcome's number in the plan. */
  public static final Var<Object> ACTIONS = Var.stored(PlanContent.ACTIONS, Object.class);
  /** At a meeting, each outcome's rating and evidence: JSON [{outcome, ..., rating, evidence}]. */
  public static final Var<Object> OUTCOME_PROGRESS = Var.stored(PlanContent.OUTCOME_PROGRESS, Object.class);
  /** Whether the child attended the meeting. */
  public static final Var<Boolean> CHILD_ATTENDED = FormValues.yesNoAnswer(PlanMeetings.CHILD_ATTENDED);
  /** The child's views, as recorded at the meeting. */
  public static final Var<String> CHILDS_VIEWS = Var.text(PlanMeetings.CHILDS_VIEWS);
  /** How the child's views were gathered. */
  public static final Var<String> HOW_VIEWS_GATHERED = Var.text(PlanMeetings.HOW_VIEWS_GATHERED);
  /** Whether an advocate was offered to the child. */
  public static final Var<Boolean> ADVOCATE_OFFERED = FormValues.yesNoAnswer(PlanMeetings.ADVOCATE_OFFERED);

  private PlanForms() {}
}
