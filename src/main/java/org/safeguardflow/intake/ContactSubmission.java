package org.safeguardflow.intake;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** The body of {@code POST /api/contacts}: one concern about one child. */
public record ContactSubmission(
    OffsetDateTime receivedAt,
    String source,
    Referrer referrer,
    Child child,
    String concerns,
    Screening screening) {

  public record Referrer(String name, String organisation, String email) {}

  public record Child(
      String firstName,
      String lastName,
      LocalDate dateOfBirth,
      LocalDate expectedDateOfBirth,
      String sex,
      String ethnicity,
      String nhsNumber) {}

  /** The screening answers the threshold table reads. */
  public record Screening(
      Boolean immediateDanger,
      Boolean significantHarmSuspected,
      Boolean needsMetByUniversalServices,
      Integer agenciesNeeded,
      Boolean familyConsents) {}
}
