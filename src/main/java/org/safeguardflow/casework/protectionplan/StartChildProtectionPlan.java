package org.safeguardflow.casework.protectionplan;

import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.safeguardflow.casework.CaseDates;
import org.safeguardflow.casework.FormValues;
import org.safeguardflow.casework.Pathway;
import org.safeguardflow.casework.protectionplan.ChildProtectionPlanProcess.Var;
import org.springframework.stereotype.Component;

/**
 * Starts the plan on the day of the conference that made it: the DfE requires a CP plan to start on
 * the ICPC date, so the start is derived, never typed. The latest category of abuse begins as the
 * initial one, and the visit and review cycles count from the start.
 */
@Component("startChildProtectionPlan")
class StartChildProtectionPlan implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    LocalDate conference = Pathway.Var.DATE_OF_INITIAL_CPC.get(execution);
    Pathway.CategoryOfAbuse category = Pathway.Var.INITIAL_CATEGORY_OF_ABUSE.get(execution);
    if (conference == null || category == null) {
      throw new IllegalStateException("A child protection plan needs " + Pathway.Var.DATE_OF_INITIAL_CPC
          + " and " + Pathway.Var.INITIAL_CATEGORY_OF_ABUSE + " from the conference that made it");
    }
    LocalDate start = conference;
    Pathway.Var.CPP_START_DATE.set(execution, start);
    Pathway.Var.LATEST_CATEGORY_OF_ABUSE.set(execution, category);
    Var.REVIEW_CONFERENCE_COUNT.set(execution, 0);
    Var.CPP_REVIEW_DATES.set(execution, List.of());
    Var.REVIEW_DUE_FROM.set(execution, start);
    Var.CP_VISIT_DUE_FROM.set(execution, start);
  }
}
