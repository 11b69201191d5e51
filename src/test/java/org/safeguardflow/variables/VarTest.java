package org.safeguardflow.variables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

/** What a handle stores and reads back: storage stays as forms, BPMN and history know it. */
class VarTest {

  enum Outcome { NFA, CIN_PLAN }

  static final Var<LocalDate> REFERRAL_DATE = Var.isoDate("referralDate");
  static final Var<Date> DEADLINE = Var.moment("deadline");
  static final Var<Outcome> OUTCOME = Var.code("assessmentOutcome", Outcome.class);
  static final Var<Integer> COUNT = Var.integer("reviewCount");
  static final Var<Long> CONTACT_ID = Var.id("contactId");
  static final Var<List<String>> INVITEES = Var.list("strategyInvitees", String.class);
  static final Var<Boolean> SEEN_ALONE = Var.yesNo("assessmentChildSeenAlone");

  @Test
  void aDateThePractitionerEntersIsStoredAsIsoTextAndReadAsALocalDate() {
    Map<String, Object> stored = REFERRAL_DATE.put(new HashMap<>(), LocalDate.of(2026, 3, 4));

    assertThat(stored).containsEntry("referralDate", "2026-03-04");
    assertThat(REFERRAL_DATE.from(stored)).isEqualTo(LocalDate.of(2026, 3, 4));
  }

  @Test
  void aDateStoredByTheEngineAsAMomentIsReadAsItsDayInEngland() {
    // 23:30 UTC on 31 March 2026 is already 1 April in London (British Summer Time)
    Date late = Date.from(Instant.parse("2026-03-31T23:30:00Z"));

    assertThat(REFERRAL_DATE.decode(late)).isEqualTo(LocalDate.of(2026, 4, 1));
  }

  @Test
  void aDeadlineStaysADate() {
    Date due = Date.from(Instant.parse("2026-04-20T17:00:00Z"));

    assertThat(DEADLINE.encode(due)).isSameAs(due);
    assertThat(DEADLINE.decode(due)).isSameAs(due);
  }

  @Test
  void anOutcomeIsStoredAsItsCodeForGatewaysAndForms() {
    assertThat(OUTCOME.encode(Outcome.CIN_PLAN)).isEqualTo("CIN_PLAN");
    assertThat(OUTCOME.decode("NFA")).isEqualTo(Outcome.NFA);
    assertThat(OUTCOME.decode("")).isNull();
  }

  @Test
  void listsAndNumbersAreStoredAsTheyAre() {
    assertThat(INVITEES.encode(List.of("police", "health"))).isEqualTo(List.of("police", "health"));
    assertThat(INVITEES.decode(List.of("police"))).containsExactly("police");
    assertThat(COUNT.decode(3)).isEqualTo(3);
    assertThat(CONTACT_ID.decode(42)).isEqualTo(42L);
    assertThat(CONTACT_ID.decode(42L)).isEqualTo(42L);
  }

  @Test
  void anAbsentValueIsNullAndARequiredOneNamesTheVariable() {
    assertThat(SEEN_ALONE.from(Variables.createVariables())).isNull();
    assertThat(REFERRAL_DATE.decode(null)).isNull();
    assertThat(REFERRAL_DATE.encode(null)).isNull();
  }

  @Test
  void aValueOfTheWrongTypeIsRefusedNamingTheVariableAndTypesButNotTheValue() {
    assertThatThrownBy(() -> REFERRAL_DATE.decode(20260304L))
        .isInstanceOf(VariableTypeException.class)
        .hasMessage("process variable 'referralDate' should hold ISO date text (yyyy-MM-dd) but holds a Long");
    assertThatThrownBy(() -> REFERRAL_DATE.decode("4 March 2026"))
        .isInstanceOf(VariableTypeException.class)
        .hasMessageContaining("'referralDate'")
        .hasMessageNotContaining("March");
    assertThatThrownBy(() -> OUTCOME.decode("MAYBE"))
        .hasMessage("process variable 'assessmentOutcome' should hold text naming a Outcome but holds a String");
    assertThatThrownBy(() -> SEEN_ALONE.decode("yes"))
        .hasMessage("process variable 'assessmentChildSeenAlone' should hold Boolean but holds a String");
    assertThatThrownBy(() -> INVITEES.decode(List.of("police", 7)))
        .hasMessageContaining("'strategyInvitees'");
    assertThatThrownBy(() -> COUNT.decode("3")).hasMessageContaining("'reviewCount'");
  }
}
