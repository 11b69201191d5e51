package org.safeguardflow.timescales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.safeguardflow.support.SafeguardFlowTest;
import org.springframework.beans.factory.annotation.Autowired;

/** Deadlines from the statutory timescales table, with the rule "end of the Nth working day after". */
@SafeguardFlowTest
class StatutoryTimescalesTest {

  @Autowired StatutoryTimescales timescales;

  @Test
  void aContactReceivedTheThursdayBeforeEaster2026IsDueByTheEndOfTuesday() {
    assertThat(timescales.dueDate("CONTACT_DECISION", "2026-04-02T10:15:00+01:00"))
        .isEqualTo(at("2026-04-07T23:59:59+01:00"));
    assertThat(timescales.reminderDate("CONTACT_DECISION", "2026-04-02T10:15:00+01:00"))
        .isEqualTo(at("2026-04-07T09:00:00+01:00"));
  }

  @Test
  void theDayIsTheDayInEnglandNotInUtc() {
    // 23:30 UTC on Sunday 29 March 2026 is already Monday 30 March in London (BST).
    assertThat(timescales.dueDate("CONTACT_DECISION", "2026-03-29T23:30:00Z"))
        .isEqualTo(at("2026-03-31T23:59:59+01:00"));
  }

  @ParameterizedTest(name = "referral on {0} falls under {1}")
  @CsvSource({
      "2013-04-14, WT2010",
      "2013-04-15, WT2013",
      "2015-03-26, WT2015",
      "2018-07-04, WT2018",
      "2023-12-14, WT2018",
      "2023-12-15, WT2023",
      "2026-11-22, WT2023"
  })
  void theEditionOfWorkingTogetherFollowsTheReferralDate(String referralDate, String edition) {
    assertThat(timescales.edition(referralDate)).isEqualTo(edition);
  }

  @Test
  void assessmentsFollowTheRulesOfTheirEdition() {
    // Before 15 April 2013: initial assessment in 7 working days; afterwards the single assessment in 45.
    assertThat(timescales.dueDate("INITIAL_ASSESSMENT", "2013-04-12")).isEqualTo(at("2013-04-23T23:59:59+01:00"));
    assertThat(timescales.dueDate("SINGLE_ASSESSMENT", "2026-04-02")).isEqualTo(at("2026-06-10T23:59:59+01:00"));
    assertThatThrownBy(() -> timescales.dueDate("SINGLE_ASSESSMENT", "2013-04-12"))
        .isInstanceOf(TimescaleNotDefinedException.class)
        .hasMessageContaining("SINGLE_ASSESSMENT under WT2010");
    assertThatThrownBy(() -> timescales.dueDate("INITIAL_ASSESSMENT", "2013-04-15"))
        .hasMessageContaining("INITIAL_ASSESSMENT under WT2013");
  }

  @Test
  void reviewConferencesCountCalendarMonthsAndProceedingsTwentySixWeeks() {
    assertThat(timescales.dueDate("FIRST_REVIEW_CPC", "2026-01-15")).isEqualTo(at("2026-04-15T23:59:59+01:00"));
    assertThat(timescales.dueDate("CARE_PROCEEDINGS", "2026-01-05")).isEqualTo(at("2026-07-06T23:59:59+01:00"));
  }

  @Test
  void anUnknownStepIsAClearErrorNotADefault() {
    assertThatThrownBy(() -> timescales.dueDate("TEA_BREAK", "2026-04-02"))
        .isInstanceOf(TimescaleNotDefinedException.class)
        .hasMessageContaining("no row for step TEA_BREAK");
  }

  static Date at(String isoDateTime) {
    return Date.from(OffsetDateTime.parse(isoDateTime).toInstant());
  }
}
