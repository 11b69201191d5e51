package org.safeguardflow.system;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.InvalidRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Two people (or a person and the job executor, or two cluster nodes) did the same piece of engine
 * work at the same moment, e.g. an operator pressed "execute job" in Cockpit while the job executor
 * ran it. The first one's result stands and the second changed nothing: that is a conflict (409),
 * not a missing job (Camunda's REST answers 404 for it) nor a server fault (500), and the answer names
 * no SQL, table or engine class, only what happened and what to do.
 *
 * <p>Camunda's {@code POST /engine-rest/job/{id}/execute} turns the engine's exception into a message
 * before any mapper sees it, so that path is recognised by the engine's message code for a concurrent
 * update ({@value #CONCURRENT_UPDATE}).
 */
@Configuration
class ConcurrentWorkIsAConflict {

  /** The engine's code for "Entity was updated by another transaction concurrently". */
  static final String CONCURRENT_UPDATE = "ENGINE-03005";
  static final String MESSAGE = "Someone else did this at the same moment and their result stands; nothing was"
      + " changed by this request. Reload to see the current state.";
  private static final Logger log = LoggerFactory.getLogger(ConcurrentWorkIsAConflict.class);

  @Bean
  ResourceConfigCustomizer concurrentWorkAnswers409() {
    return config -> config.register(FromTheEngine.class).register(FromJobExecution.class);
  }

  static Response conflict(Exception exception) {
    log.info("Concurrent change answered 409: {}", exception.getMessage());
    return Response.status(Response.Status.CONFLICT)
        .entity(Map.of("type", "Conflict", "message", MESSAGE))
        .type(MediaType.APPLICATION_JSON_TYPE).build();
  }

  /** Any engine call over REST that lost a race with another transaction. */
  @Priority(1)
  static class FromTheEngine implements ExceptionMapper<OptimisticLockingException> {
    @Override
    public Response toResponse(OptimisticLockingException exception) {
      return conflict(exception);
    }
  }

  /** "Execute job" that lost the race; every other refusal keeps Camunda's own answer. */
  @Priority(1)
  static class FromJobExecution implements ExceptionMapper<InvalidRequestException> {
    @Override
    public Response toResponse(InvalidRequestException exception) {
      String message = exception.getMessage();
      if (message != null && message.startsWith(CONCURRENT_UPDATE)) {
        return conflict(exception);
      }
      return ExceptionHandlerHelper.getInstance().getResponse(exception);
    }
  }
}
