package org.safeguardflow.casework.supervision;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.safeguardflow.casework.CaseRecords;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The supervision record on each case file ({@code sf_case_supervision}): what inspectors read as management oversight. */
@Repository
public class CaseSupervisions {

  private final JdbcTemplate jdbc;

  public CaseSupervisions(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void record(Supervision s) {
    jdbc.update("insert into sf_case_supervision (case_ref, supervision_kind, supervision_date, recorded_by,"
            + " discussion, decisions, actions, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
        s.caseRef(), s.kind().name(), s.supervisionDate(), s.recordedBy(), s.discussion(), s.decisions(),
        s.actions(), s.recordedAt());
  }

  public List<Supervision> forCase(String caseRef) {
    return jdbc.query("select * from sf_case_supervision where case_ref = ? order by supervision_date, id",
        (rs, i) -> new Supervision(rs.getString("case_ref"),
            CaseSupervisionProcess.Kind.valueOf(rs.getString("supervision_kind")),
            rs.getObject("supervision_date", LocalDate.class), rs.getString("recorded_by"),
            rs.getString("discussion"), rs.getString("decisions"), rs.getString("actions"),
            CaseRecords.offset(rs, "recorded_at")),
        caseRef);
  }

  /** One supervision; {@code actions} is the JSON array of actions with their due dates. */
  public record Supervision(String caseRef, CaseSupervisionProcess.Kind kind, LocalDate supervisionDate,
      String recordedBy, String discussion, String decisions, String actions, OffsetDateTime recordedAt) {}
}
