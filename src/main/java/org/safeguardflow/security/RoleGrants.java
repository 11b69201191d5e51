package org.safeguardflow.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.UserOperationLogCategoryPermissions;
import org.camunda.bpm.engine.impl.util.ResourceTypeUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * What each role may do in the engine: the one table of grants, applied at every start for the
 * groups named in {@link Roles}, in demo mode and in production alike. Applying it again changes
 * nothing; a permission found missing (a newer release, a grant removed by hand) is added back.
 * Grants an administrator adds in Camunda Admin beyond this table are left alone.
 *
 * <p>Task work is not granted here: a user task's candidate group gives that group READ and TASK_WORK
 * (claim, complete; {@code default-user-permission-name-for-task}) on the task (and, with historic
 * instance permissions on, READ on its history) when the task is created. So a social worker works
 * exactly the tasks routed to their team, and nothing else of a case; auditors read everything and
 * work nothing. No role below camunda-admin is given UPDATE or TASK_ASSIGN on tasks, UPDATE_TASK on
 * process definitions or UPDATE_INSTANCE: none needs to edit a task or a case outside its forms
 * (see {@link TaskChangeRules}).
 */
@Component
class RoleGrants {

  private static final Logger log = LoggerFactory.getLogger(RoleGrants.class);

  /** The process a partner or a practitioner starts by sending a contact. */
  static final String CONTACT_PROCESS = "Process_Contact";
  static final String CHILD_RECORDS_PROCESS = "Process_CorrectChildRecords";
  static final String FAMILY_NETWORK_PROCESS = "Process_RecordFamilyNetwork";

  record Grant(String group, Resource resource, String resourceId, List<Permission> permissions) {
    static Grant of(String group, Resource resource, String resourceId, Permission... permissions) {
      return new Grant(group, resource, resourceId, List.of(permissions));
    }
  }

  private final Roles roles;
  private final AuthorizationService authorizations;
  private final Supplier<String> frontDoorManagers;

  RoleGrants(Roles roles, AuthorizationService authorizations, FrontDoorManagers routing) {
    this.roles = roles;
    this.authorizations = authorizations;
    this.frontDoorManagers = routing::getFrontDoorManagers;
  }

  /**
   * Grants earlier releases made that this one takes back: before teams, every team manager read
   * every case. Withdrawn at start so that an upgraded database holds no more than a new one.
   */
  List<Grant> withdrawn() {
    return List.of(
        Grant.of(roles.getTeamManagers(), Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ_INSTANCE,
            ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.READ_HISTORY),
        Grant.of(roles.getTeamManagers(), Resources.HISTORIC_PROCESS_INSTANCE, ANY, HistoricProcessInstancePermissions.READ));
  }

  List<Grant> grants() {
    List<Grant> grants = new ArrayList<>();
    for (String caseworker : roles.caseworkers()) {
      grants.add(Grant.of(caseworker, Resources.APPLICATION, "tasklist", Permissions.ACCESS));
      // Tasklist shows process names, assignees and groups by name.
      grants.add(Grant.of(caseworker, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ));
      grants.add(Grant.of(caseworker, Resources.USER, ANY, Permissions.READ));
      grants.add(Grant.of(caseworker, Resources.GROUP, ANY, Permissions.READ));
      grants.addAll(contactStarter(caseworker));
      // Recording the people around a child from Tasklist (bpmn/family-network.bpmn); the process itself
      // lets only the team that holds the case go on (casework.family.LoadFamilyNetwork).
      grants.add(Grant.of(caseworker, Resources.PROCESS_DEFINITION, FAMILY_NETWORK_PROCESS,
          ProcessDefinitionPermissions.CREATE_INSTANCE));
    }
    // Service managers hold every team's cases. Team managers see a case through the tasks its team is
    // given (candidate groups, see Teams); the front door's managers decide every contact and so read
    // every contact process.
    String services = roles.getServiceManagers();
    grants.add(Grant.of(services, Resources.APPLICATION, "cockpit", Permissions.ACCESS));
    grants.add(Grant.of(services, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ_INSTANCE,
        ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.READ_HISTORY));
    grants.add(Grant.of(services, Resources.HISTORIC_PROCESS_INSTANCE, ANY, HistoricProcessInstancePermissions.READ));
    grants.add(Grant.of(roles.getTeamManagers(), Resources.APPLICATION, "cockpit", Permissions.ACCESS));
    grants.add(Grant.of(frontDoorManagers.get(), Resources.PROCESS_DEFINITION, CONTACT_PROCESS,
        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_TASK,
        ProcessDefinitionPermissions.READ_HISTORY));
    // Merging and unmerging child records from Tasklist (bpmn/child-records.bpmn): the front door's
    // managers, who weigh every child's history, and service managers.
    for (String group : List.of(frontDoorManagers.get(), services)) {
      grants.add(Grant.of(group, Resources.PROCESS_DEFINITION, CHILD_RECORDS_PROCESS, ProcessDefinitionPermissions.CREATE_INSTANCE));
      grants.add(Grant.of(group, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE));
    }
    // No UPDATE_INSTANCE for anyone: a case changes only through the tasks its process hands out, so
    // nobody edits a case's variables or moves its tokens from the REST API behind the forms' checks.

    String auditors = roles.getAuditors();
    grants.add(Grant.of(auditors, Resources.APPLICATION, "cockpit", Permissions.ACCESS));
    grants.add(Grant.of(auditors, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_TASK,
        ProcessDefinitionPermissions.READ_HISTORY));
    grants.add(Grant.of(auditors, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ));
    grants.add(Grant.of(auditors, Resources.HISTORIC_PROCESS_INSTANCE, ANY, HistoricProcessInstancePermissions.READ));
    grants.add(Grant.of(auditors, Resources.HISTORIC_TASK, ANY, HistoricTaskPermissions.READ));
    grants.add(Grant.of(auditors, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY));
    grants.add(Grant.of(auditors, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ));
    grants.add(Grant.of(auditors, Resources.DEPLOYMENT, ANY, Permissions.READ));
    grants.add(Grant.of(auditors, Resources.USER, ANY, Permissions.READ));
    grants.add(Grant.of(auditors, Resources.GROUP, ANY, Permissions.READ));
    // Every administrative and task operation is in the user operation log; auditors read all of it.
    for (String category : List.of("TaskWorker", "Operator", "Admin")) {
      grants.add(Grant.of(auditors, Resources.OPERATION_LOG_CATEGORY, category, UserOperationLogCategoryPermissions.READ));
    }

    String owners = roles.getProcessOwners();
    grants.add(Grant.of(owners, Resources.APPLICATION, "cockpit", Permissions.ACCESS));
    // Deploying from Modeler and moving running cases to a new version, not reading what is in them.
    grants.add(Grant.of(owners, Resources.DEPLOYMENT, ANY, Permissions.CREATE, Permissions.READ));
    grants.add(Grant.of(owners, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
        ProcessDefinitionPermissions.MIGRATE_INSTANCE));
    // Trying a decision table out (POST /decision-definition/key/{key}/evaluate): the evaluation is kept in
    // the decision history with the owner's name and no case, and nothing of a case reads it.
    grants.add(Grant.of(owners, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.CREATE_INSTANCE));
    grants.add(Grant.of(owners, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ));

    // Partners start a contact and nothing else; the HTTP rules keep them off everything but the contact API.
    grants.addAll(contactStarter(roles.getPartnerAgencies()));
    return grants;
  }

  private static List<Grant> contactStarter(String group) {
    return List.of(
        Grant.of(group, Resources.PROCESS_DEFINITION, CONTACT_PROCESS, ProcessDefinitionPermissions.CREATE_INSTANCE),
        Grant.of(group, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE));
  }

  @EventListener
  @Order(0)
  public void onReady(ApplicationReadyEvent ready) {
    int changed = 0;
    for (Grant grant : grants()) {
      changed += applyOnce(grant) ? 1 : 0;
    }
    int narrowed = 0;
    for (Grant grant : withdrawn()) {
      narrowed += withdraw(grant) ? 1 : 0;
    }
    log.info("Role grants applied: {} of {} authorizations added or widened, {} withdrawn", changed, grants().size(),
        narrowed);
  }

  /** Takes the grant's permissions away from the group, removing the authorization if nothing is left. */
  boolean withdraw(Grant grant) {
    boolean changed = false;
    for (Authorization authorization : authorizations.createAuthorizationQuery().groupIdIn(grant.group())
        .resourceType(grant.resource()).resourceId(grant.resourceId()).list()) {
      if (authorization.getAuthorizationType() != AUTH_TYPE_GRANT) {
        continue;
      }
      for (Permission permission : grant.permissions()) {
        if (authorization.isPermissionGranted(permission)) {
          authorization.removePermission(permission);
          changed = true;
        }
      }
      if (changed && nothingGranted(authorization, grant.resource())) {
        authorizations.deleteAuthorization(authorization.getId());
      } else if (changed) {
        authorizations.saveAuthorization(authorization);
      }
    }
    return changed;
  }

  private static boolean nothingGranted(Authorization authorization, Resource resource) {
    for (Permission permission : ResourceTypeUtil.getPermissionsByResourceType(resource.resourceType())) {
      if (permission.getValue() != 0 && permission.getValue() != Integer.MAX_VALUE
          && authorization.isPermissionGranted(permission)) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@link #apply}, also while another node starting at the same moment applies the same grant: its
   * insert or update wins (the database's unique authorization key, the engine's optimistic locking),
   * this one is refused and applied again on top of it.
   */
  private boolean applyOnce(Grant grant) {
    for (int attempt = 1; ; attempt++) {
      try {
        return apply(grant);
      } catch (org.camunda.bpm.engine.ProcessEngineException anotherNodeWasFirst) {
        if (attempt == 3) {
          throw anotherNodeWasFirst;
        }
      }
    }
  }

  /** Adds the grant's permissions to the group's grant on that resource, creating it if need be. */
  boolean apply(Grant grant) {
    Authorization authorization = authorizations.createAuthorizationQuery()
        .groupIdIn(grant.group()).resourceType(grant.resource()).resourceId(grant.resourceId()).list().stream()
        .filter(a -> a.getAuthorizationType() == AUTH_TYPE_GRANT)
        .findFirst().orElse(null);
    if (authorization == null) {
      authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
      authorization.setGroupId(grant.group());
      authorization.setResource(grant.resource());
      authorization.setResourceId(grant.resourceId());
    }
    boolean changed = authorization.getId() == null;
    for (Permission permission : grant.permissions()) {
      if (!authorization.isPermissionGranted(permission)) {
        authorization.addPermission(permission);
        changed = true;
      }
    }
    if (changed) {
      authorizations.saveAuthorization(authorization);
    }
    return changed;
  }
}
