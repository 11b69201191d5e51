package org.safeguardflow.security;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Groups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The role groups are the product, not demo data: at every start, on every profile, each role's
 * Camunda group ({@link Roles}, {@code safeguard.security.groups.*}: social workers, team managers,
 * service managers, auditors, process owners, partner agencies, operators) and {@code camunda-admin}
 * are created if missing, before {@link RoleGrants} grants them their rights. An administrator then
 * puts people (and each partner agency's user) in them in Camunda Admin; no one has to create a
 * group through {@code /engine-rest} first.
 *
 * <p>Two nodes starting at once on a fresh database both find a group missing; the second insert is
 * refused by the database (the group's primary key) and that node finds the first node's group and
 * goes on ({@link #ensure}).
 */
@Component
public class RoleGroups {

  private static final Logger log = LoggerFactory.getLogger(RoleGroups.class);

  private final Roles roles;
  private final IdentityService identity;

  RoleGroups(Roles roles, @Lazy IdentityService identity) {
    this.roles = roles;
    this.identity = identity;
  }

  /** Each role's group and its name as Camunda Admin shows it. */
  public Map<String, String> groups() {
    Map<String, String> groups = new LinkedHashMap<>();
    groups.put(Roles.ADMIN, "Camunda administrators");
    groups.put(roles.getSocialWorkers(), "Social workers");
    groups.put(roles.getTeamManagers(), "Team managers");
    groups.put(roles.getServiceManagers(), "Service managers");
    groups.put(roles.getAuditors(), "Auditors and inspectors");
    groups.put(roles.getProcessOwners(), "Process owners");
    groups.put(roles.getPartnerAgencies(), "Partner agencies (API clients)");
    groups.put(roles.getOperators(), "Operators (health and metrics)");
    return groups;
  }

  @EventListener
  @Order(-10) // before the role grants and the demo users that refer to these groups
  public void onReady(ApplicationReadyEvent ready) {
    int created = 0;
    for (var group : groups().entrySet()) {
      created += ensure(identity, group.getKey(), group.getValue(),
          Roles.ADMIN.equals(group.getKey()) ? Groups.GROUP_TYPE_SYSTEM : Groups.GROUP_TYPE_WORKFLOW) ? 1 : 0;
    }
    log.info("Role groups {}: {} created", groups().keySet(), created);
  }

  /**
   * Creates the Camunda group {@code id} unless it exists, also when another node creates it at the
   * same moment (its insert wins, this one is refused and finds it).
   *
   * @return whether this call created it
   * @throws ProcessEngineException the group could not be created and does not exist
   */
  public static boolean ensure(IdentityService identity, String id, String name, String type) {
    if (identity.createGroupQuery().groupId(id).count() > 0) {
      return false;
    }
    try {
      var group = identity.newGroup(id);
      group.setName(name);
      group.setType(type);
      identity.saveGroup(group);
      return true;
    } catch (ProcessEngineException anotherNodeWasFirst) {
      if (identity.createGroupQuery().groupId(id).count() > 0) {
        return false;
      }
      throw anotherNodeWasFirst;
    }
  }
}
