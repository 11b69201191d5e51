package org.safeguardflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.safeguardflow.children.ChildDetails;

/**
 * In production ({@code safeguard.intake.allow-test-nhs-numbers} false, the default and the postgres
 * profile) a number no child holds is refused at the door naming the rule; the demo and the tests
 * accept it (it then matches nobody).
 */
class NhsNumberAtTheDoorTest {

  static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

  static ContactSubmission aboutAChildWithNhsNumber(String nhsNumber) {
    return new ContactSubmission(OffsetDateTime.of(2026, 11, 30, 9, 0, 0, 0, ZoneOffset.UTC), "2A",
        new ContactSubmission.Referrer("Ms Patel", "Oak Primary School", null),
        new ChildDetails("Ava", "Brown", LocalDate.of(2021, 5, 6), null, "F", null, nhsNumber),
        "Ava said she is scared to go home.", new ContactSubmission.Screening(false, false, false, 1, true));
  }

  @ParameterizedTest(name = "{0} is refused in production by rule {1}")
  @CsvSource({"9999999999, nhs-number-filler", "0000000000, nhs-number-filler", "9990000018, nhs-number-test-range"})
  void aStandInNumberIsRefusedInProductionNamingTheRule(String nhsNumber, String rule) {
    var errors = new ContactValidator(false).validate(aboutAChildWithNhsNumber(nhsNumber), NOW);
    assertThat(errors).singleElement().satisfies(e -> {
      assertThat(e.field()).isEqualTo("child.nhsNumber");
      assertThat(e.rule()).isEqualTo(rule);
      assertThat(e.message()).contains("leave it out when not known");
    });
    assertThat(new ContactValidator(true).validate(aboutAChildWithNhsNumber(nhsNumber), NOW)).isEmpty();
  }

  @ParameterizedTest(name = "{0} is accepted in production")
  @CsvSource({"4010232137"})
  void aRealNumberIsAccepted(String nhsNumber) {
    assertThat(new ContactValidator(false).validate(aboutAChildWithNhsNumber(nhsNumber), NOW)).isEmpty();
  }
}
