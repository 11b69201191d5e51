package org.safeguardflow.casework.protectionplan;

import static org.safeguardflow.casework.Pathway.Var.CPP_START_DATE;
import static org.safeguardflow.casework.Pathway.Var.LATEST_CATEGORY_OF_ABUSE;
import static org.safeguardflow.casework.protectionplan.ChildProtectionPlanProcess.Var.REVIEW_DATE;
import static org.safeguardflow.casework.protectionplan.ChildProtectionPlanProcess.Var.REVIEW_DECISION;
import static org.safeguardflow.casework.protectionplan.ChildProtectionPlanProcess.Var.REVIEW_NOTES;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.safeguardflow.casework.CaseDates;
import org.safeguardflow.casework.FormValues;
import org.safeguardflow.casework.Pathway;
import org.safeguardflow.casework.protectionplan.ChildProtectionPlanProcess.ReviewDecision;
import org.springframework.stereotype.Component;

/**
 * Refuses a review conference the DfE census would reject: a review falls after the plan's start,
 * and a plan cannot start and end on the same day. The latest category of abuse and the decision
 * must be ones the census and the plan know.
 */
@Component("checkReviewConference")
class CheckReviewConference implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    List<String> problems = new ArrayList<>();
    String decision = FormValues.requireOneOf(task, REVIEW_DECISION, ReviewDecision.names(), problems);
    FormValues.requireOneOf(task, LATEST_CATEGORY_OF_ABUSE, Pathway.CategoryOfAbuse.codes(), problems);
    FormValues.requireText(task, REVIEW_NOTES, "the conference's reasons and the changes to the plan", problems);
    LocalDate start = CPP_START_DATE.get(task);
    LocalDate review = REVIEW_DATE.get(task);
    if (review == null) {
      problems.add(REVIEW_DATE + " is required");
    } else if (start != null) {
      boolean ends = decision != null && ReviewDecision.valueOf(decision).ending() != null;
      if (ends && review.isEqual(start)) {
        problems.add(REVIEW_DECISION + " " + decision + " on " + REVIEW_DATE + " " + review + ", the day the plan started ("
            + CPP_START_DATE + "): a CP plan cannot start and end on the same day (DfE CIN census rule 8840)");
      } else if (!review.isAfter(start)) {
        problems.add(REVIEW_DATE + " (" + review + ") is not after " + CPP_START_DATE + " (" + start
            + "): reviews fall after the plan start (DfE CIN census rules 8841, 8925)");
      }
    }
    FormValues.refuseIfAny(problems);
  }
}
