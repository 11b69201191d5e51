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

  /** The task's input parameter naming the dates it must be given (comma separated). */
  static final org.safeguardflow.variables.Var<String> DATES_IN_EPISODE = org.safeguardflow.variables.Var.text("datesInEpisode");
  /** The task's input parameter naming the dates checked only when given. */
  static final org.safeguardflow.variables.Var<String> OPTIONAL_DATES_IN_EPISODE = org.safeguardflow.variables.Var.text("optionalDatesInEpisode");

  @Override
  public void notify(DelegateTask task) {
    LocalDate referral = Pathway.Var.REFERRAL_DATE.get(task);
    LocalDate today = StatutoryTimescales.londonDate(ClockUtil.getCurrentTime());
    check(task, DATES_IN_EPISODE, true, referral, today);
    check(task, OPTIONAL_DATES_IN_EPISODE, false, referral, today);
  }

  /** The DfE CIN census rule that refuses each census date before the referral date. */
  static final java.util.Map<String, String> BEFORE_REFERRAL_RULES = java.util.Map.of(
      Pathway.Var.ASSESSMENT_ACTUAL_START_DATE.name(), "1103", Pathway.Var.DATE_OF_INITIAL_CPC.name(), "1104",
      Pathway.Var.CPP_START_DATE.name(), "1105", Pathway.Var.S47_ACTUAL_START_DATE.name(), "2889",
      Pathway.Var.CIN_PLAN_START_DATE.name(), "4015", Pathway.Var.CLOSURE_DATE.name(), "8630");

  private static void check(DelegateTask task, org.safeguardflow.variables.Var<String> parameter, boolean required, LocalDate referral,
      LocalDate today) {
    String list = parameter.get(task);
    if (list == null || list.isBlank()) {
      return;
    }
    for (String raw : list.split(",")) {
      String name = raw.strip();
      LocalDate date = CaseDates.variable(name).get(task);
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
