package org.safeguardflow.casework;

import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.safeguardflow.timescales.StatutoryTimescales;
import org.springframework.stereotype.Component;

/**
 * Completion listener that keeps the dates a practitioner enters inside the episode: each date
 * named in the task's input parameter {@code datesInEpisode} (comma separated) must be given, on or
 * after the referral date (a DfE rule) and not in the future. Dates named in {@code optionalDatesInEpisode}
 * are checked only when given.
 *
 * <pre>{@code <camunda:taskListener delegateExpression="${checkCaseDates}" event="complete" />}</pre>
 */
@Component("checkCaseDates")
class CheckCaseDates implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    LocalDate referral = CaseDates.of(Pathway.Var.REFERRAL_DATE, task.getVariable(Pathway.Var.REFERRAL_DATE));
    LocalDate today = StatutoryTimescales.londonDate(ClockUtil.getCurrentTime());
    check(task, "datesInEpisode", true, referral, today);
    check(task, "optionalDatesInEpisode", false, referral, today);
  }

  /** The DfE CIN census rule that refuses each census date before the referral date. */
  static final java.util.Map<String, String> BEFORE_REFERRAL_RULES = java.util.Map.of(
      Pathway.Var.ASSESSMENT_ACTUAL_START_DATE, "1103", Pathway.Var.DATE_OF_INITIAL_CPC, "1104",
      Pathway.Var.CPP_START_DATE, "1105", Pathway.Var.S47_ACTUAL_START_DATE, "2889",
      Pathway.Var.CIN_PLAN_START_DATE, "4015", Pathway.Var.CLOSURE_DATE, "8630");

  private static void check(DelegateTask task, String parameter, boolean required, LocalDate referral, LocalDate today) {
    Object names = task.getVariable(parameter);
    if (!(names instanceof String list) || list.isBlank()) {
      return;
    }
    for (String raw : list.split(",")) {
      String name = raw.strip();
      LocalDate date = CaseDates.of(name, task.getVariable(name));
      if (date == null) {
        if (required) {
          throw new CaseRuleException(name + " is required");
        }
        continue;
      }
      if (referral != null && date.isBefore(referral)) {
        throw new CaseRuleException(name + " (" + date + ") is before the referral date (" + referral
            + "): every date in an episode must be on or after its referral date"
            + (BEFORE_REFERRAL_RULES.containsKey(name) ? " (DfE CIN census rule " + BEFORE_REFERRAL_RULES.get(name) + ")" : ""));
      }
      if (date.isAfter(today)) {
        throw new CaseRuleException(name + " (" + date + ") is in the future: record what has happened");
      }
    }
  }
}
