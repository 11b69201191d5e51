package org.safeguardflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.junit.jupiter.api.Test;
import org.safeguardflow.support.SafeguardFlowTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/** A newcomer logs in with the demo users and finds the shared Tasklist filters. */
@SafeguardFlowTest
class DemoDataTest {

  @Autowired IdentityService identity;
  @Autowired FilterService filters;
  @Autowired AuthorizationService authorizations;
  @Autowired TestRestTemplate http;

  @Test
  void eachDemoUserIsInTheGroupsOfTheirRoleAndTeamAndSignsInWithTheirOwnId() {
    DemoData.USERS.forEach(user -> {
      assertThat(identity.checkPassword(user.id(), user.id())).as(user.id()).isTrue();
      assertThat(identity.createGroupQuery().groupMember(user.id()).list()).extracting(g -> g.getId())
          .as(user.id()).containsExactlyInAnyOrderElementsOf(user.groups());
      // Partners sign in too, but only to the contact API (see AuthorizationMatrixTest); operators only
      // to health and metrics (operations.OperationsEndpointsTest).
      boolean outsideCasework = user.groups().contains("partner-agencies") || user.groups().contains("operators");
      assertThat(http.withBasicAuth(user.id(), user.id()).getForEntity("/engine-rest/user/" + user.id() + "/profile",
          String.class).getStatusCode().value()).isEqualTo(outsideCasework ? 403 : 200);
    });
    assertThat(DemoData.USERS).filteredOn(user -> user.id().equals("worker")).singleElement()
        .satisfies(worker -> assertThat(worker.groups()).containsExactly("social-workers", "north-social-workers"));
  }

  @Test
  void everyConfiguredTeamHasItsSocialWorkersAndManagersGroups() {
    for (String team : new String[] {"front-door", "north", "south"}) {
      for (String role : new String[] {"social-workers", "team-managers"}) {
        assertThat(identity.createGroupQuery().groupId(team + "-" + role).count()).as(team + "-" + role).isOne();
      }
    }
  }

  @Test
  void managersSeeSharedFiltersForTheirOwnTheirTeamsOverdueAndDueTodayTasks() {
    assertThat(filters.createFilterQuery().list()).extracting(f -> f.getName())
        .contains("My tasks", "My team's tasks", "Overdue", "Due today");
    for (var filter : filters.createFilterQuery().list()) {
      assertThat(filter.getProperties().get("variables")).as("the case and child shown beside each task of " + filter.getName())
          .isEqualTo(java.util.List.of(java.util.Map.of("name", "caseRef", "label", "Case"),
              java.util.Map.of("name", "childFirstName", "label", "Child's first name"),
              java.util.Map.of("name", "childLastName", "label", "Child's last name")));
    }
    var overdue = filters.createFilterQuery().filterName("Overdue").singleResult();
    assertThat(authorizations.isUserAuthorized("manager", java.util.List.of("team-managers"),
        Permissions.READ, Resources.FILTER, overdue.getId())).isTrue();
  }

  @Test
  void tasklistIsOpenToFrontDoorStaff() {
    for (String group : new String[] {"social-workers", "team-managers", "service-managers"}) {
      assertThat(authorizations.createAuthorizationQuery().groupIdIn(group)
          .resourceType(Resources.APPLICATION).resourceId("tasklist").count()).as(group).isOne();
    }
  }
}
