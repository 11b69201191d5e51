package org.safeguardflow.casework.needplan;

import static org.safeguardflow.casework.Pathway.Var.CIN_PLAN_END_DATE;
import static org.safeguardflow.casework.Pathway.Var.CIN_PLAN_START_DATE;
import static org.safeguardflow.casework.needplan.ChildInNeedPlanProcess.Var.LAST_REVIEW_DATE;

import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.safeguardflow.casework.CaseDates;
import org.safeguardflow.casework.PlanActions;
import org.safeguardflow.casework.PlanRecords;
import org.springframework.stereotype.Component;

/** The plan ends on the date of the review that decided to end it (the census item CINPlanEndDate). */
@Component("endChildInNeedPlan")
class EndChildInNeedPlan implements JavaDelegate {

  private final PlanActions actions;

  EndChildInNeedPlan(PlanActions actions) {
    this.actions = actions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LocalDate end = LAST_REVIEW_DATE.get(execution);
    LocalDate start = CIN_PLAN_START_DATE.get(execution);
    if (end == null || (start != null && end.isBefore(start))) {
      // The review listener makes this impossible; a model change that skipped it must not write a wrong census date.
      throw new IllegalStateException("A child in need plan cannot end on " + end + " when it started on " + start);
    }
    CIN_PLAN_END_DATE.set(execution.getProcessInstance(), end);
    // The plan's record ends with it, and its open actions stop being chased.
    actions.planEnded(execution.getProcessBusinessKey(), PlanRecords.Kind.CIN, end);
  }
}
