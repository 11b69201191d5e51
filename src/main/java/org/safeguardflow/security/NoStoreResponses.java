package org.safeguardflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers about children must not be kept by a browser or a proxy. Spring Security writes
 * {@code no-store} only when nobody set {@code Cache-Control} before; the engine's REST API sets a
 * weaker {@code no-cache} (revalidate, but keep a copy), so every value anyone sets is replaced.
 */
class NoStoreResponses extends OncePerRequestFilter {

  static final String NO_STORE = "no-cache, no-store, max-age=0, must-revalidate";

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    chain.doFilter(request, new HttpServletResponseWrapper(response) {
      @Override
      public void setHeader(String name, String value) {
        super.setHeader(name, isCacheControl(name) ? NO_STORE : value);
      }

      @Override
      public void addHeader(String name, String value) {
        if (isCacheControl(name)) {
          super.setHeader(name, NO_STORE);
        } else {
          super.addHeader(name, value);
        }
      }
    });
  }

  private static boolean isCacheControl(String name) {
    return "Cache-Control".equalsIgnoreCase(name);
  }
}
