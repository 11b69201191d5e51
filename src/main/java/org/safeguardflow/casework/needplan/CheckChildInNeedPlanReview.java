package org.safeguardflow.casework.needplan;

import static org.safeguardflow.casework.Pathway.Var.CIN_PLAN_START_DATE;
import static org.safeguardflow.casework.needplan.ChildInNeedPlanProcess.Var.LAST_REVIEW_DATE;
import static org.safeguardflow.casework.needplan.ChildInNeedPlanProcess.Var.REVIEW_DATE;
import static org.safeguardflow.casework.needplan.ChildInNeedPlanProcess.Var.REVIEW_DECISION;
import static org.safeguardflow.casework.needplan.ChildInNeedPlanProcess.Var.REVIEW_PROGRESS;

import java.time.LocalDate;
import java.util.Arrays;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.safeguardflow.casework.CaseDates;
import org.safeguardflow.casework.CaseRuleException;
import org.safeguardflow.casework.FormValues;
import org.safeguardflow.casework.needplan.ChildInNeedPlanProcess.ReviewDecision;
import org.springframework.stereotype.Component;

/**
 * Completion listener of {@code Task_ReviewChildInNeedPlan}: a review falls after the plan started
 * (DfE census rule) and not before the previous review, says what progress the plan has made, and
 * decides whether the plan goes on. Ending the plan on the review date therefore never ends it
 * before it started.
 */
@Component("checkChildInNeedPlanReview")
class CheckChildInNeedPlanReview implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    LocalDate review = FormValues.requiredDate(REVIEW_DATE, task);
    LocalDate start = CIN_PLAN_START_DATE.get(task);
    if (start != null && !review.isAfter(start)) {
      throw new CaseRuleException(REVIEW_DATE + " (" + review + ") must be after " + CIN_PLAN_START_DATE + " ("
          + start + "): a review falls after the plan starts (DfE census rule)");
    }
    LocalDate previous = LAST_REVIEW_DATE.get(task);
    if (previous != null && review.isBefore(previous)) {
      throw new CaseRuleException(REVIEW_DATE + " (" + review + ") is before the previous review (" + previous
          + "): record the review that has just been held");
    }
    FormValues.requiredText(REVIEW_PROGRESS, task, FormValues.MAX_TEXT_LENGTH);
    Object decision = REVIEW_DECISION.raw(task);
    if (Arrays.stream(ReviewDecision.values()).noneMatch(d -> d.name().equals(decision))) {
      throw new CaseRuleException(REVIEW_DECISION + " must be one of "
          + Arrays.stream(ReviewDecision.values()).map(Enum::name).toList().toString().replaceAll("[\\[\\]]", ""));
    }
  }
}
