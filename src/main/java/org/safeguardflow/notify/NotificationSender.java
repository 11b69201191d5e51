package org.safeguardflow.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.safeguardflow.notify.Notifications.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the outbox. Each due notification is claimed for one attempt, sent on its agency's
 * channel, and marked delivered; a receiver that is down is tried again after a growing pause
 * ({@code safeguard.notify.backoff}), or after the wait it asked for ({@code Retry-After} on 429 or 503,
 * GOV.UK Notify's rate limits) when that is longer; when the attempts run out, a receiver asks for a
 * wait longer than {@code safeguard.notify.max-retry-after} (default 24 hours), or it refuses for good,
 * the notification is marked failed and a manager is asked to act ({@link UndeliverableNotifications}).
 */
@Component
public class NotificationSender {

  private static final Logger log = LoggerFactory.getLogger(NotificationSender.class);
  private final Duration lease;

  private final Notifications notifications;
  private final Agencies agencies;
  private final Map<Agency.Channel, PartnerChannel> channels = new EnumMap<>(Agency.Channel.class);
  private final UndeliverableNotifications undeliverable;
  private final TransactionTemplate transaction;
  private final List<Duration> backoff;
  private final Duration maxRetryAfter;

  NotificationSender(Notifications notifications, Agencies agencies, List<PartnerChannel> channels,
      UndeliverableNotifications undeliverable, TransactionTemplate transaction,
      @Value("${safeguard.notify.backoff}") String backoff,
      @Value("${safeguard.notify.max-retry-after:PT24H}") Duration maxRetryAfter,
      @Value("${safeguard.notify.lease:PT2M}") Duration lease) {
    this.lease = lease;
    this.notifications = notifications;
    this.agencies = agencies;
    channels.forEach(c -> this.channels.put(c.channel(), c));
    this.undeliverable = undeliverable;
    this.transaction = transaction;
    this.backoff = Arrays.stream(backoff.split(",")).map(String::strip).map(Duration::parse).toList();
    this.maxRetryAfter = maxRetryAfter;
  }

  /**
   * How long one attempt holds its claim on a notification ({@code safeguard.notify.lease}, default 2
   * minutes): longer than any one attempt may take (channel timeouts are 10 s), so that a claim of a
   * sender that crashed mid-attempt lapses after it and another (or the restarted) node sends it.
   */
  public Duration lease() {
    return lease;
  }

  /** Attempts every notification that is due now; returns how many were attempted. */
  public int deliverDue() {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    int attempted = 0;
    for (String key : notifications.due(now, 100)) {
      if (notifications.claim(key, now, now.plus(lease))) {
        attempt(notifications.byKey(key), now);
        attempted++;
      }
    }
    return attempted;
  }

  private void attempt(Notification n, Instant now) {
    if (n.recipient().startsWith("group:") || n.recipient().startsWith("user:")) {
      // Team reminders live in Tasklist (the task's follow-up and due dates); nothing leaves the building.
      notifications.delivered(n, "TASKLIST", n.recipient());
      return;
    }
    Route route;
    try {
      route = route(n);
    } catch (IllegalArgumentException noRoute) {
      giveUp(n, "NONE", noRoute.getMessage());
      return;
    }
    Delivery result = channels.get(route.channel()).send(n, route);
    if (result instanceof Delivery.Delivered) {
      notifications.delivered(n, route.channel().name(), route.address());
    } else if (result instanceof Delivery.Refused refused) {
      giveUp(n, route.channel().name(), refused.reason());
    } else if (result instanceof Delivery.TryAgain again) {
      int failures = notifications.attempts(n.idempotencyKey()) + 1;
      Duration asked = again.receiverAskedToWait();
      if (asked != null && asked.compareTo(maxRetryAfter) > 0) {
        giveUp(n, route.channel().name(), again.reason() + ", longer than the longest wait allowed ("
            + maxRetryAfter.toSeconds() + " s, safeguard.notify.max-retry-after)");
      } else if (failures > backoff.size()) {
        giveUp(n, route.channel().name(), again.reason() + " (after " + failures + " attempts)");
      } else {
        Duration pause = backoff.get(failures - 1);
        String reason = again.reason();
        // Never before the receiver said it is ready; never sooner than our own backoff either.
        if (asked != null && asked.compareTo(pause) > 0) {
          pause = asked;
        } else if (asked != null) {
          reason += "; our backoff after attempt " + failures + " is longer: waiting " + pause.toSeconds()
              + " s (safeguard.notify.backoff)";
        }
        // From the moment the answer came (the receiver's wait was measured then), not from when this round
        // began: a Retry-After date is never scheduled a moment before the receiver's time.
        Instant answered = ClockUtil.getCurrentTime().toInstant();
        Instant from = answered.isAfter(now) ? answered : now;
        notifications.retryLater(n, route.channel().name(), from.plus(pause), reason);
      }
    }
  }

  private void giveUp(Notification n, String channel, String reason) {
    log.warn("Notification {} could not be delivered: {}", n.idempotencyKey(), reason);
    transaction.executeWithoutResult(status -> {
      notifications.failed(n, channel, reason);
      undeliverable.report(n, reason);
    });
  }

  /** The agency in the directory named by the recipient, or a plain email address. */
  Route route(Notification n) {
    String recipient = n.recipient().startsWith("agency:") ? n.recipient().substring("agency:".length()) : n.recipient();
    var agency = agencies.find(recipient);
    if (agency.isPresent()) {
      Agency a = agency.get();
      if (!a.active()) {
        throw new IllegalArgumentException("agency " + a.code() + " is marked inactive in the directory");
      }
      return switch (a.channel()) {
        case EMAIL, NOTIFY -> {
          if (a.email() == null) {
            throw new IllegalArgumentException("agency " + a.code() + " has no email address in the directory");
          }
          yield new Route(a.channel(), a.email(), null, a.code());
        }
        case WEBHOOK -> {
          if (a.webhookUrl() == null) {
            throw new IllegalArgumentException("agency " + a.code() + " has no webhook URL in the directory");
          }
          yield new Route(a.channel(), a.webhookUrl(), a.webhookSecret(), a.code());
        }
      };
    }
    if (n.recipient().contains("@")) {
      return new Route(Agency.Channel.EMAIL, n.recipient(), null, null);
    }
    throw new IllegalArgumentException("no agency '" + recipient + "' in the partner directory");
  }
}
