package org.safeguardflow.web;

import java.util.List;

/** Input refused before anything was written. */
public class InvalidInputException extends RuntimeException {

  private final List<FieldError> errors;

  public InvalidInputException(List<FieldError> errors) {
    super(errors.size() + " invalid field(s): " + errors);
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }
}
