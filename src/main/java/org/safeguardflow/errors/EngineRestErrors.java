package org.safeguardflow.errors;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.glassfish.jersey.internal.spi.ForcedAutoDiscoverable;

/**
 * The answer of every JAX-RS application in the product to a failure: the engine's REST API
 * ({@code /engine-rest}) and the web apps' own ({@code /camunda/api/engine}, {@code /cockpit},
 * {@code /tasklist}, {@code /admin}, {@code /welcome}), as {@link ErrorAnswers} decides it.
 *
 * <p>Jersey picks, for a failure, the mapper of the nearest exception type and, between mappers of the
 * same type, the one of highest priority; Camunda registers its mappers for {@link Throwable},
 * {@link ProcessEngineException}, {@link RestException} and Jackson's two exceptions, so ours are
 * registered for each of these (and for {@link WebApplicationException}) with {@code @Priority(1)}.
 * The web apps' applications are built by Camunda and cannot be customised from Spring; Jersey's
 * {@link ForcedAutoDiscoverable} (META-INF/services) reaches every Jersey server application.
 */
public final class EngineRestErrors {

  private EngineRestErrors() {}

  /** Registers the mappers in every Jersey server application of the JVM (not in Jersey clients). */
  public static final class Discovery implements ForcedAutoDiscoverable {
    @Override
    public void configure(FeatureContext context) {
      if (context.getConfiguration().getRuntimeType() != RuntimeType.SERVER
          || context.getConfiguration().isRegistered(AnyFailure.class)) {
        return;
      }
      for (Class<?> mapper : List.of(AnyFailure.class, EngineFailure.class, RestFailure.class,
          JsonMappingFailure.class, JsonParseFailure.class, WebFailure.class)) {
        context.register(mapper);
      }
    }
  }

  /** One answer for every mapper; the mappers differ only in the exception type Jersey matches them by. */
  static Response respond(Throwable failure, HttpServletRequest request) {
    if (failure instanceof WebApplicationException web && web.getResponse() != null && web.getResponse().getStatus() < 400) {
      return web.getResponse(); // a redirect or "not modified" is an answer, not a failure
    }
    String where = request == null ? "?" : request.getMethod() + " " + request.getRequestURI();
    ErrorAnswers.Reply reply = ErrorAnswers.reply(failure, where, request == null ? null : request.getRemoteUser());
    if (reply.body().get("message") instanceof String message && request != null) {
      // A refused form names its fields by the labels the person sees (FormLabels), keys in brackets.
      reply.body().put("message", FormLabels.inWordsOfTheForm(message, request.getRequestURI()));
    }
    Response.ResponseBuilder answer = Response.status(reply.status()).entity(ErrorAnswers.json(reply.body()))
        .type(MediaType.APPLICATION_JSON_TYPE);
    if (reply.retryAfterSeconds() != null) {
      answer.header("Retry-After", reply.retryAfterSeconds());
    }
    if (failure instanceof WebApplicationException web && web.getResponse() != null) {
      // 405 names the allowed methods, 401 the realm: headers of the protocol, not of the failure.
      web.getResponse().getHeaders().forEach((name, values) -> {
        if (name.equalsIgnoreCase("Allow") || name.equalsIgnoreCase("WWW-Authenticate")) {
          values.forEach(value -> answer.header(name, value));
        }
      });
    }
    return answer.build();
  }

  // One small class per exception type: Jersey picks a mapper by the type argument of the class that
  // declares ExceptionMapper<E> itself (a generic base class shared by all six was tried: Jersey then
  // matched none of them and Camunda's own mappers answered, class names and all).
  @Priority(1)
  static final class AnyFailure implements ExceptionMapper<Throwable> {
    @Context HttpServletRequest request;

    @Override
    public Response toResponse(Throwable failure) {
      return respond(failure, request);
    }
  }

  @Priority(1)
  static final class EngineFailure implements ExceptionMapper<ProcessEngineException> {
    @Context HttpServletRequest request;

    @Override
    public Response toResponse(ProcessEngineException failure) {
      return respond(failure, request);
    }
  }

  @Priority(1)
  static final class RestFailure implements ExceptionMapper<RestException> {
    @Context HttpServletRequest request;

    @Override
    public Response toResponse(RestException failure) {
      return respond(failure, request);
    }
  }

  @Priority(1)
  static final class JsonMappingFailure implements ExceptionMapper<JsonMappingException> {
    @Context HttpServletRequest request;

    @Override
    public Response toResponse(JsonMappingException failure) {
      return respond(failure, request);
    }
  }

  @Priority(1)
  static final class JsonParseFailure implements ExceptionMapper<JsonParseException> {
    @Context HttpServletRequest request;

    @Override
    public Response toResponse(JsonParseException failure) {
      return respond(failure, request);
    }
  }

  @Priority(1)
  static final class WebFailure implements ExceptionMapper<WebApplicationException> {
    @Context HttpServletRequest request;

    @Override
    public Response toResponse(WebApplicationException failure) {
      return respond(failure, request);
    }
  }
}
