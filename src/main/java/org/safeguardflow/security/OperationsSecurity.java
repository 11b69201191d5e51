package org.safeguardflow.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The operators' door: Spring Boot Actuator ({@code /actuator/**}: health with details, Prometheus
 * metrics) needs HTTP Basic as an operator ({@code safeguard.security.groups.operators}), a service
 * manager or an administrator. Only the liveness probe ({@code /actuator/health/liveness}) is open,
 * and it says nothing but UP or DOWN, so that a load balancer or orchestrator can ask without a password.
 */
@Configuration
@ConditionalOnWebApplication
class OperationsSecurity {

  @Bean
  @Order(1)
  SecurityFilterChain operations(HttpSecurity http, Roles roles) throws Exception {
    var paths = PathPatternRequestMatcher.withDefaults();
    String[] operators = roles.operations().toArray(String[]::new);
    http.securityMatcher(paths.matcher("/actuator/**"))
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(paths.matcher(HttpMethod.GET, "/actuator/health/liveness")).permitAll()
            .anyRequest().hasAnyAuthority(operators))
        .httpBasic(basic -> basic.realmName(Refusals.REALM).authenticationEntryPoint(Refusals.unauthenticated()))
        .exceptionHandling(refusals -> refusals.authenticationEntryPoint(Refusals.unauthenticated())
            .accessDeniedHandler(Refusals.forbidden()))
        // Stateless Basic authentication sends no cookie a forged page could ride on.
        .csrf(csrf -> csrf.disable())
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .addFilterBefore(new NoStoreResponses(), BasicAuthenticationFilter.class);
    return http.build();
  }
}
