package org.safeguardflow.casework;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Which Camunda groups receive which work. Read from configuration ({@code safeguard.routing.*})
 * and used from BPMN as {@code ${routing.frontDoorManagers}}, so a council renames teams without
 * touching a model.
 */
@Component("routing")
@ConfigurationProperties("safeguard.routing")
public class Routing {

  private String frontDoorManagers = "team-managers";
  private String teamManagers = "team-managers";
  private String socialWorkers = "social-workers";
  private String escalationManagers = "service-managers";

  public String getTeamManagers() {
    return teamManagers;
  }

  public void setTeamManagers(String teamManagers) {
    this.teamManagers = teamManagers;
  }

  public String getSocialWorkers() {
    return socialWorkers;
  }

  public void setSocialWorkers(String socialWorkers) {
    this.socialWorkers = socialWorkers;
  }

  public String getFrontDoorManagers() {
    return frontDoorManagers;
  }

  public void setFrontDoorManagers(String frontDoorManagers) {
    this.frontDoorManagers = frontDoorManagers;
  }

  public String getEscalationManagers() {
    return escalationManagers;
  }

  public void setEscalationManagers(String escalationManagers) {
    this.escalationManagers = escalationManagers;
  }
}
