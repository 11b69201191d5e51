package org.safeguardflow.casework.referral;

import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.safeguardflow.casework.CaseDates;
import org.safeguardflow.casework.CaseRuleException;
import org.safeguardflow.casework.CinCodes;
import org.safeguardflow.casework.Pathway;
import org.springframework.stereotype.Component;

/**
 * The census rules a closure must keep: a CIN reason for closure; RC8 and RC9 ("closed after
 * assessment") only when an assessment was authorised and, by DfE CIN census rule 2990, never on an
 * episode with a section 47 enquiry, an initial conference, a child protection plan or a child in
 * need plan ({@link ClosureReasons}, which also decides what the form offers); and nothing of the
 * episode after its closure date. Each refusal throws {@link CaseRuleException} naming the variable.
 */
@Component("checkEpisodeClosure")
class CheckEpisodeClosure implements TaskListener {

  /** Dates of the episode that the closure may not come before. */
  static final List<org.safeguardflow.variables.Var<LocalDate>> EARLIER_DATES = List.of(
      Pathway.Var.ASSESSMENT_AUTHORISATION_DATE, Pathway.Var.DATE_OF_INITIAL_CPC, Pathway.Var.CPP_END_DATE,
      Pathway.Var.CIN_PLAN_END_DATE, Pathway.Var.STRATEGY_DISCUSSION_DATE);

  @Override
  public void notify(DelegateTask task) {
    Object reason = Pathway.Var.REASON_FOR_CLOSURE.raw(task);
    if (!(reason instanceof String code) || !CinCodes.REASONS_FOR_CLOSURE.containsKey(code)) {
      throw new CaseRuleException(Pathway.Var.REASON_FOR_CLOSURE + " must be one of "
          + String.join(", ", CinCodes.REASONS_FOR_CLOSURE.keySet()) + " (DfE CIN census rule 8640)");
    }
    ClosureReasons.refusal(code, task).ifPresent(refusal -> {
      throw new CaseRuleException(refusal);
    });
    LocalDate closure = Pathway.Var.CLOSURE_DATE.get(task);
    for (org.safeguardflow.variables.Var<LocalDate> earlier : EARLIER_DATES) {
      LocalDate date = earlier.get(task);
      if (date != null && closure != null && closure.isBefore(date)) {
        throw new CaseRuleException(Pathway.Var.CLOSURE_DATE + " (" + closure + ") is before " + earlier + " ("
            + date + "): an episode closes after everything in it (DfE CIN census rule 8565)");
      }
    }
  }
}
