package org.safeguardflow.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.safeguardflow.web.FieldError;
import org.safeguardflow.web.InvalidInputException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/contacts}: partners and front-door staff submit a concern about a child.
 * {@code GET /api/contacts/{caseRef}}: the sender reads the outcome of a contact they sent.
 */
@RestController
@RequestMapping("/api/contacts")
class ContactController {

  static final int MAX_BODY_BYTES = 64 * 1024;
  /** The header a partner's system sends so that a retried post is not recorded twice. */
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  private static final java.util.regex.Pattern IDEMPOTENCY_KEY_FORMAT = java.util.regex.Pattern.compile("^[\\x21-\\x7E]{1,200}$");

  private static final java.util.regex.Pattern CASE_REF = org.safeguardflow.casework.CaseRecords.CASE_REF;

  private final FrontDoor frontDoor;
  private final Contacts contacts;
  private final ObjectMapper strictJson;

  ContactController(FrontDoor frontDoor, Contacts contacts, ObjectMapper json) {
    this.frontDoor = frontDoor;
    this.contacts = contacts;
    this.strictJson = strict(json);
  }

  /**
   * Only to the one who sent it, and the same 404 for a case that does not exist, a malformed
   * reference or someone else's contact, so that a partner learns nothing of other children.
   */
  @GetMapping(path = "/{caseRef}", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Contacts.Outcome> outcome(@PathVariable String caseRef, Authentication user) {
    if (!CASE_REF.matcher(caseRef).matches()) {
      return ResponseEntity.notFound().build();
    }
    return contacts.outcomeFor(caseRef, user.getName()).map(ResponseEntity::ok)
        .orElseGet(() -> ResponseEntity.notFound().build());
  }

  /**
   * Records a contact (201 with its case). With an {@code Idempotency-Key} header (1-200 visible ASCII
   * characters, e.g. a UUID) a retry by the same sender with the same contact (compared as parsed:
   * layout, field order and the offset {@code receivedAt} is written in do not count) answers the first
   * answer again, same status and body, without recording anything; the same key with another contact is 400.
   */
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<RecordedContact> submit(@RequestBody(required = false) byte[] body,
      @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey, Authentication user) {
    FrontDoor.Retry retry = null;
    if (idempotencyKey != null) {
      if (!IDEMPOTENCY_KEY_FORMAT.matcher(idempotencyKey).matches()) {
        throw new InvalidInputException(List.of(new FieldError(IDEMPOTENCY_KEY, "format",
            IDEMPOTENCY_KEY + " must be 1 to 200 visible ASCII characters, such as a UUID")));
      }
    }
    ContactSubmission contact = parse(body);
    if (idempotencyKey != null) {
      retry = new FrontDoor.Retry(idempotencyKey, sha256(meaning(contact)));
    }
    RecordedContact recorded = frontDoor.record(contact, user.getName(), retry);
    return ResponseEntity.created(URI.create("/api/contacts/" + recorded.caseRef())).body(recorded);
  }

  /**
   * What a contact says, whatever its layout: a retry pretty-printed, with its fields in another order,
   * or its {@code receivedAt} written in another offset for the same instant is the same request.
   */
  static byte[] meaning(ContactSubmission contact) {
    var at = contact.receivedAt() == null ? null : contact.receivedAt().withOffsetSameInstant(java.time.ZoneOffset.UTC);
    return new ContactSubmission(at, contact.source(), contact.referrer(), contact.child(), contact.concerns(),
        contact.screening()).toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String sha256(byte[] body) {
    try {
      return java.util.HexFormat.of().formatHex(
          java.security.MessageDigest.getInstance("SHA-256").digest(body == null ? new byte[0] : body));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }

  private ContactSubmission parse(byte[] body) {
    if (body == null || body.length == 0) {
      throw new InvalidInputException(List.of(new FieldError("$", "required", "The request body must be a contact (a JSON object)")));
    }
    if (body.length > MAX_BODY_BYTES) {
      throw new InvalidInputException(List.of(new FieldError("$", "max-size",
          "The request body must be at most " + MAX_BODY_BYTES + " bytes")));
    }
    try {
      return strictJson.readValue(new String(body, StandardCharsets.UTF_8), ContactSubmission.class);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(List.of(JsonErrors.describe(e)));
    }
  }

  /** Partners' systems should learn of a misspelt field or a "yes" for true, not have it silently dropped. */
  private static ObjectMapper strict(ObjectMapper base) {
    ObjectMapper mapper = base.copy();
    mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
    // A date-time where a date belongs would be cut to its UTC date, which may not be the London date meant.
    mapper.configOverride(java.time.LocalDate.class)
        .setFormat(com.fasterxml.jackson.annotation.JsonFormat.Value.forLeniency(false));
    for (LogicalType type : List.of(LogicalType.Boolean, LogicalType.Integer, LogicalType.Textual)) {
      var coercion = mapper.coercionConfigFor(type);
      for (CoercionInputShape shape : List.of(CoercionInputShape.String, CoercionInputShape.Integer,
          CoercionInputShape.Float, CoercionInputShape.Boolean)) {
        coercion.setCoercion(shape, CoercionAction.Fail);
      }
    }
    return mapper;
  }
}
