package org.safeguardflow.casework.protectionplan;

import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.safeguardflow.casework.CaseDates;
import org.safeguardflow.casework.Pathway;
import org.safeguardflow.casework.PlanActions;
import org.safeguardflow.casework.PlanRecords;
import org.safeguardflow.casework.protectionplan.ChildProtectionPlanProcess.ReviewDecision;
import org.safeguardflow.casework.protectionplan.ChildProtectionPlanProcess.Var;
import org.springframework.stereotype.Component;

/**
 * Ends the plan on the day of the review conference that ended it, and says how it ended. Its record
 * ({@link PlanRecords}) ends the same day, and the actions still open stop being chased.
 */
@Component("endChildProtectionPlan")
class EndChildProtectionPlan implements JavaDelegate {

  private final PlanActions actions;

  EndChildProtectionPlan(PlanActions actions) {
    this.actions = actions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ReviewDecision decision = Var.REVIEW_DECISION.get(execution);
    if (decision.ending() == null) {
      throw new IllegalStateException("Review decision " + decision + " does not end the plan");
    }
    LocalDate ended = Var.REVIEW_DATE.get(execution);
    Pathway.Var.CPP_END_DATE.set(execution, ended);
    Pathway.Var.PLAN_ENDING.set(execution, decision.ending());
    actions.planEnded(execution.getProcessBusinessKey(), PlanRecords.Kind.CP, ended);
  }
}
