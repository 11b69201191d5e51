package org.safeguardflow.models;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.xml.sax.SAXException;

/**
 * A file that is not XML at all (minutes saved as .bpmn, a PDF, half a file) is the sender's
 * mistake, not the server's: the engine's REST API would answer 500, as for a fault of its own.
 * This answers 400 with the engine's message, which names the file, and leaves every other engine
 * error to Camunda's own mapping.
 */
@Priority(1) // chosen before Camunda's mapper for the same exception type
class UnreadableModelIsBadInput implements ExceptionMapper<ProcessEngineException> {

  @Override
  public Response toResponse(ProcessEngineException exception) {
    if (!unreadableXml(exception)) {
      return ExceptionHandlerHelper.getInstance().getResponse(exception);
    }
    ExceptionDto body = ExceptionHandlerHelper.getInstance().fromException(exception);
    return Response.status(Response.Status.BAD_REQUEST).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
  }

  private static boolean unreadableXml(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof SAXException) {
        return true;
      }
    }
    return false;
  }

  @Configuration
  static class Registration {
    @Bean
    ResourceConfigCustomizer unreadableModelIsBadInput() {
      return config -> config.register(UnreadableModelIsBadInput.class);
    }
  }
}
