package org.safeguardflow.security.partners;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.safeguardflow.web.FieldError;
import org.safeguardflow.web.InvalidInputException;
import org.safeguardflow.security.Roles;
import org.safeguardflow.security.SystemWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Partner agencies' API keys, for service managers and administrators (security.ApiSecurity):
 * <ul>
 *   <li>{@code POST /api/partner-credentials} {@code {"agency": "<Camunda user of the agency>"}}: 201 with
 *       the key, shown this once;</li>
 *   <li>{@code POST /api/partner-credentials/{id}/rotate} {@code {"oldKeyExpiresAt": "<ISO date-time>"}}:
 *       201 with a new key; the old one works until then (now at the earliest, 30 days at most);</li>
 *   <li>{@code DELETE /api/partner-credentials/{id}}: 204, the key stops working at once;</li>
 *   <li>{@code GET /api/partner-credentials}: every credential with its status, never a key.</li>
 * </ul>
 * Bad input answers 400 naming each field and rule; nothing is written.
 */
@RestController
@RequestMapping(path = "/api/partner-credentials", produces = MediaType.APPLICATION_JSON_VALUE)
class PartnerCredentialController {

  static final Duration LONGEST_OVERLAP = Duration.ofDays(30);
  private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Logger log = LoggerFactory.getLogger(PartnerCredentialController.class);

  private final PartnerCredentials credentials;
  private final IdentityService identity;
  private final Roles roles;
  private final ObjectMapper json;

  PartnerCredentialController(PartnerCredentials credentials, IdentityService identity, Roles roles, ObjectMapper json) {
    this.credentials = credentials;
    this.identity = identity;
    this.roles = roles;
    this.json = json;
  }

  @GetMapping
  List<Map<String, Object>> list() {
    Instant now = credentials.now();
    return credentials.all().stream().map(credential -> describe(credential, now)).toList();
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> issue(@RequestBody(required = false) String body, Authentication user) {
    JsonNode request = object(body, Set.of("agency"));
    String agency = agency(request.get("agency"));
    PartnerCredentials.IssuedKey issued = credentials.issue(agency, user.getName());
    log.info("API key {} issued for partner agency {} by {}", issued.credential().id(), agency, user.getName());
    return shownOnce(issued);
  }

  @PostMapping(path = "/{id}/rotate", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> rotate(@PathVariable String id, @RequestBody(required = false) String body,
      Authentication user) {
    JsonNode request = object(body, Set.of("oldKeyExpiresAt"));
    Instant oldKeyExpiresAt = overlapEnd(request.get("oldKeyExpiresAt"));
    if (!ID.matcher(id).matches()) {
      return ResponseEntity.notFound().build();
    }
    try {
      return credentials.rotate(id, oldKeyExpiresAt, user.getName()).map(issued -> {
        log.info("API key {} rotated by {}: new key {}, the old one works until {}", id, user.getName(),
            issued.credential().id(), oldKeyExpiresAt);
        return shownOnce(issued);
      }).orElseGet(() -> ResponseEntity.notFound().build());
    } catch (IllegalStateException e) {
      return ResponseEntity.status(409).body(Map.of("message", e.getMessage()));
    }
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> revoke(@PathVariable String id, Authentication user) {
    if (!ID.matcher(id).matches() || !credentials.revoke(id, user.getName())) {
      return ResponseEntity.notFound().build();
    }
    log.info("API key {} revoked by {}", id, user.getName());
    return ResponseEntity.noContent().build();
  }

  private ResponseEntity<Map<String, Object>> shownOnce(PartnerCredentials.IssuedKey issued) {
    Map<String, Object> answer = describe(issued.credential(), credentials.now());
    answer.put("key", issued.key());
    answer.put("notice", "This key is shown once and cannot be read again: give it to the agency's system now."
        + " Send it as the header Authorization: Bearer <key>.");
    return ResponseEntity.created(URI.create("/api/partner-credentials/" + issued.credential().id())).body(answer);
  }

  private static Map<String, Object> describe(PartnerCredentials.Credential credential, Instant now) {
    Map<String, Object> described = new LinkedHashMap<>();
    described.put("id", credential.id());
    described.put("agency", credential.agency());
    described.put("keyPrefix", credential.keyPrefix());
    described.put("status", credential.statusAt(now));
    described.put("createdAt", credential.createdAt());
    described.put("createdBy", credential.createdBy());
    described.put("expiresAt", credential.expiresAt());
    described.put("replacedBy", credential.replacedBy());
    described.put("revokedAt", credential.revokedAt());
    described.put("revokedBy", credential.revokedBy());
    return described;
  }

  /** The body as a JSON object holding no field but those named. */
  private JsonNode object(String body, Set<String> fields) {
    JsonNode request;
    try {
      request = body == null || body.isBlank() ? null : json.readTree(body);
    } catch (Exception e) {
      throw new InvalidInputException(List.of(new FieldError("$", "json", "The request body is not valid JSON")));
    }
    if (request == null || !request.isObject()) {
      throw new InvalidInputException(List.of(new FieldError("$", "required", "The request body must be a JSON object")));
    }
    List<FieldError> unknown = new ArrayList<>();
    for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!fields.contains(name)) {
        unknown.add(new FieldError(printable(name), "unknown-field", printable(name) + " is not a field of this call"));
      }
    }
    if (!unknown.isEmpty()) {
      throw new InvalidInputException(unknown);
    }
    return request;
  }

  private String agency(JsonNode value) {
    if (value == null || value.isNull() || value.isTextual() && value.asText().isBlank()) {
      throw refused("agency", "required", "agency is required: the Camunda user id of the partner agency");
    }
    if (!value.isTextual()) {
      throw refused("agency", "type", "agency must be text");
    }
    String agency = value.asText();
    if (agency.length() > 64) {
      throw refused("agency", "max-length", "agency must be at most 64 characters");
    }
    // Who is in which group is the administrator's to read; the caller's right to ask was checked by ApiSecurity.
    boolean partner = SystemWork.call(identity, () ->
        identity.createUserQuery().userId(agency).memberOfGroup(roles.getPartnerAgencies()).count() == 1);
    if (!partner) {
      throw refused("agency", "partner-agency", "agency must be a user in the group " + roles.getPartnerAgencies()
          + " (create the agency's user in Camunda Admin first)");
    }
    return agency;
  }

  private Instant overlapEnd(JsonNode value) {
    if (value == null || value.isNull()) {
      throw refused("oldKeyExpiresAt", "required", "oldKeyExpiresAt is required: until when the old key keeps working"
          + " (ISO-8601 date-time with offset; now for no overlap)");
    }
    if (!value.isTextual()) {
      throw refused("oldKeyExpiresAt", "type", "oldKeyExpiresAt must be text: an ISO-8601 date-time with offset");
    }
    Instant end;
    try {
      end = OffsetDateTime.parse(value.asText()).toInstant();
    } catch (DateTimeParseException e) {
      throw refused("oldKeyExpiresAt", "type", "oldKeyExpiresAt must be an ISO-8601 date-time with offset, such as 2026-12-01T17:00:00Z");
    }
    Instant now = credentials.now();
    if (end.isBefore(now.minusSeconds(60))) {
      throw refused("oldKeyExpiresAt", "not-in-past", "oldKeyExpiresAt must not be in the past");
    }
    if (end.isAfter(now.plus(LONGEST_OVERLAP))) {
      throw refused("oldKeyExpiresAt", "max-overlap", "oldKeyExpiresAt must be at most " + LONGEST_OVERLAP.toDays()
          + " days from now: two keys in use is a risk to end soon");
    }
    return end.isBefore(now) ? now : end;
  }

  private static InvalidInputException refused(String field, String rule, String message) {
    return new InvalidInputException(List.of(new FieldError(field, rule, message)));
  }

  private static String printable(String text) {
    String clean = text.replaceAll("[^\\p{L}\\p{N}_.\\-\\[\\]$]", "?");
    return clean.length() > 64 ? clean.substring(0, 64) + "..." : clean;
  }
}
