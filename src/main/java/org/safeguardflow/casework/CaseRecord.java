package org.safeguardflow.casework;

import java.time.OffsetDateTime;

/** A case (episode) as our own tables hold it. */
public record CaseRecord(
    String caseRef,
    long childId,
    String processInstanceId,
    CaseRecord.Status status,
    OffsetDateTime openedAt,
    OffsetDateTime closedAt,
    String closureOutcome) {

  public enum Status {
    /** At the front door, waiting for a decision. */
    CONTACT,
    /** Accepted as a referral and handed on to the referral pathway. */
    REFERRAL,
    CLOSED
  }
}
