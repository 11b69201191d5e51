package org.safeguardflow.casework.family;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The family network of each case ({@code sf_family_member}), kept whole: a worker records the list
 * (Tasklist's "Record the family network", or {@code PUT /api/cases/{caseRef}/family-network}) and it
 * replaces the one before. Conference invitations (notify.InviteToConference) and letters before
 * proceedings go to the people it says hold parental responsibility.
 */
@Repository
public class FamilyNetwork {

  private static final RowMapper<FamilyMember> MEMBER = (rs, i) -> new FamilyMember(rs.getString("name"),
      Relationship.valueOf(rs.getString("relationship")), rs.getString("relationship_detail"),
      rs.getBoolean("parental_responsibility"), rs.getBoolean("lives_with_child"), rs.getString("email"),
      rs.getString("phone"), rs.getString("address"), rs.getBoolean("took_part_in_assessment"),
      rs.getBoolean("took_part_in_plan"));

  private final JdbcTemplate jdbc;

  public FamilyNetwork(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The people around the child of this case, in the order the worker listed them; empty when none is recorded. */
  public List<FamilyMember> of(String caseRef) {
    return jdbc.query("select * from sf_family_member where case_ref = ? order by position", MEMBER, caseRef);
  }

  /**
   * Those who hold parental responsibility, whether or not they live with the child (a father living
   * elsewhere is invited and written to like a mother at home): Working Together 2023, 2.2 and 4.
   */
  public List<FamilyMember> withParentalResponsibility(String caseRef) {
    return of(caseRef).stream().filter(FamilyMember::parentalResponsibility).toList();
  }

  /**
   * Replaces the case's network with this list. Two workers saving at once are put in turn by the lock
   * on the case's row, so one whole list wins (the unique place of each member backs that up); a case
   * that does not exist is refused with {@link IllegalArgumentException}.
   */
  @Transactional
  public void replace(String caseRef, List<FamilyMember> members, String recordedBy, OffsetDateTime at) {
    List<String> found = jdbc.queryForList("select case_ref from sf_case where case_ref = ? for update", String.class, caseRef);
    if (found.isEmpty()) {
      throw new IllegalArgumentException("No case " + caseRef);
    }
    jdbc.update("delete from sf_family_member where case_ref = ?", caseRef);
    int position = 1;
    for (FamilyMember m : members) {
      jdbc.update("insert into sf_family_member (case_ref, position, name, relationship, relationship_detail,"
              + " parental_responsibility, lives_with_child, email, phone, address, took_part_in_assessment,"
              + " took_part_in_plan, recorded_by, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          caseRef, position++, m.name(), m.relationship().name(), m.relationshipDetail(), m.parentalResponsibility(),
          m.livesWithChild(), m.email(), m.phone(), m.address(), m.tookPartInAssessment(), m.tookPartInPlan(),
          recordedBy == null ? "system" : recordedBy, at);
    }
  }

  /**
   * A person whose own views the single assessment records: their name as written there, who they are
   * to the child in the network's terms (with {@code relationshipDetail} for {@link Relationship#OTHER}),
   * and whether they live with the child.
   */
  public record AssessedPerson(String name, Relationship relationship, String relationshipDetail, boolean livesWithChild) {}

  /**
   * Makes the network agree with a single assessment just sent to the manager: the network's "took part
   * in the assessment" is set from it. Each parent or carer of the network ({@link Relationship#parentOrCarer})
   * took part exactly when the assessment records their views (names matched as {@link FamilyMember#sameName});
   * a grandparent, brother, sister or other relative named there took part too, and the wider family the
   * assessment does not name keep what the worker recorded (their part is in its wider-family domain).
   * Someone whose views are recorded but who is not in the network is added to it, so the people around
   * the child are one list: a mother holds parental responsibility by law (Children Act 1989 s2(1), (2)(b))
   * and is added with it; anyone else is added without it until the worker records otherwise (a father
   * holds it only by marriage, registration, agreement or order: s4), so nobody is written to on a guess.
   *
   * @return the network as it now stands
   */
  @Transactional
  public List<FamilyMember> recordWhoTookPartInAssessment(String caseRef, List<AssessedPerson> assessed, String recordedBy,
      OffsetDateTime at) {
    List<FamilyMember> members = new java.util.ArrayList<>();
    for (FamilyMember m : of(caseRef)) {
      boolean named = assessed.stream().anyMatch(p -> FamilyMember.sameName(p.name(), m.name()));
      boolean tookPart = m.parentOrCarer() ? named : m.tookPartInAssessment() || named;
      members.add(new FamilyMember(m.name(), m.relationship(), m.relationshipDetail(), m.parentalResponsibility(),
          m.livesWithChild(), m.email(), m.phone(), m.address(), tookPart, m.tookPartInPlan()));
    }
    for (AssessedPerson p : assessed) {
      boolean known = members.stream().anyMatch(m -> FamilyMember.sameName(m.name(), p.name()));
      // A name longer than the network keeps (200 characters) stays in the assessment only.
      if (!known && p.name() != null && !p.name().isBlank() && members.size() < FamilyMember.MAX_MEMBERS
          && p.name().strip().codePointCount(0, p.name().strip().length()) <= FamilyMember.MAX_NAME) {
        members.add(new FamilyMember(p.name().strip(), p.relationship(), p.relationshipDetail(),
            p.relationship() == Relationship.MOTHER, p.livesWithChild(), null, null, null, true, false));
      }
    }
    replace(caseRef, members, recordedBy, at);
    return members;
  }

  /** A member as the form's list and the API show it: the same field names {@link FamilyMember#from} reads. */
  public static Map<String, Object> fields(FamilyMember m) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("name", m.name());
    fields.put("relationship", m.relationship().name());
    fields.put("relationshipDetail", m.relationshipDetail());
    fields.put("parentalResponsibility", m.parentalResponsibility());
    fields.put("livesWithChild", m.livesWithChild());
    fields.put("email", m.email());
    fields.put("phone", m.phone());
    fields.put("address", m.address());
    fields.put("tookPartInAssessment", m.tookPartInAssessment());
    fields.put("tookPartInPlan", m.tookPartInPlan());
    return fields;
  }
}
