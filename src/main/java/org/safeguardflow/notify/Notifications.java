package org.safeguardflow.notify;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.safeguardflow.timescales.EngineTime;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The notification outbox. A delegate records a notification in the same transaction as the
 * engine state, so a committed step always has its message waiting; {@link NotificationSender}
 * delivers it afterwards. Each notification has a stable idempotency key (case, type, sequence): a
 * retried job records the same key again and nothing is sent twice, and receivers get the key too.
 */
@Repository
public class Notifications {

  public enum Status {
    /** Recorded, waiting to be delivered. */
    RECORDED,
    DELIVERED,
    /** Retries ran out, or the receiver refused it for good: a manager must act. */
    FAILED,
    /** Nobody to send it to (e.g. an anonymous referrer): recorded so that auditors can see why. */
    NO_ROUTE
  }

  private static final RowMapper<Notification> NOTIFICATION = (rs, i) -> new Notification(
      rs.getString("idempotency_key"), rs.getString("case_ref"), rs.getString("notification_type"),
      rs.getString("recipient"), rs.getString("channel"), rs.getString("subject"), rs.getString("body"),
      Status.valueOf(rs.getString("status")));

  private final JdbcTemplate jdbc;
  /** Which SQL skips a known key: decided once, from the database the app runs on. */
  private volatile Boolean postgres;

  public Notifications(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records the notification unless its key was recorded before; says whether it was new.
   *
   * <p>The database decides, not a read before the write: the same job run twice at once (the job
   * executor and an operator's "execute job", or a cluster node whose lock ran out) reads "not there
   * yet" in both transactions. The unique key {@code sf_notification_once} makes the second writer
   * wait for the first; once the first commits, the second writes nothing and carries on. PostgreSQL
   * aborts a whole transaction on a failed statement, so there the insert itself skips a known key
   * ({@code on conflict do nothing}); H2 undoes only the failed statement, so there the duplicate-key
   * refusal is the answer.
   */
  public boolean record(Notification n) {
    OffsetDateTime now = EngineTime.now();
    Object[] row = {n.idempotencyKey(), n.caseRef(), n.type(), n.recipient(), n.channel(), n.subject(), n.body(),
        n.status().name(), now, now};
    int written;
    if (postgres()) {
      written = jdbc.update(INSERT + " on conflict (idempotency_key) do nothing", row);
    } else {
      try {
        written = jdbc.update(INSERT, row);
      } catch (DuplicateKeyException recordedBefore) {
        written = 0;
      }
    }
    if (written == 0) {
      return false;
    }
    event(n.idempotencyKey(), n.caseRef(), n.status() == Status.NO_ROUTE ? "NO_ROUTE" : "RECORDED",
        "to " + n.recipient(), null);
    return true;
  }

  /**
   * Keeps a document with a notification just recorded (same transaction), to be sent with it: the
   * email carries it, a posted letter is printed with it. One attachment per notification.
   */
  public void attach(String idempotencyKey, Attachment attachment) {
    jdbc.update("insert into sf_notification_attachment (idempotency_key, file_name, content_type, content)"
        + " values (?, ?, ?, ?)", idempotencyKey, attachment.fileName(), attachment.contentType(), attachment.content());
  }

  /** The document kept with a notification, if any. */
  public java.util.Optional<Attachment> attachmentOf(String idempotencyKey) {
    return jdbc.query("select file_name, content_type, content from sf_notification_attachment where idempotency_key = ?",
        (rs, i) -> new Attachment(rs.getString("file_name"), rs.getString("content_type"), rs.getBytes("content")),
        idempotencyKey).stream().findFirst();
  }

  private static final String INSERT = "insert into sf_notification (idempotency_key, case_ref, notification_type,"
      + " recipient, channel, subject, body, status, created_at, next_attempt_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private boolean postgres() {
    if (postgres == null) {
      postgres = jdbc.execute((ConnectionCallback<Boolean>) connection ->
          connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres"));
    }
    return postgres;
  }

  public List<Notification> forCase(String caseRef) {
    return jdbc.query("select * from sf_notification where case_ref = ? order by id", NOTIFICATION, caseRef);
  }

  /**
   * Where each notification of the case stands: attempts so far, the last error, and, while it waits,
   * when the next attempt is due (UTC): after the backoff, or the wait the receiver asked for.
   */
  public List<DeliveryState> deliveries(String caseRef) {
    return jdbc.query("select idempotency_key, status, attempts, next_attempt_at, last_error from sf_notification"
            + " where case_ref = ? order by id",
        (rs, i) -> {
          Status status = Status.valueOf(rs.getString("status"));
          var next = rs.getTimestamp("next_attempt_at");
          return new DeliveryState(rs.getString("idempotency_key"), status, rs.getInt("attempts"),
              status == Status.RECORDED && next != null ? next.toInstant() : null, rs.getString("last_error"));
        },
        caseRef);
  }

  public Notification byKey(String idempotencyKey) {
    return jdbc.query("select * from sf_notification where idempotency_key = ?", NOTIFICATION, idempotencyKey)
        .stream().findFirst().orElse(null);
  }

  /** Keys of notifications waiting whose next attempt is due. */
  List<String> due(Instant now, int limit) {
    return jdbc.queryForList("select idempotency_key from sf_notification where status = ? and"
            + " (next_attempt_at is null or next_attempt_at <= ?) order by id fetch first " + limit + " rows only",
        String.class, Status.RECORDED.name(), now.atOffset(ZoneOffset.UTC));
  }

  /**
   * Takes a notification for one delivery attempt, until {@code leaseUntil}: only one sender (of
   * several nodes) wins; if it dies mid-send, the lease runs out and another sends it again with
   * the same key.
   */
  boolean claim(String key, Instant now, Instant leaseUntil) {
    return jdbc.update("update sf_notification set next_attempt_at = ? where idempotency_key = ? and status = ?"
            + " and (next_attempt_at is null or next_attempt_at <= ?)",
        leaseUntil.atOffset(ZoneOffset.UTC), key, Status.RECORDED.name(), now.atOffset(ZoneOffset.UTC)) == 1;
  }

  int attempts(String key) {
    return jdbc.queryForObject("select attempts from sf_notification where idempotency_key = ?", Integer.class, key);
  }

  void delivered(Notification n, String channel, String route) {
    jdbc.update("update sf_notification set status = ?, channel = ?, attempts = attempts + 1, delivered_at = ?,"
        + " last_error = null where idempotency_key = ?", Status.DELIVERED.name(), channel, EngineTime.now(), n.idempotencyKey());
    event(n.idempotencyKey(), n.caseRef(), "DELIVERED", channel + " to " + route, null);
  }

  void retryLater(Notification n, String channel, Instant next, String error) {
    jdbc.update("update sf_notification set channel = ?, attempts = attempts + 1, next_attempt_at = ?, last_error = ?"
        + " where idempotency_key = ?", channel, next.atOffset(ZoneOffset.UTC), cut(error), n.idempotencyKey());
    event(n.idempotencyKey(), n.caseRef(), "RETRY_SCHEDULED", cut(error + "; next attempt " + next), null);
  }

  void failed(Notification n, String channel, String error) {
    jdbc.update("update sf_notification set status = ?, channel = ?, attempts = attempts + 1, last_error = ?"
        + " where idempotency_key = ?", Status.FAILED.name(), channel, cut(error), n.idempotencyKey());
    event(n.idempotencyKey(), n.caseRef(), "FAILED", cut(error), null);
  }

  /** A manager asks for another try: the notification waits again, with fresh attempts. */
  public void requeue(String key, String actor) {
    Notification n = byKey(key);
    jdbc.update("update sf_notification set status = ?, attempts = 0, next_attempt_at = ? where idempotency_key = ?",
        Status.RECORDED.name(), EngineTime.now(), key);
    event(key, n.caseRef(), "RETRY_REQUESTED", null, actor);
  }

  /** A manager reached the agency another way (telephone, secure email) and says so. */
  public void handledOtherwise(String key, String how, String actor) {
    Notification n = byKey(key);
    event(key, n.caseRef(), "HANDLED_OTHERWISE", cut(how), actor);
  }

  public List<Event> events(String caseRef) {
    return jdbc.query("select * from sf_notification_event where case_ref = ? order by at, id",
        (rs, i) -> new Event(rs.getString("idempotency_key"), rs.getString("event"), rs.getString("detail"),
            rs.getString("actor"), rs.getTimestamp("at").toInstant()),
        caseRef);
  }

  private void event(String key, String caseRef, String event, String detail, String actor) {
    jdbc.update("insert into sf_notification_event (idempotency_key, case_ref, event, detail, actor, at)"
        + " values (?, ?, ?, ?, ?, ?)", key, caseRef, event, detail, actor, EngineTime.now());
  }


  private static String cut(String text) {
    return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
  }

  public record Notification(String idempotencyKey, String caseRef, String type, String recipient,
      String channel, String subject, String body, Status status) {

    /** The key a retry reproduces: the same case, type and sequence always give the same key. */
    public static String key(String caseRef, String type, int sequence) {
      return caseRef + ":" + type + ":" + sequence;
    }
  }

  /**
   * A document sent with a notification.
   *
   * @param fileName    as the receiver sees it, e.g. {@code CR-2026-000001-letter-before-proceedings-family.pdf}
   * @param contentType its media type, e.g. {@code application/pdf}
   * @param content     the document's bytes as sent
   */
  public record Attachment(String fileName, String contentType, byte[] content) {}

  /** A notification's delivery so far; {@code nextAttemptAt} only while it waits to be sent. */
  public record DeliveryState(String idempotencyKey, Status status, int attempts, Instant nextAttemptAt,
      String lastError) {}

  /** One step in the life of a notification: RECORDED, DELIVERED, RETRY_SCHEDULED, FAILED, ... */
  public record Event(String idempotencyKey, String event, String detail, String actor, Instant at) {}
}
