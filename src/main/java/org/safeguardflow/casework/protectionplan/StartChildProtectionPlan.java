package org.safeguardflow.casework.protectionplan;

import java.time.LocalDate;
import java.util.ArrayList;
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
    LocalDate conference = CaseDates.of(Pathway.Var.DATE_OF_INITIAL_CPC, execution.getVariable(Pathway.Var.DATE_OF_INITIAL_CPC));
    Object category = execution.getVariable(Pathway.Var.INITIAL_CATEGORY_OF_ABUSE);
    if (conference == null || !(category instanceof String code) || !Pathway.CategoryOfAbuse.codes().contains(code)) {
      throw new IllegalStateException("A child protection plan needs " + Pathway.Var.DATE_OF_INITIAL_CPC
          + " and " + Pathway.Var.INITIAL_CATEGORY_OF_ABUSE + " from the conference that made it");
    }
    String start = conference.toString();
    execution.setVariable(Pathway.Var.CPP_START_DATE, start);
    execution.setVariable(Pathway.Var.LATEST_CATEGORY_OF_ABUSE, code);
    execution.setVariable(Var.REVIEW_CONFERENCE_COUNT, 0);
    execution.setVariable(Var.CPP_REVIEW_DATES, new ArrayList<String>());
    execution.setVariable(Var.REVIEW_DUE_FROM, start);
    execution.setVariable(Var.CP_VISIT_DUE_FROM, start);
  }
}
