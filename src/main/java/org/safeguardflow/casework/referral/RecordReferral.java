package org.safeguardflow.casework.referral;

import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.safeguardflow.casework.CaseDates;
import org.safeguardflow.casework.CaseRecords;
import org.safeguardflow.casework.Pathway;
import org.springframework.stereotype.Component;

/**
 * Records the referral date: the day the manager accepted the contact as a referral (the census
 * ReferralDate), from which the statutory clock of the episode runs.
 */
@Component("recordReferral")
class RecordReferral implements JavaDelegate {

  private final CaseRecords cases;

  RecordReferral(CaseRecords cases) {
    this.cases = cases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object decidedAt = execution.getVariable(Pathway.Var.CONTACT_DECIDED_AT);
    LocalDate referralDate = CaseDates.of(Pathway.Var.CONTACT_DECIDED_AT,
        decidedAt != null ? decidedAt : ClockUtil.getCurrentTime());
    execution.setVariable(Pathway.Var.REFERRAL_DATE, referralDate.toString());
    cases.recordReferral(execution.getProcessBusinessKey(), referralDate);
  }
}
