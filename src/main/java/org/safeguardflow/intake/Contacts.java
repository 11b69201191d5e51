package org.safeguardflow.intake;

import java.time.OffsetDateTime;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Contacts as received, with the threshold suggestion and the manager's decision beside them. */
@Repository
class Contacts {

  private final JdbcTemplate jdbc;

  Contacts(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  long insert(String caseRef, ContactSubmission c, String submittedBy, OffsetDateTime now) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(con -> {
      var ps = con.prepareStatement(
          "insert into sf_contact (case_ref, received_at, referral_source, referrer_name, referrer_organisation,"
              + " referrer_email, concerns, immediate_danger, significant_harm_suspected,"
              + " needs_met_by_universal_services, agencies_needed, family_consents, submitted_by, created_at)"
              + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          new String[] {"id"});
      int i = 1;
      ps.setString(i++, caseRef);
      ps.setObject(i++, c.receivedAt());
      ps.setString(i++, c.source());
      ps.setString(i++, FrontDoor.referrerName(c));
      ps.setString(i++, c.referrer().organisation());
      ps.setString(i++, c.referrer().email());
      ps.setString(i++, c.concerns());
      ps.setBoolean(i++, c.screening().immediateDanger());
      ps.setBoolean(i++, c.screening().significantHarmSuspected());
      ps.setBoolean(i++, c.screening().needsMetByUniversalServices());
      ps.setInt(i++, c.screening().agenciesNeeded());
      ps.setBoolean(i++, c.screening().familyConsents());
      ps.setString(i++, submittedBy);
      ps.setObject(i, now);
      return ps;
    }, key);
    return key.getKey().longValue();
  }

  /** What the sender of a contact may learn of it: when it arrived, and the decision once made. */
  record Outcome(String caseRef, OffsetDateTime receivedAt, String decision, OffsetDateTime decidedAt) {}

  /**
   * The latest contact this user sent about the case, or empty: whoever else sent one, and whether
   * the case exists at all, is not the sender's to know.
   */
  java.util.Optional<Outcome> outcomeFor(String caseRef, String submittedBy) {
    return jdbc.query("select case_ref, received_at, decision, decided_at from sf_contact"
            + " where case_ref = ? and submitted_by = ? order by received_at desc, id desc",
        (rs, row) -> new Outcome(rs.getString("case_ref"), rs.getObject("received_at", OffsetDateTime.class),
            rs.getString("decision"), rs.getObject("decided_at", OffsetDateTime.class)),
        caseRef, submittedBy).stream().findFirst();
  }

  void recordDecision(long contactId, Integer suggestedLevel, String suggestedRoute, String decision,
      String reason, String decidedBy, OffsetDateTime decidedAt) {
    jdbc.update("update sf_contact set suggested_level_of_need = ?, suggested_route = ?, decision = ?,"
            + " decision_reason = ?, decided_by = ?, decided_at = ? where id = ?",
        suggestedLevel, suggestedRoute, decision, reason, decidedBy, decidedAt, contactId);
  }
}
