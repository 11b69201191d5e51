package org.safeguardflow.casework.supervision;

import static org.safeguardflow.casework.supervision.CaseSupervisionProcess.Var.COUNT;
import static org.safeguardflow.casework.supervision.CaseSupervisionProcess.Var.DUE_FROM;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.safeguardflow.casework.CaseDates;
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
    Object allocated = execution.getVariable(Pathway.Var.ALLOCATION_DATE);
    boolean hasAllocation = allocated != null && !(allocated instanceof String text && text.isBlank());
    if (hasAllocation) {
      CaseDates.of(Pathway.Var.ALLOCATION_DATE, allocated); // refuses a value that is not a date
    }
    execution.setVariable(DUE_FROM, hasAllocation ? allocated : ClockUtil.getCurrentTime());
    execution.setVariable(COUNT, 0);
  }
}
