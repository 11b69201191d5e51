package org.safeguardflow.children;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Contacts whose child may be a child already known (table {@code sf_possible_match}): recorded on a
 * case of their own until a manager confirms the match (the records are merged) or rejects it.
 */
@Repository
public class PossibleMatches {

  /** OPEN until a manager decides; then CONFIRMED or REJECTED. */
  public enum Status { OPEN, CONFIRMED, REJECTED }

  /** One possible match: the case the contact opened, its child, the candidate, the rule and evidence. */
  public record PossibleMatch(long id, String caseRef, long childId, long candidateChildId, String rule,
      String evidence, Status status) {}

  private final JdbcTemplate jdbc;

  PossibleMatches(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public long record(String caseRef, long childId, ChildRegister.PossibleMatch match, OffsetDateTime at) {
    jdbc.update("insert into sf_possible_match (case_ref, child_id, candidate_child_id, rule, evidence, status, created_at)"
        + " values (?, ?, ?, ?, ?, ?, ?)", caseRef, childId, match.candidateChildId(), match.rule(), match.evidence(),
        Status.OPEN.name(), at);
    return jdbc.queryForObject("select max(id) from sf_possible_match where case_ref = ?", Long.class, caseRef);
  }

  /** The open possible match of a case, if any. */
  public Optional<PossibleMatch> openOn(String caseRef) {
    return jdbc.query("select * from sf_possible_match where case_ref = ? and status = ? order by id",
        (rs, row) -> new PossibleMatch(rs.getLong("id"), rs.getString("case_ref"), rs.getLong("child_id"),
            rs.getLong("candidate_child_id"), rs.getString("rule"), rs.getString("evidence"),
            Status.valueOf(rs.getString("status"))), caseRef, Status.OPEN.name()).stream().findFirst();
  }

  public void decide(long id, Status status, String decidedBy, OffsetDateTime at) {
    jdbc.update("update sf_possible_match set status = ?, decided_by = ?, decided_at = ? where id = ?",
        status.name(), decidedBy, at, id);
  }
}
