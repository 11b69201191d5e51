package org.safeguardflow.casework.referral;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.safeguardflow.casework.CaseRecords;
import org.safeguardflow.casework.Pathway;
import org.safeguardflow.timescales.EngineTime;
import org.springframework.stereotype.Component;

/** Writes who holds the case to the case record, where caseloads and Annex A read it. */
@Component("recordAllocation")
class RecordAllocation implements JavaDelegate {

  private final CaseRecords cases;

  RecordAllocation(CaseRecords cases) {
    this.cases = cases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    cases.allocate(execution.getProcessBusinessKey(),
        Pathway.Var.ALLOCATED_TEAM.get(execution),
        Pathway.Var.ALLOCATED_WORKER.get(execution),
        EngineTime.now());
  }
}
