package org.safeguardflow.notify;

import org.safeguardflow.web.OutageLog;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** Runs the sender every few seconds; tests switch it off and call the sender themselves. */
@Configuration
@EnableScheduling
@ConditionalOnProperty(name = "safeguard.notify.sender.enabled", havingValue = "true", matchIfMissing = true)
class NotificationSchedule {

  private final NotificationSender sender;

  NotificationSchedule(NotificationSender sender) {
    this.sender = sender;
  }

  /** While the database is away a round is given up with one WARN per outage, not an ERROR each time (web/OutageLog). */
  @Scheduled(fixedDelayString = "${safeguard.notify.poll-interval}", initialDelayString = "${safeguard.notify.poll-interval}")
  void deliver() {
    OutageLog.run("partner notifications", sender::deliverDue);
  }
}
