package org.safeguardflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.junit.jupiter.api.Test;
import org.safeguardflow.support.SafeguardFlowTest;
import org.springframework.beans.factory.annotation.Autowired;

/** Production refuses demo users and default administrator passwords, naming what to change. */
@SafeguardFlowTest
class ProductionSafetyCheckTest {

  @Autowired IdentityService identity;
  @Autowired ProcessEngineConfiguration engine;

  @Test
  void theDemoUsersAndADefaultAdminPasswordWouldStopAProductionStart() {
    ProductionSafetyCheck check = new ProductionSafetyCheck(identity, engine);
    if (identity.createUserQuery().userId("realadmin").count() == 0) {
      var admin = identity.newUser("realadmin");
      admin.setPassword("changeme");
      identity.saveUser(admin);
      identity.createMembership("realadmin", "camunda-admin");
    }

    assertThat(check.problems())
        .anySatisfy(p -> assertThat(p).contains("demo user 'manager'", "delete it"))
        .anySatisfy(p -> assertThat(p).contains("administrator 'realadmin'", "default password"))
        .as("the demo admin's password (demo) counts as default too")
        .anySatisfy(p -> assertThat(p).contains("administrator 'demo'"));

    var admin = identity.createUserQuery().userId("realadmin").singleResult();
    admin.setPassword("a long and council-specific passphrase");
    identity.saveUser(admin);
    assertThat(check.problems()).noneSatisfy(p -> assertThat(p).contains("realadmin"));
    assertThat(identity.checkPassword("realadmin", "a long and council-specific passphrase"))
        .as("checking against the hashes locked nobody out").isTrue();
  }
}
