package org.safeguardflow.notify;

import java.time.Duration;

/** What one attempt to deliver a notification came to. */
sealed interface Delivery {

  record Delivered() implements Delivery {}

  /**
   * Worth trying again later: the receiver was down, timed out, or answered 5xx or 429.
   *
   * @param reason what happened, for the notification's history
   * @param receiverAskedToWait how long the receiver asked us to wait before the next attempt
   *     ({@code Retry-After}, GOV.UK Notify's rate limits), or null when it did not say
   */
  record TryAgain(String reason, Duration receiverAskedToWait) implements Delivery {

    TryAgain(String reason) {
      this(reason, null);
    }
  }

  /** Will never succeed as it is (e.g. 400, 401, 404, an invalid address): report it at once. */
  record Refused(String reason) implements Delivery {}

  static Delivery fromHttpStatus(int status, String what) {
    if (status >= 200 && status < 300) {
      return new Delivered();
    }
    if (status >= 500 || status == 429 || status == 408) {
      return new TryAgain(what + " answered " + status);
    }
    return new Refused(what + " refused it with " + status);
  }
}
