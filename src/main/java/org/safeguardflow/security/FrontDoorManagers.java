package org.safeguardflow.security;

/**
 * The Camunda group of the front door's team managers (who decide every contact and so read every
 * contact process). Casework's routing knows which team is the front door
 * ({@code safeguard.routing.front-door-team}); the engine grants here ask it through this interface.
 */
public interface FrontDoorManagers {

  /** The group id, e.g. {@code front-door-team-managers}. */
  String getFrontDoorManagers();
}
