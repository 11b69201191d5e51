package org.safeguardflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * No call to the Camunda REST API fetches an unbounded list of case records: every request gets
 * {@code maxResults} at most the configured limit (added when missing, lowered when higher). The
 * engine's own {@code queryMaxResultsLimit} cannot be used, because it would also refuse the
 * bounded-by-design queries our services run while a user is signed in.
 */
class RestResultLimit extends OncePerRequestFilter {

  static final String PARAMETER = "maxResults";

  private final int limit;

  RestResultLimit(int limit) {
    this.limit = limit;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith(request.getContextPath() + "/engine-rest/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String limited = limitedQuery(request.getQueryString(), limit);
    chain.doFilter(new HttpServletRequestWrapper(request) {
      @Override
      public String getQueryString() {
        return limited;
      }

      @Override
      public String getParameter(String name) {
        return PARAMETER.equals(name) ? String.valueOf(bounded(super.getParameter(name), limit)) : super.getParameter(name);
      }
    }, response);
  }

  /** The query string with maxResults present and at most the limit; other parameters untouched. */
  static String limitedQuery(String query, int limit) {
    List<String> parts = new ArrayList<>();
    boolean seen = false;
    if (query != null && !query.isEmpty()) {
      for (String part : query.split("&")) {
        if (part.startsWith(PARAMETER + "=")) {
          seen = true;
          parts.add(PARAMETER + "=" + bounded(part.substring(PARAMETER.length() + 1), limit));
        } else {
          parts.add(part);
        }
      }
    }
    if (!seen) {
      parts.add(PARAMETER + "=" + limit);
    }
    return String.join("&", parts);
  }

  private static int bounded(String value, int limit) {
    try {
      int asked = Integer.parseInt(value);
      return asked < 0 ? limit : Math.min(asked, limit);
    } catch (NumberFormatException e) {
      return limit;
    }
  }
}
