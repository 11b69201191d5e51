package org.safeguardflow.errors;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.slf4j.MDC;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a correlation id (a random UUID, never one the caller sends), before any
 * other filter runs: it is in the log's MDC ({@code correlationId}, printed on every log line of the
 * request by {@code logging.pattern.correlation}), in the {@code X-Correlation-Id} response header,
 * and in the body of every error answer ({@link ErrorAnswers}). The error page dispatch of the same
 * request keeps the same id.
 */
public class CorrelationIds extends OncePerRequestFilter {

  /** The response header carrying the id. */
  public static final String HEADER = "X-Correlation-Id";
  private static final String ATTRIBUTE = CorrelationIds.class.getName();

  @Override
  protected boolean shouldNotFilterErrorDispatch() {
    return false;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String id = (String) request.getAttribute(ATTRIBUTE);
    if (id == null) {
      id = UUID.randomUUID().toString();
      request.setAttribute(ATTRIBUTE, id);
      response.setHeader(HEADER, id);
    }
    String outer = MDC.get(ErrorAnswers.CORRELATION_ID);
    MDC.put(ErrorAnswers.CORRELATION_ID, id);
    try {
      chain.doFilter(request, response);
    } finally {
      if (outer == null) {
        MDC.remove(ErrorAnswers.CORRELATION_ID);
      } else {
        MDC.put(ErrorAnswers.CORRELATION_ID, outer);
      }
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Registration {
    @Bean
    FilterRegistrationBean<CorrelationIds> correlationIds() {
      var registration = new FilterRegistrationBean<>(new CorrelationIds());
      registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
      registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
      registration.addUrlPatterns("/*");
      return registration;
    }
  }
}
