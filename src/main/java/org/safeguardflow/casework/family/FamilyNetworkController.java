package org.safeguardflow.casework.family;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.safeguardflow.casework.CaseRecords;
import org.safeguardflow.timescales.EngineTime;
import org.safeguardflow.web.FieldError;
import org.safeguardflow.web.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The people around a child through the API (security.ApiSecurity: read as the rest of the case's
 * record; changed by the managers of the team that holds the case, or service managers):
 * <ul>
 *   <li>{@code GET /api/cases/{caseRef}/family-network}: {@code {"caseRef", "members": [...]}};</li>
 *   <li>{@code PUT /api/cases/{caseRef}/family-network} with {@code {"members": [...]}}: replaces the list
 *   whole. Each member: {@code name}, {@code relationship} (a {@link Relationship}), {@code relationshipDetail},
 *   {@code parentalResponsibility}, {@code livesWithChild}, {@code email}, {@code phone}, {@code address},
 *   {@code tookPartInAssessment}, {@code tookPartInPlan} ({@link FamilyMember}). Every broken rule answers
 *   400 at once and nothing is written.</li>
 * </ul>
 * A malformed reference answers 400, an unknown case 404.
 */
@RestController
@RequestMapping(path = "/api/cases/{caseRef}/family-network", produces = MediaType.APPLICATION_JSON_VALUE)
class FamilyNetworkController {

  private final FamilyNetwork network;
  private final CaseRecords cases;

  FamilyNetworkController(FamilyNetwork network, CaseRecords cases) {
    this.network = network;
    this.cases = cases;
  }

  @GetMapping
  ResponseEntity<Map<String, Object>> read(@PathVariable String caseRef) {
    ResponseEntity<Map<String, Object>> unknown = unknownCase(caseRef);
    return unknown != null ? unknown : ResponseEntity.ok(answer(caseRef));
  }

  @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> replace(@PathVariable String caseRef, @RequestBody Map<String, Object> body,
      Authentication user) {
    ResponseEntity<Map<String, Object>> unknown = unknownCase(caseRef);
    if (unknown != null) {
      return unknown;
    }
    List<FieldError> errors = new ArrayList<>();
    for (String field : body.keySet()) {
      if (!"members".equals(field)) {
        errors.add(new FieldError(field, "unknown-field", "The only field of a family network is members"));
      }
    }
    if (!body.containsKey("members")) {
      errors.add(new FieldError("members", "required", "members is required: the list of the people around the child"));
    }
    List<FamilyMember> members = FamilyMember.listFrom("members", body.get("members"), errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    network.replace(caseRef, members, user.getName(), EngineTime.now());
    return ResponseEntity.ok(answer(caseRef));
  }

  private Map<String, Object> answer(String caseRef) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("caseRef", caseRef);
    answer.put("members", network.of(caseRef).stream().map(FamilyNetwork::fields).toList());
    return answer;
  }

  private ResponseEntity<Map<String, Object>> unknownCase(String caseRef) {
    if (!CaseRecords.CASE_REF.matcher(caseRef).matches()) {
      throw new InvalidInputException(List.of(new FieldError("caseRef", "format",
          "caseRef must be a case reference: CR-, the year, -, six digits (CR-2026-000001)")));
    }
    if (cases.find(caseRef).isPresent()) {
      return null;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message", "No case has the reference " + caseRef);
    body.put("errors", List.of(new FieldError("caseRef", "unknown-case", "No case has the reference " + caseRef)));
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(body);
  }
}
