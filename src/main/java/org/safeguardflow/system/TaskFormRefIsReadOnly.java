package org.safeguardflow.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.regex.Pattern;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Tasklist saves a task's follow-up date (or asks to move its due date) by sending back, with
 * {@code PUT .../task/{id}}, the whole task it read, {@code camundaFormRef} included. Camunda 7.24's
 * REST API cannot read that property back (Jackson cannot build the {@code CamundaFormRef}
 * interface) and answered 400 for every such save of a task with a Camunda Form: the follow-up date,
 * a reminder anyone working a task may set, could not be set in Tasklist at all. The property is
 * output only ({@code TaskDto.updateTask} never copies it; the form comes from the model), so it is
 * taken out of such a request before the engine's REST API (or the web apps' own, which Tasklist
 * uses) reads it. The Operaton fork of Camunda 7 made the same property read-only upstream.
 */
@Configuration
class TaskFormRefIsReadOnly {

  private static final Pattern TASK = Pattern.compile(".*/task/[^/]+/?");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_TASK_BYTES = 64 * 1024;

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> taskFormRefIsReadOnlyFilter() {
    OncePerRequestFilter filter = new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        if (!"PUT".equals(request.getMethod()) || !TASK.matcher(request.getRequestURI()).matches()) {
          chain.doFilter(request, response);
          return;
        }
        // A task is a few hundred bytes; a larger body is passed on as it came, for the API's own limits.
        InputStream sent = request.getInputStream();
        byte[] body = sent.readNBytes(MAX_TASK_BYTES + 1);
        if (body.length > MAX_TASK_BYTES) {
          chain.doFilter(new Body(request, new SequenceInputStream(new ByteArrayInputStream(body), sent), -1), response);
          return;
        }
        try {
          JsonNode task = JSON.readTree(body);
          if (task instanceof ObjectNode object && object.remove("camundaFormRef") != null) {
            body = JSON.writeValueAsBytes(object);
          }
        } catch (IOException notJson) {
          // left as sent: the REST API answers it as the bad input it is
        }
        chain.doFilter(new Body(request, new ByteArrayInputStream(body), body.length), response);
      }
    };
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    return registration;
  }

  /** The request with its body replaced; {@code length} -1 when not known. */
  static final class Body extends HttpServletRequestWrapper {
    private final InputStream in;
    private final int length;

    Body(HttpServletRequest request, InputStream in, int length) {
      super(request);
      this.in = in;
      this.length = length;
    }

    @Override
    public int getContentLength() {
      return length;
    }

    @Override
    public long getContentLengthLong() {
      return length;
    }

    @Override
    public ServletInputStream getInputStream() {
      return new ServletInputStream() {
        private boolean finished;

        @Override
        public int read() throws IOException {
          int read = in.read();
          finished = read < 0;
          return read;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) throws IOException {
          int read = in.read(buffer, offset, count);
          finished = read < 0;
          return read;
        }

        @Override
        public boolean isFinished() {
          return finished;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("blocking reads only");
        }
      };
    }
  }
}
