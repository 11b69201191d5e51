package org.safeguardflow.timescales;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import org.safeguardflow.metrics.OperationsCounters;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The record of missed statutory deadlines and the reasons given for them. */
@Repository
public class TimescaleBreaches {

  private final JdbcTemplate jdbc;
  private final OperationsCounters counters;

  public TimescaleBreaches(JdbcTemplate jdbc, OperationsCounters counters) {
    this.jdbc = jdbc;
    this.counters = counters;
  }

  /**
   * Records that {@code step} of a case missed its deadline; recording it again changes nothing.
   *
   * <p>The database decides, not only the read before the write: the deadline timer and the person
   * completing the step late (who records the breach with their reason) can do it at the same moment
   * (seen when a node restarted after a crash ran the deadlines due meanwhile while managers decided
   * those contacts), and both read "not there yet". The unique key {@code sf_timescale_breach_once}
   * makes the second writer wait for the first; once the first commits, the second writes nothing and
   * carries on (a person's completion is not refused for it). PostgreSQL aborts a whole transaction on
   * a failed statement, so there the insert itself skips a known breach ({@code on conflict do
   * nothing}); H2 undoes only the failed statement, so there the duplicate-key refusal is the answer.
   */
  public void record(String caseRef, String step, OffsetDateTime dueAt, OffsetDateTime detectedAt) {
    Integer known = jdbc.queryForObject(
        "select count(*) from sf_timescale_breach where case_ref = ? and step = ? and due_at = ?",
        Integer.class, caseRef, step, dueAt);
    if (known > 0) {
      return;
    }
    String insert = "insert into sf_timescale_breach (case_ref, step, due_at, detected_at) values (?, ?, ?, ?)";
    int written;
    if (postgres()) {
      written = jdbc.update(insert + " on conflict (case_ref, step, due_at) do nothing", caseRef, step, dueAt, detectedAt);
    } else {
      try {
        written = jdbc.update(insert, caseRef, step, dueAt, detectedAt);
      } catch (DuplicateKeyException recordedMeanwhile) {
        written = 0;
      }
    }
    if (written == 1) {
      counters.breachRecorded(step);
    }
  }

  private Boolean postgres;

  private boolean postgres() {
    if (postgres == null) {
      postgres = jdbc.execute((ConnectionCallback<Boolean>) connection ->
          connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres"));
    }
    return postgres;
  }

  /** The reason a step was late, from the person who completed it late. */
  public void explain(String caseRef, String step, OffsetDateTime dueAt, String reason, String by, OffsetDateTime at) {
    record(caseRef, step, dueAt, at);
    jdbc.update("update sf_timescale_breach set reason = ?, explained_by = ?, explained_at = ?"
            + " where case_ref = ? and step = ? and due_at = ?",
        reason, by, at, caseRef, step, dueAt);
  }

  public List<Breach> forCase(String caseRef) {
    return jdbc.query("select * from sf_timescale_breach where case_ref = ? order by due_at, id",
        (rs, i) -> new Breach(rs.getString("case_ref"), rs.getString("step"),
            rs.getTimestamp("due_at").toInstant(), rs.getTimestamp("detected_at").toInstant(),
            rs.getString("reason"), rs.getString("explained_by")),
        caseRef);
  }

  public record Breach(String caseRef, String step, java.time.Instant dueAt, java.time.Instant detectedAt,
      String reason, String explainedBy) {}
}
