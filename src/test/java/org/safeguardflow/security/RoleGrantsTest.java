package org.safeguardflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.junit.jupiter.api.Test;
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
  void aCouncilsOwnGroupNamesGetTheSameGrantsAndALostPermissionComesBack() {
    Roles council = new Roles();
    council.setAuditors("csc-quality-assurance");
    council.setPartnerAgencies("csc-partners");
    RoleGrants councilGrants = new RoleGrants(council, authorizations);
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
