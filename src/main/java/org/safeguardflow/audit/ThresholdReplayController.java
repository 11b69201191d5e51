package org.safeguardflow.audit;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.safeguardflow.web.FieldError;
import org.safeguardflow.web.InvalidInputException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/threshold-replay?from=YYYY-MM-DD&to=YYYY-MM-DD}: how consistently the threshold is applied. */
@RestController
class ThresholdReplayController {

  private final ThresholdReplay replay;

  ThresholdReplayController(ThresholdReplay replay) {
    this.replay = replay;
  }

  @GetMapping("/api/threshold-replay")
  ThresholdReplay.Report replay(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
    List<FieldError> errors = new ArrayList<>();
    LocalDate start = date("from", from, errors);
    LocalDate end = date("to", to, errors);
    if (start != null && end != null) {
      if (end.isBefore(start)) {
        errors.add(new FieldError("to", "not-before-from", "to must not be before from"));
      } else if (end.isAfter(start.plusYears(2))) {
        errors.add(new FieldError("to", "at-most-2-years", "the period must be at most 2 years"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return replay.replay(start, end);
  }

  private static LocalDate date(String field, String value, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      errors.add(new FieldError(field, "required", field + " is required (YYYY-MM-DD)"));
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(field, "date", field + " must be a date YYYY-MM-DD"));
      return null;
    }
  }
}
