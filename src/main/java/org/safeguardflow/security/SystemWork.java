package org.safeguardflow.security;

import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Engine work that the system does on a user's behalf, outside that user's engine authorizations:
 * reading back the deadline of a task the caller has just created, counting a team's caseload,
 * finding the running cases a process owner asks to migrate. The Camunda authentication is taken
 * away for the length of the call and put back afterwards; authorization checks stay on for everyone
 * else. Use it only where the caller's right to ask has already been checked (by {@link ApiSecurity}
 * or by an engine call made as the caller), and say why at the call.
 */
public final class SystemWork {

  private SystemWork() {}

  public static <T> T call(IdentityService identity, Supplier<T> work) {
    Authentication caller = identity.getCurrentAuthentication();
    if (caller == null) {
      return work.get();
    }
    identity.clearAuthentication();
    try {
      return work.get();
    } finally {
      identity.setAuthentication(caller);
    }
  }
}
