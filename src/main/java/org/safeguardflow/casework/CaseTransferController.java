package org.safeguardflow.casework;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.safeguardflow.web.FieldError;
import org.safeguardflow.security.SystemWork;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/cases/{caseRef}/transfers} {team, worker, reason}: a manager of the team that holds
 * the case (or a service manager) moves it to another team and social worker. {@code GET} lists the
 * case's transfers. Refused input answers 400 naming the field and rule, and changes nothing.
 */
@RestController
@RequestMapping(path = "/api/cases/{caseRef}/transfers", produces = MediaType.APPLICATION_JSON_VALUE)
class CaseTransferController {

  static final Pattern CASE_REF = CaseRecords.CASE_REF;
  static final int MAX_REASON = 1000;
  private static final Set<String> FIELDS = Set.of("team", "worker", "reason");

  private final CaseTransfers transfers;
  private final Teams teams;
  private final IdentityService identity;

  CaseTransferController(CaseTransfers transfers, Teams teams, @Lazy IdentityService identity) {
    this.transfers = transfers;
    this.teams = teams;
    this.identity = identity;
  }

  @GetMapping
  ResponseEntity<Map<String, Object>> list(@PathVariable String caseRef) {
    if (!CASE_REF.matcher(caseRef).matches()) {
      return refused(List.of(badCaseRef()));
    }
    return ResponseEntity.ok(Map.of("caseRef", caseRef, "transfers", transfers.forCase(caseRef)));
  }

  @PostMapping
  ResponseEntity<Map<String, Object>> transfer(@PathVariable String caseRef,
      @RequestBody(required = false) Map<String, Object> body, Authentication user) {
    List<FieldError> errors = new ArrayList<>();
    if (!CASE_REF.matcher(caseRef).matches()) {
      errors.add(badCaseRef());
    }
    Map<String, Object> given = body == null ? Map.of() : body;
    given.keySet().stream().filter(field -> !FIELDS.contains(field)).sorted().forEach(field ->
        errors.add(new FieldError(field, "unknown-field", field + " is not a field of a transfer (team, worker, reason)")));
    String team = text(given, "team", 64, "the id of the team that takes the case (" + String.join(", ", teams.ids()) + ")", errors);
    String worker = text(given, "worker", 64, "the user id of a social worker of that team", errors);
    String reason = text(given, "reason", MAX_REASON, "why the case moves", errors);
    if (team != null && !teams.isTeam(team)) {
      errors.add(new FieldError("team", "team", "team must be one of the council's teams: " + String.join(", ", teams.ids())));
    }
    if (team != null && worker != null && teams.isTeam(team) && SystemWork.call(identity, () ->
        identity.createUserQuery().userId(worker).memberOfGroup(teams.socialWorkersOf(team)).count()) == 0) {
      errors.add(new FieldError("worker", "team-member", "worker '" + worker + "' is not a social worker of "
          + teams.name(team) + " (a member of " + teams.socialWorkersOf(team) + ")"));
    }
    if (!errors.isEmpty()) {
      return refused(errors);
    }
    try {
      // The caller's right to move this case was checked (ApiSecurity, CaseAccess); managers hold no
      // right to rewrite a case's tasks and variables directly, so the system does it for them.
      CaseTransfers.Transfer done = SystemWork.call(identity,
          () -> transfers.transfer(caseRef, team, worker, reason, user.getName()));
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("transfer", done);
      return ResponseEntity.created(URI.create("/api/cases/" + caseRef + "/transfers")).body(answer);
    } catch (CaseTransfers.NotTransferable e) {
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("message", e.getMessage());
      answer.put("caseRef", caseRef);
      return ResponseEntity.status(e.getMessage().startsWith("No case") ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT)
          .body(answer);
    }
  }

  private static String text(Map<String, Object> body, String field, int max, String what, List<FieldError> errors) {
    Object value = body.get(field);
    if (value == null || (value instanceof String s && s.isBlank())) {
      errors.add(new FieldError(field, "required", field + " is required: " + what));
      return null;
    }
    if (!(value instanceof String s)) {
      errors.add(new FieldError(field, "type", field + " must be text"));
      return null;
    }
    if (s.length() > max) {
      errors.add(new FieldError(field, "max-length", field + " must be at most " + max + " characters"));
      return null;
    }
    return s.strip();
  }

  private static FieldError badCaseRef() {
    return new FieldError("caseRef", "format", "caseRef must be a case reference such as CR-2026-000042");
  }

  private static ResponseEntity<Map<String, Object>> refused(List<FieldError> errors) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("message", "The transfer was not made: " + errors.size() + " field(s) break a rule");
    answer.put("errors", errors);
    return ResponseEntity.badRequest().body(answer);
  }
}
