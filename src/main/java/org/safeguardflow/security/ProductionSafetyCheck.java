package org.safeguardflow.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Outside demo mode the app refuses to start while a demo user exists or an administrator's
 * password is a default, and says what to change. Passwords are compared against their stored
 * hashes, without a login attempt (which would lock the account).
 */
@Component
@ConditionalOnProperty(name = "safeguard.demo.enabled", havingValue = "false")
class ProductionSafetyCheck {

  static final Set<String> DEFAULT_PASSWORDS = Set.of("demo", "admin", "password", "camunda", "changeme", "change-me");

  private final IdentityService identity;
  private final ProcessEngineConfigurationImpl engine;

  ProductionSafetyCheck(IdentityService identity, ProcessEngineConfiguration engine) {
    this.identity = identity;
    this.engine = (ProcessEngineConfigurationImpl) engine;
  }

  @EventListener
  public void onStarted(ApplicationStartedEvent started) {
    List<String> problems = problems();
    if (!problems.isEmpty()) {
      throw new IllegalStateException("Safeguard Flow will not run with demo credentials outside demo mode:\n - "
          + String.join("\n - ", problems));
    }
  }

  List<String> problems() {
    List<String> problems = new ArrayList<>();
    for (DemoData.DemoUser demo : DemoData.USERS) {
      if (identity.createUserQuery().userId(demo.id()).count() > 0) {
        problems.add("the demo user '" + demo.id() + "' exists: delete it in Camunda Admin (Users)");
      }
    }
    for (User admin : identity.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).list()) {
      for (String candidate : candidates(admin)) {
        if (matches(admin, candidate)) {
          problems.add("the administrator '" + admin.getId() + "' has a default password: change it in Camunda Admin (My Profile)");
          break;
        }
      }
    }
    return problems;
  }

  private static List<String> candidates(User user) {
    List<String> candidates = new ArrayList<>(DEFAULT_PASSWORDS);
    candidates.add(user.getId());
    return candidates;
  }

  private boolean matches(User user, String candidate) {
    if (!(user instanceof UserEntity entity) || entity.getPassword() == null) {
      return false;
    }
    // As the engine salts it: the salt appended to the password before hashing.
    String salted = entity.getSalt() == null ? candidate : candidate + entity.getSalt();
    return engine.getPasswordManager().check(salted, entity.getPassword());
  }
}
