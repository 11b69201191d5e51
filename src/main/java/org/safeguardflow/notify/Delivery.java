package org.safeguardflow.notify;

/** What one attempt to deliver a notification came to. */
sealed interface Delivery {

  record Delivered() implements Delivery {}

  /** Worth trying again later: the receiver was down, timed out, or answered 5xx or 429. */
  record TryAgain(String reason) implements Delivery {}

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
