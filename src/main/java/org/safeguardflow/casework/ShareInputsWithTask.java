package org.safeguardflow.casework;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Creation listener for statutory user tasks. The shared completion listeners ({@code explainLateStep},
 * {@code checkCaseDates}) read {@code timescaleStep} and {@code datesInEpisode} from the task's own
 * variables, but Camunda keeps a user task's input parameters on the task's execution, where those
 * listeners do not look: without this copy a late step fails with "needs the input parameter
 * timescaleStep" and the dates go unchecked. Harmless once those listeners read the execution too.
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
      if (value != null && !task.hasVariableLocal(name)) {
        task.setVariableLocal(name, value);
      }
    }
  }
}
