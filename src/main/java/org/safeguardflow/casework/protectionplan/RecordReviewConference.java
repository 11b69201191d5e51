package org.safeguardflow.casework.protectionplan;

import java.time.LocalDate;
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
    LocalDate review = Var.REVIEW_DATE.get(execution);
    List<String> dates = new ArrayList<>();
    List<String> known = Var.CPP_REVIEW_DATES.get(execution);
    if (known != null) {
      dates.addAll(known);
    }
    dates.add(review.toString());
    Var.CPP_REVIEW_DATES.set(execution, dates);
    Var.REVIEW_CONFERENCE_COUNT.set(execution, dates.size());
    Var.REVIEW_DUE_FROM.set(execution, review);
  }
}
