package org.safeguardflow.casework;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DataAccessException;
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
  /** Years whose sequence this node has seen; a sequence, once made, is never dropped. */
  private final java.util.Set<Integer> yearsStarted = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile Boolean postgres;

  public CaseRecords(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.newTransaction = new TransactionTemplate(transactions);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** What a case reference looks like: CR-, the year, -, six digits. The one rule every API checks it by. */
  public static final java.util.regex.Pattern CASE_REF = java.util.regex.Pattern.compile("CR-\\d{4}-\\d{6}");

  /**
   * The next case reference of the year, e.g. {@code CR-2026-000042}, from the year's database sequence
   * ({@code sf_case_ref_2026}). A sequence hands out numbers without a lock held to the end of the
   * caller's transaction, so contacts recorded at once are not numbered one after another (a counter
   * row updated inside the contact's transaction serialised every contact: bench/RESULTS.md). Numbers
   * are unique on every node; a contact whose transaction rolls back leaves a gap, which nothing reads
   * as meaning. The year's sequence is created on its first contact, in a transaction of its own, so
   * that two nodes starting the same year at once leave the callers' transactions untouched.
   *
   * @param year the calendar year (Europe/London) in which the contact was recorded
   * @throws IllegalStateException if the year's sequence can be neither found nor created
   */
  public String nextCaseRef(int year) {
    if (!yearsStarted.contains(year)) {
      startYear(year);
      yearsStarted.add(year);
    }
    Long number = jdbc.queryForObject(postgres() ? "select nextval('" + sequenceOf(year) + "')"
        : "select next value for " + sequenceOf(year), Long.class);
    return format(year, number.intValue());
  }

  /** The sequence of the year's case numbers; the year is a number, so the name is safe to write into SQL. */
  public static String sequenceOf(int year) {
    return "sf_case_ref_" + year;
  }

  private void startYear(int year) {
    if (sequenceExists(year)) {
      return;
    }
    try {
      newTransaction.executeWithoutResult(status ->
          jdbc.execute("create sequence if not exists " + sequenceOf(year) + " start with 1"));
    } catch (DataAccessException anotherNodeStartedTheYear) {
      // PostgreSQL may refuse the second of two simultaneous creations; the first one's sequence serves.
      if (!sequenceExists(year)) {
        throw new IllegalStateException("Could not start the case references of " + year, anotherNodeStartedTheYear);
      }
    }
  }

  private boolean sequenceExists(int year) {
    return jdbc.queryForObject("select count(*) from information_schema.sequences where lower(sequence_name) = ?",
        Integer.class, sequenceOf(year)) > 0;
  }

  private boolean postgres() {
    Boolean known = postgres;
    if (known == null) {
      known = jdbc.execute((java.sql.Connection c) ->
          c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres"));
      postgres = known;
    }
    return known;
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

  /** The social worker a case is allocated to (their user id), or null while it is not (or there is no such case). */
  public String allocatedWorker(String caseRef) {
    return jdbc.queryForList("select allocated_worker from sf_case where case_ref = ?", String.class, caseRef).stream()
        .filter(java.util.Objects::nonNull).findFirst().orElse(null);
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
