package org.safeguardflow.errors;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.safeguardflow.web.LostRaces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Our API's ({@code /api}) answer to a failure no controller handled, and Spring Boot's error page
 * for whatever reaches it (a fault in a filter, a 404 of Spring MVC): the same rules and JSON shape
 * as the engine's REST API ({@link ErrorAnswers}). Controllers keep their own refusals (400 with
 * field errors, 404, 409); this only sees what is left, after Spring MVC's own resolvers.
 *
 * <p>{@code server.error.include-*} are set to never in application.yaml, so the error page adds no
 * message, exception class or stack trace of its own either.
 */
@Configuration(proxyBeanMethods = false)
class ApiErrors {

  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

  /** Last of the resolvers: an unexpected failure in a controller, answered and logged here. */
  @Bean
  HandlerExceptionResolver unexpectedFailures() {
    return new UnexpectedFailures();
  }

  @Bean
  ErrorAttributes errorAttributes() {
    return new SafeErrorAttributes();
  }

  static final class UnexpectedFailures implements HandlerExceptionResolver, Ordered {
    @Override
    public int getOrder() {
      return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
        Exception failure) {
      // Spring Security turns these into 401/403 itself (security.Refusals); the response may be gone already.
      if (failure instanceof AccessDeniedException || failure instanceof AuthenticationException || response.isCommitted()) {
        return null;
      }
      // On our API nobody else did the caller's work: a lost race asks them to send it again (503), not 409.
      Throwable answered = LostRaces.isCause(failure) ? new LostRaces.TryAgain(failure) : failure;
      ErrorAnswers.Reply reply = ErrorAnswers.reply(answered, request.getMethod() + " " + request.getRequestURI(),
          request.getRemoteUser());
      try {
        response.resetBuffer();
        response.setStatus(reply.status());
        if (reply.retryAfterSeconds() != null) {
          response.setHeader("Retry-After", reply.retryAfterSeconds().toString());
        }
        response.setContentType("application/json");
        response.getOutputStream().write(ErrorAnswers.json(reply.body()).getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        log.warn("Could not write the error answer {}", reply.body().get(ErrorAnswers.CORRELATION_ID));
      }
      return new ModelAndView();
    }
  }

  /**
   * Spring Boot's error page, reduced to timestamp, status, reason phrase, path and the correlation id;
   * for a server fault also our type word and a plain message.
   */
  static final class SafeErrorAttributes extends DefaultErrorAttributes {
    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
      Map<String, Object> attributes = super.getErrorAttributes(request, ErrorAttributeOptions.defaults());
      Object code = attributes.get("status");
      int status = code instanceof Integer i ? i : 500;
      attributes.keySet().removeAll(java.util.List.of("exception", "trace", "errors", "message"));
      String id = ErrorAnswers.correlationId();
      attributes.put(ErrorAnswers.CORRELATION_ID, id);
      if (status >= 500) {
        attributes.put("type", ErrorAnswers.typeFor(status));
        attributes.put("message", ErrorAnswers.generic(status));
      }
      // A 4xx here has no message: the web apps then show their own words (Tasklist's "missing access
      // rights to application" for a login refused with an empty 403, which Jersey sends as an error).
      if (status >= 500) {
        log.error("Server error {} on {} (user {}): answered {} with a generic message",
            id, request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI, RequestAttributes.SCOPE_REQUEST),
            request.getRemoteUser(), status, getError(request));
      }
      return attributes;
    }
  }
}
