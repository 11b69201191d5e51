package org.safeguardflow.audit;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.safeguardflow.casework.CaseRecords;
import org.safeguardflow.children.ChildNames;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Finds cases by their reference or by the child's name, for the auditor who starts from either. */
@Repository
class TimelineCaseSearch {

  static final int MAX_RESULTS = 50;

  record CaseFound(String caseRef, String childFirstName, String childLastName, LocalDate childDateOfBirth,
      String status, OffsetDateTime openedAt, OffsetDateTime closedAt, String allocatedTeam, String allocatedWorker) {}

  private final JdbcTemplate jdbc;

  TimelineCaseSearch(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Cases whose reference starts with {@code refPrefix} and whose child has every word of
   * {@code childName} at the start of a part of the first or last name, newest first. Names are
   * compared normalised ({@link ChildNames}: case, accents, apostrophes, hyphens and spacing do not
   * matter, so {@code okafor} finds Grant-Okafor and {@code obrien} O'Brien); a {@code childName} of 10
   * digits (spaces or dashes allowed, as NHS numbers are written) finds the child by NHS number. Either may be
   * null, not both.
   */
  List<CaseFound> find(String refPrefix, String childName) {
    StringBuilder sql = new StringBuilder("select c.case_ref, c.status, c.opened_at, c.closed_at, c.allocated_team,"
        + " c.allocated_worker, ch.first_name, ch.last_name, ch.date_of_birth"
        + " from sf_case c join sf_child ch on ch.id = c.child_id where 1 = 1");
    List<Object> args = new ArrayList<>();
    if (refPrefix != null) {
      sql.append(" and upper(c.case_ref) like ? escape '!'");
      args.add(likePrefix(refPrefix.toUpperCase(Locale.ROOT)));
    }
    if (childName != null && org.safeguardflow.children.NhsNumbers.looksWritten(childName)) {
      sql.append(" and ch.nhs_number = ?");
      args.add(org.safeguardflow.children.NhsNumbers.asWritten(childName));
    } else if (childName != null) {
      List<String> words = ChildNames.queryWords(childName);
      if (words.isEmpty()) {
        return List.of();
      }
      for (String word : words) {
        sql.append(" and ch.search_terms like ? escape '!'");
        args.add("% " + likePrefix(word));
      }
    }
    sql.append(" order by c.opened_at desc, c.case_ref desc fetch first " + MAX_RESULTS + " rows only");
    return jdbc.query(sql.toString(), (rs, i) -> new CaseFound(rs.getString("case_ref"), rs.getString("first_name"),
        rs.getString("last_name"), rs.getObject("date_of_birth", LocalDate.class), rs.getString("status"),
        CaseRecords.offset(rs, "opened_at"), CaseRecords.offset(rs, "closed_at"), rs.getString("allocated_team"),
        rs.getString("allocated_worker")), args.toArray());
  }

  boolean exists(String caseRef) {
    return jdbc.queryForObject("select count(*) from sf_case where case_ref = ?", Integer.class, caseRef) > 0;
  }

  /** A name such as "O'Neil_100%" is searched for as written, not as LIKE wildcards. */
  private static String likePrefix(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
  }
}
