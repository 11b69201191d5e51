package org.safeguardflow.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What a partner's {@code Retry-After} header asks of the sender, in every form a receiver may send it. */
class RetryAfterTest {

  static final Instant TEN_AM_BST = Instant.parse("2026-04-02T09:00:00Z");

  @Test
  void secondsAndHttpDatesOnTooManyRequestsAndServiceUnavailableAreWaitsFromNow() {
    assertThat(RetryAfter.asked(429, "3600", TEN_AM_BST)).contains(Duration.ofHours(1));
    assertThat(RetryAfter.asked(503, " 120 ", TEN_AM_BST)).contains(Duration.ofMinutes(2));
    assertThat(RetryAfter.asked(503, "Thu, 02 Apr 2026 12:30:00 GMT", TEN_AM_BST)).contains(Duration.ofMinutes(210));
    assertThat(RetryAfter.asked(429, "Thu, 02 Apr 2026 08:00:00 GMT", TEN_AM_BST)).as("a time already past")
        .contains(Duration.ZERO);
  }

  @Test
  void aNumberTooLargeToHoldIsAWaitBeyondAnyCapNotAnError() {
    assertThat(RetryAfter.asked(429, "99999999999999999999999", TEN_AM_BST))
        .hasValueSatisfying(wait -> assertThat(wait).isGreaterThan(Duration.ofDays(365)));
  }

  @Test
  void otherAnswersAndUnreadableHeadersLeaveTheSendersOwnBackoff() {
    assertThat(RetryAfter.asked(500, "3600", TEN_AM_BST)).as("Retry-After means nothing on a 500").isEmpty();
    assertThat(RetryAfter.asked(404, "3600", TEN_AM_BST)).isEmpty();
    assertThat(RetryAfter.asked(429, null, TEN_AM_BST)).isEmpty();
    assertThat(RetryAfter.asked(429, "", TEN_AM_BST)).isEmpty();
    assertThat(RetryAfter.asked(429, "soon", TEN_AM_BST)).isEmpty();
    assertThat(RetryAfter.asked(429, "-5", TEN_AM_BST)).isEmpty();
    assertThat(RetryAfter.asked(503, "2026-04-02T12:30:00Z", TEN_AM_BST)).as("ISO is not an HTTP date").isEmpty();
  }

  @Test
  void theHistorySaysHowLongAndWhy() {
    assertThat(RetryAfter.why(Duration.ofHours(1), "429 Retry-After"))
        .isEqualTo("receiver asked to wait 3600 s (429 Retry-After)");
  }
}
