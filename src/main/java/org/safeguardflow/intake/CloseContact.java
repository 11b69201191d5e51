package org.safeguardflow.intake;

import static org.safeguardflow.intake.ContactProcess.Var.CASE_CLOSED_AT;
import static org.safeguardflow.intake.ContactProcess.Var.CONTACT_DECISION;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.safeguardflow.casework.CaseRecords;
import org.safeguardflow.timescales.EngineTime;
import org.springframework.stereotype.Component;

/** Closes a case that ends at the front door (no further action, or early help) with its closure record. */
@Component("closeContact")
class CloseContact implements JavaDelegate {

  private final CaseRecords cases;

  CloseContact(CaseRecords cases) {
    this.cases = cases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var closedAt = EngineTime.now();
    cases.close(execution.getProcessBusinessKey(), CONTACT_DECISION.require(execution).name(), closedAt);
    CASE_CLOSED_AT.set(execution, ClockUtil.getCurrentTime());
  }
}
