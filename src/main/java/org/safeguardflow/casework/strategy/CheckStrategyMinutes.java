package org.safeguardflow.casework.strategy;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.safeguardflow.casework.FormValues;
import org.safeguardflow.casework.Pathway;
import org.springframework.stereotype.Component;

/**
 * Completion listener of {@code Task_RecordStrategyMinutes}: the agencies are told the minutes exist,
 * so they must: a submission through the REST API is held to the same rule as the form.
 */
@Component("checkStrategyMinutes")
class CheckStrategyMinutes implements TaskListener {

  static final int MAX_MINUTES = 10000;

  @Override
  public void notify(DelegateTask task) {
    FormValues.requiredText(Pathway.Var.STRATEGY_MINUTES, task, MAX_MINUTES);
  }
}
