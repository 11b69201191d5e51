package org.safeguardflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One log line (logger {@code org.safeguardflow.security.RefusedRequestLog}, WARN) for every refused
 * attempt on the engine's REST APIs, our own engine REST ({@code /engine-rest}) and the one Tasklist
 * and Cockpit use ({@code /camunda/api/engine}): who (the signed-in user), which case (the business
 * key of the task's or process instance's case, when the path names one), the method and path, and
 * the answer (403 for rights, 400/409/422 for a rule; 500, a server fault, so that the user and case
 * of the failed attempt are beside its correlation id). The body of the request is not logged: it
 * may hold a child's details.
 */
@Configuration
class RefusedRequestLog {

  private static final Logger log = LoggerFactory.getLogger(RefusedRequestLog.class);

  /**
   * Answers logged here: rights (403), rules (400, 409, 422; a rule broken inside a listener is answered
   * 400 too, {@code errors.ErrorAnswers}) and server faults (500).
   */
  static final Set<Integer> REFUSALS = Set.of(400, 403, 409, 422, 500);

  private static final Pattern TASK = Pattern.compile("/task/([0-9a-fA-F-]{8,64})(/|$)");
  private static final Pattern PROCESS_INSTANCE = Pattern.compile("/process-instance/([0-9a-fA-F-]{8,64})(/|$)");

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> refusedRequests(@Lazy HistoryService history, @Lazy IdentityService identity) {
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        try {
          chain.doFilter(request, response);
        } finally {
          if (REFUSALS.contains(response.getStatus())) {
            String path = request.getRequestURI();
            log.warn("Refused: user={} case={} {} {} -> {}", user(request), caseOf(path, history, identity),
                request.getMethod(), path, response.getStatus());
          }
        }
      }
    });
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    // Outside Spring Security's filters, so that its 403s are seen too.
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  private static String user(HttpServletRequest request) {
    // Spring Security has cleared its context by now; a refusal other than 401 means the Basic
    // credentials were accepted, so the user they name is the one refused.
    String header = request.getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon < 0 ? decoded : decoded.substring(0, colon);
      } catch (IllegalArgumentException malformed) {
        return "?";
      }
    }
    HttpSession session = request.getSession(false);
    Authentications webapp = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
    if (webapp != null && !webapp.getAuthentications().isEmpty()) {
      return webapp.getAuthentications().get(0).getName();
    }
    return "anonymous";
  }

  /** The case reference the path points at (task or process instance), else "-". */
  static String caseOf(String path, HistoryService history, IdentityService identity) {
    try {
      Matcher task = TASK.matcher(path);
      Matcher instance = PROCESS_INSTANCE.matcher(path);
      // Looked up for the log line only; what the caller may read was decided by the refusal itself.
      String processInstanceId = task.find()
          ? SystemWork.call(identity, () -> {
              HistoricTaskInstance t = history.createHistoricTaskInstanceQuery().taskId(task.group(1)).singleResult();
              return t == null ? null : t.getProcessInstanceId();
            })
          : instance.find() ? instance.group(1) : null;
      if (processInstanceId == null) {
        return "-";
      }
      HistoricProcessInstance process = SystemWork.call(identity, () ->
          history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult());
      return process == null || process.getBusinessKey() == null ? "-" : process.getBusinessKey();
    } catch (RuntimeException unreadable) {
      return "?";
    }
  }
}
