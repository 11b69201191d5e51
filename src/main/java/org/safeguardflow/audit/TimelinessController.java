package org.safeguardflow.audit;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.safeguardflow.web.FieldError;
import org.safeguardflow.web.InvalidInputException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/timeliness?from=2026-04-01&to=2026-09-30[&team=...]}: statutory steps done on time
 * and late, per step and team, with the late cases' references for drill-down.
 */
@RestController
@RequestMapping(path = "/api/timeliness", produces = MediaType.APPLICATION_JSON_VALUE)
class TimelinessController {

  /** A census year, with room for a leap day; longer reports are run year by year. */
  static final int MAX_DAYS = 366;

  private final TimelinessReport report;

  TimelinessController(TimelinessReport report) {
    this.report = report;
  }

  @GetMapping
  TimelinessReport.Report timeliness(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String team) {
    List<FieldError> errors = new ArrayList<>();
    LocalDate start = date("from", from, errors);
    LocalDate end = date("to", to, errors);
    if (start != null && end != null) {
      if (end.isBefore(start)) {
        errors.add(new FieldError("to", "after-from", "to must be on or after from"));
      } else if (ChronoUnit.DAYS.between(start, end) > MAX_DAYS) {
        errors.add(new FieldError("to", "max-range", "from and to must be at most " + MAX_DAYS + " days apart"));
      }
    }
    String teamOnly = team == null || team.isBlank() ? null : team.strip();
    if (teamOnly != null && !teamOnly.matches("[a-zA-Z0-9-]{1,64}|\\(unallocated\\)")) {
      errors.add(new FieldError("team", "format", "team must be a team id such as social-workers"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return report.between(start, end, teamOnly);
  }

  private static LocalDate date(String field, String text, List<FieldError> errors) {
    if (text == null || text.isBlank()) {
      errors.add(new FieldError(field, "required", field + " is required: a date such as 2026-04-01"));
      return null;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(field, "date", field + " must be an ISO date (yyyy-MM-dd), such as 2026-04-01"));
      return null;
    }
  }
}
