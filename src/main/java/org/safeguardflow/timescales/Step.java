package org.safeguardflow.timescales;

import java.util.Arrays;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.safeguardflow.variables.Var;

/**
 * A statutory step: a piece of casework the law or statutory guidance (Working Together to Safeguard
 * Children, the Children Act 1989 and its regulations, the Public Law Outline) gives a timescale.
 * Each constant is a row of the {@code StatutoryTimescale} table in {@code bpmn/statutory-timescales.dmn}
 * (the table owns the amount, unit and reminder; this type owns the names), and {@code StepModelTest}
 * fails when a step named in {@code bpmn/} is not a constant here or not a row there, and the other
 * way round.
 *
 * <p>The names every statutory step uses, in its BPMN (task, reminder, deadline, breach, escalation,
 * late reason) and its form, derive from the code: {@code CP_VISIT} has the stem {@code cpVisit},
 * the form flag {@code cpVisitOverdue}, the late reason {@code cpVisitLateReason} and the outcome
 * {@code cpVisitLate}. The input parameter names the step's elements take are the constants below.
 */
public enum Step {
  CONTACT_DECISION,
  REFERRAL_ALLOCATION,
  STRATEGY_DISCUSSION,
  STRATEGY_MINUTES,
  S47_ENQUIRY,
  INITIAL_ASSESSMENT,
  CORE_ASSESSMENT,
  SINGLE_ASSESSMENT,
  ASSESSMENT_AUTHORISATION,
  INITIAL_CPC,
  FIRST_CORE_GROUP,
  LATER_CORE_GROUP,
  FIRST_REVIEW_CPC,
  LATER_REVIEW_CPC,
  CP_VISIT,
  LETTER_BEFORE_PROCEEDINGS,
  PRE_PROCEEDINGS_MEETING,
  PRE_PROCEEDINGS_REVIEW,
  CARE_PROCEEDINGS_APPLICATION,
  CARE_PROCEEDINGS,
  CIN_PLAN_START,
  CIN_PLAN_REVIEW,
  CIN_PLAN_LATER_REVIEW,
  CASE_SUPERVISION,
  RECORD_BIRTH,
  EPISODE_CLOSURE,
  /** Recording the people around the child (the family network) once a worker starts it. */
  FAMILY_NETWORK,
  /** A plan action's own "by when": the action is overdue at the end of that day (Europe/London). */
  PLAN_ACTION,
  /** The allocated worker's chase of an overdue plan action, before the team manager follows it up. */
  PLAN_ACTION_CHASE,
  /** The service manager's follow-up of any step that missed its deadline. */
  ESCALATION_FOLLOW_UP;

  /**
   * Input parameter naming the step, on the statutory user task, its reminder and its breach record
   * (e.g. {@code <camunda:inputParameter name="timescaleStep">CP_VISIT</camunda:inputParameter>}).
   */
  public static final String INPUT = StatutoryDeadlines.TIMESCALE_STEP;

  /** The step input read as text (a code that may name no step, e.g. from a stale model). */
  public static final Var<String> CODE = Var.text(INPUT);

  /** Input parameter of the reminder and the breach record: the step's deadline (a Date). */
  public static final Var<Date> DEADLINE = Var.moment("deadline");

  /** Input parameter of the reminder: whom to remind, {@code user:<id>} or {@code group:<id>}. */
  public static final Var<String> REMIND = Var.text("remind");

  /** Input parameter of the reminder: the step in a manager's words (optional). */
  public static final Var<String> WHAT = Var.text("what");

  /**
   * What the service manager did about an overdue step: the one field of the one escalation form
   * ({@code forms/service-manager-follows-up-overdue-step.form}), a local input parameter of every
   * escalation task, so each escalation's note stays with its task (and its history) and never
   * reaches the stage. Escalation tasks of models deployed before kept it in the stage under a key of
   * their own ({@code supervisionEscalationNote}...), which the stages still clear.
   */
  public static final Var<String> ESCALATION_NOTE = Var.text("escalationNote");

  /** The step's code, as in the timescales table and the {@code timescaleStep} input. */
  public String code() {
    return name();
  }

  /** The camelCase stem of the step's variables: {@code CONTACT_DECISION} gives {@code contactDecision}. */
  public String stem() {
    return StatutoryTimescales.variableStem(name());
  }

  /** The boolean form field by which the late-reason field shows, e.g. {@code contactDecisionOverdue}. */
  public String overdueFlag() {
    return StatutoryDeadlines.overdueFlag(code());
  }

  /** The text field saying why the step is late, e.g. {@code contactDecisionLateReason}. */
  public String lateReason() {
    return stem() + "LateReason";
  }

  /** The process variable the completed step leaves: whether it was late, e.g. {@code contactDecisionLate}. */
  public String lateFlag() {
    return stem() + "Late";
  }

  /** {@link #overdueFlag()} as a handle: yes or no (set when the deadline passes, cleared when the step is done). */
  public Var<Boolean> overdueFlagVar() {
    return Var.yesNo(overdueFlag());
  }

  /** {@link #lateReason()} as a handle: text. */
  public Var<String> lateReasonVar() {
    return Var.text(lateReason());
  }

  /** {@link #lateFlag()} as a handle: yes or no. */
  public Var<Boolean> lateFlagVar() {
    return Var.yesNo(lateFlag());
  }

  /** The step's words for a person, e.g. {@code Cp visit} for {@code CP_VISIT}. */
  public String words() {
    return words(code());
  }

  /** A step code's words for a person, also for a code no constant names (a stale model's). */
  public static String words(String code) {
    return code.charAt(0) + code.substring(1).toLowerCase(Locale.UK).replace('_', ' ');
  }

  /** The step a task or execution names in its {@code timescaleStep} input, or empty. */
  public static Optional<Step> of(VariableScope scope) {
    return of(scope.getVariable(INPUT) instanceof String code ? code : null);
  }

  /** The step of a code, or empty when the code names no statutory step (e.g. a stale or mistyped one). */
  public static Optional<Step> of(String code) {
    return code == null ? Optional.empty() : Arrays.stream(values()).filter(s -> s.name().equals(code)).findFirst();
  }
}
