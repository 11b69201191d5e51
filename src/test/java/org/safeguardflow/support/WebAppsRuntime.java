package org.safeguardflow.support;

import org.camunda.bpm.admin.Admin;
import org.camunda.bpm.admin.impl.DefaultAdminRuntimeDelegate;
import org.camunda.bpm.cockpit.Cockpit;
import org.camunda.bpm.cockpit.impl.DefaultCockpitRuntimeDelegate;
import org.camunda.bpm.tasklist.Tasklist;
import org.camunda.bpm.tasklist.impl.DefaultTasklistRuntimeDelegate;
import org.camunda.bpm.welcome.Welcome;
import org.camunda.bpm.welcome.impl.DefaultWelcomeRuntimeDelegate;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Camunda keeps each web app's runtime (Cockpit, Tasklist, Admin, Welcome) in a JVM-wide static
 * that every web server's start sets and every web server's stop clears. A test with a context of
 * its own that is closed after it ({@code @DirtiesContext}: CaseloadSimulatorTest, PartnerApiKeyTest)
 * so leaves the shared context's web apps answering 500 (NullPointerException in
 * ProcessEnginesFilter). Put back before each test class, as the web apps' own bootstrap does; a
 * single app in production never meets this.
 */
public class WebAppsRuntime implements BeforeAllCallback {

  @Override
  public void beforeAll(ExtensionContext context) {
    restore();
  }

  /** Sets each web app's runtime delegate that another context's shutdown cleared. */
  public static void restore() {
    if (Cockpit.getRuntimeDelegate() == null) {
      Cockpit.setCockpitRuntimeDelegate(new DefaultCockpitRuntimeDelegate());
    }
    if (Tasklist.getRuntimeDelegate() == null) {
      Tasklist.setTasklistRuntimeDelegate(new DefaultTasklistRuntimeDelegate());
    }
    if (Admin.getRuntimeDelegate() == null) {
      Admin.setAdminRuntimeDelegate(new DefaultAdminRuntimeDelegate());
    }
    if (Welcome.getRuntimeDelegate() == null) {
      Welcome.setRuntimeDelegate(new DefaultWelcomeRuntimeDelegate());
    }
  }
}
