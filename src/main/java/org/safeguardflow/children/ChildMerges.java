package org.safeguardflow.children;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.safeguardflow.casework.CaseRecords;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Two child records found to be one child are merged, with a reason: the cases (episodes, with their
 * contacts and history, which hang on the case) and identity claims of the one move to the other,
 * which stands for the child from then on; census and Annex A, which count children through their
 * cases, count the child once. An unmerge restores both records exactly as they were (cases opened
 * after the merge stay with the child they were opened for). Every merge is kept
 * ({@code sf_child_merge}) and shown on the timeline of the child's cases.
 */
@Service
public class ChildMerges {

  /** A merge as recorded; {@code unmergedAt} is null while it stands. */
  public record Merge(long id, long fromChildId, long intoChildId, String reason, List<String> movedCases,
      String mergedBy, OffsetDateTime mergedAt, String unmergeReason, String unmergedBy, OffsetDateTime unmergedAt) {}

  /** A merge or unmerge the records' state does not allow (HTTP 409); nothing was changed. */
  public static class MergeRefused extends RuntimeException {
    public MergeRefused(String message) {
      super(message);
    }
  }

  private final JdbcTemplate jdbc;
  private final CaseRecords cases;

  ChildMerges(JdbcTemplate jdbc, CaseRecords cases) {
    this.jdbc = jdbc;
    this.cases = cases;
  }

  /**
   * Merges the record {@code from} into {@code into}.
   *
   * @throws MergeRefused one record is already merged, they are the same record, or both children
   *     have an open case (one open episode per child: close or join one first)
   */
  @Transactional
  public Merge merge(long from, long into, String reason, String mergedBy, OffsetDateTime at) {
    if (from == into) {
      throw new MergeRefused("A child record cannot be merged into itself");
    }
    // Both rows locked, lower id first, so that two merges of the same records cannot cross.
    lock(Math.min(from, into));
    lock(Math.max(from, into));
    for (long id : new long[] {from, into}) {
      Long mergedInto = jdbc.queryForObject("select merged_into from sf_child where id = ?", Long.class, id);
      if (mergedInto != null) {
        throw new MergeRefused("The record of " + describe(id) + " is already merged into another record");
      }
    }
    var openFrom = cases.openCaseOf(from);
    var openInto = cases.openCaseOf(into);
    if (openFrom.isPresent() && openInto.isPresent()) {
      throw new MergeRefused("Both children have an open case (" + openFrom.get() + ", " + openInto.get()
          + "): one child has one open episode, so close one case first");
    }
    List<String> movedCases = cases.caseRefsOf(from);
    List<String> movedIdentities = jdbc.queryForList("select identity_key from sf_child_identity where child_id = ?"
        + " order by identity_key", String.class, from);
    jdbc.update("update sf_case set open_child_id = ? where child_id = ? and open_child_id is not null", into, from);
    jdbc.update("update sf_case set child_id = ? where child_id = ?", into, from);
    jdbc.update("update sf_child_identity set child_id = ? where child_id = ?", into, from);
    jdbc.update("update sf_child set merged_into = ? where id = ?", into, from);
    jdbc.update("update sf_possible_match set status = ?, decided_by = ?, decided_at = ? where status = ?"
            + " and ((child_id = ? and candidate_child_id = ?) or (child_id = ? and candidate_child_id = ?))",
        PossibleMatches.Status.CONFIRMED.name(), mergedBy, at, PossibleMatches.Status.OPEN.name(), from, into, into, from);
    jdbc.update("insert into sf_child_merge (from_child_id, into_child_id, reason, moved_cases, moved_identities,"
            + " merged_by, merged_at) values (?, ?, ?, ?, ?, ?, ?)",
        from, into, reason, String.join(",", movedCases), String.join("\n", movedIdentities), mergedBy, at);
    long id = jdbc.queryForObject("select max(id) from sf_child_merge where from_child_id = ? and into_child_id = ?",
        Long.class, from, into);
    return find(id);
  }

  /**
   * Undoes a merge: the cases and identity claims that moved go back to the merged record, which
   * stands alone again.
   *
   * @throws MergeRefused no such merge, it was already undone, or a later merge built on it
   */
  @Transactional
  public Merge unmerge(long mergeId, String reason, String unmergedBy, OffsetDateTime at) {
    Merge merge = jdbc.query("select * from sf_child_merge where id = ?", ChildMerges::mergeRow, mergeId).stream().findFirst()
        .orElseThrow(() -> new MergeRefused("There is no merge " + mergeId));
    lock(Math.min(merge.fromChildId(), merge.intoChildId()));
    lock(Math.max(merge.fromChildId(), merge.intoChildId()));
    Merge current = find(mergeId);
    if (current.unmergedAt() != null) {
      throw new MergeRefused("Merge " + mergeId + " was already undone");
    }
    Long intoMergedInto = jdbc.queryForObject("select merged_into from sf_child where id = ?", Long.class, merge.intoChildId());
    if (intoMergedInto != null) {
      throw new MergeRefused("The record of " + describe(merge.intoChildId())
          + " was merged again since; undo that later merge first");
    }
    List<String> identities = jdbc.queryForObject("select moved_identities from sf_child_merge where id = ?", String.class,
        mergeId).lines().filter(line -> !line.isBlank()).toList();
    for (String caseRef : merge.movedCases()) {
      jdbc.update("update sf_case set child_id = ?, open_child_id = case when open_child_id is null then null else ? end"
          + " where case_ref = ? and child_id = ?", merge.fromChildId(), merge.fromChildId(), caseRef, merge.intoChildId());
    }
    for (String identity : identities) {
      jdbc.update("update sf_child_identity set child_id = ? where identity_key = ? and child_id = ?",
          merge.fromChildId(), identity, merge.intoChildId());
    }
    jdbc.update("update sf_child set merged_into = null where id = ?", merge.fromChildId());
    jdbc.update("update sf_child_merge set unmerge_reason = ?, unmerged_by = ?, unmerged_at = ? where id = ?",
        reason, unmergedBy, at, mergeId);
    return find(mergeId);
  }

  /**
   * Undoes the latest merge still standing that moved this case (the case of the record merged away).
   *
   * @throws MergeRefused no standing merge moved this case
   */
  @Transactional
  public Merge unmergeCase(String caseRef, String reason, String unmergedBy, OffsetDateTime at) {
    Long mergeId = jdbc.queryForList("select id from sf_child_merge where unmerged_at is null"
        + " and (',' || moved_cases || ',') like ? order by id desc", Long.class, "%," + caseRef + ",%").stream()
        .findFirst().orElseThrow(() -> new MergeRefused("No merge still standing moved case " + caseRef));
    return unmerge(mergeId, reason, unmergedBy, at);
  }

  /** Every merge the child of this case took part in, oldest first. */
  public List<Merge> ofCase(String caseRef) {
    return jdbc.query("select m.* from sf_child_merge m join sf_case c on c.child_id in (m.from_child_id, m.into_child_id)"
        + " where c.case_ref = ? order by m.merged_at, m.id", ChildMerges::mergeRow, caseRef);
  }

  public Merge find(long mergeId) {
    return jdbc.queryForObject("select * from sf_child_merge where id = ?", ChildMerges::mergeRow, mergeId);
  }

  /** How a person reads a record in a merge: name, date of birth, sex, NHS number. */
  public String describe(long childId) {
    return jdbc.queryForObject("select first_name, last_name, date_of_birth, expected_date_of_birth, sex, nhs_number"
        + " from sf_child where id = ?", (rs, row) -> rs.getString(1) + " " + rs.getString(2)
        + (rs.getObject(3) != null ? ", born " + rs.getObject(3, java.time.LocalDate.class)
            : ", expected " + rs.getObject(4, java.time.LocalDate.class))
        + ", sex " + rs.getString(5) + (rs.getString(6) == null ? "" : ", NHS number " + rs.getString(6)), childId);
  }

  private void lock(long childId) {
    if (jdbc.queryForList("select id from sf_child where id = ? for update", Long.class, childId).isEmpty()) {
      throw new MergeRefused("There is no child record " + childId);
    }
  }

  private static Merge mergeRow(ResultSet rs, int row) throws SQLException {
    String moved = rs.getString("moved_cases");
    return new Merge(rs.getLong("id"), rs.getLong("from_child_id"), rs.getLong("into_child_id"), rs.getString("reason"),
        moved == null || moved.isBlank() ? List.of() : Arrays.asList(moved.split(",")), rs.getString("merged_by"),
        CaseRecords.offset(rs, "merged_at"), rs.getString("unmerge_reason"), rs.getString("unmerged_by"),
        CaseRecords.offset(rs, "unmerged_at"));
  }
}
