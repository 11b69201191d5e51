package org.safeguardflow.notify;

import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/cases/{caseRef}/notifications}: every notification of a case, where its delivery
 * stands (attempts, last error, the next attempt while it waits) and each step of its delivery.
 */
@RestController
class CaseNotificationsController {

  private final Notifications notifications;

  CaseNotificationsController(Notifications notifications) {
    this.notifications = notifications;
  }

  @GetMapping("/api/cases/{caseRef}/notifications")
  Map<String, List<?>> forCase(@PathVariable String caseRef) {
    return Map.of("notifications", notifications.forCase(caseRef), "deliveries", notifications.deliveries(caseRef),
        "events", notifications.events(caseRef));
  }
}
