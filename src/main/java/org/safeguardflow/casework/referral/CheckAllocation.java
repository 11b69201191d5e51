package org.safeguardflow.casework.referral;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.safeguardflow.casework.CaseRuleException;
import org.safeguardflow.casework.Pathway;
import org.safeguardflow.casework.Routing;
import org.safeguardflow.casework.Teams;
import org.safeguardflow.timescales.StatutoryTimescales;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * A referral goes to a qualified social worker: inspectors criticise unqualified staff undertaking
 * complex assessments. Refuses anyone who is not in the social workers' group.
 */
@Component("checkAllocation")
class CheckAllocation implements TaskListener {

  static final int MAX_TEAM_LENGTH = 64;

  private final IdentityService identity;
  private final Routing routing;
  private final Teams teams;

  CheckAllocation(@Lazy IdentityService identity, Routing routing, Teams teams) {
    this.identity = identity;
    this.routing = routing;
    this.teams = teams;
  }

  @Override
  public void notify(DelegateTask task) {
    Object worker = Pathway.Var.ALLOCATED_WORKER.raw(task);
    if (!(worker instanceof String userId) || userId.isBlank()) {
      throw new CaseRuleException(Pathway.Var.ALLOCATED_WORKER + " is required: choose the social worker");
    }
    boolean qualified = identity.createUserQuery().userId(userId).memberOfGroup(routing.getSocialWorkers()).count() == 1;
    if (!qualified) {
      throw new CaseRuleException(Pathway.Var.ALLOCATED_WORKER + " '" + userId
          + "' is not a qualified social worker (a member of " + routing.getSocialWorkers() + ")");
    }
    Object team = Pathway.Var.ALLOCATED_TEAM.raw(task);
    if (!(team instanceof String teamId) || teamId.isBlank()) {
      throw new CaseRuleException(Pathway.Var.ALLOCATED_TEAM + " is required: the team that holds the case");
    }
    if (!teams.isTeam(teamId)) {
      throw new CaseRuleException(Pathway.Var.ALLOCATED_TEAM + " '" + (teamId.length() > MAX_TEAM_LENGTH ? teamId.substring(0, MAX_TEAM_LENGTH) + "..." : teamId)
          + "' is not one of the council's teams (" + String.join(", ", teams.ids()) + ")");
    }
    String teamWorkers = teams.socialWorkersOf(teamId);
    if (identity.createUserQuery().userId(userId).memberOfGroup(teamWorkers).count() == 0) {
      throw new CaseRuleException(Pathway.Var.ALLOCATED_WORKER + " '" + userId + "' is not a social worker of "
          + teams.name(teamId) + " (a member of " + teamWorkers + "): choose one of the team's social workers");
    }
    Pathway.Var.ALLOCATION_DATE.set(task, StatutoryTimescales.londonDate(ClockUtil.getCurrentTime()));
  }
}
