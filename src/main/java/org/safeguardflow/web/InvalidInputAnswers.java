package org.safeguardflow.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Refused input answers 400 with every broken rule, field by field. Not limited to one controller:
 * a wrong media type is refused before Spring has chosen a controller.
 */
@RestControllerAdvice
class InvalidInputAnswers {

  record ErrorBody(String message, List<FieldError> errors) {}

  /**
   * The refusal's sentence says what did not happen: a request that reads (GET, HEAD) was not
   * answered; one that writes recorded nothing.
   */
  @ExceptionHandler(InvalidInputException.class)
  ResponseEntity<ErrorBody> invalid(InvalidInputException e, HttpServletRequest request) {
    boolean reading = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    return ResponseEntity.badRequest().body(new ErrorBody((reading ? "Nothing could be read: " : "Nothing was recorded: ")
        + e.errors().size() + " field(s) break a rule", e.errors()));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ErrorBody> notJson(HttpMediaTypeNotSupportedException e) {
    return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(new ErrorBody(
        "The request was not accepted",
        List.of(new FieldError("Content-Type", "media-type", "Send the body as application/json"))));
  }
}
