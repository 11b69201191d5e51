package org.safeguardflow.casework.protectionplan;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.safeguardflow.casework.CaseDates;
import org.safeguardflow.casework.Pathway;
import org.safeguardflow.casework.protectionplan.ChildProtectionPlanProcess.ReviewDecision;
import org.safeguardflow.casework.protectionplan.ChildProtectionPlanProcess.Var;
import org.springframework.stereotype.Component;

/** Ends the plan on the day of the review conference that ended it, and says how it ended. */
@Component("endChildProtectionPlan")
class EndChildProtectionPlan implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    ReviewDecision decision = ReviewDecision.valueOf((String) execution.getVariable(Var.REVIEW_DECISION));
    if (decision.ending() == null) {
      throw new IllegalStateException("Review decision " + decision + " does not end the plan");
    }
    execution.setVariable(Pathway.Var.CPP_END_DATE,
        CaseDates.of(Var.REVIEW_DATE, execution.getVariable(Var.REVIEW_DATE)).toString());
    execution.setVariable(Pathway.Var.PLAN_ENDING, decision.ending().name());
  }
}
