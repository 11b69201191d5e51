package org.safeguardflow.casework;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Makes sure every configured team has its groups in Camunda at every start, in demo and production
 * alike, so that adding a team is one line of configuration and a restart; administrators then put
 * people in the groups in Camunda Admin. Groups of a team taken out of configuration are left in
 * place: their tasks may still be open.
 */
@Component
class TeamGroups {

  private static final Logger log = LoggerFactory.getLogger(TeamGroups.class);

  private final Teams teams;
  private final IdentityService identity;

  TeamGroups(Teams teams, @Lazy IdentityService identity) {
    this.teams = teams;
    this.identity = identity;
  }

  @EventListener
  @Order(-10) // before the role grants and the demo users that refer to these groups
  public void onReady(ApplicationReadyEvent ready) {
    int created = 0;
    for (var group : teams.groups().entrySet()) {
      // Safe when the other node starts at the same moment and creates the same group.
      if (org.safeguardflow.security.RoleGroups.ensure(identity, group.getKey(), group.getValue(), Groups.GROUP_TYPE_WORKFLOW)) {
        created++;
      }
    }
    log.info("Teams {}: {} groups, {} created", teams.ids(), teams.groups().size(), created);
  }
}
