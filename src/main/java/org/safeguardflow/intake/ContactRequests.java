package org.safeguardflow.intake;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.safeguardflow.casework.CaseRecords;
import org.safeguardflow.timescales.StatutoryTimescales;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The first answer to each {@code Idempotency-Key} a sender used on {@code POST /api/contacts}
 * (table {@code sf_contact_request}), so that a partner's system retrying after a timeout is given
 * that answer again instead of recording the contact twice. Keys are the sender's own: the same key
 * from two senders is two requests.
 */
@Repository
class ContactRequests {

  /** What a retry must repeat: the request's fingerprint (SHA-256 of its body) and its answer. */
  record Answered(String requestHash, RecordedContact answer) {}

  private final JdbcTemplate jdbc;

  ContactRequests(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Answered> find(String submittedBy, String key) {
    return jdbc.query("select * from sf_contact_request where submitted_by = ? and idempotency_key = ?",
        (rs, row) -> new Answered(rs.getString("request_hash"), new RecordedContact(rs.getString("case_ref"),
            rs.getString("process_instance_id"),
            CaseRecords.offset(rs, "decision_due_by").atZoneSameInstant(StatutoryTimescales.LONDON).toOffsetDateTime(),
            rs.getBoolean("joined_open_case"))),
        submittedBy, key).stream().findFirst();
  }

  /**
   * Keeps the answer in the transaction that recorded the contact. A simultaneous request with the
   * same key waits here for this one's transaction, then fails on the primary key and, after its
   * rollback, reads this answer.
   */
  void remember(String submittedBy, String key, String requestHash, RecordedContact answer, OffsetDateTime at) {
    jdbc.update("insert into sf_contact_request (submitted_by, idempotency_key, request_hash, case_ref,"
            + " process_instance_id, decision_due_by, joined_open_case, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
        submittedBy, key, requestHash, answer.caseRef(), answer.processInstanceId(), answer.decisionDueBy(),
        answer.joinedOpenCase(), at);
  }
}
