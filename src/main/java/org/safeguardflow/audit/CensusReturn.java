package org.safeguardflow.audit;

import java.time.LocalDate;
import java.util.List;

/**
 * What a DfE Children in Need census message for one census year holds, item for item under the
 * census names: the export writes exactly this and the pre-submission check ({@link CensusCheck})
 * runs the DfE validation rules over exactly this. Dates are census dates (Europe/London calendar
 * days); a null date or code is an item the message leaves out.
 *
 * @param year the census year: the one ending on its 31 March reference date
 * @param referenceDate 31 March of {@code year}
 * @param laCode the council's three-digit DfE LA number
 * @param madeOn the day (Europe/London) the return was made: mid-year, the timescale queries measure to it
 */
public record CensusReturn(int year, LocalDate referenceDate, String laCode, List<Child> children, LocalDate madeOn) {

  /** A return as it will stand on its reference date. */
  public CensusReturn(int year, LocalDate referenceDate, String laCode, List<Child> children) {
    this(year, referenceDate, laCode, children, referenceDate);
  }

  /**
   * The day the timescale rules (8670Q: 45 working days to authorise an assessment; 8675Q: 15 working
   * days from a section 47 enquiry to its conference) are measured to: the reference date, or the day
   * the return was made if that is earlier, so that mid-year a new enquiry is not queried for a
   * conference months before one is due.
   */
  LocalDate measuredTo() {
    return madeOn != null && madeOn.isBefore(referenceDate) ? madeOn : referenceDate;
  }

  /** The first day of the census year: 1 April of the year before. */
  LocalDate yearStart() {
    return referenceDate.minusYears(1).plusDays(1);
  }

  /** One {@code Child} of the message: who the child is and each referral episode ({@code CINdetails}). */
  record Child(String laChildId, LocalDate personBirthDate, LocalDate expectedPersonBirthDate, String sex,
      String ethnicity, List<Episode> episodes) {}

  /**
   * One {@code Assessments} group: an assessment's start, its authorisation (null while it is open)
   * and the factors it identified (empty until authorised, DfE rule 8614).
   */
  record Assessment(LocalDate actualStartDate, LocalDate authorisationDate, List<String> factors) {}

  /**
   * One {@code CINdetails} group, with every assessment of the episode (oldest first), at most one CIN
   * plan, section 47 enquiry and child protection plan (one case in this system is one episode).
   * {@code caseRef} is not a census item: it is how a failure points back to the case.
   */
  record Episode(String caseRef, LocalDate cinReferralDate, String referralSource, String primaryNeedCode,
      LocalDate cinClosureDate, String reasonForClosure,
      List<Assessment> assessments,
      LocalDate cinPlanStartDate, LocalDate cinPlanEndDate,
      LocalDate s47ActualStartDate, LocalDate initialCpcTarget, LocalDate dateOfInitialCpc, boolean icpcNotRequired,
      boolean referralNfa,
      LocalDate cppStartDate, LocalDate cppEndDate, String initialCategoryOfAbuse, String latestCategoryOfAbuse,
      Integer numberOfPreviousCpp, List<LocalDate> cppReviewDates) {

    boolean hasAssessment() {
      return !assessments.isEmpty();
    }

    boolean hasSection47() {
      return s47ActualStartDate != null;
    }

    boolean hasCinPlan() {
      return cinPlanStartDate != null;
    }

    boolean hasChildProtectionPlan() {
      return cppStartDate != null;
    }
  }
}
