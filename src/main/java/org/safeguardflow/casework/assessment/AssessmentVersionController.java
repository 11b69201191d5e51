package org.safeguardflow.casework.assessment;

import java.util.List;
import java.util.Map;
import org.safeguardflow.web.FieldError;
import org.safeguardflow.web.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.safeguardflow.casework.CaseRecords;

/**
 * The saved versions of a case's single assessment, for the managers and auditors who may read the
 * case (the rule for {@code /api/cases/{caseRef}/**} in security):
 * <ul>
 *   <li>{@code GET /api/cases/{caseRef}/assessment-versions}: every save, oldest first: number, when
 *   (UTC), who, which part, the worker's note, whether it was sent to the manager;</li>
 *   <li>{@code GET /api/cases/{caseRef}/assessment-versions/{number}}: one version with every field
 *   of the assessment as it then stood.</li>
 * </ul>
 * A malformed reference answers 400 naming {@code caseRef}; an unknown case or version 404.
 */
@RestController
@RequestMapping(path = "/api/cases/{caseRef}/assessment-versions", produces = MediaType.APPLICATION_JSON_VALUE)
class AssessmentVersionController {

  record Versions(String caseRef, List<AssessmentVersions.Version> versions) {}

  private final AssessmentVersions versions;
  private final CaseRecords cases;

  AssessmentVersionController(AssessmentVersions versions, CaseRecords cases) {
    this.versions = versions;
    this.cases = cases;
  }

  @GetMapping
  ResponseEntity<?> list(@PathVariable String caseRef) {
    if (!known(caseRef)) {
      return notFound("caseRef", "unknown-case", "No case has the reference " + caseRef);
    }
    return ResponseEntity.ok(new Versions(caseRef, versions.of(caseRef).stream().map(AssessmentVersions.Version::summary).toList()));
  }

  @GetMapping("/{number}")
  ResponseEntity<?> one(@PathVariable String caseRef, @PathVariable String number) {
    if (!number.matches("[1-9][0-9]{0,5}")) {
      throw new InvalidInputException(List.of(new FieldError("number", "format", "number must be a version number: 1, 2, 3 ...")));
    }
    if (!known(caseRef)) {
      return notFound("caseRef", "unknown-case", "No case has the reference " + caseRef);
    }
    return versions.of(caseRef, Integer.parseInt(number)).<ResponseEntity<?>>map(ResponseEntity::ok)
        .orElseGet(() -> notFound("number", "unknown-version", "The assessment of " + caseRef + " has no version " + number));
  }

  private boolean known(String caseRef) {
    if (!CaseRecords.CASE_REF.matcher(caseRef).matches()) {
      throw new InvalidInputException(List.of(new FieldError("caseRef", "format",
          "caseRef must be a case reference: CR-, the year, -, six digits (CR-2026-000001)")));
    }
    return cases.find(caseRef).isPresent();
  }

  private static ResponseEntity<?> notFound(String field, String rule, String message) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .body(Map.of("message", message, "errors", List.of(new FieldError(field, rule, message))));
  }
}
