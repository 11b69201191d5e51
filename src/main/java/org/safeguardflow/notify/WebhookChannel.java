package org.safeguardflow.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.safeguardflow.notify.Notifications.Notification;
import org.springframework.stereotype.Component;

/**
 * An HTTPS POST of JSON to the agency's endpoint, with an {@code Idempotency-Key} header (the same
 * on every retry) and an {@code X-Safeguard-Signature: sha256=<hex>} header: HMAC-SHA256 of the
 * exact body with the agency's secret, so the receiver knows the message is ours and unaltered. A
 * receiver that answers 429 or 503 with {@code Retry-After} (seconds or an HTTP date) is not tried
 * again before then.
 */
@Component
class WebhookChannel implements PartnerChannel {

  static final String SIGNATURE_HEADER = "X-Safeguard-Signature";
  static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json;

  WebhookChannel(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public Agency.Channel channel() {
    return Agency.Channel.WEBHOOK;
  }

  @Override
  public Delivery send(Notification notification, Route route) {
    String body = body(notification);
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(route.address()))
          .timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json")
          .header(IDEMPOTENCY_HEADER, notification.idempotencyKey())
          .header(SIGNATURE_HEADER, "sha256=" + sign(body, route.secret()))
          .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
          .build();
      HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      Delivery result = Delivery.fromHttpStatus(response.statusCode(), "webhook " + route.address());
      if (result instanceof Delivery.TryAgain again) {
        // A receiver that says how long to wait (429 or 503 with Retry-After) is taken at its word.
        String header = response.headers().firstValue(RetryAfter.HEADER).orElse(null);
        var asked = RetryAfter.asked(response.statusCode(), header, ClockUtil.getCurrentTime().toInstant());
        if (asked.isPresent()) {
          return new Delivery.TryAgain(again.reason() + "; " + RetryAfter.why(asked.get(),
              response.statusCode() + " " + RetryAfter.HEADER), asked.get());
        }
        if (header != null && !header.isBlank() && (response.statusCode() == 429 || response.statusCode() == 503)) {
          return new Delivery.TryAgain(again.reason() + "; " + RetryAfter.unreadable(header));
        }
      }
      return result;
    } catch (IOException e) {
      return new Delivery.TryAgain("webhook " + route.address() + " unreachable: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Delivery.TryAgain("interrupted");
    } catch (IllegalArgumentException e) {
      return new Delivery.Refused("webhook URL not usable: " + e.getMessage());
    }
  }

  String body(Notification n) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("idempotencyKey", n.idempotencyKey());
    message.put("caseRef", n.caseRef());
    message.put("type", n.type());
    message.put("subject", n.subject());
    message.put("message", n.body());
    message.put("sentAt", ClockUtil.getCurrentTime().toInstant().toString());
    try {
      return json.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sign(String body, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec((secret == null ? "" : secret).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
