package org.safeguardflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.junit.jupiter.api.Test;
import org.safeguardflow.casework.Routing;
import org.safeguardflow.support.SafeguardFlowTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The grants of each role come from one table, applied at start for whatever groups a council
 * configures; applying them again changes nothing, and a grant removed by hand comes back.
 */
@SafeguardFlowTest
class RoleGrantsTest {

  @Autowired RoleGrants grants;
  @Autowired AuthorizationService authorizations;
  @Autowired Routing routing;

  @Test
  void theDemoGroupsHoldTheirRolesGrantsAndApplyingThemAgainChangesNothing() {
    assertThat(grants.grants()).allSatisfy(grant -> assertThat(grants.apply(grant)).as(grant.toString()).isFalse());
    assertThat(authorizations.isUserAuthorized("someone", List.of("auditors"), ProcessDefinitionPermissions.READ_HISTORY,
        Resources.PROCESS_DEFINITION, "Process_ReferralEpisode")).isTrue();
    assertThat(authorizations.isUserAuthorized("someone", List.of("auditors"), Permissions.CREATE, Resources.DEPLOYMENT))
        .isFalse();
    assertThat(authorizations.isUserAuthorized("someone", List.of("process-owners"), Permissions.CREATE, Resources.DEPLOYMENT))
        .isTrue();
    assertThat(authorizations.isUserAuthorized("someone", List.of("process-owners"), ProcessDefinitionPermissions.READ_INSTANCE,
        Resources.PROCESS_DEFINITION, "Process_Contact")).as("owners do not read cases").isFalse();
    assertThat(authorizations.isUserAuthorized("someone", List.of("partner-agencies"), ProcessDefinitionPermissions.CREATE_INSTANCE,
        Resources.PROCESS_DEFINITION, "Process_Contact")).isTrue();
    assertThat(authorizations.isUserAuthorized("someone", List.of("partner-agencies"), ProcessDefinitionPermissions.READ,
        Resources.PROCESS_DEFINITION, "Process_Contact")).isFalse();
  }

  @Test
  void teamManagersNoLongerReadEveryCaseButTheFrontDoorReadsEveryContact() {
    // A database from before teams: every team manager could read every case's history.
    RoleGrants.Grant before = RoleGrants.Grant.of("team-managers", Resources.PROCESS_DEFINITION, "*",
        ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_INSTANCE);
    grants.apply(before);
    assertThat(authorizations.isUserAuthorized("tm", List.of("team-managers"), ProcessDefinitionPermissions.READ_HISTORY,
        Resources.PROCESS_DEFINITION, "Process_Assessment")).isTrue();

    grants.onReady(null);

    assertThat(authorizations.isUserAuthorized("tm", List.of("team-managers", "south-team-managers"),
        ProcessDefinitionPermissions.READ_HISTORY, Resources.PROCESS_DEFINITION, "Process_Assessment")).isFalse();
    assertThat(authorizations.isUserAuthorized("tm", List.of("team-managers", "south-team-managers"),
        ProcessDefinitionPermissions.READ_INSTANCE, Resources.PROCESS_DEFINITION, "Process_Contact")).isFalse();
    assertThat(authorizations.isUserAuthorized("fd", List.of("team-managers", "front-door-team-managers"),
        ProcessDefinitionPermissions.READ_HISTORY, Resources.PROCESS_DEFINITION, "Process_Contact")).isTrue();
    assertThat(authorizations.isUserAuthorized("fd", List.of("team-managers", "front-door-team-managers"),
        ProcessDefinitionPermissions.READ_HISTORY, Resources.PROCESS_DEFINITION, "Process_Assessment")).isFalse();
    assertThat(authorizations.isUserAuthorized("sm", List.of("service-managers"),
        ProcessDefinitionPermissions.READ_HISTORY, Resources.PROCESS_DEFINITION, "Process_Assessment")).isTrue();
    // Cockpit still opens for team managers: they see there what their teams' tasks give them.
    assertThat(authorizations.isUserAuthorized("tm", List.of("team-managers"), Permissions.ACCESS,
        Resources.APPLICATION, "cockpit")).isTrue();
  }

  @Test
  void aCouncilsOwnGroupNamesGetTheSameGrantsAndALostPermissionComesBack() {
    Roles council = new Roles();
    council.setAuditors("csc-quality-assurance");
    council.setPartnerAgencies("csc-partners");
    RoleGrants councilGrants = new RoleGrants(council, authorizations, routing);
    try {
      councilGrants.onReady(null);
      assertThat(authorizations.isUserAuthorized("qa", List.of("csc-quality-assurance"), ProcessDefinitionPermissions.READ_HISTORY,
          Resources.PROCESS_DEFINITION, "Process_Assessment")).isTrue();

      Authorization history = authorizations.createAuthorizationQuery().groupIdIn("csc-quality-assurance")
          .resourceType(Resources.HISTORIC_PROCESS_INSTANCE).singleResult();
      authorizations.deleteAuthorization(history.getId());
      assertThat(authorizations.isUserAuthorized("qa", List.of("csc-quality-assurance"),
          org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions.READ, Resources.HISTORIC_PROCESS_INSTANCE,
          "any-instance")).isFalse();

      councilGrants.onReady(null);
      assertThat(authorizations.isUserAuthorized("qa", List.of("csc-quality-assurance"),
          org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions.READ, Resources.HISTORIC_PROCESS_INSTANCE,
          "any-instance")).isTrue();
    } finally {
      for (String group : List.of("csc-quality-assurance", "csc-partners")) {
        authorizations.createAuthorizationQuery().groupIdIn(group).list()
            .forEach(a -> authorizations.deleteAuthorization(a.getId()));
      }
    }
  }
}
