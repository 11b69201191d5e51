package org.safeguardflow.casework.referral;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.User;
import org.camunda.spin.plugin.variable.SpinValues;
import org.safeguardflow.casework.Routing;
import org.safeguardflow.casework.Teams;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Offers the allocation form the teams and the qualified social workers to choose from, as
 * {label, value} options the form's selects read. Each worker's label names their team, so that a
 * manager sees at once who belongs where; {@link CheckAllocation} refuses a worker from another team.
 */
@Component("offerSocialWorkers")
class OfferSocialWorkers implements TaskListener {

  static final String TEAM_OPTIONS = "teamOptions";

  private final IdentityService identity;
  private final Routing routing;
  private final Teams teams;
  private final ObjectMapper json = new ObjectMapper();

  OfferSocialWorkers(@Lazy IdentityService identity, Routing routing, Teams teams) {
    this.identity = identity;
    this.routing = routing;
    this.teams = teams;
  }

  @Override
  public void notify(DelegateTask task) {
    Map<String, List<String>> teamsOfWorker = new LinkedHashMap<>();
    for (String team : teams.ids()) {
      identity.createUserQuery().memberOfGroup(teams.socialWorkersOf(team)).list()
          .forEach(user -> teamsOfWorker.computeIfAbsent(user.getId(), id -> new ArrayList<>()).add(teams.name(team)));
    }
    List<Map<String, String>> workers = identity.createUserQuery().memberOfGroup(routing.getSocialWorkers())
        .orderByUserLastName().asc().list().stream()
        .map(user -> option(label(user) + ", " + String.join(" and ",
            teamsOfWorker.getOrDefault(user.getId(), List.of("no team"))), user.getId()))
        .toList();
    List<Map<String, String>> teamOptions = teams.getTeams().entrySet().stream()
        .map(team -> option(team.getValue(), team.getKey())).toList();
    task.setVariable(ReferralEpisode.SOCIAL_WORKER_OPTIONS, jsonValue(workers));
    task.setVariable(TEAM_OPTIONS, jsonValue(teamOptions));
  }

  private static Map<String, String> option(String label, String value) {
    Map<String, String> option = new LinkedHashMap<>();
    option.put("label", label);
    option.put("value", value);
    return option;
  }

  private org.camunda.spin.plugin.variable.value.JsonValue jsonValue(Object value) {
    try {
      return SpinValues.jsonValue(json.writeValueAsString(value)).create();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String label(User user) {
    String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
        + (user.getLastName() == null ? "" : user.getLastName())).strip();
    return name.isEmpty() ? user.getId() : name + " (" + user.getId() + ")";
  }
}
