package org.safeguardflow.casework.supervision;

import static org.safeguardflow.casework.supervision.CaseSupervisionProcess.Var.COUNT;
import static org.safeguardflow.casework.supervision.CaseSupervisionProcess.Var.DUE_FROM;

import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.safeguardflow.casework.Pathway;
import org.springframework.stereotype.Component;

/**
 * Start listener of the supervision process: the first supervision is due 4 weeks after the case was
 * allocated ({@code allocationDate}) or, when the episode passes no allocation date, after supervision
 * began.
 */
@Component("beginSupervisionCycle")
class BeginSupervisionCycle implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    // The allocation day as stored (ISO text) when there is one, else the moment the cycle began.
    LocalDate allocated = Pathway.Var.ALLOCATION_DATE.get(execution); // refuses a value that is not a date
    DUE_FROM.set(execution, allocated != null ? allocated : ClockUtil.getCurrentTime().toInstant());
    COUNT.set(execution, 0);
  }
}
