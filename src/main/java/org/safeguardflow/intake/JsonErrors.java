package org.safeguardflow.intake;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.stream.Collectors;
import org.safeguardflow.web.FieldError;

/** Turns Jackson's complaint about a body into a field error a partner can act on. */
final class JsonErrors {

  private JsonErrors() {}

  static FieldError describe(JsonProcessingException e) {
    if (e instanceof JsonParseException) {
      return new FieldError("$", "json", "The request body is not valid JSON: " + e.getOriginalMessage());
    }
    if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
      return new FieldError("$", "json", "The request body must be a JSON object describing a contact");
    }
    String field = mapping.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
    if (e instanceof UnrecognizedPropertyException) {
      return new FieldError(field, "unknown-field", field + " is not a field of a contact");
    }
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      return new FieldError(field, "type", field + " must be " + expected(mismatch.getTargetType()));
    }
    return new FieldError(field, "type", field + " has a value of the wrong type");
  }

  private static String expected(Class<?> type) {
    if (type == OffsetDateTime.class) {
      return "an ISO-8601 date-time with offset, such as 2026-04-02T10:15:00+01:00";
    }
    if (type == LocalDate.class) {
      return "an ISO-8601 date, such as 2019-06-30";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == Integer.class || type == int.class) {
      return "a whole number";
    }
    if (type == String.class) {
      return "text";
    }
    return "a JSON object";
  }
}
