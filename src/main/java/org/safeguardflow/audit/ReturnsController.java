package org.safeguardflow.audit;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.safeguardflow.web.FieldError;
import org.safeguardflow.web.InvalidInputException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The statutory returns, built from the case records and process history when asked for. */
@RestController
@RequestMapping("/api/returns")
class ReturnsController {

  static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

  /** The census export's warning: the pre-submission check's counts, e.g. "3 errors, 12 queries". */
  static final String CENSUS_CHECK_HEADER = "X-Census-Check";

  private final CinCensus census;
  private final CensusCheck check;
  private final AnnexA annexA;

  ReturnsController(CinCensus census, CensusCheck check, AnnexA annexA) {
    this.census = census;
    this.check = check;
    this.annexA = annexA;
  }

  /**
   * The CIN census message for the year ending 31 March {@code year}. It is never refused for what
   * it holds: {@value #CENSUS_CHECK_HEADER} carries the pre-submission check's counts so that a
   * return with errors is not uploaded unseen. The message streams to the client as it is written.
   */
  @GetMapping("/cin-census")
  void cinCensus(@RequestParam(required = false) String year, HttpServletResponse response) throws IOException {
    int censusYear = censusYear(year);
    CensusReturn content = census.census(censusYear);
    String summary = check.run(content).summary();
    response.setStatus(HttpStatus.OK.value());
    response.setContentType(MediaType.APPLICATION_XML_VALUE);
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
        ContentDisposition.attachment().filename("CIN_census_" + censusYear + ".xml").build().toString());
    response.setHeader(CENSUS_CHECK_HEADER, summary);
    census.write(content, response.getOutputStream());
  }

  /** One failure as the report lists it; {@code type} is "error" or "query". */
  record CheckFailure(String code, String type, String message, String laChildId, String caseRef, String link,
      String detail) {}

  /** A rule the check cannot run because this system does not record what it needs. */
  record NotRecorded(String code, String type, String checks, String why) {}

  /** The pre-submission report for a census year. */
  record CheckReport(int year, String referenceDate, long errors, long queries, String summary,
      List<CheckFailure> failures, List<NotRecorded> notRecorded) {}

  /**
   * The pre-submission check of the CIN census for the year ending 31 March {@code year}: every DfE
   * validation rule the product reports, run over exactly what the export would contain, with each
   * failure's rule, type, message, child, case and a link to the case on the audit page.
   */
  @GetMapping("/cin-census/check")
  CheckReport cinCensusCheck(@RequestParam(required = false) String year) {
    int censusYear = censusYear(year);
    CensusReturn content = census.census(censusYear);
    CensusCheck.Report report = check.run(content);
    return new CheckReport(censusYear, content.referenceDate().toString(), report.errors(), report.queries(),
        report.summary(),
        report.failures().stream().map(f -> new CheckFailure(f.code(), f.type().name().toLowerCase(), f.message(),
            f.laChildId(), f.caseRef(), f.link(), f.detail())).toList(),
        report.notRecorded().stream().map(r -> new NotRecorded(r.code(), r.type().name().toLowerCase(), r.checks(),
            r.how())).toList());
  }

  /**
   * Annex A lists 1-7 for a period of at most 12 months (inspections ask for the last six), streamed to
   * the client as the workbook is written.
   */
  @GetMapping("/annex-a")
  void annexA(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      HttpServletResponse response) throws IOException {
    List<FieldError> errors = new ArrayList<>();
    LocalDate start = date("from", from, errors);
    LocalDate end = date("to", to, errors);
    if (start != null && end != null) {
      if (start.isAfter(end)) {
        errors.add(new FieldError("to", "not-before-from", "to (" + end + ") must not be before from (" + start + ")"));
      } else if (!end.isBefore(start.plusMonths(12))) {
        errors.add(new FieldError("to", "at-most-12-months",
            "The period may cover at most 12 months: to must be before " + start.plusMonths(12)));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    response.setStatus(HttpStatus.OK.value());
    response.setContentType(XLSX.toString());
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
        ContentDisposition.attachment().filename("Annex_A_" + start + "_to_" + end + ".xlsx").build().toString());
    annexA.workbook(start, end, response.getOutputStream());
  }

  private static int censusYear(String year) {
    if (year == null || year.isBlank()) {
      throw invalid("year", "required", "year is required: the census year ends on 31 March of it, e.g. year=2026");
    }
    if (!year.matches("\\d{4}")) {
      throw invalid("year", "format", "year must be a four-digit year, e.g. 2026, not '" + year + "'");
    }
    int value = Integer.parseInt(year);
    if (!CinCensus.knownYear(value)) {
      throw invalid("year", "census-year", "There is no CIN census for " + value + ": give a year from "
          + CinCensus.FIRST_YEAR + " to next year");
    }
    return value;
  }

  private static LocalDate date(String field, String value, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      errors.add(new FieldError(field, "required", field + " is required, as yyyy-MM-dd"));
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(field, "date", field + " must be a date as yyyy-MM-dd, not '" + value + "'"));
      return null;
    }
  }

  private static InvalidInputException invalid(String field, String rule, String message) {
    return new InvalidInputException(List.of(new FieldError(field, rule, message)));
  }
}
