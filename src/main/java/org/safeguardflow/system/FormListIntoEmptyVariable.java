package org.safeguardflow.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A checklist ticked in Tasklist reaches the engine as JSON, typed as the variable it fills already
 * was: Tasklist (Camunda 7.24, Camunda Forms) sends {@code {"type": <existing type>, "value": "[...]"}}
 * for every list or object, and {@code "Json"} only for a variable the task does not yet have. A
 * variable that exists but is empty is typed {@code Null} (a stage clears its earlier answers, and a
 * call activity's {@code camunda:in} of an answer not yet given passes null), so the engine refused
 * the submission ("Cannot convert value ... of type 'Null'") and no manager could convene a strategy
 * discussion, schedule a conference or complete an assessment (its factors) in Tasklist. Found by the
 * browser walk of Ella's case (issue 17).
 *
 * <p>Here a submitted form value typed {@code Null} that is JSON text of a list or an object is retyped {@code Json}, what
 * Tasklist sends for the same list when the variable is new ({@code FormValues.list} reads both). Only
 * form submissions ({@code POST .../submit-form}) of the engine's REST API and the web apps' own are
 * touched; every other variable and request passes as sent.
 */
@Configuration
class FormListIntoEmptyVariable {

  private static final Pattern SUBMIT_FORM = Pattern.compile(".*/submit-form/?");
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A form's answers are a few kilobytes (text fields at most 10,000 characters); larger bodies pass as sent. */
  private static final int MAX_FORM_BYTES = 1024 * 1024;

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> formListIntoEmptyVariableFilter() {
    OncePerRequestFilter filter = new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        if (!"POST".equals(request.getMethod()) || !SUBMIT_FORM.matcher(request.getRequestURI()).matches()) {
          chain.doFilter(request, response);
          return;
        }
        InputStream sent = request.getInputStream();
        byte[] body = sent.readNBytes(MAX_FORM_BYTES + 1);
        if (body.length > MAX_FORM_BYTES) {
          chain.doFilter(new TaskFormRefIsReadOnly.Body(request,
              new SequenceInputStream(new ByteArrayInputStream(body), sent), -1), response);
          return;
        }
        try {
          JsonNode form = JSON.readTree(body);
          if (retypeEmptyVariables(form)) {
            body = JSON.writeValueAsBytes(form);
          }
        } catch (IOException notJson) {
          // left as sent: the REST API answers it as the bad input it is
        }
        chain.doFilter(new TaskFormRefIsReadOnly.Body(request, new ByteArrayInputStream(body), body.length), response);
      }
    };
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    return registration;
  }

  /** Retypes, in place, each {@code Null}-typed variable that carries a value; true when one was. */
  static boolean retypeEmptyVariables(JsonNode form) {
    boolean changed = false;
    if (form instanceof ObjectNode object && object.get("variables") instanceof ObjectNode variables) {
      for (Iterator<Map.Entry<String, JsonNode>> it = variables.fields(); it.hasNext(); ) {
        if (it.next().getValue() instanceof ObjectNode variable
            && "Null".equals(variable.path("type").asText(null))
            && isListOrObject(variable.get("value"))) {
          variable.put("type", "Json");
          variable.remove("valueInfo");
          changed = true;
        }
      }
    }
    return changed;
  }

  /** JSON text of a list or an object, as Tasklist sends a checklist; any other value is left to the engine. */
  private static boolean isListOrObject(JsonNode value) {
    if (value == null || !value.isTextual()) {
      return false;
    }
    try {
      JsonNode parsed = JSON.readTree(value.textValue());
      return parsed != null && (parsed.isArray() || parsed.isObject());
    } catch (IOException notJson) {
      return false;
    }
  }
}
