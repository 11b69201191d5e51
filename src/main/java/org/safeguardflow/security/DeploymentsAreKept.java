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
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
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
 */
@Component
class DeploymentsAreKept extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(DeploymentsAreKept.class);

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setResourceAuthorizationProvider(new CreatorMayOnlyRead());
  }

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
  }

  /** Camunda's own provider, but the creator of a deployment gets READ on it, not ALL. */
  static final class CreatorMayOnlyRead extends DefaultAuthorizationProvider {
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
  }
}
