package org.safeguardflow.audit;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;

/**
 * One referral episode (one case) as the returns see it: the child, the referral, and what each
 * stage of the pathway recorded, under the DfE CIN census names. A date is null when the stage has
 * not happened (yet).
 */
record Episode(
    String caseRef,
    Child child,
    LocalDate referralDate,
    String referralSource,
    String contactDecision,
    String allocatedTeam,
    String allocatedWorker,
    LocalDate closureDate,
    String reasonForClosure,
    LocalDate assessmentActualStartDate,
    LocalDate assessmentChildSeenDate,
    LocalDate assessmentAuthorisationDate,
    List<String> assessmentFactors,
    String assessmentOutcome,
    String recordedPrimaryNeed,
    LocalDate cinPlanStartDate,
    LocalDate cinPlanEndDate,
    LocalDate s47ActualStartDate,
    LocalDate initialCpcTarget,
    LocalDate dateOfInitialCpc,
    Boolean icpcNotRequired,
    String icpcOutcome,
    LocalDate cppStartDate,
    LocalDate cppEndDate,
    String initialCategoryOfAbuse,
    String latestCategoryOfAbuse,
    List<LocalDate> cppReviewDates,
    LocalDate latestCpVisitDate,
    Boolean latestCpVisitChildSeenAlone,
    List<Assessment> assessments) {

  /**
   * One assessment of the episode, as the census returns each ({@code Assessments}): the day it
   * started (the worker's recorded start once sent to the manager; until then the day it opened), the
   * day a manager authorised it (null while open), and its factors (only once authorised).
   */
  record Assessment(LocalDate actualStartDate, LocalDate authorisationDate, List<String> factors) {}

  record Child(long id, LocalDate dateOfBirth, LocalDate expectedDateOfBirth, String sex, String ethnicity) {

    /** The census LAchildID: at most 20 alphanumerics, stable for the child across episodes and returns. */
    String laChildId() {
      return "C" + id;
    }

    /** Whole years on that day; null for an unborn child. */
    Integer ageOn(LocalDate day) {
      if (dateOfBirth == null || dateOfBirth.isAfter(day)) {
        return null;
      }
      return Period.between(dateOfBirth, day).getYears();
    }
  }

  /** Open on at least one day of the period. */
  boolean overlaps(LocalDate from, LocalDate to) {
    return !referralDate.isAfter(to) && (closureDate == null || !closureDate.isBefore(from));
  }

  /**
   * The census PrimaryNeedCode: as the assessment recorded it. Before an assessment has proposed its
   * outcome (and for cases assessed before the code was asked), it is derived: a case that went the
   * section 47 way was about abuse or neglect (N1); any other is "not stated" (N0) rather than a guess.
   */
  String primaryNeedCode() {
    if (recordedPrimaryNeed != null) {
      return recordedPrimaryNeed;
    }
    boolean s47Route = "STRATEGY_DISCUSSION".equals(contactDecision) || "IMMEDIATE_PROTECTION".equals(contactDecision)
        || s47ActualStartDate != null || cppStartDate != null;
    return s47Route ? "N1" : "N0";
  }

  /**
   * The census ReferralNFA: the referral itself led to nothing (no assessment, no enquiry) before the
   * episode closed. A contact closed at the front door is not a referral and never reaches a return.
   */
  boolean referralNfa() {
    return closureDate != null && assessmentActualStartDate == null && s47ActualStartDate == null;
  }

  /** The latest day the child was seen by a social worker, from the assessment and the CP visits. */
  LocalDate childLastSeen() {
    LocalDate seen = assessmentChildSeenDate;
    if (latestCpVisitDate != null && (seen == null || latestCpVisitDate.isAfter(seen))) {
      seen = latestCpVisitDate;
    }
    return seen;
  }

  LocalDate latestReview() {
    return cppReviewDates.isEmpty() ? null : cppReviewDates.get(cppReviewDates.size() - 1);
  }
}
