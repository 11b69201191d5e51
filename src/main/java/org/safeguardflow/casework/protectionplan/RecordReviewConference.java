package org.safeguardflow.casework.protectionplan;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.safeguardflow.casework.CaseDates;
import org.safeguardflow.casework.protectionplan.ChildProtectionPlanProcess.Var;
import org.springframework.stereotype.Component;

/**
 * Files a review conference on the plan for the census (the count and the dates of the reviews) and
 * counts the next review's deadline from this one.
 */
@Component("recordReviewConference")
class RecordReviewConference implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    String review = CaseDates.of(Var.REVIEW_DATE, execution.getVariable(Var.REVIEW_DATE)).toString();
    List<String> dates = new ArrayList<>();
    if (execution.getVariable(Var.CPP_REVIEW_DATES) instanceof List<?> known) {
      known.forEach(d -> dates.add(String.valueOf(d)));
    }
    dates.add(review);
    execution.setVariable(Var.CPP_REVIEW_DATES, dates);
    execution.setVariable(Var.REVIEW_CONFERENCE_COUNT, dates.size());
    execution.setVariable(Var.REVIEW_DUE_FROM, review);
  }
}
