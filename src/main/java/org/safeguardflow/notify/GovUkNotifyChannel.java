package org.safeguardflow.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.safeguardflow.notify.Notifications.Notification;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import uk.gov.service.notify.NotificationClient;
import uk.gov.service.notify.NotificationClientException;

/**
 * GOV.UK Notify: an email through the government's Notify service, from one template whose
 * personalisation fields are {@code subject}, {@code message} and {@code caseRef}. The idempotency
 * key is sent as Notify's reference. Configured by {@code safeguard.notify.govuk.*}. Notify's rate
 * limits (429) are waited out rather than hammered ({@link #rateLimited}).
 */
@Component
class GovUkNotifyChannel implements PartnerChannel {

  /** Notify's per-minute limit is a rolling minute. */
  static final Duration RATE_LIMIT_WINDOW = Duration.ofSeconds(60);

  private final String apiKey;
  private final String baseUrl;
  private final String templateId;

  GovUkNotifyChannel(@Value("${safeguard.notify.govuk.api-key:}") String apiKey,
      @Value("${safeguard.notify.govuk.base-url}") String baseUrl,
      @Value("${safeguard.notify.govuk.template-id:}") String templateId) {
    this.apiKey = apiKey;
    this.baseUrl = baseUrl;
    this.templateId = templateId;
  }

  @Override
  public Agency.Channel channel() {
    return Agency.Channel.NOTIFY;
  }

  /**
   * Notify's 429s name their limit in the body (its client passes on the status and body, not the
   * headers): {@code RateLimitError} is the per-minute limit of the API key (3,000 a minute, a rolling
   * window), so a minute's wait clears it; {@code TooManyRequestsError} is the service's daily limit,
   * which clears when Notify's day ends at midnight (UTC).
   */
  static Delivery rateLimited(String body) {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    boolean daily = body != null && body.contains("TooManyRequestsError");
    Duration wait = daily
        ? Duration.between(now, now.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())
        : RATE_LIMIT_WINDOW;
    String limit = daily ? "429 TooManyRequestsError, the daily limit" : "429 RateLimitError, the per-minute limit";
    return new Delivery.TryAgain("GOV.UK Notify answered 429; " + RetryAfter.why(wait, limit), wait);
  }

  @Override
  public Delivery send(Notification notification, Route route) {
    if (apiKey.isBlank() || templateId.isBlank()) {
      return new Delivery.TryAgain("GOV.UK Notify is not configured (safeguard.notify.govuk.api-key and template-id)");
    }
    try {
      new NotificationClient(apiKey, baseUrl).sendEmail(templateId, route.address(),
          Map.of("subject", notification.subject(), "message", notification.body(), "caseRef", notification.caseRef()),
          notification.idempotencyKey());
      return new Delivery.Delivered();
    } catch (NotificationClientException e) {
      int status = e.getHttpResult();
      if (status == 429) {
        return rateLimited(e.getMessage());
      }
      return status == 0
          ? new Delivery.TryAgain("GOV.UK Notify unreachable: " + e.getMessage())
          : Delivery.fromHttpStatus(status, "GOV.UK Notify");
    } catch (RuntimeException e) {
      return new Delivery.Refused("GOV.UK Notify client: " + e.getMessage());
    }
  }
}
