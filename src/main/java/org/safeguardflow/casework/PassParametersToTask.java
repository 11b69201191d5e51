package org.safeguardflow.casework;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Camunda keeps a user task's input parameters on the task's execution, but the shared completion
 * listeners ({@code explainLateStep}, {@code checkCaseDates}, {@code checkPlanDates}) read them as
 * task-local variables, where they would never be found and the checks would silently pass. This
 * creation listener copies the parameters those listeners read onto the task.
 *
 * <pre>{@code <camunda:taskListener delegateExpression="${passParametersToTask}" event="create" />}</pre>
 */
@Component("passParametersToTask")
class PassParametersToTask implements TaskListener {

  static final List<String> PARAMETERS = List.of("timescaleStep", "datesInEpisode", "optionalDatesInEpisode", "datesInPlan");

  @Override
  public void notify(DelegateTask task) {
    for (String name : PARAMETERS) {
      Object value = task.getExecution().getVariableLocal(name);
      if (value != null && task.getVariableLocal(name) == null) {
        task.setVariableLocal(name, value);
      }
    }
  }
}
