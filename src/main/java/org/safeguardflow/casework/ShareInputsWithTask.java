package org.safeguardflow.casework;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Create listener that makes a user task's input parameters {@code timescaleStep},
 * {@code datesInEpisode} and {@code optionalDatesInEpisode} task variables. Input parameters are
 * local to the task's execution, while {@code explainLateStep} and {@code checkCaseDates} read them
 * as local variables of the task itself; without this they see none and refuse or skip the check.
 *
 * <pre>{@code <camunda:taskListener delegateExpression="${shareInputsWithTask}" event="create" />}</pre>
 */
@Component("shareInputsWithTask")
class ShareInputsWithTask implements TaskListener {

  static final List<String> PARAMETERS = List.of("timescaleStep", "datesInEpisode", "optionalDatesInEpisode");

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
