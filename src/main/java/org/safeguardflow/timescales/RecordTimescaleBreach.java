package org.safeguardflow.timescales;

import java.time.ZoneOffset;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.safeguardflow.variables.Var;
import org.springframework.stereotype.Component;

/**
 * Records that a statutory deadline passed before the step was done. Reusable from any model: give it
 * the input parameters {@code timescaleStep} (a step of the timescales table) and {@code deadline}.
 * It sets {@code <step in camelCase>Overdue} (e.g. {@code contactDecisionOverdue}) so that the
 * step's form can ask why it is late.
 */
@Component("recordTimescaleBreach")
class RecordTimescaleBreach implements JavaDelegate {

  private final TimescaleBreaches breaches;

  RecordTimescaleBreach(TimescaleBreaches breaches) {
    this.breaches = breaches;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String step = Step.CODE.getLocal(execution);
    Date deadline = Step.DEADLINE.getLocal(execution);
    if (step == null || deadline == null) {
      throw new IllegalStateException(execution.getCurrentActivityId()
          + " needs the input parameters timescaleStep and deadline");
    }
    breaches.record(execution.getProcessBusinessKey(), step,
        deadline.toInstant().atOffset(ZoneOffset.UTC),
        EngineTime.now());
    Var.yesNo(StatutoryDeadlines.overdueFlag(step)).set(execution.getProcessInstance(), true);
  }
}
