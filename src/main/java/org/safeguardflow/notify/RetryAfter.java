package org.safeguardflow.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A receiver's {@code Retry-After} header (RFC 9110 section 10.2.3): either whole seconds to wait
 * ({@code 3600}) or the HTTP date of the earliest next attempt ({@code Thu, 02 Apr 2026 12:30:00 GMT}).
 * Honoured on 429 (Too Many Requests) and 503 (Service Unavailable), the two answers it is defined
 * for. A header that is neither is ignored, and the sender's own backoff applies.
 */
final class RetryAfter {

  static final String HEADER = "Retry-After";

  private RetryAfter() {}

  /**
   * How long from {@code now} the receiver asked us to wait; empty when there is no header, it cannot
   * be read, or the status is not one it applies to. A date in the past means "no wait" (zero).
   */
  static Optional<Duration> asked(int status, String header, Instant now) {
    if ((status != 429 && status != 503) || header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.strip();
    if (value.chars().allMatch(Character::isDigit)) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
      } catch (NumberFormatException | ArithmeticException beyondAnyCap) {
        return Optional.of(Duration.ofSeconds(Long.MAX_VALUE));
      }
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
    } catch (DateTimeParseException notADate) {
      return Optional.empty();
    }
  }

  /** The words the notification history shows, e.g. "receiver asked to wait 3600 s (429 Retry-After)". */
  static String why(Duration wait, String source) {
    return "receiver asked to wait " + wait.toSeconds() + " s (" + source + ")";
  }

  /** The words the history shows for a header that is neither seconds nor an HTTP date (shown shortened, printable only). */
  static String unreadable(String header) {
    String shown = header.strip().replaceAll("[^\\x20-\\x7E]", "?");
    if (shown.length() > 40) {
      shown = shown.substring(0, 40) + "...";
    }
    return "Retry-After \"" + shown + "\" is neither seconds nor an HTTP date, so our backoff applies"
        + " (safeguard.notify.backoff)";
  }
}
