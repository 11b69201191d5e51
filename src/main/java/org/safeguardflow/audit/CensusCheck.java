package org.safeguardflow.audit;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.safeguardflow.casework.AssessmentFactors;
import org.safeguardflow.casework.CinCodes;
import org.safeguardflow.timescales.WorkingDayCalendar;
import org.springframework.stereotype.Component;

/**
 * The pre-submission check: runs the DfE CIN census validation rules over what the census for a
 * year would contain ({@link CensusReturn}) and lists each failure with its rule code, type (error or
 * query), the catalogue's message ({@link CensusRules}), the child, the case and a link to the case on
 * the audit page. Working days are England and Wales working days ({@link WorkingDayCalendar}).
 *
 * <p>Each check is our own reading of the rule; a rule that needs an item this system does not
 * record (UPN, disability, date of death) has no check and is listed as not recorded.
 */
@Component
public class CensusCheck {

  /**
   * One failure of one rule.
   *
   * @param laChildId the census LAchildID, or null for a rule checked over the whole return
   * @param caseRef the case the failure is in, or null for a child-level or return-level rule
   * @param link the audit page's link to the case, or null
   * @param detail the items that break the rule, as the census holds them
   */
  public record Failure(String code, CensusRules.Type type, String message, String laChildId, String caseRef, String link,
      String detail) {}

  /** What the check found in the return for {@code year}. */
  public record Report(int year, long errors, long queries, List<Failure> failures, List<CensusRules.Rule> notRecorded) {

    /** The warning the census export carries, e.g. "3 errors, 12 queries". */
    public String summary() {
      return errors + (errors == 1 ? " error, " : " errors, ") + queries + (queries == 1 ? " query" : " queries");
    }
  }

  /** The audit page opens a case from its fragment. */
  static final String CASE_LINK = "/audit/#";

  private static final Pattern ALPHANUMERIC = Pattern.compile("^[A-Za-z0-9]+$");
  private static final Set<String> CATEGORIES = Set.of("NEG", "PHY", "SAB", "EMO", "MUL");

  @FunctionalInterface
  interface Rule {
    void check(CensusReturn census, Hits hits);
  }

  private final WorkingDayCalendar calendar;
  private final Map<String, Rule> checks = new LinkedHashMap<>();

  CensusCheck(WorkingDayCalendar calendar) {
    this.calendar = calendar;
    define();
  }

  /** The codes of the rules this check implements. */
  Set<String> implemented() {
    return checks.keySet();
  }

  /** Runs every implemented rule over the return. */
  public Report run(CensusReturn census) {
    List<Failure> failures = new ArrayList<>();
    for (Map.Entry<String, Rule> check : checks.entrySet()) {
      check.getValue().check(census, new Hits(CensusRules.get(check.getKey()), failures));
    }
    failures.sort(Comparator.comparing((Failure f) -> f.type()).thenComparing(Failure::code)
        .thenComparing(f -> Objects.toString(f.laChildId(), "")).thenComparing(f -> Objects.toString(f.caseRef(), "")));
    long errors = failures.stream().filter(f -> f.type() == CensusRules.Type.ERROR).count();
    List<CensusRules.Rule> notRecorded = CensusRules.all().stream()
        .filter(r -> r.keeping() == CensusRules.Keeping.NOT_RECORDED).toList();
    return new Report(census.year(), errors, failures.size() - errors, List.copyOf(failures), notRecorded);
  }

  /** Collects the failures of one rule. */
  static final class Hits {
    private final CensusRules.Rule rule;
    private final List<Failure> out;

    Hits(CensusRules.Rule rule, List<Failure> out) {
      this.rule = rule;
      this.out = out;
    }

    /** A failure of the child's own items, pointed at the child's latest case (where they are corrected). */
    void child(CensusReturn.Child child, String detail) {
      String caseRef = child.episodes().isEmpty() ? null : child.episodes().get(child.episodes().size() - 1).caseRef();
      out.add(new Failure(rule.code(), rule.type(), rule.checks(), child.laChildId(), caseRef,
          caseRef == null ? null : CASE_LINK + caseRef, detail));
    }

    void episode(CensusReturn.Child child, CensusReturn.Episode episode, String detail) {
      out.add(new Failure(rule.code(), rule.type(), rule.checks(), child.laChildId(), episode.caseRef(),
          episode.caseRef() == null ? null : CASE_LINK + episode.caseRef(), detail));
    }

    void wholeReturn(String detail) {
      out.add(new Failure(rule.code(), rule.type(), rule.checks(), null, null, null, detail));
    }
  }

  /** A check of each episode on its own. */
  private interface EpisodeRule {
    String broken(CensusReturn census, CensusReturn.Child child, CensusReturn.Episode e);
  }

  private void episodes(String code, EpisodeRule rule) {
    checks.put(code, (census, hits) -> {
      for (CensusReturn.Child child : census.children()) {
        for (CensusReturn.Episode e : child.episodes()) {
          String broken = rule.broken(census, child, e);
          if (broken != null) {
            hits.episode(child, e, broken);
          }
        }
      }
    });
  }

  /** A check of each assessment of each episode on its own. */
  private interface AssessmentRule {
    String broken(CensusReturn census, CensusReturn.Episode e, CensusReturn.Assessment a);
  }

  private void assessments(String code, AssessmentRule rule) {
    episodes(code, (census, c, e) -> {
      List<String> broken = new ArrayList<>();
      for (CensusReturn.Assessment a : e.assessments()) {
        String one = rule.broken(census, e, a);
        if (one != null) {
          broken.add(one);
        }
      }
      return broken.isEmpty() ? null : String.join("; ", broken);
    });
  }

  /** A check of each child on its own. */
  private interface ChildRule {
    String broken(CensusReturn census, CensusReturn.Child child);
  }

  private void children(String code, ChildRule rule) {
    checks.put(code, (census, hits) -> {
      for (CensusReturn.Child child : census.children()) {
        String broken = rule.broken(census, child);
        if (broken != null) {
          hits.child(child, broken);
        }
      }
    });
  }

  /** A check of each pair of a child's episodes (the later-starting one is reported). */
  private interface PairRule {
    String broken(CensusReturn census, CensusReturn.Episode earlier, CensusReturn.Episode later);
  }

  private void pairs(String code, PairRule rule) {
    checks.put(code, (census, hits) -> {
      for (CensusReturn.Child child : census.children()) {
        List<CensusReturn.Episode> episodes = child.episodes();
        for (int a = 0; a < episodes.size(); a++) {
          for (int b = 0; b < episodes.size(); b++) {
            if (a != b) {
              String broken = rule.broken(census, episodes.get(a), episodes.get(b));
              if (broken != null) {
                hits.episode(child, episodes.get(b), broken);
              }
            }
          }
        }
      }
    });
  }

  private static boolean within(LocalDate date, CensusReturn census) {
    return !date.isBefore(census.yearStart()) && !date.isAfter(census.referenceDate());
  }

  private static boolean before(LocalDate date, LocalDate other) {
    return date != null && other != null && date.isBefore(other);
  }

  /** The dates of [start, end or the reference date] include the day. */
  private static boolean inSpan(LocalDate day, LocalDate start, LocalDate end, LocalDate referenceDate) {
    return !day.isBefore(start) && !day.isAfter(end != null ? end : referenceDate);
  }

  private static boolean weekend(LocalDate date) {
    return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
  }

  private void define() {
    // Header
    checks.put("100", (census, hits) -> {
      if (!census.referenceDate().equals(LocalDate.of(census.year(), 3, 31))) {
        hits.wholeReturn("ReferenceDate " + census.referenceDate() + " for Year " + census.year());
      }
    });

    // Child identifiers and characteristics
    children("8500", (census, c) -> c.laChildId() == null || c.laChildId().isBlank() ? "LAchildID missing" : null);
    checks.put("8510", (census, hits) -> {
      Set<String> seen = new HashSet<>();
      for (CensusReturn.Child child : census.children()) {
        if (child.laChildId() != null && !seen.add(child.laChildId())) {
          hits.child(child, "LAchildID " + child.laChildId() + " is on more than one child");
        }
      }
    });
    children("1570", (census, c) -> c.laChildId() != null && c.laChildId().length() > 20
        ? "LAchildID " + c.laChildId() + " has " + c.laChildId().length() + " characters" : null);
    children("1580", (census, c) -> c.laChildId() != null && !ALPHANUMERIC.matcher(c.laChildId()).matches()
        ? "LAchildID " + c.laChildId() : null);
    children("8520", (census, c) -> before(census.referenceDate(), c.personBirthDate())
        ? "PersonBirthDate " + c.personBirthDate() : null);
    children("8525", (census, c) -> (c.personBirthDate() == null) == (c.expectedPersonBirthDate() == null)
        ? "PersonBirthDate " + c.personBirthDate() + ", ExpectedPersonBirthDate " + c.expectedPersonBirthDate() : null);
    children("8530Q", (census, c) -> c.expectedPersonBirthDate() != null
        && (!c.expectedPersonBirthDate().isAfter(census.referenceDate().minusDays(30))
            || !c.expectedPersonBirthDate().isBefore(census.referenceDate().plusMonths(9)))
        ? "ExpectedPersonBirthDate " + c.expectedPersonBirthDate() + ": record the birth, or correct the expected date" : null);
    children("4180", (census, c) -> !CinCodes.SEX.containsKey(c.sex()) ? "Sex " + c.sex() : null);
    children("8750", (census, c) -> c.personBirthDate() == null && c.expectedPersonBirthDate() != null
        && !"U".equals(c.sex()) ? "Sex " + c.sex() + " for a child expected on " + c.expectedPersonBirthDate() : null);
    checks.put("2886Q", (census, hits) -> {
      long born = census.children().stream().filter(c -> c.expectedPersonBirthDate() == null).count();
      long unknown = census.children().stream()
          .filter(c -> c.expectedPersonBirthDate() == null && (c.sex() == null || "U".equals(c.sex()))).count();
      if (!census.children().isEmpty() && unknown * 50 > census.children().size()) {
        hits.wholeReturn(unknown + " of " + census.children().size() + " children (" + born
            + " born) have sex U");
      }
    });
    children("4220", (census, c) -> !CinCodes.ETHNICITIES.containsKey(c.ethnicity()) ? "Ethnicity " + c.ethnicity() : null);
    children("8590", (census, c) -> c.episodes().isEmpty() ? "no CINdetails" : null);
    checks.put("8775Q", (census, hits) -> {
      for (CensusReturn.Child child : census.children()) {
        LocalDate born = child.personBirthDate();
        if (born == null || !born.isBefore(census.referenceDate().minusYears(25))) {
          continue;
        }
        for (CensusReturn.Episode e : child.episodes()) {
          if (e.cinClosureDate() == null || e.cinClosureDate().isAfter(born.plusYears(25))) {
            hits.episode(child, e, "PersonBirthDate " + born + ": "
                + Period.between(born, census.referenceDate()).getYears() + " years old on the reference date");
          }
        }
      }
    });
    episodes("8606", (census, c, e) -> {
      LocalDate birth = c.personBirthDate() != null ? c.personBirthDate() : c.expectedPersonBirthDate();
      return birth != null && e.cinReferralDate().plusDays(280).isBefore(birth)
          ? "CINreferralDate " + e.cinReferralDate() + " is more than 280 days before " + birth : null;
    });
    episodes("8585Q", (census, c, e) -> "RC2".equals(e.reasonForClosure())
        ? "ReasonForClosure RC2 (died): this system does not record PersonDeathDate" : null);

    // CIN details
    episodes("8600", (census, c, e) -> e.cinReferralDate() == null || e.cinReferralDate().isAfter(census.referenceDate())
        ? "CINreferralDate " + e.cinReferralDate() : null);
    episodes("8866", (census, c, e) -> !e.cinReferralDate().isBefore(LocalDate.of(2013, 4, 1))
        && !CinCodes.REFERRAL_SOURCES.containsKey(e.referralSource()) ? "ReferralSource " + e.referralSource() : null);
    episodes("8650", (census, c, e) -> e.primaryNeedCode() != null && !CinCodes.PRIMARY_NEEDS.containsKey(e.primaryNeedCode())
        ? "PrimaryNeedCode " + e.primaryNeedCode() : null);
    episodes("8610", (census, c, e) -> !e.referralNfa() && e.primaryNeedCode() == null ? "PrimaryNeedCode missing" : null);
    episodes("8620", (census, c, e) -> e.cinClosureDate() != null && !within(e.cinClosureDate(), census)
        ? "CINclosureDate " + e.cinClosureDate() : null);
    episodes("8630", (census, c, e) -> before(e.cinClosureDate(), e.cinReferralDate())
        ? "CINclosureDate " + e.cinClosureDate() + " before CINreferralDate " + e.cinReferralDate() : null);
    episodes("8640", (census, c, e) -> e.reasonForClosure() != null && !CinCodes.REASONS_FOR_CLOSURE.containsKey(e.reasonForClosure())
        ? "ReasonForClosure " + e.reasonForClosure() : null);
    episodes("8805", (census, c, e) -> e.cinClosureDate() != null && e.reasonForClosure() == null
        ? "CINclosureDate " + e.cinClosureDate() + " without ReasonForClosure" : null);
    episodes("8810", (census, c, e) -> e.reasonForClosure() != null && e.cinClosureDate() == null
        ? "ReasonForClosure " + e.reasonForClosure() + " without CINclosureDate" : null);
    episodes("8565", (census, c, e) -> {
      if (e.cinClosureDate() == null) {
        return null;
      }
      Map<String, LocalDate> activity = new LinkedHashMap<>();
      for (CensusReturn.Assessment a : e.assessments()) {
        activity.putIfAbsent("AssessmentActualStartDate " + a.actualStartDate(), a.actualStartDate());
        activity.putIfAbsent("AssessmentAuthorisationDate " + a.authorisationDate(), a.authorisationDate());
      }
      activity.put("S47ActualStartDate", e.s47ActualStartDate());
      activity.put("DateOfInitialCPC", e.dateOfInitialCpc());
      activity.put("CPPendDate", e.cppEndDate());
      activity.put("CINPlanStartDate", e.cinPlanStartDate());
      activity.put("CINPlanEndDate", e.cinPlanEndDate());
      for (Map.Entry<String, LocalDate> item : activity.entrySet()) {
        if (before(e.cinClosureDate(), item.getValue())) {
          return "CINclosureDate " + e.cinClosureDate() + " before " + item.getKey() + " " + item.getValue();
        }
      }
      return null;
    });
    for (String code : List.of("8569", "8569Q")) {
      episodes(code, (census, c, e) -> e.referralNfa()
          && e.cinReferralDate().isBefore(calendar.subtractWorkingDays(census.yearStart(), 1))
          ? "ReferralNFA 1 on a referral of " + e.cinReferralDate() : null);
    }
    episodes("2990", (census, c, e) -> {
      if (!"RC8".equals(e.reasonForClosure()) && !"RC9".equals(e.reasonForClosure())) {
        return null;
      }
      List<String> activity = new ArrayList<>();
      if (e.hasSection47()) {
        activity.add("Section47 " + e.s47ActualStartDate());
      }
      if (e.dateOfInitialCpc() != null) {
        activity.add("DateOfInitialCPC " + e.dateOfInitialCpc());
      }
      if (e.hasChildProtectionPlan()) {
        activity.add("ChildProtectionPlans " + e.cppStartDate());
      }
      if (e.hasCinPlan()) {
        activity.add("CINPlanDates " + e.cinPlanStartDate());
      }
      return activity.isEmpty() ? null : "ReasonForClosure " + e.reasonForClosure() + " with " + String.join(", ", activity);
    });
    episodes("8825Q", (census, c, e) -> ("RC8".equals(e.reasonForClosure()) || "RC9".equals(e.reasonForClosure()))
        && !e.hasAssessment() ? "ReasonForClosure " + e.reasonForClosure() + " without an assessment" : null);
    episodes("8831", (census, c, e) -> e.referralNfa() && (e.hasAssessment() || e.hasSection47() || e.dateOfInitialCpc() != null)
        ? "ReferralNFA 1 with an assessment or section 47 enquiry" : null);
    episodes("8832", (census, c, e) -> e.referralNfa() && e.hasChildProtectionPlan() ? "ReferralNFA 1 with a CP plan" : null);
    episodes("4000", (census, c, e) -> e.referralNfa() && e.hasCinPlan() ? "ReferralNFA 1 with a CIN plan" : null);
    assessments("8867", (census, e, a) -> e.cinClosureDate() != null && a.authorisationDate() == null
        ? "closed " + e.cinClosureDate() + ", assessment of " + a.actualStartDate() + " not authorised" : null);
    episodes("8868", (census, c, e) -> e.cinClosureDate() != null && e.hasSection47()
        && (e.dateOfInitialCpc() == null) != e.icpcNotRequired()
        ? "closed " + e.cinClosureDate() + ", Section47 of " + e.s47ActualStartDate() + ": DateOfInitialCPC "
            + e.dateOfInitialCpc() + ", ICPCnotRequired " + (e.icpcNotRequired() ? 1 : 0) : null);
    episodes("2991Q", (census, c, e) -> e.hasSection47() && !e.hasAssessment()
        ? "Section47 of " + e.s47ActualStartDate() + " without an assessment" : null);
    checks.put("8815", (census, hits) -> {
      for (CensusReturn.Child child : census.children()) {
        List<CensusReturn.Episode> open = child.episodes().stream()
            .filter(e -> e.cinClosureDate() == null && !e.referralNfa()).toList();
        if (open.size() > 1) {
          open.forEach(e -> hits.episode(child, e, open.size() + " open episodes"));
        }
      }
    });
    checks.put("8816", (census, hits) -> {
      for (CensusReturn.Child child : census.children()) {
        LocalDate latest = child.episodes().stream().map(CensusReturn.Episode::cinReferralDate)
            .max(Comparator.naturalOrder()).orElse(null);
        for (CensusReturn.Episode e : child.episodes()) {
          if (e.cinClosureDate() == null && !e.referralNfa() && !e.cinReferralDate().equals(latest)) {
            hits.episode(child, e, "open episode of " + e.cinReferralDate() + ", latest referral " + latest);
          }
        }
      }
    });
    pairs("8820", (census, other, e) -> !e.cinReferralDate().isBefore(other.cinReferralDate())
        && (other.cinClosureDate() != null ? !e.cinReferralDate().isAfter(other.cinClosureDate())
            : !other.referralNfa() && !e.cinReferralDate().isAfter(census.referenceDate()))
        && !(e.cinReferralDate().equals(other.cinReferralDate()) && e.caseRef().compareTo(other.caseRef()) < 0)
        && !e.cinReferralDate().equals(other.cinClosureDate())
        ? "CINreferralDate " + e.cinReferralDate() + " within the episode of " + other.cinReferralDate()
            + (other.caseRef() == null ? "" : " (" + other.caseRef() + ")") : null);

    // Assessments
    assessments("1103", (census, e, a) -> before(a.actualStartDate(), e.cinReferralDate())
        ? "AssessmentActualStartDate " + a.actualStartDate() + " before CINreferralDate " + e.cinReferralDate() : null);
    assessments("8608", (census, e, a) -> before(a.authorisationDate(), a.actualStartDate())
        ? "AssessmentAuthorisationDate " + a.authorisationDate() + " before AssessmentActualStartDate "
            + a.actualStartDate() : null);
    assessments("8614", (census, e, a) -> a.authorisationDate() == null && !a.factors().isEmpty()
        ? "factors on an assessment not authorised" : null);
    assessments("8617", (census, e, a) -> a.factors().contains("8A") ? "AssessmentFactors 8A" : null);
    assessments("8869", (census, e, a) -> a.factors().contains(AssessmentFactors.NO_FACTORS)
        && a.factors().size() > 1 ? "AssessmentFactors " + a.factors() : null);
    // Only where the episode has one assessment (the DfE's wording: "only one assessment on the episode").
    episodes("8873", (census, c, e) -> e.assessments().size() == 1
        && e.assessments().get(0).factors().equals(List.of(AssessmentFactors.NO_FACTORS))
        && e.cinClosureDate() != null && !"RC8".equals(e.reasonForClosure())
        ? "AssessmentFactors 21 with ReasonForClosure " + e.reasonForClosure() : null);
    assessments("8897", (census, e, a) -> a.authorisationDate() != null
        && !a.authorisationDate().isBefore(census.yearStart()) && a.factors().isEmpty()
        ? "assessment authorised " + a.authorisationDate() + " without factors" : null);
    assessments("8898", (census, e, a) -> new HashSet<>(a.factors()).size() < a.factors().size()
        ? "AssessmentFactors " + a.factors() : null);
    assessments("8945Q", (census, e, a) -> a.factors().contains("18A") ? "AssessmentFactors 18A" : null);
    assessments("8950Q", (census, e, a) -> a.factors().contains("19A") ? "AssessmentFactors 19A" : null);
    assessments("8696", (census, e, a) -> a.authorisationDate() != null && !within(a.authorisationDate(), census)
        ? "AssessmentAuthorisationDate " + a.authorisationDate() : null);
    assessments("8736", (census, e, a) -> a.authorisationDate() == null && !within(a.actualStartDate(), census)
        ? "assessment of " + a.actualStartDate() + " still not authorised" : null);
    assessments("8670Q", (census, e, a) -> a.authorisationDate() == null
        && a.actualStartDate().isBefore(calendar.subtractWorkingDays(census.measuredTo(), 45))
        ? "assessment of " + a.actualStartDate() + " not authorised after more than 45 working days" : null);
    // An assessment's start falls on or between another's start and authorisation (or the reference date while open).
    for (String code : List.of("8863", "8863Q")) {
      episodes(code, (census, c, e) -> {
        for (CensusReturn.Assessment a : e.assessments()) {
          for (CensusReturn.Assessment other : e.assessments()) {
            if (a != other && !a.actualStartDate().isBefore(other.actualStartDate())
                && !a.actualStartDate().isAfter(other.authorisationDate() != null ? other.authorisationDate() : census.referenceDate())
                && !(a.actualStartDate().equals(other.actualStartDate()) && java.util.Objects.equals(a.authorisationDate(), other.authorisationDate()))) {
              return "AssessmentActualStartDate " + a.actualStartDate() + " while the assessment of "
                  + other.actualStartDate() + " was ongoing (authorised " + other.authorisationDate() + ")";
            }
          }
        }
        return null;
      });
    }
    episodes("8896", (census, c, e) -> e.assessments().stream().filter(a -> a.authorisationDate() == null).count() > 1
        ? e.assessments().stream().filter(a -> a.authorisationDate() == null).count() + " assessments not authorised" : null);

    // CIN plans
    episodes("4010", (census, c, e) -> e.hasCinPlan() && e.cinPlanStartDate().isAfter(census.referenceDate())
        ? "CINPlanStartDate " + e.cinPlanStartDate() : null);
    episodes("4011", (census, c, e) -> before(e.cinPlanEndDate(), e.cinPlanStartDate())
        ? "CINPlanEndDate " + e.cinPlanEndDate() + " before CINPlanStartDate " + e.cinPlanStartDate() : null);
    episodes("4012Q", (census, c, e) -> e.hasCinPlan() && e.cinPlanStartDate().equals(e.cinPlanEndDate())
        ? "CIN plan starts and ends " + e.cinPlanStartDate() : null);
    episodes("4013", (census, c, e) -> e.cinPlanEndDate() != null && !within(e.cinPlanEndDate(), census)
        ? "CINPlanEndDate " + e.cinPlanEndDate() : null);
    episodes("4015", (census, c, e) -> before(e.cinPlanStartDate(), e.cinReferralDate())
        ? "CINPlanStartDate " + e.cinPlanStartDate() + " before CINreferralDate " + e.cinReferralDate() : null);
    episodes("4001", (census, c, e) -> e.hasCinPlan() && e.cinPlanEndDate() == null && e.hasChildProtectionPlan()
        && e.cppEndDate() == null ? "open CIN plan of " + e.cinPlanStartDate() + " and open CP plan of " + e.cppStartDate() : null);
    pairs("4014", (census, other, e) -> e.hasCinPlan() && other.hasCinPlan()
        && !e.cinPlanStartDate().isBefore(other.cinPlanStartDate())
        && inSpan(e.cinPlanStartDate(), other.cinPlanStartDate(), other.cinPlanEndDate(), census.referenceDate())
        && !(e.cinPlanStartDate().equals(other.cinPlanStartDate()) && e.caseRef().compareTo(other.caseRef()) < 0)
        ? "CIN plan of " + e.cinPlanStartDate() + " starts within the CIN plan of " + other.cinPlanStartDate() : null);
    checks.put("4016", (census, hits) -> concurrentPlans(census, hits, true));
    checks.put("4017", (census, hits) -> concurrentPlans(census, hits, false));
    checks.put("4003", (census, hits) -> {
      for (CensusReturn.Child child : census.children()) {
        for (CensusReturn.Episode cpp : child.episodes()) {
          for (LocalDate review : cpp.cppReviewDates()) {
            for (CensusReturn.Episode cin : child.episodes()) {
              if (cin.hasCinPlan() && !review.isBefore(cin.cinPlanStartDate()) && cin.cinPlanEndDate() != null
                  && review.isBefore(cin.cinPlanEndDate()) && !review.equals(cpp.cppEndDate())) {
                hits.episode(child, cpp, "CPPreviewDate " + review + " during the CIN plan of " + cin.cinPlanStartDate());
              }
            }
          }
        }
      }
    });

    // Section 47 enquiries and initial conferences
    episodes("2889", (census, c, e) -> before(e.s47ActualStartDate(), e.cinReferralDate())
        ? "S47ActualStartDate " + e.s47ActualStartDate() + " before CINreferralDate " + e.cinReferralDate() : null);
    episodes("1104", (census, c, e) -> before(e.dateOfInitialCpc(), e.cinReferralDate())
        ? "DateOfInitialCPC " + e.dateOfInitialCpc() + " before CINreferralDate " + e.cinReferralDate() : null);
    episodes("8615", (census, c, e) -> e.dateOfInitialCpc() != null
        && (e.s47ActualStartDate() == null || e.s47ActualStartDate().isAfter(e.dateOfInitialCpc()))
        ? "S47ActualStartDate " + e.s47ActualStartDate() + ", DateOfInitialCPC " + e.dateOfInitialCpc() : null);
    episodes("8715", (census, c, e) -> e.dateOfInitialCpc() != null && !within(e.dateOfInitialCpc(), census)
        ? "DateOfInitialCPC " + e.dateOfInitialCpc() : null);
    episodes("8740", (census, c, e) -> e.hasSection47() && e.dateOfInitialCpc() == null && !e.icpcNotRequired()
        && !within(e.s47ActualStartDate(), census) ? "S47ActualStartDate " + e.s47ActualStartDate() : null);
    episodes("8875", (census, c, e) -> e.dateOfInitialCpc() != null && weekend(e.dateOfInitialCpc())
        ? "DateOfInitialCPC " + e.dateOfInitialCpc() + " is a " + e.dateOfInitialCpc().getDayOfWeek() : null);
    episodes("8870Q", (census, c, e) -> e.initialCpcTarget() != null && weekend(e.initialCpcTarget())
        ? "InitialCPCtarget " + e.initialCpcTarget() + " is a " + e.initialCpcTarget().getDayOfWeek() : null);
    episodes("8675Q", (census, c, e) -> e.hasSection47() && e.dateOfInitialCpc() == null && !e.icpcNotRequired()
        && e.s47ActualStartDate().isBefore(calendar.subtractWorkingDays(census.measuredTo(), 15))
        ? "Section47 of " + e.s47ActualStartDate() + ": no initial conference and ICPCnotRequired 0" : null);
    pairs("8890", (census, other, e) -> e.hasSection47() && other.hasSection47()
        && !e.s47ActualStartDate().isBefore(other.s47ActualStartDate())
        && (other.dateOfInitialCpc() != null ? !e.s47ActualStartDate().isAfter(other.dateOfInitialCpc())
            : !other.icpcNotRequired() && !e.s47ActualStartDate().isAfter(census.referenceDate()))
        && !(e.s47ActualStartDate().equals(other.s47ActualStartDate()) && e.caseRef().compareTo(other.caseRef()) < 0)
        ? "Section47 of " + e.s47ActualStartDate() + " while the enquiry of " + other.s47ActualStartDate() + " was ongoing" : null);

    // Child protection plans
    episodes("1105", (census, c, e) -> before(e.cppStartDate(), e.cinReferralDate())
        ? "CPPstartDate " + e.cppStartDate() + " before CINreferralDate " + e.cinReferralDate() : null);
    episodes("8720", (census, c, e) -> e.hasChildProtectionPlan() && e.cppStartDate().isAfter(census.referenceDate())
        ? "CPPstartDate " + e.cppStartDate() : null);
    episodes("2885", (census, c, e) -> e.hasChildProtectionPlan() && within(e.cppStartDate(), census)
        && !e.cppStartDate().equals(e.dateOfInitialCpc())
        ? "CPPstartDate " + e.cppStartDate() + ", DateOfInitialCPC " + e.dateOfInitialCpc() : null);
    checks.put("2883", (census, hits) -> {
      long plans = census.children().stream().flatMap(c -> c.episodes().stream())
          .filter(e -> e.hasChildProtectionPlan() && within(e.cppStartDate(), census)).count();
      long conferences = census.children().stream().flatMap(c -> c.episodes().stream())
          .filter(e -> e.dateOfInitialCpc() != null && within(e.dateOfInitialCpc(), census)).count();
      if (plans > conferences) {
        hits.wholeReturn(plans + " plans started in the year, " + conferences + " initial conferences");
      }
    });
    episodes("8730", (census, c, e) -> e.hasChildProtectionPlan() && (e.numberOfPreviousCpp() == null || e.numberOfPreviousCpp() < 0)
        ? "NumberOfPreviousCPP " + e.numberOfPreviousCpp() : null);
    episodes("8905", (census, c, e) -> e.hasChildProtectionPlan() && !CATEGORIES.contains(e.initialCategoryOfAbuse())
        ? "InitialCategoryOfAbuse " + e.initialCategoryOfAbuse() : null);
    episodes("8910", (census, c, e) -> e.hasChildProtectionPlan() && !CATEGORIES.contains(e.latestCategoryOfAbuse())
        ? "LatestCategoryOfAbuse " + e.latestCategoryOfAbuse() : null);
    episodes("8925", (census, c, e) -> before(e.cppEndDate(), e.cppStartDate())
        ? "CPPendDate " + e.cppEndDate() + " before CPPstartDate " + e.cppStartDate() : null);
    episodes("8840", (census, c, e) -> e.hasChildProtectionPlan() && e.cppStartDate().equals(e.cppEndDate())
        ? "CP plan starts and ends " + e.cppStartDate() : null);
    episodes("8930", (census, c, e) -> e.cppEndDate() != null && !within(e.cppEndDate(), census)
        ? "CPPendDate " + e.cppEndDate() : null);
    episodes("8841", (census, c, e) -> e.cppReviewDates().stream().filter(r -> !r.isAfter(e.cppStartDate())).findFirst()
        .map(r -> "CPPreviewDate " + r + " not after CPPstartDate " + e.cppStartDate()).orElse(null));
    checks.put("8935", (census, hits) -> {
      for (CensusReturn.Child child : census.children()) {
        List<CensusReturn.Episode> open = child.episodes().stream()
            .filter(e -> e.hasChildProtectionPlan() && e.cppEndDate() == null).toList();
        if (open.size() > 1) {
          open.forEach(e -> hits.episode(child, e, open.size() + " open CP plans"));
        }
      }
    });
    pairs("8940", (census, other, e) -> e.hasChildProtectionPlan() && other.hasChildProtectionPlan()
        && !e.cppStartDate().isBefore(other.cppStartDate())
        && inSpan(e.cppStartDate(), other.cppStartDate(), other.cppEndDate(), census.referenceDate())
        && !(e.cppStartDate().equals(other.cppStartDate()) && e.caseRef().compareTo(other.caseRef()) < 0)
        ? "CP plan of " + e.cppStartDate() + " starts within the CP plan of " + other.cppStartDate() : null);
  }

  /**
   * Rules 4016 and 4017: a CIN plan may not start during a CP plan (4016), nor a CP plan during a CIN
   * plan (4017), unless it starts the day the other ends.
   */
  private static void concurrentPlans(CensusReturn census, Hits hits, boolean cinDuringCpp) {
    for (CensusReturn.Child child : census.children()) {
      for (CensusReturn.Episode a : child.episodes()) {
        for (CensusReturn.Episode b : child.episodes()) {
          if (!a.hasCinPlan() || !b.hasChildProtectionPlan()) {
            continue;
          }
          if (cinDuringCpp) {
            LocalDate start = a.cinPlanStartDate();
            if (!start.isBefore(b.cppStartDate()) && (b.cppEndDate() == null ? !start.isAfter(census.referenceDate())
                : start.isBefore(b.cppEndDate()))) {
              hits.episode(child, a, "CINPlanStartDate " + start + " during the CP plan of " + b.cppStartDate());
            }
          } else {
            LocalDate start = b.cppStartDate();
            if (!start.isBefore(a.cinPlanStartDate()) && (a.cinPlanEndDate() == null
                ? !start.isAfter(census.referenceDate()) : start.isBefore(a.cinPlanEndDate()))) {
              hits.episode(child, b, "CPPstartDate " + start + " during the CIN plan of " + a.cinPlanStartDate());
            }
          }
        }
      }
    }
  }
}
