package org.safeguardflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.safeguardflow.timescales.WorkingDayCalendar;

/**
 * The pre-submission check against hand-built census records for the year 1 April 2025 to 31 March
 * 2026: a child whose record keeps every rule, and ten children each breaking one rule. The report
 * lists exactly those ten rules, each pointing at the child and the case to correct.
 */
class CensusCheckTest {

  static final LocalDate REFERENCE = LocalDate.of(2026, 3, 31);

  final CensusCheck check = new CensusCheck(new WorkingDayCalendar());

  @Test
  void aChildWhoseRecordKeepsTheRulesIsNotListed() {
    CensusCheck.Report report = check.run(census(child("C1", LocalDate.of(2015, 5, 5), null, "F", new E("CR-2025-000001"))));

    assertThat(report.failures()).isEmpty();
    assertThat(report.summary()).isEqualTo("0 errors, 0 queries");
  }

  /**
   * Found by a newcomer: checked on 30 November, an enquiry started that day was queried for having
   * no conference, measured against a reference date four months away; an assessment started that
   * day likewise for not being authorised.
   */
  @Test
  void midYearTheTimescaleQueriesMeasureToTheDayTheReturnIsMade() {
    LocalDate checkedOn = LocalDate.of(2025, 11, 28);
    CensusReturn.Child newEnquiry = child("C1", LocalDate.of(2014, 1, 1), null, "M",
        new E("CR-2025-000001").s47("2025-11-28", null, false));
    CensusReturn.Child newAssessment = child("C2", LocalDate.of(2014, 1, 1), null, "M",
        new E("CR-2025-000002").unauthorised("2025-11-27"));
    CensusReturn.Child overdueEnquiry = child("C3", LocalDate.of(2014, 1, 1), null, "M",
        new E("CR-2025-000003").s47("2025-10-01", null, false));
    CensusReturn.Child overdueAssessment = child("C4", LocalDate.of(2014, 1, 1), null, "M",
        new E("CR-2025-000004").unauthorised("2025-08-01"));

    CensusCheck.Report report = check.run(new CensusReturn(2026, REFERENCE, "999",
        List.of(newEnquiry, newAssessment, overdueEnquiry, overdueAssessment), checkedOn));

    assertThat(report.failures()).extracting(CensusCheck.Failure::code, CensusCheck.Failure::laChildId)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("8670Q", "C4"),
            org.assertj.core.groups.Tuple.tuple("8675Q", "C3"));
  }

  /**
   * Found by a newcomer: an episode with two assessments returned only the second. Now each is
   * checked on its own, and the rules about the episode's assessments together apply: 8873 only to
   * an episode with one assessment, 8863 to one starting while another is ongoing (the previous
   * one's authorisation day included), 8896 to two open at once.
   */
  @Test
  void everyAssessmentOfAnEpisodeIsCheckedOnItsOwnAndAgainstTheOthers() {
    CensusReturn.Child twoInTurn = child("C1", LocalDate.of(2014, 1, 1), null, "M", new E("CR-2025-000001")
        .factors("21").another("2025-07-02", "2025-08-01", "2C", "3A").closed("2025-08-05", "RC7"));
    CensusReturn.Child secondOnTheAuthorisationDay = child("C2", LocalDate.of(2014, 1, 1), null, "M",
        new E("CR-2025-000002").another("2025-07-01", "2025-07-20", "3A"));
    CensusReturn.Child twoOpen = child("C3", LocalDate.of(2014, 1, 1), null, "M",
        new E("CR-2025-000003").unauthorised("2026-03-02").another("2026-03-02", null));
    CensusReturn.Child secondWithRetiredFactor = child("C4", LocalDate.of(2014, 1, 1), null, "M",
        new E("CR-2025-000004").another("2025-07-02", "2025-08-01", "18A"));

    CensusCheck.Report report = check.run(census(twoInTurn, secondOnTheAuthorisationDay, twoOpen, secondWithRetiredFactor));

    assertThat(report.failures()).extracting(CensusCheck.Failure::code, CensusCheck.Failure::laChildId)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("8863", "C2"),
            org.assertj.core.groups.Tuple.tuple("8863Q", "C2"), org.assertj.core.groups.Tuple.tuple("8896", "C3"),
            org.assertj.core.groups.Tuple.tuple("8945Q", "C4"));
  }

  @Test
  void recordsBreakingTenRulesAreListedExactlyWithTheirChildAndCase() {
    List<CensusReturn.Child> children = new ArrayList<>();
    children.add(child("C1", LocalDate.of(2015, 5, 5), null, "F", new E("CR-2025-000001")));
    // 8530Q: an unborn baby expected in December, the birth never recorded.
    children.add(child("C2", null, LocalDate.of(2025, 12, 1), "U", new E("CR-2025-000002")));
    // 8606: referred in June for a baby expected the March after (more than 40 weeks).
    children.add(child("C3", null, LocalDate.of(2026, 3, 20), "U", new E("CR-2025-000003")));
    // 8750: an unborn child recorded as a girl.
    children.add(child("C4", null, LocalDate.of(2026, 3, 20), "F", new E("CR-2025-000004").referred("2025-09-01")));
    // 2990: an enquiry, no conference needed, then "closed after assessment, no further action".
    children.add(child("C5", LocalDate.of(2014, 1, 1), null, "M", new E("CR-2025-000005")
        .s47("2025-06-02", null, true).closed("2025-08-01", "RC8")));
    // 8873: no factors found, closed as services ceased rather than no further action.
    children.add(child("C6", LocalDate.of(2014, 1, 1), null, "M", new E("CR-2025-000006")
        .factors("21").closed("2025-08-01", "RC7")));
    // 8670Q: an assessment started in October still not authorised on 31 March.
    children.add(child("C7", LocalDate.of(2014, 1, 1), null, "M", new E("CR-2025-000007").unauthorised("2025-10-01")));
    // 8675Q: an enquiry started in January, no conference yet and one is required.
    children.add(child("C8", LocalDate.of(2014, 1, 1), null, "M", new E("CR-2025-000008").s47("2026-01-05", null, false)));
    // 8820: a second episode referred while the first was still open.
    children.add(child("C9", LocalDate.of(2014, 1, 1), null, "M",
        new E("CR-2025-000009").referred("2025-05-01").closed("2025-09-01", "RC7"),
        new E("CR-2025-000010").referred("2025-08-01")));
    // 4012Q: a CIN plan that started and ended on one day.
    children.add(child("C10", LocalDate.of(2014, 1, 1), null, "M", new E("CR-2025-000011")
        .cinPlan("2025-08-01", "2025-08-01").closed("2025-08-01", "RC7")));
    // 8875: the initial conference held on a Saturday, the plan starting that day.
    children.add(child("C11", LocalDate.of(2014, 1, 1), null, "M", new E("CR-2025-000012")
        .s47("2025-06-03", "2025-06-21", false).plan("2025-06-21")));

    CensusCheck.Report report = check.run(census(children.toArray(CensusReturn.Child[]::new)));

    Set<String> codes = new TreeSet<>();
    report.failures().forEach(f -> codes.add(f.code()));
    assertThat(codes).containsExactlyInAnyOrder("8530Q", "8606", "8750", "2990", "8873", "8670Q", "8675Q", "8820",
        "4012Q", "8875");
    assertThat(report.failures()).hasSize(10);
    assertThat(report.errors()).isEqualTo(6);
    assertThat(report.queries()).isEqualTo(4);
    assertThat(report.summary()).isEqualTo("6 errors, 4 queries");
    assertThat(failure(report, "2990")).satisfies(f -> {
      assertThat(f.type()).isEqualTo(CensusRules.Type.ERROR);
      assertThat(f.laChildId()).isEqualTo("C5");
      assertThat(f.caseRef()).isEqualTo("CR-2025-000005");
      assertThat(f.link()).isEqualTo("/audit/#CR-2025-000005");
      assertThat(f.message()).isEqualTo(CensusRules.get("2990").checks());
      assertThat(f.detail()).contains("RC8", "Section47 2025-06-02");
    });
    assertThat(failure(report, "8820").caseRef()).isEqualTo("CR-2025-000010");
    assertThat(failure(report, "8530Q")).satisfies(f -> {
      assertThat(f.type()).isEqualTo(CensusRules.Type.QUERY);
      assertThat(f.laChildId()).isEqualTo("C2");
      assertThat(f.caseRef()).isEqualTo("CR-2025-000002");
    });
    assertThat(failure(report, "8875").detail()).contains("2025-06-21", "SATURDAY");
    assertThat(report.notRecorded()).extracting(CensusRules.Rule::code).contains("8770Q", "2887Q", "8540");
  }

  private static CensusCheck.Failure failure(CensusCheck.Report report, String code) {
    return report.failures().stream().filter(f -> f.code().equals(code)).findFirst().orElseThrow();
  }

  static CensusReturn census(CensusReturn.Child... children) {
    return new CensusReturn(2026, REFERENCE, "999", List.of(children));
  }

  static CensusReturn.Child child(String id, LocalDate born, LocalDate expected, String sex, E... episodes) {
    return new CensusReturn.Child(id, born, expected, sex, "WBRI", List.of(episodes).stream().map(E::build).toList());
  }

  /**
   * One episode as a case records it when nothing goes wrong: referred by a school on Monday 2 June
   * 2025, assessed from the next day and authorised on 1 July with one factor, still open.
   */
  static final class E {
    final String caseRef;
    LocalDate referral = LocalDate.of(2025, 6, 2);
    LocalDate closure;
    String reason;
    LocalDate assessmentStart = LocalDate.of(2025, 6, 3);
    LocalDate authorised = LocalDate.of(2025, 7, 1);
    List<String> factors = List.of("3A");
    final List<CensusReturn.Assessment> later = new ArrayList<>();
    LocalDate cinStart;
    LocalDate cinEnd;
    LocalDate s47Start;
    LocalDate icpc;
    boolean icpcNotRequired;
    LocalDate cppStart;

    E(String caseRef) {
      this.caseRef = caseRef;
    }

    E referred(String date) {
      referral = LocalDate.parse(date);
      assessmentStart = referral.plusDays(1);
      authorised = referral.plusDays(30);
      return this;
    }

    E closed(String date, String reason) {
      closure = LocalDate.parse(date);
      this.reason = reason;
      return this;
    }

    E factors(String... codes) {
      factors = List.of(codes);
      return this;
    }

    /** A further assessment of the episode (authorised null: still open). */
    E another(String started, String authorisedOn, String... codes) {
      later.add(new CensusReturn.Assessment(LocalDate.parse(started), authorisedOn == null ? null : LocalDate.parse(authorisedOn),
          List.of(codes)));
      return this;
    }

    E unauthorised(String started) {
      assessmentStart = LocalDate.parse(started);
      authorised = null;
      factors = List.of();
      return this;
    }

    E s47(String start, String conference, boolean notRequired) {
      s47Start = LocalDate.parse(start);
      icpc = conference == null ? null : LocalDate.parse(conference);
      icpcNotRequired = notRequired;
      return this;
    }

    E cinPlan(String start, String end) {
      cinStart = LocalDate.parse(start);
      cinEnd = end == null ? null : LocalDate.parse(end);
      return this;
    }

    E plan(String start) {
      cppStart = LocalDate.parse(start);
      return this;
    }

    CensusReturn.Episode build() {
      return new CensusReturn.Episode(caseRef, referral, "2A", "N1", closure, reason,
          java.util.stream.Stream.concat(assessmentStart == null ? java.util.stream.Stream.<CensusReturn.Assessment>empty()
              : java.util.stream.Stream.of(new CensusReturn.Assessment(assessmentStart, authorised, factors)), later.stream()).toList(),
          cinStart, cinEnd, s47Start, null, icpc, icpcNotRequired, false, cppStart, null,
          cppStart == null ? null : "NEG", cppStart == null ? null : "NEG", cppStart == null ? null : 0, List.of());
    }
  }
}
