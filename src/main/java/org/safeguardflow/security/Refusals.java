package org.safeguardflow.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 written as they are, in JSON like every other refusal of the API. Spring's defaults
 * send an error that Tomcat forwards to {@code /error}, which then tries to parse a refused
 * Modeler upload as a multipart form and logs a stack trace for every refused deployment.
 */
final class Refusals {

  static final String REALM = "Safeguard Flow";

  private Refusals() {}

  static AuthenticationEntryPoint unauthenticated() {
    return (request, response, e) -> {
      response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
      write(response, HttpServletResponse.SC_UNAUTHORIZED, "Sign in with a Safeguard Flow (Camunda) user, or your agency's API key");
    };
  }

  static AccessDeniedHandler forbidden() {
    return (request, response, e) -> write(response, HttpServletResponse.SC_FORBIDDEN, "Your role may not do this");
  }

  static void write(HttpServletResponse response, int status, String message) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.getOutputStream().write(("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
  }
}
