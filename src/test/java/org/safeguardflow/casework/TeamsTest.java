package org.safeguardflow.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.safeguardflow.security.Roles;
import org.junit.jupiter.api.Test;

/** How a council's teams become Camunda groups, and the configuration mistakes refused at start-up. */
class TeamsTest {

  private final Roles roles = new Roles();

  @Test
  void eachTeamHasASocialWorkersAndATeamManagersGroupNamedAfterItsRoles() {
    Teams teams = teams(Map.of("front-door", "Front door (MASH)", "north", "Assessment team North"));

    assertThat(teams.socialWorkersOf("north")).isEqualTo("north-social-workers");
    assertThat(teams.managersOf("north")).isEqualTo("north-team-managers");
    assertThat(teams.groups()).containsEntry("north-social-workers", "Assessment team North: social workers")
        .containsEntry("front-door-team-managers", "Front door (MASH): team managers").hasSize(4);
    assertThat(teams.managedBy(List.of("team-managers", "north-team-managers", "south-team-managers")))
        .containsExactly("north");
  }

  @Test
  void aCouncilThatRenamesItsRolesGetsTeamGroupsWithTheNewNames() {
    roles.setSocialWorkers("practitioners");
    Teams teams = teams(Map.of("front-door", "Front door"));

    assertThat(teams.socialWorkersOf("front-door")).isEqualTo("front-door-practitioners");
  }

  @Test
  void aTeamIdThatCannotBeAGroupIdIsRefusedNamingTheSetting() {
    assertThatThrownBy(() -> teams(Map.of("North Team", "Assessment team North")))
        .hasMessageContaining("safeguard.teams: team id 'North Team' must be lower-case letters and digits");
  }

  @Test
  void theFrontDoorMustBeOneOfTheTeams() {
    Routing routing = new Routing(teams(Map.of("north", "Assessment team North")), roles, null);

    assertThatThrownBy(routing::afterPropertiesSet)
        .hasMessageContaining("safeguard.routing.front-door-team 'front-door' is not one of the teams under safeguard.teams [north]");
  }

  private Teams teams(Map<String, String> configured) {
    Teams teams = new Teams(roles);
    teams.setTeams(new LinkedHashMap<>(configured));
    return teams;
  }
}
