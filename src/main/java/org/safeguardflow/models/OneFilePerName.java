package org.safeguardflow.models;

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
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.fileupload.FileItemIterator;
import org.apache.commons.fileupload.FileItemStream;
import org.apache.commons.fileupload.FileUpload;
import org.apache.commons.fileupload.FileUploadException;
import org.apache.commons.fileupload.RequestContext;
import org.safeguardflow.errors.ErrorAnswers;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A deployment sent to {@code POST /engine-rest/deployment/create} with two parts of the same name, or
 * two files of the same file name, would keep only the last one, silently (Camunda's REST API keeps its
 * parts in a map by name, and a deployment its files by file name): the owner believes both deployed.
 * Refused with 400 naming each repeated name; nothing is deployed. The body is read once here (with
 * commons-fileupload, the parser Camunda's REST API uses) and handed on unchanged.
 */
@Component
class OneFilePerName extends OncePerRequestFilter {

  /** Deployments are a few models and forms; a body beyond this is refused by the engine's own limits anyway. */
  static final int MAX_BYTES = 20 * 1024 * 1024;

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String type = request.getContentType();
    return !"POST".equals(request.getMethod()) || !request.getRequestURI().endsWith("/engine-rest/deployment/create")
        || type == null || !type.toLowerCase().startsWith("multipart/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    byte[] body = request.getInputStream().readNBytes(MAX_BYTES + 1);
    if (body.length > MAX_BYTES) {
      refuse(response, 413, "TooLarge", "Not deployed: a deployment may be at most " + MAX_BYTES / (1024 * 1024)
          + " MB; deploy the models and forms, not other files.");
      return;
    }
    Set<String> repeated = new TreeSet<>();
    Set<String> fields = new TreeSet<>();
    Set<String> files = new TreeSet<>();
    try {
      FileItemIterator parts = new FileUpload().getItemIterator(context(request, body));
      while (parts.hasNext()) {
        FileItemStream part = parts.next();
        if (!fields.add(part.getFieldName())) {
          repeated.add("part " + part.getFieldName());
        }
        if (part.getName() != null && !files.add(part.getName())) {
          repeated.add("file " + part.getName());
        }
      }
    } catch (FileUploadException | IOException unreadable) {
      // Camunda's own parser answers an unreadable body in its own words.
    }
    if (!repeated.isEmpty()) {
      refuse(response, 400, "InvalidRequest", "Not deployed: the deployment names " + String.join(", ", repeated)
          + " more than once, and only the last would be kept. Send each file once, under its own name.");
      return;
    }
    chain.doFilter(new Replayed(request, body), response);
  }

  private static void refuse(HttpServletResponse response, int status, String type, String message) throws IOException {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("type", type);
    answer.put("message", message);
    answer.put(ErrorAnswers.CORRELATION_ID, ErrorAnswers.correlationId());
    response.setStatus(status);
    response.setContentType("application/json");
    response.getOutputStream().write(ErrorAnswers.json(answer).getBytes(StandardCharsets.UTF_8));
  }

  private static RequestContext context(HttpServletRequest request, byte[] body) {
    return new RequestContext() {
      @Override
      public String getCharacterEncoding() {
        return request.getCharacterEncoding();
      }

      @Override
      public String getContentType() {
        return request.getContentType();
      }

      @Override
      public int getContentLength() {
        return body.length;
      }

      @Override
      public InputStream getInputStream() {
        return new ByteArrayInputStream(body);
      }
    };
  }

  /** The request with its body read again from the bytes already read. */
  private static final class Replayed extends HttpServletRequestWrapper {
    private final byte[] body;

    Replayed(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream bytes = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return bytes.read();
        }

        @Override
        public int read(byte[] into, int offset, int length) {
          return bytes.read(into, offset, length);
        }

        @Override
        public boolean isFinished() {
          return bytes.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("read synchronously");
        }
      };
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
