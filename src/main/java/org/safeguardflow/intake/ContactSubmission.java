package org.safeguardflow.intake;

import java.time.OffsetDateTime;
import org.safeguardflow.children.ChildDetails;

/** The body of {@code POST /api/contacts}: one concern about one child. */
public record ContactSubmission(
    OffsetDateTime receivedAt,
    String source,
    Referrer referrer,
    ChildDetails child,
    String concerns,
    Screening screening) {

  public record Referrer(String name, String organisation, String email) {}

  /** The screening answers the threshold table reads. */
  public record Screening(
      Boolean immediateDanger,
      Boolean significantHarmSuspected,
      Boolean needsMetByUniversalServices,
      Integer agenciesNeeded,
      Boolean familyConsents) {}
}
