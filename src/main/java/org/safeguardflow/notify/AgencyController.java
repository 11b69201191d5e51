package org.safeguardflow.notify;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.safeguardflow.web.EmailAddress;
import org.safeguardflow.web.FieldError;
import org.safeguardflow.web.InvalidInputException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The partner directory: {@code GET /api/agencies}, {@code GET /api/agencies/{code}} and
 * {@code PUT /api/agencies/{code}} (create or change; service managers and administrators only).
 * Webhook secrets are write-only: they are never shown back.
 */
@RestController
@RequestMapping("/api/agencies")
class AgencyController {

  record AgencyRequest(String name, String kind, String channel, String email, String webhookUrl,
      String webhookSecret, Boolean active) {}

  private static final Pattern CODE = Pattern.compile("^[A-Z][A-Z0-9_]{1,39}$");

  private final Agencies agencies;

  AgencyController(Agencies agencies) {
    this.agencies = agencies;
  }

  @GetMapping
  List<Agency> all() {
    return agencies.all().stream().map(Agency::withoutSecret).toList();
  }

  @GetMapping("/{code}")
  ResponseEntity<Agency> one(@PathVariable String code) {
    return agencies.find(code).map(a -> ResponseEntity.ok(a.withoutSecret()))
        .orElse(ResponseEntity.notFound().build());
  }

  @PutMapping("/{code}")
  ResponseEntity<Agency> save(@PathVariable String code, @RequestBody(required = false) AgencyRequest request) {
    Agency agency = validate(code, request);
    boolean existed = agencies.find(agency.code()).isPresent();
    agencies.save(agency);
    Agency saved = agencies.find(agency.code()).orElseThrow().withoutSecret();
    return existed ? ResponseEntity.ok(saved) : ResponseEntity.created(URI.create("/api/agencies/" + saved.code())).body(saved);
  }

  private Agency validate(String code, AgencyRequest r) {
    List<FieldError> errors = new ArrayList<>();
    String upper = code.toUpperCase(Locale.ROOT);
    if (!CODE.matcher(upper).matches()) {
      errors.add(new FieldError("code", "pattern", "code must be 2-40 capitals, digits or _, starting with a letter"));
    }
    if (r == null) {
      throw new InvalidInputException(List.of(new FieldError("$", "required", "The body must describe the agency")));
    }
    if (r.name() == null || r.name().isBlank()) {
      errors.add(new FieldError("name", "required", "name is required"));
    } else if (r.name().length() > 200) {
      errors.add(new FieldError("name", "max-length", "name must be at most 200 characters"));
    }
    Agency.Kind kind = parse(Agency.Kind.class, "kind", r.kind(), errors);
    Agency.Channel channel = parse(Agency.Channel.class, "channel", r.channel(), errors);
    if (r.email() != null && !EmailAddress.isValid(r.email())) {
      errors.add(new FieldError("email", "email", "email must be an email address of at most 254 characters"));
    }
    if (r.webhookUrl() != null && (r.webhookUrl().length() > 500 || !r.webhookUrl().matches("^https?://\\S+$"))) {
      errors.add(new FieldError("webhookUrl", "url", "webhookUrl must be an http(s) URL of at most 500 characters"));
    }
    if (r.webhookSecret() != null && (r.webhookSecret().length() < 16 || r.webhookSecret().length() > 200)) {
      errors.add(new FieldError("webhookSecret", "length", "webhookSecret must be 16 to 200 characters"));
    }
    if ((channel == Agency.Channel.EMAIL || channel == Agency.Channel.NOTIFY) && r.email() == null) {
      errors.add(new FieldError("email", "required-for-channel", "email is required for channel " + channel));
    }
    if (channel == Agency.Channel.WEBHOOK) {
      if (r.webhookUrl() == null) {
        errors.add(new FieldError("webhookUrl", "required-for-channel", "webhookUrl is required for channel WEBHOOK"));
      }
      boolean hasSecret = r.webhookSecret() != null
          || agencies.find(upper).map(a -> a.webhookSecret() != null).orElse(false);
      if (!hasSecret) {
        errors.add(new FieldError("webhookSecret", "required-for-channel",
            "webhookSecret is required for channel WEBHOOK (it signs every message)"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return new Agency(upper, r.name().strip(), kind, channel, r.email(), r.webhookUrl(), r.webhookSecret(),
        r.active() == null || r.active());
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String field, String value, List<FieldError> errors) {
    if (value == null) {
      errors.add(new FieldError(field, "required", field + " is required"));
      return null;
    }
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(field, "code-list", field + " must be one of "
          + java.util.Arrays.toString(type.getEnumConstants())));
      return null;
    }
  }
}
