package org.safeguardflow.security;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.repository.Deployment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A deployment holds the models that running cases, and the history of closed ones, belong to:
 * deleting it with {@code cascade=true} deletes those cases and their history, the record auditors
 * and courts rely on. Camunda gives whoever creates a deployment ALL permissions on it (its
 * {@link DefaultAuthorizationProvider}), so a process owner who deploys from Modeler could delete it
 * again, cases and all, through the REST API or Cockpit. Here the creator may only read what they
 * deployed; only administrators ({@code camunda-admin}) delete deployments. Grants that earlier
 * releases gave creators are narrowed to READ at every start.
 *
 * <p>The same holds for a person's own account: Camunda gives each new user ALL on their own user, so
 * any member of staff could delete their own account through the REST API (and with it their group
 * memberships, the record of who may do what). Here a person may read their account and change their
 * own profile and password (READ, UPDATE: Camunda Admin's "My profile"); only administrators delete
 * accounts (leavers). Own-account grants with more are narrowed at every start.
 */
@Component
class DeploymentsAreKept extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(DeploymentsAreKept.class);

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    AuthorizationService authorizations = engine.getAuthorizationService();
    IdentityService identity = engine.getIdentityService();
    List<Authorization> creatorGrants = authorizations.createAuthorizationQuery()
        .resourceType(Resources.DEPLOYMENT).authorizationType(Authorization.AUTH_TYPE_GRANT)
        .hasPermission(Permissions.DELETE).list();
    int narrowed = 0;
    for (Authorization grant : creatorGrants) {
      String user = grant.getUserId();
      if (user == null || identity.createGroupQuery().groupMember(user).groupId(Roles.ADMIN).count() > 0) {
        continue;
      }
      grant.setPermissions(new Permission[] {Permissions.READ});
      authorizations.saveAuthorization(grant);
      narrowed++;
    }
    if (narrowed > 0) {
      log.info("Deployments are kept: {} creator grant(s) narrowed to READ", narrowed);
    }
    int accounts = 0;
    for (Authorization grant : authorizations.createAuthorizationQuery().resourceType(Resources.USER)
        .authorizationType(Authorization.AUTH_TYPE_GRANT).hasPermission(Permissions.DELETE).list()) {
      if (grant.getUserId() != null && grant.getUserId().equals(grant.getResourceId())) {
        grant.setPermissions(OWN_ACCOUNT);
        authorizations.saveAuthorization(grant);
        accounts++;
      }
    }
    if (accounts > 0) {
      log.info("Accounts are kept: {} own-account grant(s) narrowed to READ, UPDATE", accounts);
    }
  }

  /** What a person may do to their own account: read it, change their profile and password. */
  static final Permission[] OWN_ACCOUNT = {Permissions.READ, Permissions.UPDATE};

  /**
   * Camunda's own provider, but the creator of a deployment gets READ on it, and a new user READ and
   * UPDATE on themselves, not ALL. The engine takes one provider: {@link AssignmentGrantsEnd} extends
   * this one and is the one {@link TaskChangeRules} registers.
   */
  static class CreatorMayOnlyRead extends DefaultAuthorizationProvider {
    @Override
    public AuthorizationEntity[] newDeployment(Deployment deployment) {
      AuthorizationEntity[] granted = super.newDeployment(deployment);
      if (granted != null) {
        for (AuthorizationEntity authorization : granted) {
          authorization.setPermissions(new Permission[] {Permissions.READ});
        }
      }
      return granted;
    }

    @Override
    public AuthorizationEntity[] newUser(org.camunda.bpm.engine.identity.User user) {
      AuthorizationEntity[] granted = super.newUser(user);
      if (granted != null) {
        for (AuthorizationEntity authorization : granted) {
          authorization.setPermissions(OWN_ACCOUNT);
        }
      }
      return granted;
    }
  }
}
