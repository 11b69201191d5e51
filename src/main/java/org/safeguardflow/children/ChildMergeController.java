package org.safeguardflow.children;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.safeguardflow.casework.CaseRecords;
import org.safeguardflow.casework.Routing;
import org.safeguardflow.timescales.EngineTime;
import org.safeguardflow.web.FieldError;
import org.safeguardflow.security.Roles;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Merging two child records found to be one child, and undoing it, by the front door's team managers
 * and service managers (everyone else 403):
 * <ul>
 *   <li>{@code POST /api/children/merges} {@code {"from": caseRef, "into": caseRef, "reason": text}}: the
 *       child of case {@code from} is merged into the child of case {@code into}; 201 with the merge.</li>
 *   <li>{@code POST /api/children/merges/{id}/unmerge} {@code {"reason": text}}: both records restored.</li>
 *   <li>{@code GET /api/children/merges?caseRef=…}: the merges of that case's child.</li>
 * </ul>
 * A missing or malformed field answers 400 naming it; a merge the records' state does not allow
 * (already merged, both children with an open case, undone already) 409; nothing changes.
 */
@RestController
@RequestMapping(path = "/api/children/merges", produces = MediaType.APPLICATION_JSON_VALUE)
class ChildMergeController {

  static final int MAX_REASON = 1000;

  private final ChildMerges merges;
  private final CaseRecords cases;
  private final Routing routing;
  private final Roles roles;

  ChildMergeController(ChildMerges merges, CaseRecords cases, Routing routing, Roles roles) {
    this.merges = merges;
    this.cases = cases;
    this.routing = routing;
    this.roles = roles;
  }

  @GetMapping
  ResponseEntity<Map<String, Object>> list(@RequestParam(required = false) String caseRef, Authentication user) {
    if (!mayMerge(user)) {
      return forbidden();
    }
    if (caseRef == null || !CaseRecords.CASE_REF.matcher(caseRef).matches()) {
      return refused(List.of(new FieldError("caseRef", "format", "caseRef must be a case reference such as CR-2026-000042")));
    }
    return ResponseEntity.ok(Map.of("caseRef", caseRef, "merges", merges.ofCase(caseRef)));
  }

  @PostMapping
  ResponseEntity<Map<String, Object>> merge(@RequestBody(required = false) Map<String, Object> body, Authentication user) {
    if (!mayMerge(user)) {
      return forbidden();
    }
    List<FieldError> errors = new ArrayList<>();
    Map<String, Object> given = body == null ? Map.of() : body;
    unknownFields(given, Set.of("from", "into", "reason"), errors);
    Long from = child(given, "from", "the case of the child record to merge away", errors);
    Long into = child(given, "into", "the case of the child record that stays", errors);
    String reason = reason(given, errors);
    if (!errors.isEmpty()) {
      return refused(errors);
    }
    try {
      ChildMerges.Merge merge = merges.merge(from, into, reason, user.getName(), EngineTime.now());
      return ResponseEntity.created(URI.create("/api/children/merges/" + merge.id())).body(Map.of("merge", merge));
    } catch (ChildMerges.MergeRefused e) {
      return conflict(e);
    }
  }

  @PostMapping("/{mergeId}/unmerge")
  ResponseEntity<Map<String, Object>> unmerge(@PathVariable String mergeId,
      @RequestBody(required = false) Map<String, Object> body, Authentication user) {
    if (!mayMerge(user)) {
      return forbidden();
    }
    List<FieldError> errors = new ArrayList<>();
    if (!mergeId.matches("^\\d{1,18}$")) {
      errors.add(new FieldError("mergeId", "format", "mergeId must be the number of a merge"));
    }
    Map<String, Object> given = body == null ? Map.of() : body;
    unknownFields(given, Set.of("reason"), errors);
    String reason = reason(given, errors);
    if (!errors.isEmpty()) {
      return refused(errors);
    }
    try {
      return ResponseEntity.ok(Map.of("merge", merges.unmerge(Long.parseLong(mergeId), reason, user.getName(), EngineTime.now())));
    } catch (ChildMerges.MergeRefused e) {
      return conflict(e);
    }
  }

  /** Front-door team managers weigh every child's history; service managers oversee every team. */
  private boolean mayMerge(Authentication user) {
    List<String> groups = user.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    return groups.contains(routing.getFrontDoorManagers()) || groups.contains(roles.getServiceManagers())
        || groups.contains(Roles.ADMIN);
  }

  private Long child(Map<String, Object> body, String field, String what, List<FieldError> errors) {
    Object value = body.get(field);
    if (value == null) {
      errors.add(new FieldError(field, "required", field + " is required: " + what + " (a case reference)"));
      return null;
    }
    if (!(value instanceof String caseRef) || !CaseRecords.CASE_REF.matcher(caseRef).matches()) {
      errors.add(new FieldError(field, "format", field + " must be a case reference such as CR-2026-000042"));
      return null;
    }
    var record = cases.find(caseRef);
    if (record.isEmpty()) {
      errors.add(new FieldError(field, "known-case", field + " names no case: " + caseRef));
      return null;
    }
    return record.get().childId();
  }

  private static String reason(Map<String, Object> body, List<FieldError> errors) {
    Object value = body.get("reason");
    if (!(value instanceof String text) || text.isBlank()) {
      errors.add(new FieldError("reason", "required", "reason is required: why the records are (or are not) one child"));
      return null;
    }
    if (text.length() > MAX_REASON) {
      errors.add(new FieldError("reason", "max-length", "reason must be at most " + MAX_REASON + " characters"));
      return null;
    }
    return text.strip();
  }

  private static void unknownFields(Map<String, Object> body, Set<String> known, List<FieldError> errors) {
    body.keySet().stream().filter(f -> !known.contains(f)).sorted().forEach(f -> errors.add(
        new FieldError(f, "unknown-field", f + " is not a field here (" + String.join(", ", known.stream().sorted().toList()) + ")")));
  }


  private static ResponseEntity<Map<String, Object>> refused(List<FieldError> errors) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("message", "Nothing was changed: " + errors.size() + " field(s) break a rule");
    answer.put("errors", errors);
    return ResponseEntity.badRequest().body(answer);
  }

  private static ResponseEntity<Map<String, Object>> conflict(ChildMerges.MergeRefused e) {
    return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("message", e.getMessage()));
  }

  private static ResponseEntity<Map<String, Object>> forbidden() {
    return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("message",
        "Only the front door's team managers and service managers may merge or unmerge child records"));
  }
}
