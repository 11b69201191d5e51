package org.safeguardflow.casework;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.safeguardflow.security.Roles;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The council's social work teams ({@code safeguard.teams}: id → name). A case belongs to the front
 * door until it is allocated, then to the team it is allocated to; its work goes to that team's
 * social workers or team managers and to nobody else's.
 *
 * <p>Each team has two Camunda groups, named after the team and the role: {@code north-social-workers}
 * and {@code north-team-managers}. Camunda's candidate groups are "any of", so a group that is both
 * the team and the role is what lets the engine itself keep a South social worker off a North case's
 * tasks and a North social worker off the North manager's authorisation. A person is a member of
 * their role's group (which opens the web apps and our API) and of their team's group for that role.
 */
@Component
@ConfigurationProperties("safeguard")
public class Teams {

  /** Team ids become parts of Camunda group ids, which allow letters, digits and hyphens. */
  static final Pattern TEAM_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  private final Roles roles;
  private Map<String, String> teams = new LinkedHashMap<>();

  public Teams(Roles roles) {
    this.roles = roles;
  }

  public Map<String, String> getTeams() {
    return teams;
  }

  public void setTeams(Map<String, String> teams) {
    teams.keySet().stream().filter(id -> !TEAM_ID.matcher(id).matches()).findFirst().ifPresent(id -> {
      throw new IllegalArgumentException("safeguard.teams: team id '" + id
          + "' must be lower-case letters and digits, words joined by hyphens (such as north or front-door)");
    });
    this.teams = new LinkedHashMap<>(teams);
  }

  public boolean isTeam(String team) {
    return team != null && teams.containsKey(team);
  }

  public String name(String team) {
    return teams.getOrDefault(team, team);
  }

  public List<String> ids() {
    return List.copyOf(teams.keySet());
  }

  /** The group whose members are the team's social workers. */
  public String socialWorkersOf(String team) {
    return team + "-" + roles.getSocialWorkers();
  }

  /** The group whose members are the team's managers. */
  public String managersOf(String team) {
    return team + "-" + roles.getTeamManagers();
  }

  /** The teams a person manages, from the Camunda groups they are a member of. */
  public List<String> managedBy(Collection<String> groups) {
    return teams.keySet().stream().filter(team -> groups.contains(managersOf(team))).toList();
  }

  /** Every team group, with a name for Camunda Admin. */
  public Map<String, String> groups() {
    Map<String, String> groups = new LinkedHashMap<>();
    teams.forEach((id, name) -> {
      groups.put(socialWorkersOf(id), name + ": social workers");
      groups.put(managersOf(id), name + ": team managers");
    });
    return groups;
  }
}
