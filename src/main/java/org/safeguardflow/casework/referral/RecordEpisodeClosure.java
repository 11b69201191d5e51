package org.safeguardflow.casework.referral;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.safeguardflow.casework.CaseDates;
import org.safeguardflow.casework.CaseRecords;
import org.safeguardflow.casework.Pathway;
import org.safeguardflow.timescales.EngineTime;
import org.springframework.stereotype.Component;

/** Closes the case record with the census closure date and reason. */
@Component("recordEpisodeClosure")
class RecordEpisodeClosure implements JavaDelegate {

  private final CaseRecords cases;

  RecordEpisodeClosure(CaseRecords cases) {
    this.cases = cases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    cases.closeEpisode(execution.getProcessBusinessKey(),
        Pathway.Var.REASON_FOR_CLOSURE.get(execution),
        Pathway.Var.CLOSURE_DATE.get(execution),
        EngineTime.now());
  }
}
