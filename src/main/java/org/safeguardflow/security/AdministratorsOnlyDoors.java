package org.safeguardflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The engine REST calls that go round a case's own forms and rules, or run the engine itself, and so
 * are for administrators ({@code camunda-admin}) only, on both copies of the engine's REST API: ours
 * ({@code /engine-rest}, {@link ApiSecurity}) and the one Tasklist, Cockpit and Admin use with their
 * session ({@code /camunda/api/engine/engine/{engine}/…}, the filter below), so that neither is a back
 * door to the other. Everything else is decided by the engine's authorizations ({@link RoleGrants}).
 *
 * <ul>
 *   <li>Starting processes, correlating messages, sending signals, evaluating start conditions and
 *       working external tasks: a case begins through {@code POST /api/contacts} (validated, recorded,
 *       routed) and moves on through its tasks. People who send contacts hold {@code CREATE_INSTANCE}
 *       on the contact process because {@code /api/contacts} starts it as them (history names the
 *       sender); these rules keep that right from being used round the contact API. The processes
 *       staff start from Tasklist's "Start process" (recording a family network, merging child
 *       records) stay open in the web apps, where the engine's {@code CREATE_INSTANCE} decides; every other
 *       {@code POST /process-definition/…} there (restarting finished cases above all) is for administrators.</li>
 *   <li>Migrating running cases with a plan of the caller's own: a plan may map one step onto another
 *       and so move a case past its steps. Process owners hold {@code MIGRATE_INSTANCE} because
 *       {@code /api/models/{key}/migrations} migrates as them, with plans that only map each step to
 *       the same step of the new version ({@code models.ModelVersions}).</li>
 *   <li>CMMN cases: the product has no CMMN models, and Camunda checks no authorization on CMMN at all,
 *       so a CMMN model deployed by a process owner could otherwise be started, and could call a
 *       process, by anyone.</li>
 *   <li>Running the engine: history cleanup, telemetry, and checking someone else's password
 *       ({@code /identity/verify}: each wrong guess counts towards locking that person out).</li>
 * </ul>
 */
@Configuration
class AdministratorsOnlyDoors {

  /** One door: a method and a path below the engine's REST root. */
  record Door(HttpMethod method, String path) {}

  /** Below the engine's REST root; {@code **} any rest of the path. */
  static final List<Door> DOORS = List.of(
      new Door(HttpMethod.POST, "/process-definition/**"),
      new Door(HttpMethod.POST, "/message/**"),
      new Door(HttpMethod.POST, "/signal/**"),
      new Door(HttpMethod.POST, "/condition/**"),
      new Door(HttpMethod.POST, "/external-task/**"),
      new Door(HttpMethod.PUT, "/external-task/**"),
      new Door(HttpMethod.DELETE, "/external-task/**"),
      new Door(HttpMethod.POST, "/migration/execute/**"),
      new Door(HttpMethod.POST, "/migration/executeAsync/**"),
      new Door(HttpMethod.POST, "/history/cleanup/**"),
      new Door(HttpMethod.POST, "/case-definition/**"),
      new Door(HttpMethod.PUT, "/case-definition/**"),
      // Not the queries POST /case-instance[/count], /case-execution[/count]: reads.
      new Door(HttpMethod.POST, "/case-instance/*/*/**"),
      new Door(HttpMethod.PUT, "/case-instance/**"),
      new Door(HttpMethod.DELETE, "/case-instance/**"),
      new Door(HttpMethod.POST, "/case-execution/*/*/**"),
      new Door(HttpMethod.PUT, "/case-execution/**"),
      new Door(HttpMethod.DELETE, "/case-execution/**"),
      new Door(HttpMethod.POST, "/telemetry/**"),
      new Door(HttpMethod.POST, "/identity/verify/**"));

  /** The contact process: started only through {@code POST /api/contacts}, in the web apps as elsewhere. */
  static final String CONTACT_PROCESS = RoleGrants.CONTACT_PROCESS;

  private static final Pattern WEBAPP_ENGINE = Pattern.compile("^/camunda/api/engine/engine/[^/]+(/.*)$");
  private static final Pattern STARTS_A_PROCESS =
      Pattern.compile("^/process-definition/(key/([^/]+)|([^/]+))(/tenant-id/[^/]+)?/(start|submit-form)$");

  /** Whether a call below the engine's REST root is one of the doors above, as the web apps may use them. */
  static boolean forAdministratorsInTheWebApps(String method, String path) {
    if ("POST".equals(method) && matches("/process-definition/**", path)) {
      // Starting from Tasklist what it offers is the engine's to decide (CREATE_INSTANCE); never the contact
      // process, and nothing else (restarting finished cases above all) but by administrators.
      Matcher start = STARTS_A_PROCESS.matcher(path);
      if (!start.matches()) {
        return true;
      }
      String key = start.group(2) != null ? start.group(2) : start.group(3).split(":")[0];
      return CONTACT_PROCESS.equals(key);
    }
    for (Door door : DOORS) {
      if (door.method().matches(method) && matches(door.path(), path)) {
        return true;
      }
    }
    return false;
  }

  /** Spring's path patterns, as {@link ApiSecurity} matches the same doors on {@code /engine-rest}. */
  private static boolean matches(String pattern, String path) {
    return org.springframework.web.util.pattern.PathPatternParser.defaultInstance.parse(pattern)
        .matches(org.springframework.http.server.PathContainer.parsePath(path));
  }

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> administratorsOnlyInTheWebApps() {
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        Matcher engine = WEBAPP_ENGINE.matcher(request.getRequestURI().substring(request.getContextPath().length()));
        if (engine.matches() && forAdministratorsInTheWebApps(request.getMethod(), engine.group(1))) {
          HttpSession session = request.getSession(false);
          Authentications signedIn = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
          boolean anyone = signedIn != null && !signedIn.getAuthentications().isEmpty();
          boolean administrator = anyone && signedIn.getAuthentications().stream()
              .anyMatch(user -> user.getGroupIds() != null && user.getGroupIds().contains(Roles.ADMIN));
          if (anyone && !administrator) {
            Refusals.write(response, HttpServletResponse.SC_FORBIDDEN, "Your role may not do this");
            return;
          }
        }
        chain.doFilter(request, response);
      }
    });
    registration.addUrlPatterns("/camunda/api/engine/*");
    // After the refusal log (HIGHEST_PRECEDENCE + 10), so that these refusals are logged too.
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }
}
