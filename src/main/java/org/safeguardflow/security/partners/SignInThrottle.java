package org.safeguardflow.security.partners;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins counted per source address, in memory: a token bucket of {@code capacity} failures
 * that refills one every {@code refillEvery}. While an address's bucket is empty, its requests that
 * carry credentials are refused (429) before any credential is checked; other addresses, the agency's
 * among them, are not affected, and no account is locked by it.
 *
 * <p>The default, 10 failures then one every 6 seconds, lets a mistyped key or password be corrected
 * at once and holds a guesser to 10 tries a minute. State is per server instance and lost on restart,
 * which is acceptable for a brake (the keys themselves cannot be guessed; see {@link PartnerCredentials}).
 */
public class SignInThrottle {

  /** Beyond this many addresses, full buckets (nothing to remember) are forgotten. */
  private static final int REMEMBERED_ADDRESSES = 10_000;

  // Settings, changed together by setLimits (a test sets the production brake on a shared context).
  private volatile int capacity;
  private volatile Duration refillEvery;
  private final Clock clock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public SignInThrottle(int capacity, Duration refillEvery, Clock clock) {
    this.clock = clock;
    setLimits(capacity, refillEvery);
  }

  /**
   * Sets the brake anew and forgets every address's count: {@code capacity} failures (at least 1),
   * then one more every {@code refillEvery} (positive).
   *
   * @throws IllegalArgumentException naming the setting when either is out of range
   */
  synchronized void setLimits(int capacity, Duration refillEvery) {
    if (capacity < 1 || refillEvery.isNegative() || refillEvery.isZero()) {
      throw new IllegalArgumentException("safeguard.security.sign-in-throttle: capacity must be at least 1 and refill-every positive");
    }
    this.capacity = capacity;
    this.refillEvery = refillEvery;
    buckets.clear();
  }

  int capacity() {
    return capacity;
  }

  Duration refillEvery() {
    return refillEvery;
  }

  /**
   * How long the address must wait before its credentials are checked again: zero if it may try now.
   * Rounded up to whole seconds, as HTTP's Retry-After counts them.
   */
  public Duration waitFor(String address) {
    Bucket bucket = buckets.get(address);
    if (bucket == null) {
      return Duration.ZERO;
    }
    synchronized (bucket) {
      bucket.refill(clock.instant());
      if (bucket.tokens >= 1) {
        return Duration.ZERO;
      }
      Duration untilNext = refillEvery.minus(Duration.between(bucket.refilledAt, clock.instant()));
      return Duration.ofSeconds(Math.max(1, (untilNext.toMillis() + 999) / 1000));
    }
  }

  /** Counts one failed sign-in from the address. */
  public void failed(String address) {
    if (buckets.size() > REMEMBERED_ADDRESSES) {
      forgetFullBuckets();
    }
    Bucket bucket = buckets.computeIfAbsent(address, a -> new Bucket(capacity, clock.instant()));
    synchronized (bucket) {
      bucket.refill(clock.instant());
      bucket.tokens = Math.max(0, bucket.tokens - 1);
    }
  }

  private void forgetFullBuckets() {
    Instant now = clock.instant();
    buckets.entrySet().removeIf(entry -> {
      synchronized (entry.getValue()) {
        entry.getValue().refill(now);
        return entry.getValue().tokens >= capacity;
      }
    });
  }

  private final class Bucket {
    int tokens;
    Instant refilledAt;

    Bucket(int tokens, Instant now) {
      this.tokens = tokens;
      this.refilledAt = now;
    }

    void refill(Instant now) {
      if (now.isBefore(refilledAt)) {
        refilledAt = now; // a clock set back (tests, a corrected server clock) starts the period again
        return;
      }
      long periods = Duration.between(refilledAt, now).toNanos() / refillEvery.toNanos();
      if (periods > 0) {
        tokens = (int) Math.min(capacity, tokens + periods);
        refilledAt = tokens >= capacity ? now : refilledAt.plus(refillEvery.multipliedBy(periods));
      }
    }
  }
}
