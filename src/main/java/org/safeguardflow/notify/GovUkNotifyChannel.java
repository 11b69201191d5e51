package org.safeguardflow.notify;

import java.util.Map;
import org.safeguardflow.notify.Notifications.Notification;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import uk.gov.service.notify.NotificationClient;
import uk.gov.service.notify.NotificationClientException;

/**
 * GOV.UK Notify: an email through the government's Notify service, from one template whose
 * personalisation fields are {@code subject}, {@code message} and {@code caseRef}. The idempotency
 * key is sent as Notify's reference. Configured by {@code safeguard.notify.govuk.*}.
 */
@Component
class GovUkNotifyChannel implements PartnerChannel {

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
      return status == 0
          ? new Delivery.TryAgain("GOV.UK Notify unreachable: " + e.getMessage())
          : Delivery.fromHttpStatus(status, "GOV.UK Notify");
    } catch (RuntimeException e) {
      return new Delivery.Refused("GOV.UK Notify client: " + e.getMessage());
    }
  }
}
