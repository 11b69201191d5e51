package org.safeguardflow.timescales;

import java.time.OffsetDateTime;
import java.util.List;
import org.safeguardflow.metrics.OperationsCounters;
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

  /** Records that {@code step} of a case missed its deadline; recording it again changes nothing. */
  public void record(String caseRef, String step, OffsetDateTime dueAt, OffsetDateTime detectedAt) {
    Integer known = jdbc.queryForObject(
        "select count(*) from sf_timescale_breach where case_ref = ? and step = ? and due_at = ?",
        Integer.class, caseRef, step, dueAt);
    if (known == 0) {
      jdbc.update("insert into sf_timescale_breach (case_ref, step, due_at, detected_at) values (?, ?, ?, ?)",
          caseRef, step, dueAt, detectedAt);
      counters.breachRecorded(step);
    }
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
