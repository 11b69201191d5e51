package org.safeguardflow.notify;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Every notification the workflow sends, keyed by a stable idempotency key (case, type, sequence):
 * a retried job records the same key again and nothing is sent twice.
 */
@Repository
public class Notifications {

  public enum Status {
    /** Recorded and written to the log; real channels deliver it in a later release. */
    RECORDED,
    /** Nobody to send it to (e.g. an anonymous referrer): recorded so that auditors can see why. */
    NO_ROUTE
  }

  private final JdbcTemplate jdbc;

  public Notifications(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Records the notification unless its key was recorded before; says whether it was new. */
  public boolean record(Notification n) {
    Integer known = jdbc.queryForObject("select count(*) from sf_notification where idempotency_key = ?",
        Integer.class, n.idempotencyKey());
    if (known > 0) {
      return false;
    }
    jdbc.update("insert into sf_notification (idempotency_key, case_ref, notification_type, recipient, channel,"
            + " subject, body, status, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        n.idempotencyKey(), n.caseRef(), n.type(), n.recipient(), n.channel(), n.subject(), n.body(),
        n.status().name(), OffsetDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneOffset.UTC));
    return true;
  }

  public List<Notification> forCase(String caseRef) {
    return jdbc.query("select * from sf_notification where case_ref = ? order by id",
        (rs, i) -> new Notification(rs.getString("idempotency_key"), rs.getString("case_ref"),
            rs.getString("notification_type"), rs.getString("recipient"), rs.getString("channel"),
            rs.getString("subject"), rs.getString("body"), Status.valueOf(rs.getString("status"))),
        caseRef);
  }

  public record Notification(String idempotencyKey, String caseRef, String type, String recipient,
      String channel, String subject, String body, Status status) {

    /** The key a retry reproduces: the same case, type and sequence always give the same key. */
    public static String key(String caseRef, String type, int sequence) {
      return caseRef + ":" + type + ":" + sequence;
    }
  }
}
