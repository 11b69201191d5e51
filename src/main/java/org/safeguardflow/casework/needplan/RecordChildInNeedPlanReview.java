package org.safeguardflow.casework.needplan;

import static org.safeguardflow.casework.needplan.ChildInNeedPlanProcess.Var.*;

import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.safeguardflow.casework.CaseDates;
import org.safeguardflow.timescales.Step;
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
    LocalDate reviewDate = REVIEW_DATE.get(plan);
    Integer count = REVIEW_COUNT.get(plan);
    LAST_REVIEW_DATE.set(plan, reviewDate);
    LAST_REVIEW_DECISION.set(plan, REVIEW_DECISION.get(plan));
    LAST_REVIEW_PROGRESS.set(plan, REVIEW_PROGRESS.get(plan));
    REVIEW_COUNT.set(plan, (count == null ? 0 : count) + 1);
    REVIEW_STEP.set(plan, Step.CIN_PLAN_LATER_REVIEW.code());
    REVIEW_DUE_FROM.set(plan, reviewDate);
    // A breach belongs to the review that missed its deadline, not to the next one.
    REVIEW_OVERDUE.set(plan, false);
    LATER_REVIEW_OVERDUE.set(plan, false);
    plan.removeVariables(org.safeguardflow.variables.Var.names(REVIEW_DATE, REVIEW_PROGRESS, REVIEW_DECISION,
        EARLIER_REVIEW_ESCALATION_NOTE, REVIEW_LATE_REASON, LATER_REVIEW_LATE_REASON));
  }
}
