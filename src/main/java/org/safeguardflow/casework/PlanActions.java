package org.safeguardflow.casework;

import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.safeguardflow.security.SystemWork;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Each agreed plan action has its own small process ({@code bpmn/plan-action.bpmn}, key
 * {@link #PROCESS}, business key = the case reference): it waits until the end of the action's by-when
 * day (Europe/London), then asks the allocated worker to chase it and, if the chase is not done in time,
 * the team's managers. Marking the action done (at a core group, a review, or in the chase task), or the
 * plan ending, ends its process.
 */
@Component
public class PlanActions {

  /** The process that chases one action. */
  public static final String PROCESS = Pathway.Process.PLAN_ACTION;
  /** Ends an action's process: it was done, or its plan ended. */
  public static final String MESSAGE_ACTION_ENDS = "PlanActionEnds";
  /** Why an action stopped without being done when a meeting ended its outcome (its closed reason too). */
  public static final String OUTCOME_ENDED = "OUTCOME_ENDED";
  /** Why an action stopped without being done when its plan ended (its closed reason too). */
  static final String PLAN_ENDED = "PLAN_ENDED";

  /** Variables of an action's process. */
  public static final class Var {
    public static final String ACTION_ID = "planActionId";
    public static final String WHO = "planActionWho";
    public static final String WHAT = "planActionWhat";
    public static final String BY_WHEN = "planActionByWhen";
    public static final String OUTCOME = "planActionOutcome";
    public static final String PLAN_KIND = "planKind";
    public static final String ENDED_BECAUSE = "planActionEndedBecause";

    private Var() {}
  }

  private final PlanRecords plans;
  private final RuntimeService runtime;
  private final IdentityService identity;

  PlanActions(PlanRecords plans, @Lazy RuntimeService runtime, @Lazy IdentityService identity) {
    this.plans = plans;
    this.identity = identity;
    this.runtime = runtime;
  }

  /**
   * Records the action and starts its chasing process. Runs inside the completion of the task where
   * the action was agreed, whose worker or manager the engine has already let complete it; the process
   * is started as the system because practitioners may not start processes themselves.
   */
  long agree(String caseRef, PlanRecords.Kind kind, long outcomeId, int outcomePosition, PlanContent.NewAction action,
      LocalDate agreedOn, String allocatedTeam, String allocatedWorker) {
    long id = plans.addAction(outcomeId, action.who(), action.what(), action.byWhen(), agreedOn, action.notForFamily());
    String processId = SystemWork.call(identity, () -> runtime.createProcessInstanceByKey(PROCESS)
        .businessKey(caseRef)
        .setVariables(Variables.createVariables()
            .putValue(Var.ACTION_ID, id)
            .putValue(Var.WHO, action.who())
            .putValue(Var.WHAT, action.what())
            .putValue(Var.BY_WHEN, action.byWhen().toString())
            .putValue(Var.OUTCOME, outcomePosition)
            .putValue(Var.PLAN_KIND, kind.name())
            // The case's team and worker, as every process of the case carries them (a transfer changes them all).
            .putValue(Pathway.Var.ALLOCATED_TEAM.name(), allocatedTeam)
            .putValue(Pathway.Var.ALLOCATED_WORKER.name(), allocatedWorker))
        .execute().getId());
    plans.linkActionProcess(id, processId);
    return id;
  }

  /** Marks the action done on {@code doneOn} and ends its chasing process; false when it was not open. */
  boolean done(long actionId, LocalDate doneOn) {
    if (!plans.markDone(actionId, doneOn)) {
      return false;
    }
    plans.action(actionId).map(PlanRecords.Action::processInstanceId).ifPresent(id -> end(id, "DONE"));
    return true;
  }

  /**
   * The case's open plan of this kind ends on {@code endedOn} (Europe/London): its record ends that
   * day, its open actions close as {@code PLAN_ENDED} and stop being chased. Nothing happens when the
   * case has no open plan of the kind.
   */
  public void planEnded(String caseRef, PlanRecords.Kind kind, LocalDate endedOn) {
    plans.openPlan(caseRef, kind).ifPresent(plan -> plans.endPlan(plan.id(), endedOn, PLAN_ENDED)
        .forEach(action -> end(action.processInstanceId(), PLAN_ENDED)));
  }

  /** Ends the chasing of actions that stopped because a meeting ended their outcome. */
  public void outcomeEnded(List<PlanRecords.Action> actions) {
    actions.forEach(action -> end(action.processInstanceId(), OUTCOME_ENDED));
  }

  /** The system ends the process: the caller completed a task that may end it, but may not correlate messages. */
  private void end(String processInstanceId, String because) {
    if (processInstanceId == null) {
      return;
    }
    SystemWork.call(identity, () -> {
      if (runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() == 1) {
        runtime.createMessageCorrelation(MESSAGE_ACTION_ENDS).processInstanceId(processInstanceId)
            .setVariable(Var.ENDED_BECAUSE, because).correlate();
      }
      return null;
    });
  }
}
