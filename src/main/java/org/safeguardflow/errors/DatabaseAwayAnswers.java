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
          request.getRemoteUser());
      response.resetBuffer();
      response.setStatus(reply.status());
      response.setHeader("Retry-After", String.valueOf(DatabaseAway.RETRY_AFTER_SECONDS));
      response.setContentType("application/json");
      response.getOutputStream().write(ErrorAnswers.json(reply.body()).getBytes(StandardCharsets.UTF_8));
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Registration {
    /** Just inside {@link CorrelationIds}, so the answer and its log line carry the request's id; outside Spring Security. */
    @Bean
    FilterRegistrationBean<DatabaseAwayAnswers> databaseAwayAnswers() {
      var registration = new FilterRegistrationBean<>(new DatabaseAwayAnswers());
      registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
      registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
      registration.addUrlPatterns("/*");
      return registration;
    }
  }
}
