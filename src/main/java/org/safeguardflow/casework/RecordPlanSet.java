package org.safeguardflow.casework;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.safeguardflow.timescales.EngineTime;
import org.springframework.stereotype.Component;

/**
 * Completion listener of the tasks that set a plan: the initial conference's outcome (input parameter
 * {@code planKind} = {@code CP}: only when the conference decided on a child protection plan) and the
 * start of a child in need plan ({@code CIN}). Refuses, naming each field and rule, a plan without:
 * for a CP plan at least one danger statement (what the agencies are worried will happen to the child
 * if nothing changes) and one safety goal (what must be true for the plan to end); for both plans at
 * least one specific outcome for the child (what will be different, how it will be measured, by when,
 * not before the plan starts), and for every outcome at least one action (who, what, by when: not
 * before the plan starts nor after the outcome's date). Then records the plan
 * ({@link PlanRecords}) and starts the chasing of each action ({@link PlanActions}), all in the
 * completing transaction. Practice source: Working Together to Safeguard Children 2023, 4.3
 * (child protection plans: outcomes, actions, who and by when); Signs of Safety danger statements and
 * safety goals as many councils use them.
 */
@Component("recordPlanSet")
class RecordPlanSet implements TaskListener {

  private final PlanRecords plans;
  private final PlanActions actions;

  RecordPlanSet(PlanRecords plans, PlanActions actions) {
    this.plans = plans;
    this.actions = actions;
  }

  @Override
  public void notify(DelegateTask task) {
    PlanRecords.Kind kind = PlanMeetings.PLAN_KIND.get(task);
    List<String> problems = new ArrayList<>();
    LocalDate start;
    String category = null;
    if (kind == PlanRecords.Kind.CP) {
      if (!Pathway.ConferenceOutcome.CP_PLAN.name().equals(Pathway.Var.ICPC_OUTCOME.raw(task))) {
        refuseContentWithoutPlan(task, problems);
        FormValues.refuseIfAny(problems);
        return;
      }
      start = CaseDates.of(Pathway.Var.DATE_OF_INITIAL_CPC.name(), Pathway.Var.DATE_OF_INITIAL_CPC.raw(task));
      category = java.util.Optional.ofNullable(Pathway.Var.INITIAL_CATEGORY_OF_ABUSE.get(task)).map(Enum::name).orElse(null);
    } else {
      start = CaseDates.of(Pathway.Var.CIN_PLAN_START_DATE.name(), Pathway.Var.CIN_PLAN_START_DATE.raw(task));
    }
    List<String> dangers = kind == PlanRecords.Kind.CP
        ? PlanContent.statements(task.getVariable(PlanContent.DANGER_STATEMENTS), PlanContent.DANGER_STATEMENTS, "statement", problems)
        : List.of();
    List<String> goals = kind == PlanRecords.Kind.CP
        ? PlanContent.statements(task.getVariable(PlanContent.SAFETY_GOALS), PlanContent.SAFETY_GOALS, "goal", problems)
        : List.of();
    List<PlanContent.NewOutcome> outcomes = PlanContent.outcomes(task.getVariable(PlanContent.OUTCOMES), start, problems);
    List<LocalDate> outcomeDates = outcomeDates(task.getVariable(PlanContent.OUTCOMES), outcomes);
    List<PlanContent.NewAction> agreed = PlanContent.actions(task.getVariable(PlanContent.ACTIONS), PlanContent.ACTIONS,
        outcomeDates, start, problems);
    for (int outcome = 1; outcome <= outcomeDates.size(); outcome++) {
      int number = outcome;
      if (agreed.stream().noneMatch(a -> a.outcome() == number) && problems.stream().noneMatch(p -> p.startsWith(PlanContent.ACTIONS))) {
        problems.add(PlanContent.ACTIONS + " has no action for outcome " + outcome
            + ": every outcome has at least one action (who does what by when)");
      }
    }
    if (start == null) {
      problems.add((kind == PlanRecords.Kind.CP ? Pathway.Var.DATE_OF_INITIAL_CPC : Pathway.Var.CIN_PLAN_START_DATE)
          + " is required: the plan starts on it");
    }
    FormValues.refuseIfAny(problems);

    String caseRef = task.getExecution().getProcessBusinessKey();
    String by = Actors.currentUser(task);
    long planId = plans.createPlan(caseRef, kind, start, category, by != null ? by : "unknown",
        EngineTime.now());
    for (int i = 0; i < dangers.size(); i++) {
      plans.addStatement(planId, "DANGER", i + 1, dangers.get(i));
    }
    for (int i = 0; i < goals.size(); i++) {
      plans.addStatement(planId, "GOAL", i + 1, goals.get(i));
    }
    List<Long> outcomeIds = new ArrayList<>();
    for (PlanContent.NewOutcome outcome : outcomes) {
      outcomeIds.add(plans.addOutcome(planId, outcome.position(), outcome.whatChanges(), outcome.measuredBy(), outcome.byWhen()));
    }
    String worker = Pathway.Var.ALLOCATED_WORKER.get(task);
    for (PlanContent.NewAction action : agreed) {
      actions.agree(caseRef, kind, outcomeIds.get(action.outcome() - 1), action.outcome(), action, start,
          Pathway.Var.ALLOCATED_TEAM.get(task), worker);
    }
  }

  /**
   * Each submitted outcome's by-when date, by its number (null where it is missing or not a date), so
   * that an action is held to its outcome's date even when the outcome is refused for another reason.
   */
  static List<LocalDate> outcomeDates(Object submitted, List<PlanContent.NewOutcome> valid) {
    var rows = PlanContent.rows(PlanContent.OUTCOMES, submitted, new ArrayList<>());
    List<LocalDate> dates = new ArrayList<>();
    if (rows == null) {
      return dates;
    }
    for (var row : rows) {
      LocalDate date = null;
      try {
        date = CaseDates.of("byWhen", PlanContent.textOf(row, "byWhen"));
      } catch (CaseRuleException e) {
        // reported with the outcome itself
      }
      dates.add(date);
    }
    return dates;
  }

  /** Without a plan the conference sets no plan content: a form that sent some is refused, not half kept. */
  private static void refuseContentWithoutPlan(DelegateTask task, List<String> problems) {
    for (String field : List.of(PlanContent.DANGER_STATEMENTS, PlanContent.SAFETY_GOALS, PlanContent.OUTCOMES, PlanContent.ACTIONS)) {
      var rows = PlanContent.rows(field, task.getVariable(field), new ArrayList<>());
      if (rows == null || !rows.isEmpty()) {
        problems.add(field + " must be absent when " + Pathway.Var.ICPC_OUTCOME + " is not CP_PLAN: only a child protection plan has one");
      }
    }
  }
}
