package org.safeguardflow.casework;

import java.util.Collection;
import org.safeguardflow.security.CaseReadAccess;
import org.safeguardflow.security.Roles;
import org.springframework.stereotype.Component;

/**
 * Whose case records a person may read through our API (timelines, diagrams, notifications,
 * supervision requests). Auditors, service managers and administrators read every case; the front
 * door's managers too, since they weigh every new contact against the child's history. Other team
 * managers read the cases their team holds. The case's documents for families and partners are also
 * for the social worker it is allocated to ({@link #isAllocatedWorker}), who gives them to the family. The engine applies the same boundary to tasks through
 * candidate groups ({@link Routing}).
 */
@Component
public class CaseAccess implements CaseReadAccess {

  private final Roles roles;
  private final Teams teams;
  private final Routing routing;
  private final CaseRecords cases;

  CaseAccess(Roles roles, Teams teams, Routing routing, CaseRecords cases) {
    this.roles = roles;
    this.teams = teams;
    this.routing = routing;
    this.cases = cases;
  }

  /** True when a person with these groups may read the case; a case that does not exist is left to its API's 404. */
  @Override
  public boolean mayRead(Collection<String> groups, String caseRef) {
    if (readsEveryCase(groups) || cases.find(caseRef).isEmpty()) {
      return true;
    }
    return mayReadCaseHeldBy(groups, cases.allocatedTeam(caseRef));
  }

  /** As {@link #mayRead}, for a case already looked up: its allocated team, null before allocation. */
  public boolean mayReadCaseHeldBy(Collection<String> groups, String allocatedTeam) {
    if (readsEveryCase(groups)) {
      return true;
    }
    String team = teams.isTeam(allocatedTeam) ? allocatedTeam : routing.getFrontDoorTeam();
    return groups.contains(roles.getTeamManagers()) && groups.contains(teams.managersOf(team));
  }

  /**
   * The social worker the case is allocated to now ({@code sf_case.allocated_worker}), signed in with the
   * social workers' role. A reallocation ends it at once: the previous worker is refused.
   */
  @Override
  public boolean isAllocatedWorker(String userId, Collection<String> groups, String caseRef) {
    return userId != null && groups.contains(roles.getSocialWorkers()) && userId.equals(cases.allocatedWorker(caseRef));
  }

  private boolean readsEveryCase(Collection<String> groups) {
    return groups.contains(Roles.ADMIN) || groups.contains(roles.getAuditors())
        || groups.contains(roles.getServiceManagers())
        || (groups.contains(roles.getTeamManagers()) && groups.contains(routing.getFrontDoorManagers()));
  }
}
