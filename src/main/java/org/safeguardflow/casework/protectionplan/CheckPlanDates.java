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

  @Override
  public void notify(DelegateTask task) {
    LocalDate start = CaseDates.of(Pathway.Var.CPP_START_DATE, task.getVariable(Pathway.Var.CPP_START_DATE));
    if (!(task.getVariable("datesInPlan") instanceof String names) || start == null) {
      return;
    }
    for (String raw : names.split(",")) {
      String name = raw.strip();
      LocalDate date = CaseDates.of(name, task.getVariable(name));
      if (date != null && date.isBefore(start)) {
        throw new CaseRuleException(name + " (" + date + ") is before " + Pathway.Var.CPP_START_DATE + " ("
            + start + "): work under a child protection plan falls on or after the plan's start");
      }
    }
  }
}
