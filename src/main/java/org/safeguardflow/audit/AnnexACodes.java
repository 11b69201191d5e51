package org.safeguardflow.audit;

import java.time.LocalDate;
import java.util.Map;

/** Cell codes of Annex A lists 1-7, as Ofsted's template and inspectors' tools spell them (spec/annex-a/annex-a-codes.yml). */
final class AnnexACodes {

  private AnnexACodes() {}

  private static final Map<String, String> GENDER = Map.of("M", "a) Male", "F", "b) Female", "U", "c) Not stated/recorded");

  private static final Map<String, String> ETHNICITY = Map.ofEntries(
      Map.entry("WBRI", "a) WBRI"), Map.entry("WIRI", "b) WIRI"), Map.entry("WIRT", "c) WIRT"),
      Map.entry("WOTH", "d) WOTH"), Map.entry("WROM", "e) WROM"), Map.entry("MWBC", "f) MWBC"),
      Map.entry("MWBA", "g) MWBA"), Map.entry("MWAS", "h) MWAS"), Map.entry("MOTH", "i) MOTH"),
      Map.entry("AIND", "j) AIND"), Map.entry("APKN", "k) APKN"), Map.entry("ABAN", "l) ABAN"),
      Map.entry("AOTH", "m) AOTH"), Map.entry("BCRB", "n) BCRB"), Map.entry("BAFR", "o) BAFR"),
      Map.entry("BOTH", "p) BOTH"), Map.entry("CHNE", "q) CHNE"), Map.entry("OOTH", "r) OOTH"),
      Map.entry("REFU", "s) REFU"), Map.entry("NOBT", "s) NOBT"));

  /**
   * Contact and referral sources. The 2024 code list has no early help source (5D): an early help
   * team is another internal department of the council, so 5D is reported as 5B.
   */
  private static final Map<String, String> SOURCE = Map.ofEntries(
      Map.entry("1A", "a) 1A: Individual"), Map.entry("1B", "b) 1B: Individual"), Map.entry("1C", "c) 1C: Individual"),
      Map.entry("1D", "d) 1D: Individual"), Map.entry("2A", "e) 2A: Schools"), Map.entry("2B", "f) 2B: Education services"),
      Map.entry("3A", "g) 3A: Health services"), Map.entry("3B", "h) 3B: Health services"),
      Map.entry("3C", "i) 3C: Health services"), Map.entry("3D", "j) 3D: Health services"),
      Map.entry("3E", "k) 3E: Health services"), Map.entry("3F", "l) 3F: Health services"),
      Map.entry("4", "m) 4: Housing"), Map.entry("5A", "n) 5A: LA services"), Map.entry("5B", "o) 5B: LA services"),
      Map.entry("5C", "p) 5C: LA services"), Map.entry("5D", "o) 5B: LA services"), Map.entry("6", "q) 6: Police"),
      Map.entry("7", "r) 7: Other legal agency"), Map.entry("8", "s) 8: Other"), Map.entry("9", "t) 9: Anonymous"),
      Map.entry("10", "u) 10: Unknown"));

  private static final Map<String, String> PRIMARY_NEED = Map.of(
      "N0", "N0 - Not stated", "N1", "N1 - Abuse or neglect", "N2", "N2 - Child's disability",
      "N3", "N3 - Parental disability or illness", "N4", "N4 - Family in acute stress", "N5", "N5 - Family dysfunction",
      "N6", "N6 - Socially unacceptable behaviour", "N7", "N7 - Low income", "N8", "N8 - Absent parenting",
      "N9", "N9 - Cases other than children in need");

  /** RC9 is missing from the 2024 list; it is written the same way as the others. */
  private static final Map<String, String> REASON_FOR_CLOSURE = Map.of(
      "RC1", "RC1 - Adopted", "RC2", "RC2 - Died", "RC3", "RC3 - Child arrangements order",
      "RC4", "RC4 - Special guardianship order", "RC5", "RC5 - Transferred to services of another local authority",
      "RC6", "RC6 - Transferred to adult social care services",
      "RC7", "RC7 - Services ceased for any other reason, including child no longer in need",
      "RC8", "RC8 - Case closed after assessment, no further action",
      "RC9", "RC9 - Case closed after assessment, referred to early help");

  private static final Map<String, String> CATEGORY = Map.of(
      "NEG", "a) Neglect", "PHY", "b) Physical abuse", "SAB", "c) Sexual abuse", "EMO", "d) Emotional abuse",
      "MUL", "e) Multiple/not recommended");

  /** Map.of refuses null keys; a case may not have recorded the code at all. */
  private static String orDefault(Map<String, String> codes, String code, String fallback) {
    return code != null && codes.containsKey(code) ? codes.get(code) : codes.get(fallback);
  }

  static String gender(String sex) {
    return orDefault(GENDER, sex, "U");
  }

  static String ethnicity(String code) {
    return orDefault(ETHNICITY, code, "NOBT");
  }

  static String source(String code) {
    return orDefault(SOURCE, code, "10");
  }

  static String primaryNeed(String code) {
    return code == null ? null : PRIMARY_NEED.get(code);
  }

  static String reasonForClosure(String code) {
    return code == null ? null : REASON_FOR_CLOSURE.get(code);
  }

  static String category(String code) {
    return code == null ? null : CATEGORY.get(code);
  }

  static String yesNo(boolean value) {
    return value ? "a) Yes" : "b) No";
  }

  /** Blank until the assessment is authorised: its outcome is only then settled. */
  static String needsSupport(String assessmentOutcome) {
    if (assessmentOutcome == null) {
      return null;
    }
    return yesNo(!"NFA".equals(assessmentOutcome) && !"EARLY_HELP".equals(assessmentOutcome));
  }

  /** Where the episode stands on the last day of the period. */
  static String caseStatus(Episode e, LocalDate on) {
    if (e.closureDate() != null && !e.closureDate().isAfter(on)) {
      return "e) Closed episode";
    }
    if (open(e.cppStartDate(), e.cppEndDate(), on)) {
      return "b) Child Protection plan";
    }
    if (open(e.cinPlanStartDate(), e.cinPlanEndDate(), on)) {
      return "c) Child in need plan";
    }
    return "d) Open assessment";
  }

  private static boolean open(LocalDate start, LocalDate end, LocalDate on) {
    return start != null && !start.isAfter(on) && (end == null || end.isAfter(on));
  }
}
