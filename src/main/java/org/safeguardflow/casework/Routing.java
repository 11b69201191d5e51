package org.safeguardflow.casework;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.safeguardflow.security.FrontDoorManagers;
import org.safeguardflow.security.Roles;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Which Camunda group receives which work, used from BPMN as {@code ${routing.frontDoorManagers}}
 * or {@code ${routing.socialWorkersOf(execution)}}, so that a council renames teams and roles in
 * configuration ({@code safeguard.routing.*}, {@code safeguard.teams}) without touching a model.
 *
 * <p>A case's work goes to the groups of the team that holds it ({@link Teams}): the team it was
 * allocated to, or the front door before allocation.
 */
@Component("routing")
@ConfigurationProperties("safeguard.routing")
public class Routing implements InitializingBean, FrontDoorManagers {

  private final Teams teams;
  private final Roles roles;
  private final CaseRecords cases;
  private String frontDoorTeam = "front-door";
  private String escalationManagers = "service-managers";

  public Routing(Teams teams, Roles roles, @Lazy CaseRecords cases) {
    this.teams = teams;
    this.roles = roles;
    this.cases = cases;
  }

  @Override
  public void afterPropertiesSet() {
    if (!teams.isTeam(frontDoorTeam)) {
      throw new IllegalStateException("safeguard.routing.front-door-team '" + frontDoorTeam
          + "' is not one of the teams under safeguard.teams " + teams.ids()
          + ": add it there (id: name), or name the team that decides contacts");
    }
  }

  /** The team that holds the case now: the allocated team, else the front door. */
  public String teamOf(VariableScope scope) {
    String allocated = Pathway.Var.ALLOCATED_TEAM.get(scope);
    if (allocated != null && teams.isTeam(allocated)) {
      return allocated;
    }
    // Processes that do not carry the case's variables (a notification that could not be delivered)
    // find the team on the case record.
    if (scope instanceof DelegateExecution execution && execution.getProcessBusinessKey() != null) {
      String team = cases.allocatedTeam(execution.getProcessBusinessKey());
      if (teams.isTeam(team)) {
        return team;
      }
    }
    return frontDoorTeam;
  }

  public String socialWorkersOf(VariableScope scope) {
    return teams.socialWorkersOf(teamOf(scope));
  }

  public String teamManagersOf(VariableScope scope) {
    return teams.managersOf(teamOf(scope));
  }

  /** The front door's managers, who decide every contact. */
  @Override
  public String getFrontDoorManagers() {
    return teams.managersOf(frontDoorTeam);
  }

  /** Every qualified social worker, whatever their team. */
  public String getSocialWorkers() {
    return roles.getSocialWorkers();
  }

  public String getFrontDoorTeam() {
    return frontDoorTeam;
  }

  public void setFrontDoorTeam(String frontDoorTeam) {
    this.frontDoorTeam = frontDoorTeam;
  }

  public String getEscalationManagers() {
    return escalationManagers;
  }

  public void setEscalationManagers(String escalationManagers) {
    this.escalationManagers = escalationManagers;
  }
}
