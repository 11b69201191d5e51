package org.safeguardflow.security;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
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
 */
@Configuration
@ConditionalOnWebApplication // the simulator runs the engine without a web server
class ApiSecurity {

  @Bean
  SecurityFilterChain apis(HttpSecurity http, @Lazy IdentityService identity) throws Exception {
    // Path patterns on the whole request path: the REST API is a servlet of its own, outside Spring MVC.
    var paths = PathPatternRequestMatcher.withDefaults();
    http.securityMatcher(new OrRequestMatcher(paths.matcher("/api/**"), paths.matcher("/engine-rest/**")))
        .authorizeHttpRequests(requests -> requests
            // Moving running cases between model versions is for the people who own the models.
            .requestMatchers(paths.matcher("/api/models/**")).hasAnyAuthority("process-owners", "camunda-admin")
            .requestMatchers(paths.matcher(HttpMethod.PUT, "/api/agencies/**")).hasAnyAuthority("service-managers", "camunda-admin")
            // Case histories name children: auditors and managers read them, partner agencies never do.
            .requestMatchers(paths.matcher("/api/cases/**"), paths.matcher("/api/timeliness/**"),
                paths.matcher("/api/returns/**"), paths.matcher("/api/threshold-replay/**"))
                .hasAnyAuthority("auditors", "team-managers", "service-managers", "camunda-admin")
            .anyRequest().authenticated())
        .httpBasic(basic -> basic.realmName("Safeguard Flow"))
        // Stateless Basic authentication sends no cookie a forged page could ride on, so CSRF tokens add nothing here.
        .csrf(csrf -> csrf.disable())
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .addFilterAfter(new CamundaIdentityFilter(identity), BasicAuthenticationFilter.class);
    return http.build();
  }
}
