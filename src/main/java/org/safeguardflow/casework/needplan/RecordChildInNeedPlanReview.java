package org.safeguardflow.casework.needplan;

import static org.safeguardflow.casework.needplan.ChildInNeedPlanProcess.Var.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.safeguardflow.casework.CaseDates;
import org.springframework.stereotype.Component;

/**
 * Keeps the review just held as the plan's latest review and starts the next cycle: later reviews run
 * on their own timescale from this review's date. The review form's fields are cleared so that the
 * next review's form opens empty rather than showing this review's answers; history keeps them.
 */
@Component("recordChildInNeedPlanReview")
class RecordChildInNeedPlanReview implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    var plan = execution.getProcessInstance();
    String reviewDate = CaseDates.of(REVIEW_DATE, plan.getVariable(REVIEW_DATE)).toString();
    Object count = plan.getVariable(REVIEW_COUNT);
    plan.setVariable(LAST_REVIEW_DATE, reviewDate);
    plan.setVariable(LAST_REVIEW_DECISION, plan.getVariable(REVIEW_DECISION));
    plan.setVariable(LAST_REVIEW_PROGRESS, plan.getVariable(REVIEW_PROGRESS));
    plan.setVariable(REVIEW_COUNT, (count instanceof Number n ? n.intValue() : 0) + 1);
    plan.setVariable(REVIEW_STEP, ChildInNeedPlanProcess.LATER_REVIEW_STEP);
    plan.setVariable(REVIEW_DUE_FROM, reviewDate);
    // A breach belongs to the review that missed its deadline, not to the next one.
    plan.setVariable("cinPlanReviewOverdue", false);
    plan.setVariable("cinPlanLaterReviewOverdue", false);
    plan.removeVariables(java.util.List.of(REVIEW_DATE, REVIEW_PROGRESS, REVIEW_DECISION, REVIEW_ESCALATION_NOTE,
        "cinPlanReviewLateReason", "cinPlanLaterReviewLateReason"));
  }
}
