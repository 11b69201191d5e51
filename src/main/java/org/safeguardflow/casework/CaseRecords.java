package org.safeguardflow.casework;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** The case record in our own tables: children, cases and their references. */
@Repository
public class CaseRecords {

  private final JdbcTemplate jdbc;
  private final TransactionTemplate newTransaction;

  public CaseRecords(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.newTransaction = new TransactionTemplate(transactions);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** What a case reference looks like: CR-, the year, -, six digits. The one rule every API checks it by. */
  public static final java.util.regex.Pattern CASE_REF = java.util.regex.Pattern.compile("CR-\\d{4}-\\d{6}");

  /**
   * The next case reference of the year, e.g. {@code CR-2026-000042}. Safe when several requests (on
   * several nodes) take the first number of a new year at once: the year's counter row is started in a
   * transaction of its own, so a clash there (PostgreSQL aborts a transaction on any failed statement)
   * leaves the caller's transaction untouched, and the row lock of the update then numbers them in turn.
   */
  public String nextCaseRef(int year) {
    int updated = jdbc.update("update sf_case_ref_counter set last_number = last_number + 1 where ref_year = ?", year);
    if (updated == 0) {
      startYear(year);
      updated = jdbc.update("update sf_case_ref_counter set last_number = last_number + 1 where ref_year = ?", year);
      if (updated == 0) {
        throw new IllegalStateException("Could not allocate a case reference for " + year);
      }
    }
    Integer number = jdbc.queryForObject("select last_number from sf_case_ref_counter where ref_year = ?", Integer.class, year);
    return format(year, number);
  }

  private void startYear(int year) {
    try {
      newTransaction.executeWithoutResult(status ->
          jdbc.update("insert into sf_case_ref_counter (ref_year, last_number) values (?, 0)", year));
    } catch (DuplicateKeyException anotherRequestStartedTheYear) {
      // Its row serves this request too.
    }
  }

  private static String format(int year, int number) {
    return String.format("CR-%d-%06d", year, number);
  }

  /**
   * Opens a case (an episode) for the child. The database refuses a second open case of one child
   * (constraint {@code sf_case_one_open_episode}, DfE census: no two open or overlapping episodes) with
   * a {@link DuplicateKeyException}.
   */
  public void open(String caseRef, long childId, OffsetDateTime openedAt) {
    jdbc.update("insert into sf_case (case_ref, child_id, open_child_id, status, opened_at) values (?, ?, ?, ?, ?)",
        caseRef, childId, childId, CaseRecord.Status.CONTACT.name(), openedAt);
  }

  public void linkProcess(String caseRef, String processInstanceId) {
    jdbc.update("update sf_case set process_instance_id = ? where case_ref = ?", processInstanceId, caseRef);
  }

  public void acceptAsReferral(String caseRef) {
    jdbc.update("update sf_case set status = ? where case_ref = ?", CaseRecord.Status.REFERRAL.name(), caseRef);
  }

  public void recordReferral(String caseRef, java.time.LocalDate referralDate) {
    jdbc.update("update sf_case set status = ?, referral_date = ? where case_ref = ?",
        CaseRecord.Status.REFERRAL.name(), referralDate, caseRef);
  }

  public void allocate(String caseRef, String team, String worker, OffsetDateTime at) {
    jdbc.update("update sf_case set allocated_team = ?, allocated_worker = ?, allocated_at = ? where case_ref = ?",
        team, worker, at, caseRef);
  }

  /** The team a case is allocated to, or null while it is not (or there is no such case). */
  public String allocatedTeam(String caseRef) {
    return jdbc.queryForList("select allocated_team from sf_case where case_ref = ?", String.class, caseRef).stream()
        .filter(java.util.Objects::nonNull).findFirst().orElse(null);
  }

  /** Closes an episode with its CIN reason for closure (RC1-RC9). */
  public void closeEpisode(String caseRef, String reasonForClosure, java.time.LocalDate closureDate, OffsetDateTime at) {
    jdbc.update("update sf_case set status = ?, closed_at = ?, closure_outcome = ?, closure_reason = ?, open_child_id = null"
            + " where case_ref = ?"
            + " and closed_at is null",
        CaseRecord.Status.CLOSED.name(), at, "CLOSED " + closureDate, reasonForClosure, caseRef);
  }

  /** The open case (episode) of a child, if any: a child has at most one. */
  public Optional<String> openCaseOf(long childId) {
    return jdbc.queryForList("select case_ref from sf_case where child_id = ? and status <> ? order by opened_at",
        String.class, childId, CaseRecord.Status.CLOSED.name()).stream().findFirst();
  }

  /** Every case of a child, oldest first. */
  public List<String> caseRefsOf(long childId) {
    return jdbc.queryForList("select case_ref from sf_case where child_id = ? order by opened_at, case_ref", String.class,
        childId);
  }

  public void close(String caseRef, String outcome, OffsetDateTime closedAt) {
    jdbc.update("update sf_case set status = ?, closed_at = ?, closure_outcome = ?, open_child_id = null"
            + " where case_ref = ? and closed_at is null",
        CaseRecord.Status.CLOSED.name(), closedAt, outcome, caseRef);
  }

  public Optional<CaseRecord> find(String caseRef) {
    return jdbc.query("select * from sf_case where case_ref = ?", CaseRecords::caseRecord, caseRef).stream().findFirst();
  }

  private static CaseRecord caseRecord(ResultSet rs, int row) throws SQLException {
    return new CaseRecord(
        rs.getString("case_ref"),
        rs.getLong("child_id"),
        rs.getString("process_instance_id"),
        CaseRecord.Status.valueOf(rs.getString("status")),
        offset(rs, "opened_at"),
        offset(rs, "closed_at"),
        rs.getString("closure_outcome"));
  }

  /** Reads a timestamp column the same way from H2 and PostgreSQL. */
  public static OffsetDateTime offset(ResultSet rs, String column) throws SQLException {
    Timestamp ts = rs.getTimestamp(column);
    return ts == null ? null : ts.toInstant().atOffset(ZoneOffset.UTC);
  }
}
