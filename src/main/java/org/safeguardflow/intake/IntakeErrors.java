package org.safeguardflow.intake;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Refused input answers 400 with every broken rule, field by field. */
@RestControllerAdvice(assignableTypes = ContactController.class)
class IntakeErrors {

  record ErrorBody(String message, List<FieldError> errors) {}

  @ExceptionHandler(InvalidInputException.class)
  ResponseEntity<ErrorBody> invalid(InvalidInputException e) {
    return ResponseEntity.badRequest().body(new ErrorBody(
        "The contact was not recorded: " + e.errors().size() + " field(s) break a rule", e.errors()));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ErrorBody> notJson(HttpMediaTypeNotSupportedException e) {
    return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(new ErrorBody(
        "The contact was not recorded",
        List.of(new FieldError("Content-Type", "media-type", "Send the contact as application/json"))));
  }
}
