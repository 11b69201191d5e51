package org.safeguardflow.errors;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.safeguardflow.web.DatabaseAway;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * 503 with {@code Retry-After} for a request whose database call failed before any API's own error
 * handling could answer it: signing in (a password or a partner's API key is checked against the
 * database), the security rules that read a case's team. Without this the failure reaches the
 * servlet container and is answered 500, as if the server were broken. Controllers and the engine's
 * REST API answer the same failure 503 themselves ({@link ErrorAnswers}); anything else escaping
 * the filters goes on to Spring Boot's error page as before.
 */
public class DatabaseAwayAnswers extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } catch (RuntimeException | ServletException failure) {
      if (response.isCommitted() || !DatabaseAway.isCause(failure)) {
        throw failure;
      }
      ErrorAnswers.Reply reply = ErrorAnswers.reply(failure, request.getMethod() + " " + request.getRequestURI(),
          caller(request));
      response.resetBuffer();
      response.setStatus(reply.status());
      response.setHeader("Retry-After", String.valueOf(DatabaseAway.RETRY_AFTER_SECONDS));
      response.setContentType("application/json");
      response.getOutputStream().write(ErrorAnswers.json(reply.body()).getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * Who sent the request, for the log line: the signed-in user, or (the database being needed to check
   * a password or an API key, the sign-in itself has usually failed) the user name of HTTP Basic or the
   * shown prefix of a partner's API key ({@code sfk_} and 8 characters, as {@code /api/partner-credentials}
   * lists it), never a password or a whole key; {@code null} for an anonymous request.
   */
  static String caller(HttpServletRequest request) {
    if (request.getRemoteUser() != null) {
      return request.getRemoteUser();
    }
    String authorization = request.getHeader("Authorization");
    if (authorization == null) {
      return null;
    }
    if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String pair = new String(java.util.Base64.getDecoder().decode(authorization.substring(6).strip()),
            StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        return colon > 0 ? pair.substring(0, colon) + " (not signed in)" : null;
      } catch (IllegalArgumentException notBase64) {
        return null;
      }
    }
    if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String key = authorization.substring(7).strip();
      return key.startsWith("sfk_") && key.length() >= 12 ? "API key " + key.substring(0, 12) + "… (not signed in)" : null;
    }
    return null;
  }

  @Configuration(proxyBeanMethods = false)
  static class Registration {
    /**
     * Inside {@link CorrelationIds}, so the answer and its log line carry the request's id, and inside
     * Spring's {@code ServerHttpObservationFilter} (Spring Boot's order {@code HIGHEST_PRECEDENCE + 1}),
     * so that {@code http_server_requests} records the 503 sent, not a 500 with the exception that this
     * filter answered (the observation filter sets 500 on any exception passing through it); outside
     * Spring Security.
     */
    @Bean
    FilterRegistrationBean<DatabaseAwayAnswers> databaseAwayAnswers() {
      var registration = new FilterRegistrationBean<>(new DatabaseAwayAnswers());
      registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
      registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
      registration.addUrlPatterns("/*");
      return registration;
    }
  }
}
