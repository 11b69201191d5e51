package org.safeguardflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A ceiling on every body sent to our API and the engine's, before anything reads it into memory.
 * Tomcat limits form posts only, and Spring reads a JSON body whole before a controller can measure
 * it; the contact API's own 64 KiB rule (a 400 naming the field) sits well inside this. Models
 * deployed from Modeler are the largest legitimate bodies (a few hundred KiB with their forms).
 */
class RequestSizeLimit extends OncePerRequestFilter {

  static final long API_LIMIT = 1024 * 1024;
  static final long ENGINE_LIMIT = 10L * 1024 * 1024;

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long limit = request.getRequestURI().startsWith(request.getContextPath() + "/engine-rest") ? ENGINE_LIMIT : API_LIMIT;
    if (request.getContentLengthLong() > limit) {
      tooLarge(response, limit);
      return;
    }
    chain.doFilter(new Limited(request, limit), response);
  }

  private static void tooLarge(HttpServletResponse response, long limit) throws IOException {
    response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
    response.setContentType("application/json");
    response.getOutputStream().write(("{\"message\":\"The request was not accepted\",\"errors\":[{\"field\":\"$\","
        + "\"rule\":\"max-size\",\"message\":\"The request body must be at most " + limit + " bytes\"}]}")
        .getBytes(StandardCharsets.UTF_8));
  }

  /** A body without a declared length (chunked) is cut off once it passes the limit. */
  private static final class Limited extends HttpServletRequestWrapper {
    private final long limit;
    private ServletInputStream stream;

    Limited(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream in = super.getInputStream();
        stream = new ServletInputStream() {
          long read;

          @Override
          public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
              count(1);
            }
            return b;
          }

          @Override
          public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
              count(n);
            }
            return n;
          }

          private void count(int n) throws IOException {
            read += n;
            if (read > limit) {
              throw new IOException("Request body larger than " + limit + " bytes");
            }
          }

          @Override
          public boolean isFinished() {
            return in.isFinished();
          }

          @Override
          public boolean isReady() {
            return in.isReady();
          }

          @Override
          public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
          }
        };
      }
      return stream;
    }
  }
}
