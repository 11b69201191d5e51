package org.safeguardflow.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Demo users, groups, web-app access and shared Tasklist filters, after Camunda's invoice example.
 * Only with {@code safeguard.demo.enabled=true} (the default profile); every password equals the
 * user id, so production profiles switch it off. Running it again changes nothing.
 */
@Component
@ConditionalOnProperty(name = "safeguard.demo.enabled", havingValue = "true")
class DemoData {

  private static final Logger log = LoggerFactory.getLogger(DemoData.class);

  /** A demo person: their role's group first, then their team groups (made by casework.TeamGroups). */
  record DemoUser(String id, String firstName, String lastName, List<String> groups) {
    DemoUser(String id, String firstName, String lastName, String... groups) {
      this(id, firstName, lastName, List.of(groups));
    }
  }

  static final Map<String, String> GROUPS = new LinkedHashMap<>();

  static {
    GROUPS.put(Groups.CAMUNDA_ADMIN, "Camunda administrators");
    GROUPS.put("social-workers", "Social workers");
    GROUPS.put("team-managers", "Team managers (front door)");
    GROUPS.put("service-managers", "Service managers");
    GROUPS.put("auditors", "Auditors and inspectors");
    GROUPS.put("process-owners", "Process owners");
    GROUPS.put("partner-agencies", "Partner agencies (API clients)");
    GROUPS.put("operators", "Operators (health and metrics)");
  }

  static final List<DemoUser> USERS = List.of(
      new DemoUser("demo", "Demo", "Administrator", Groups.CAMUNDA_ADMIN),
      new DemoUser("worker", "Sam", "Worker", "social-workers", "north-social-workers"),
      // Decides contacts at the front door and manages team North: one person walks a case end to end.
      new DemoUser("manager", "Alex", "Manager", "team-managers", "front-door-team-managers", "north-team-managers"),
      new DemoUser("south-worker", "Kim", "Okafor", "social-workers", "south-social-workers"),
      new DemoUser("south-manager", "Ravi", "Shah", "team-managers", "south-team-managers"),
      new DemoUser("senior", "Jo", "Senior", "service-managers"),
      new DemoUser("auditor", "Pat", "Auditor", "auditors"),
      new DemoUser("owner", "Chris", "Owner", "process-owners"),
      new DemoUser("partner", "Police", "Partner", "partner-agencies"),
      // Runs the service: reads health and metrics, sees no case.
      new DemoUser("operator", "Olu", "Operator", "operators"));

  /** The groups that open Tasklist or Cockpit and so see the shared filters (access itself: RoleGrants). */
  static final Map<String, List<String>> APPLICATIONS = Map.of(
      "social-workers", List.of("tasklist"),
      "team-managers", List.of("tasklist", "cockpit"),
      "service-managers", List.of("tasklist", "cockpit"),
      "auditors", List.of("cockpit"),
      "process-owners", List.of("cockpit"));

  private final IdentityService identity;
  private final AuthorizationService authorizations;
  private final FilterService filters;
  private final TaskService tasks;

  DemoData(IdentityService identity, AuthorizationService authorizations, FilterService filters, TaskService tasks) {
    this.identity = identity;
    this.authorizations = authorizations;
    this.filters = filters;
    this.tasks = tasks;
  }

  @EventListener
  public void onReady(ApplicationReadyEvent ready) {
    GROUPS.forEach(this::group);
    USERS.forEach(this::user);
    grant(Groups.CAMUNDA_ADMIN, Resources.APPLICATION, ANY, Permissions.ALL);
    for (Resource resource : Resources.values()) {
      grant(Groups.CAMUNDA_ADMIN, resource, ANY, Permissions.ALL);
    }
    // Web-app access and every other engine permission of a role come from RoleGrants, as in production.
    sharedFilters();
    log.info("Demo users ready: {} (password = user id)", USERS.stream().map(DemoUser::id).toList());
  }

  private void group(String id, String name) {
    if (identity.createGroupQuery().groupId(id).count() == 0) {
      var group = identity.newGroup(id);
      group.setName(name);
      group.setType(Groups.CAMUNDA_ADMIN.equals(id) ? Groups.GROUP_TYPE_SYSTEM : Groups.GROUP_TYPE_WORKFLOW);
      identity.saveGroup(group);
    }
  }

  private void user(DemoUser demo) {
    if (identity.createUserQuery().userId(demo.id()).count() == 0) {
      var user = identity.newUser(demo.id());
      user.setFirstName(demo.firstName());
      user.setLastName(demo.lastName());
      user.setPassword(demo.id());
      user.setEmail(demo.id() + "@safeguard-flow.example");
      identity.saveUser(user);
    }
    // Memberships are checked even for a user who exists: a demo database from before teams gains them.
    for (String group : demo.groups()) {
      if (identity.createGroupQuery().groupId(group).count() == 1
          && identity.createUserQuery().userId(demo.id()).memberOfGroup(group).count() == 0) {
        identity.createMembership(demo.id(), group);
      }
    }
  }

  private void grant(String group, Resource resource, String resourceId, Permission permission) {
    boolean granted = authorizations.createAuthorizationQuery()
        .groupIdIn(group).resourceType(resource).resourceId(resourceId).count() > 0;
    if (!granted) {
      var authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
      authorization.setGroupId(group);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
      authorization.addPermission(permission);
      authorizations.saveAuthorization(authorization);
    }
  }

  /** The shared filters a front door works from; everyone with Tasklist may read them. */
  private void sharedFilters() {
    filter("My tasks", -10, "#3e4d2f", "Tasks assigned to me",
        tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
    filter("My team's tasks", -5, "#555555", "Tasks for my groups, claimed or not",
        tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks());
    filter("Overdue", 0, "#b5152b", "My team's tasks past their statutory deadline",
        tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks()
            .dueBeforeExpression("${now()}"));
    filter("Due today", 5, "#b36b00", "My team's tasks whose deadline is today",
        tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks()
            .dueAfterExpression("${dateTime().withTimeAtStartOfDay().toDate()}")
            .dueBeforeExpression("${dateTime().withTimeAtStartOfDay().plusDays(1).toDate()}"));
  }

  /**
   * The variables Tasklist shows beside each task of a shared filter (Camunda's filter property
   * {@code variables}): which case and which child, so two children's "Record assessment work" differ.
   * Every process of a case carries them ({@code casework.CaseOnEveryProcess}).
   */
  static final List<Map<String, String>> TASK_LIST_VARIABLES = List.of(
      Map.of("name", "caseRef", "label", "Case"),
      Map.of("name", "childFirstName", "label", "Child's first name"),
      Map.of("name", "childLastName", "label", "Child's last name"));

  private void filter(String name, int priority, String color, String description, TaskQuery query) {
    Filter filter = filters.createFilterQuery().filterName(name).singleResult();
    if (filter == null) {
      filter = filters.newTaskFilter(name)
          .setProperties(new HashMap<>(Map.of("priority", priority, "color", color, "description", description,
              "refresh", true, "variables", TASK_LIST_VARIABLES)))
          .setQuery(query);
      filters.saveFilter(filter);
      for (String group : APPLICATIONS.keySet()) {
        grant(group, Resources.FILTER, filter.getId(), Permissions.READ);
      }
    } else if (filter.getProperties() == null || !filter.getProperties().containsKey("variables")) {
      // A filter made before the list showed the case and child: given the columns, nothing else changed.
      Map<String, Object> properties = filter.getProperties() == null ? new HashMap<>() : new HashMap<>(filter.getProperties());
      properties.put("variables", TASK_LIST_VARIABLES);
      filters.saveFilter(filter.setProperties(properties));
    }
  }
}
