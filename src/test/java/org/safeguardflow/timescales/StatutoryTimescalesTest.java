package org.safeguardflow.timescales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.safeguardflow.support.SafeguardFlowTest;
import org.springframework.beans.factory.annotation.Autowired;

/** Deadlines from the statutory timescales table, with the rule "end of the Nth working day after". */
@SafeguardFlowTest
class StatutoryTimescalesTest {

  @Autowired StatutoryTimescales timescales;
  @Autowired HistoryService history;
  @Autowired DecisionService decisions;
  @Autowired RepositoryService repository;

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

  @Test
  void aDeadlineAskedAgainIsTheTablesKeptAnswerNotAFreshEvaluation() {
    // Every task's deadline, reminder and escalation asked for the same row: both tables were
    // evaluated each time, writing decision history (bench/RESULTS.md: 42 % of deciding a contact).
    timescales.dueDate("SINGLE_ASSESSMENT", "2026-04-02");
    long evaluations = history.createHistoricDecisionInstanceQuery().count();

    assertThat(timescales.dueDate("SINGLE_ASSESSMENT", "2026-04-02")).isEqualTo(at("2026-06-10T23:59:59+01:00"));
    assertThat(timescales.reminderDate("SINGLE_ASSESSMENT", "2026-04-02")).isNotNull();
    assertThat(timescales.edition("2026-04-02")).isEqualTo("WT2023");

    assertThat(history.createHistoricDecisionInstanceQuery().count()).isEqualTo(evaluations);
  }

  @Test
  void everyKeptAnswerIsTheTablesOwnForEveryStepAndEdition() {
    for (String referralDate : List.of("2013-04-12", "2013-04-15", "2015-03-26", "2018-07-04", "2023-12-15", "2026-11-22")) {
      for (Step step : Step.values()) {
        for (int asked = 0; asked < 2; asked++) { // the first answer evaluates, the second is kept
          assertThat(outcome(() -> timescales.timescale(step.name(), referralDate)))
              .as("%s on %s, asked %d times", step, referralDate, asked + 1)
              .isEqualTo(outcome(() -> freshEvaluation(step.name(), referralDate)));
        }
      }
    }
  }

  @Test
  void aTableAProcessOwnerDeploysAppliesToTheNextDeadlineAndGoesWithItsDeployment() throws Exception {
    String contactOnThursday = "2026-04-16T10:15:00+01:00";
    assertThat(timescales.dueDate("CONTACT_DECISION", contactOnThursday)).isEqualTo(at("2026-04-17T23:59:59+01:00"));

    String table = Files.readString(Path.of("bpmn/statutory-timescales.dmn")).replace(
        "<outputEntry id=\"OutputEntry_CONTACT_DECISION_Amount\"><text>1</text>",
        "<outputEntry id=\"OutputEntry_CONTACT_DECISION_Amount\"><text>3</text>");
    String deployment = repository.createDeployment().name("contact-decision-in-three-days")
        .addString("statutory-timescales.dmn", table).deploy().getId();
    try {
      assertThat(timescales.dueDate("CONTACT_DECISION", contactOnThursday)).isEqualTo(at("2026-04-21T23:59:59+01:00"));
    } finally {
      repository.deleteDeployment(deployment, true);
    }
    assertThat(timescales.dueDate("CONTACT_DECISION", contactOnThursday)).isEqualTo(at("2026-04-17T23:59:59+01:00"));
  }

  /** What the latest tables answer when evaluated now, the way the engine evaluates them by key. */
  private Timescale freshEvaluation(String step, String referralDate) {
    String edition = decisions.evaluateDecisionByKey(StatutoryTimescales.EDITION_DECISION)
        .variables(Variables.putValue("referralDate", StatutoryTimescales.londonDate(referralDate)))
        .evaluate().getSingleEntry();
    DmnDecisionResult result = decisions.evaluateDecisionByKey(StatutoryTimescales.TIMESCALE_DECISION)
        .variables(Variables.putValue("step", step).putValue("edition", edition)).evaluate();
    if (result.isEmpty()) {
      throw new TimescaleNotDefinedException("no row");
    }
    DmnDecisionResultEntries row = result.getSingleResult();
    return new Timescale(step, edition, ((Number) row.getEntry("amount")).intValue(),
        Timescale.Unit.valueOf(row.getEntry("unit")), ((Number) row.getEntry("reminderWorkingDaysBefore")).intValue());
  }

  /** The timescale, or the kind of error the table gives. */
  private static Object outcome(java.util.function.Supplier<Timescale> ask) {
    try {
      return ask.get();
    } catch (TimescaleNotDefinedException undefined) {
      return TimescaleNotDefinedException.class;
    }
  }

  static Date at(String isoDateTime) {
    return Date.from(OffsetDateTime.parse(isoDateTime).toInstant());
  }
}
