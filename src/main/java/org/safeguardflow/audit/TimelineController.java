package org.safeguardflow.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.safeguardflow.web.FieldError;
import org.safeguardflow.web.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.safeguardflow.casework.CaseAccess;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * For auditors, inspectors and managers (see security): find a case, replay its timeline, and see
 * the path it took through each model.
 * <ul>
 *   <li>{@code GET /api/cases?ref=CR-2026&child=amy smith}: at most 50 cases, newest first;</li>
 *   <li>{@code GET /api/cases/{caseRef}/timeline}: every step of the case in time order;</li>
 *   <li>{@code GET /api/cases/{caseRef}/diagram-path}: each model's XML with the activities passed.</li>
 * </ul>
 */
@RestController
@RequestMapping(path = "/api/cases", produces = MediaType.APPLICATION_JSON_VALUE)
class TimelineController {

  static final Pattern CASE_REF = org.safeguardflow.casework.CaseRecords.CASE_REF;
  private static final Pattern REF_PREFIX = Pattern.compile("[A-Za-z0-9-]{1,20}");
  private static final int MAX_NAME_LENGTH = 200;

  record CaseTimeline(String caseRef, List<TimelineEntry> entries) {}

  record CaseDiagramPath(String caseRef, String sequenceFlows, List<TimelineDiagramPath.ProcessPath> processes) {}

  record CasesFound(int limit, List<TimelineCaseSearch.CaseFound> cases) {}

  /** A well-formed reference that names no case. */
  static class CaseNotFound extends RuntimeException {
    final String caseRef;

    CaseNotFound(String caseRef) {
      super("No case " + caseRef);
      this.caseRef = caseRef;
    }
  }

  private final Timeline timeline;
  private final TimelineDiagramPath diagramPath;
  private final TimelineCaseSearch search;
  private final CaseAccess caseAccess;

  TimelineController(Timeline timeline, TimelineDiagramPath diagramPath, TimelineCaseSearch search,
      CaseAccess caseAccess) {
    this.timeline = timeline;
    this.diagramPath = diagramPath;
    this.search = search;
    this.caseAccess = caseAccess;
  }

  @GetMapping
  CasesFound find(@RequestParam(required = false) String ref, @RequestParam(required = false) String child,
      Authentication user) {
    String refPrefix = blankToNull(ref);
    String childName = blankToNull(child);
    List<FieldError> errors = new ArrayList<>();
    if (refPrefix == null && childName == null) {
      errors.add(new FieldError("ref", "required", "Give ref (a case reference or its start) or child (the child's name)"));
    }
    if (refPrefix != null && !REF_PREFIX.matcher(refPrefix).matches()) {
      errors.add(new FieldError("ref", "format", "ref must be a case reference such as CR-2026-000001, or its start"));
    }
    if (childName != null && childName.length() > MAX_NAME_LENGTH) {
      errors.add(new FieldError("child", "max-length", "child must be at most " + MAX_NAME_LENGTH + " characters"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    List<String> groups = user.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    return new CasesFound(TimelineCaseSearch.MAX_RESULTS, search.find(refPrefix, childName).stream()
        .filter(found -> caseAccess.mayReadCaseHeldBy(groups, found.allocatedTeam())).toList());
  }

  @GetMapping("/{caseRef}/timeline")
  CaseTimeline timeline(@PathVariable String caseRef) {
    known(caseRef);
    return new CaseTimeline(caseRef, timeline.of(caseRef));
  }

  @GetMapping("/{caseRef}/diagram-path")
  CaseDiagramPath diagramPath(@PathVariable String caseRef) {
    List<HistoricProcessInstance> processes = known(caseRef);
    return new CaseDiagramPath(caseRef,
        "derived: history records activities, not flows; a flow counts as taken when its source ended before its"
            + " target started in the same scope",
        diagramPath.of(processes));
  }

  @ExceptionHandler(CaseNotFound.class)
  ResponseEntity<Map<String, Object>> notFound(CaseNotFound e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of(
        "message", "No case has the reference " + e.caseRef,
        "caseRef", e.caseRef,
        "errors", List.of(new FieldError("caseRef", "unknown-case", "No case has the reference " + e.caseRef))));
  }

  /** The case's process instances; a malformed reference is refused and an unknown one is not found. */
  private List<HistoricProcessInstance> known(String caseRef) {
    if (!CASE_REF.matcher(caseRef).matches()) {
      throw new InvalidInputException(List.of(new FieldError("caseRef", "format",
          "caseRef must be a case reference: CR-, the year, -, six digits (CR-2026-000001)")));
    }
    List<HistoricProcessInstance> processes = timeline.processesOf(caseRef);
    if (processes.isEmpty() && !search.exists(caseRef)) {
      throw new CaseNotFound(caseRef);
    }
    return processes;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
