package org.safeguardflow.security;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.safeguardflow.security.partners.PartnerCredentials;
import org.safeguardflow.security.partners.PartnerSignIn;
import org.safeguardflow.security.partners.SignInThrottle;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * Our API and the Camunda REST API need HTTP Basic against the Camunda users; nothing there is
 * anonymous. Camunda's web apps (Tasklist, Cockpit, Admin) keep their own login and CSRF filter.
 *
 * <p>These rules say which role may call which door; behind the door the engine's own authorizations
 * ({@link RoleGrants}, candidate groups) decide which cases and tasks the caller sees and works.
 * Partner agencies are let through two doors only: sending a contact and reading its outcome. Partner
 * systems sign in with their agency's API key ({@link PartnerSignIn}); HTTP Basic stays for people and,
 * for compatibility, for partners not yet moved to a key.
 */
@Configuration
@ConditionalOnWebApplication // the simulator runs the engine without a web server
class ApiSecurity {

  @Bean
  SecurityFilterChain apis(HttpSecurity http, @Lazy IdentityService identity, Roles roles, CaseReadAccess caseAccess,
      PartnerCredentials partnerCredentials, SignInThrottle signInThrottle,
      @Value("${safeguard.security.rest-max-results:2000}") int restMaxResults) throws Exception {
    // Path patterns on the whole request path: the REST API is a servlet of its own, outside Spring MVC.
    var paths = PathPatternRequestMatcher.withDefaults();
    String admin = Roles.ADMIN;
    List<String> contactSenders = new ArrayList<>(roles.caseworkers());
    contactSenders.add(roles.getPartnerAgencies());
    contactSenders.add(admin);
    http.securityMatcher(new OrRequestMatcher(paths.matcher("/api/**"), paths.matcher("/engine-rest/**")))
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(paths.matcher(HttpMethod.POST, "/api/contacts")).hasAnyAuthority(contactSenders.toArray(String[]::new))
            // Anyone may ask; the answer is only ever about a contact the caller sent (404 otherwise).
            .requestMatchers(paths.matcher(HttpMethod.GET, "/api/contacts/*")).authenticated()
            // Moving running cases between model versions is for the people who own the models.
            .requestMatchers(paths.matcher("/api/models/**")).hasAnyAuthority(roles.getProcessOwners(), admin)
            .requestMatchers(paths.matcher(HttpMethod.POST, "/engine-rest/deployment/create"))
                .hasAnyAuthority(roles.getProcessOwners(), admin)
            .requestMatchers(paths.matcher(HttpMethod.PUT, "/api/agencies/**")).hasAnyAuthority(roles.getServiceManagers(), admin)
            // Partner agencies' API keys: made, rotated and revoked by the people who run the partner directory.
            .requestMatchers(paths.matcher("/api/partner-credentials"), paths.matcher("/api/partner-credentials/**"))
                .hasAnyAuthority(roles.getServiceManagers(), admin)
            // Colleagues' caseloads are management information.
            .requestMatchers(paths.matcher("/api/caseloads/**"))
                .hasAnyAuthority(roles.getTeamManagers(), roles.getServiceManagers(), roles.getAuditors(), admin)
            // One case's record: managers of the team that holds it (CaseReadAccess), service managers, auditors.
            .requestMatchers(paths.matcher(HttpMethod.POST, "/api/cases/{caseRef}/supervision-requests"))
                .access(caseOfTeam(caseAccess, roles.getTeamManagers(), roles.getServiceManagers(), admin))
            // Moving a case to another team: its current team's managers, or service managers.
            .requestMatchers(paths.matcher(HttpMethod.POST, "/api/cases/{caseRef}/transfers"))
                .access(caseOfTeam(caseAccess, roles.getTeamManagers(), roles.getServiceManagers(), admin))
            // The people around a child: recorded by the managers of the team that holds the case, or service
            // managers (workers record them in Tasklist); read like the rest of the case's record.
            .requestMatchers(paths.matcher(HttpMethod.PUT, "/api/cases/{caseRef}/family-network"))
                .access(caseOfTeam(caseAccess, roles.getTeamManagers(), roles.getServiceManagers(), admin))
            // The case's documents for families and partners: as the rest of its record, and its allocated worker
            // too, who gives the family their copy (CaseReadAccess.isAllocatedWorker).
            .requestMatchers(paths.matcher(HttpMethod.GET, "/api/cases/{caseRef}/documents"),
                paths.matcher(HttpMethod.GET, "/api/cases/{caseRef}/documents/**"))
                .access(AuthorizationManagers.anyOf(
                    caseOfTeam(caseAccess, roles.getAuditors(), roles.getTeamManagers(), roles.getServiceManagers(), admin),
                    allocatedWorker(caseAccess)))
            .requestMatchers(paths.matcher("/api/cases/{caseRef}/**"))
                .access(caseOfTeam(caseAccess, roles.getAuditors(), roles.getTeamManagers(), roles.getServiceManagers(), admin))
            // Searching cases: a team manager's answers hold only their team's cases (audit.TimelineController).
            .requestMatchers(paths.matcher("/api/cases"))
                .hasAnyAuthority(roles.getAuditors(), roles.getTeamManagers(), roles.getServiceManagers(), admin)
            // Reports and returns span every team's children: for auditors and service managers.
            .requestMatchers(paths.matcher("/api/timeliness/**"), paths.matcher("/api/returns/**"),
                paths.matcher("/api/threshold-replay/**"))
                .hasAnyAuthority(roles.getAuditors(), roles.getServiceManagers(), admin)
            // A case begins through POST /api/contacts (validated, recorded, routed) and moves on only
            // through its tasks; the engine itself is run by administrators (AdministratorsOnlyDoors).
            .requestMatchers(AdministratorsOnlyDoors.DOORS.stream()
                .map(door -> paths.matcher(door.method(), "/engine-rest" + door.path()))
                .toArray(org.springframework.security.web.util.matcher.RequestMatcher[]::new))
                .hasAuthority(admin)
            // Everything else, our API and the engine's, is for the council's own staff.
            .anyRequest().hasAnyAuthority(roles.staff().toArray(String[]::new)))
        .httpBasic(basic -> basic.realmName(Refusals.REALM).authenticationEntryPoint(Refusals.unauthenticated()))
        .exceptionHandling(refusals -> refusals.authenticationEntryPoint(Refusals.unauthenticated())
            .accessDeniedHandler(Refusals.forbidden()))
        // Stateless Basic authentication sends no cookie a forged page could ride on, so CSRF tokens add nothing here.
        .csrf(csrf -> csrf.disable())
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .addFilterBefore(new RequestSizeLimit(), BasicAuthenticationFilter.class)
        .addFilterBefore(new NoStoreResponses(), BasicAuthenticationFilter.class)
        // API keys of partner systems, and the per-address brake on failed sign-ins (key or password).
        .addFilterBefore(new PartnerSignIn(partnerCredentials, signInThrottle, identity, roles.getPartnerAgencies()),
            BasicAuthenticationFilter.class)
        .addFilterAfter(new CamundaIdentityFilter(identity), BasicAuthenticationFilter.class)
        .addFilterAfter(new RestResultLimit(restMaxResults), BasicAuthenticationFilter.class);
    return http.build();
  }

  /** The social worker the case is allocated to now (CaseReadAccess.isAllocatedWorker). */
  private static AuthorizationManager<RequestAuthorizationContext> allocatedWorker(CaseReadAccess caseAccess) {
    return (user, request) -> {
      Authentication who = user.get();
      return new AuthorizationDecision(who != null && who.isAuthenticated() && caseAccess.isAllocatedWorker(who.getName(),
          who.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList(), request.getVariables().get("caseRef")));
    };
  }

  /** One of the roles, and (CaseReadAccess) the case is one this person's team may read. */
  private static AuthorizationManager<RequestAuthorizationContext> caseOfTeam(CaseReadAccess caseAccess, String... roles) {
    AuthorizationManager<RequestAuthorizationContext> teamReads = (user, request) -> new AuthorizationDecision(
        caseAccess.mayRead(user.get().getAuthorities().stream().map(GrantedAuthority::getAuthority).toList(),
            request.getVariables().get("caseRef")));
    return AuthorizationManagers.allOf(AuthorityAuthorizationManager.hasAnyAuthority(roles), teamReads);
  }
}
