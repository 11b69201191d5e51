package org.safeguardflow.casework.protectionplan;

import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.safeguardflow.casework.CaseDates;
import org.safeguardflow.casework.CaseRuleException;
import org.safeguardflow.casework.Pathway;
import org.springframework.stereotype.Component;

/**
 * Completion listener for the work of a child protection plan (core groups, visits, pre-proceedings):
 * each date named in the task's input parameter {@code datesInPlan} (comma separated) falls on or
 * after the plan's start, since nothing is done under a plan before it exists. Use it after
 * {@code checkCaseDates}, which makes sure the dates are given and in the episode.
 */
@Component("checkPlanDates")
class CheckPlanDates implements TaskListener {

  /** The task's input parameter naming the dates that fall within the plan (comma separated). */
  static final org.safeguardflow.variables.Var<String> DATES_IN_PLAN = org.safeguardflow.variables.Var.text("datesInPlan");

  @Override
  public void notify(DelegateTask task) {
    LocalDate start = Pathway.Var.CPP_START_DATE.get(task);
    String names = DATES_IN_PLAN.get(task);
    if (names == null || start == null) {
      return;
    }
    for (String raw : names.split(",")) {
      String name = raw.strip();
      LocalDate date = CaseDates.variable(name).get(task);
      if (date != null && date.isBefore(start)) {
        throw new CaseRuleException(name + " (" + date + ") is before " + Pathway.Var.CPP_START_DATE + " ("
            + start + "): work under a child protection plan falls on or after the plan's start");
      }
    }
  }
}
