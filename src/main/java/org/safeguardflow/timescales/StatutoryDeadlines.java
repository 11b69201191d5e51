package org.safeguardflow.timescales;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.core.variable.scope.AbstractVariableScope;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * When a statutory step is late: the one rule that both a step's completion listener and its form
 * use. The deadline is the one the step recorded when its task began (the task's due date as the
 * model computed it from the timescales table), kept in the task-local variable
 * {@value #RECORDED_DEADLINE}; the task's due date itself is an editable field and is never read for
 * lateness. A step is late when the engine clock is after that deadline, whether or not the deadline
 * timer has run yet (the job executor may be behind or stopped).
 *
 * <p>A statutory task names its step with the input parameter {@code timescaleStep} (a step of
 * {@code statutory-timescales.dmn}); every such task records its deadline on creation
 * ({@link StatutoryStepParseListener}), and its form receives {@code <step>Overdue} computed by
 * {@link #isLate} each time Tasklist loads the form's variables.
 */
public final class StatutoryDeadlines {

  /** Task-local variable: the deadline the step recorded when its task began (a Date, UTC instant). */
  public static final String RECORDED_DEADLINE = "statutoryDeadline";

  /** Input parameter of a statutory task naming its step of the timescales table. */
  public static final String TIMESCALE_STEP = "timescaleStep";

  /**
   * Task-local variable: the step's late reason as the task found it when it began (which variable
   * holds it and how often it had been written), so that a reason an earlier task of the same step
   * left in the case (the first contact decision's, when a further contact is reviewed) never counts
   * as this task's own.
   */
  public static final String LATE_REASON_AT_START = "statutoryLateReasonAtStart";

  private StatutoryDeadlines() {}

  /** The step's late-reason variable, e.g. {@code contactDecisionLateReason}. */
  public static String lateReasonOf(String step) {
    return StatutoryTimescales.variableStem(step) + "LateReason";
  }

  /**
   * Which variable holds the step's late reason as seen from the task, and how often it has been
   * written ({@code none} when no reason is there): a reason written after the task began reads
   * differently.
   */
  static String lateReasonMark(VariableScope task, String step) {
    if (task instanceof AbstractVariableScope scope
        && scope.getVariableInstance(lateReasonOf(step)) instanceof VariableInstanceEntity reason) {
      return reason.getId() + "#" + reason.getSequenceCounter();
    }
    return "none";
  }

  /**
   * Whether the step's late reason visible to the task was given while this task was open (with its
   * completion, most often), rather than left by an earlier task of the same step. Tasks begun
   * before the mark was recorded (an earlier release) take any reason, as they did.
   */
  public static boolean lateReasonGivenByThisTask(DelegateTask task, String step) {
    Object atStart = task.getVariableLocal(LATE_REASON_AT_START);
    return !(atStart instanceof String mark) || !mark.equals(lateReasonMark(task, step));
  }

  /**
   * The deadline recorded when the task began. Tasks created before deadlines were recorded (by an
   * earlier release) fall back to their due date, which only an administrator can move.
   */
  public static Date recordedDeadline(DelegateTask task) {
    Object recorded = task.getVariableLocal(RECORDED_DEADLINE);
    return recorded instanceof Date deadline ? deadline : task.getDueDate();
  }

  /** Whether the task's step is late now (engine clock after its recorded deadline). */
  public static boolean isLate(DelegateTask task) {
    Date deadline = recordedDeadline(task);
    return deadline != null && ClockUtil.getCurrentTime().after(deadline);
  }

  /** The step a task carries as its {@code timescaleStep} input parameter, or null. */
  public static String stepOf(VariableScope task) {
    return task.getVariable(TIMESCALE_STEP) instanceof String step ? step : null;
  }

  /** The flag a step's form shows its late-reason field by, e.g. {@code contactDecisionOverdue}. */
  public static String overdueFlag(String step) {
    return StatutoryTimescales.variableStem(step) + "Overdue";
  }
}
