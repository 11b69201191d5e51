package org.safeguardflow.casework;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.User;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Offers the allocation form the qualified social workers to choose from: the members of the
 * social workers' group, as {label, value} options the form's select reads.
 */
@Component("offerSocialWorkers")
class OfferSocialWorkers implements TaskListener {

  private final IdentityService identity;
  private final Routing routing;
  private final com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();

  OfferSocialWorkers(@Lazy IdentityService identity, Routing routing) {
    this.identity = identity;
    this.routing = routing;
  }

  @Override
  public void notify(DelegateTask task) {
    List<Map<String, String>> options = identity.createUserQuery().memberOfGroup(routing.getSocialWorkers())
        .orderByUserLastName().asc().list().stream()
        .map(user -> Map.of("label", label(user), "value", user.getId()))
        .toList();
    try {
      task.setVariable(ReferralEpisode.SOCIAL_WORKER_OPTIONS,
          SpinValues.jsonValue(json.writeValueAsString(options)).create());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String label(User user) {
    String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
        + (user.getLastName() == null ? "" : user.getLastName())).strip();
    return name.isEmpty() ? user.getId() : name + " (" + user.getId() + ")";
  }
}
