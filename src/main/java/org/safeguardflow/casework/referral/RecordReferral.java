package org.safeguardflow.casework.referral;

import java.time.LocalDate;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.safeguardflow.casework.CaseRecords;
import org.safeguardflow.casework.Pathway;
import org.safeguardflow.timescales.StatutoryTimescales;
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
    Date decidedAt = Pathway.Var.CONTACT_DECIDED_AT.get(execution);
    LocalDate referralDate = StatutoryTimescales.londonDate(decidedAt != null ? decidedAt : ClockUtil.getCurrentTime());
    Pathway.Var.REFERRAL_DATE.set(execution, referralDate);
    cases.recordReferral(execution.getProcessBusinessKey(), referralDate);
  }
}
