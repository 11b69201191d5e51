package org.safeguardflow.casework;

import static org.safeguardflow.variables.Var.code;
import static org.safeguardflow.variables.Var.moment;
import static org.safeguardflow.variables.Var.text;
import static org.safeguardflow.variables.Var.yesNo;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

/**
 * The referral pathway after the front door: process keys of each stage and the case variables they
 * share. Variable names follow the DfE CIN census items (referralDate, s47ActualStartDate,
 * initialCpcTarget, cppStartDate, ...). Dates a practitioner enters in a form are ISO dates
 * (yyyy-MM-dd, text, as Camunda Forms submit them); deadlines the engine computes are Date values.
 *
 * <p>Every call activity passes the business key (the case reference) and names each variable the
 * stage takes in and gives back ({@code camunda:in}/{@code camunda:out} in {@code bpmn/referral.bpmn}
 * and {@code bpmn/contact.bpmn}); never all of them.
 */
public final class Pathway {

  private Pathway() {}

  public static final class Process {
    public static final String REFERRAL_EPISODE = "Process_ReferralEpisode";
    public static final String STRATEGY_DISCUSSION = "Process_StrategyDiscussion";
    public static final String ASSESSMENT = "Process_Assessment";
    public static final String INITIAL_CPC = "Process_InitialChildProtectionConference";
    public static final String CP_PLAN = "Process_ChildProtectionPlan";
    public static final String CIN_PLAN = "Process_ChildInNeedPlan";
    public static final String CASE_SUPERVISION = "Process_CaseSupervision";
    /** One action of a plan, chased once its by-when date passes (started by {@link PlanActions}). */
    public static final String PLAN_ACTION = "Process_PlanAction";

    private Process() {}
  }

  /**
   * The case variables several stages share, one typed handle each ({@link
   * org.safeguardflow.variables.Var}); names are the DfE CIN census items. Dates a practitioner enters
   * are ISO text (read as LocalDate, refused in their words when not a date); deadlines the engine
   * computes are Date values; outcomes are their code as text.
   */
  public static final class Var {
    // Referral and allocation
    /**
     * What the referral episode takes from the contact: when the manager accepted it (a Date), the
     * day the referral date is counted from.
     */
    public static final org.safeguardflow.variables.Var<Date> CONTACT_DECIDED_AT = moment("contactDecidedAt");
    public static final org.safeguardflow.variables.Var<LocalDate> REFERRAL_DATE = CaseDates.variable("referralDate");
    /** The team that holds the case (a team id of {@code Teams}). */
    public static final org.safeguardflow.variables.Var<String> ALLOCATED_TEAM = text("allocatedTeam");
    /** The allocated social worker's user id. */
    public static final org.safeguardflow.variables.Var<String> ALLOCATED_WORKER = text("allocatedWorker");
    public static final org.safeguardflow.variables.Var<LocalDate> ALLOCATION_DATE = CaseDates.variable("allocationDate");
    /** The team's caseloads as markdown, shown on the allocation form. */
    public static final org.safeguardflow.variables.Var<String> CASELOAD_SUMMARY = text("caseloadSummary");
    // Strategy discussion and section 47
    public static final org.safeguardflow.variables.Var<LocalDate> STRATEGY_DISCUSSION_DATE = CaseDates.variable("strategyDiscussionDate");
    /** The agencies invited (a checklist of agency codes). */
    public static final org.safeguardflow.variables.Var<List<String>> STRATEGY_INVITEES = FormValues.checklist("strategyInvitees");
    public static final org.safeguardflow.variables.Var<Boolean> S47_STARTED = FormValues.yesNoAnswer("s47Started");
    public static final org.safeguardflow.variables.Var<LocalDate> S47_ACTUAL_START_DATE = CaseDates.variable("s47ActualStartDate");
    /** How the enquiry concluded: ICPC_REQUIRED or NO_ICPC (the assessment stage's S47Outcome). */
    public static final org.safeguardflow.variables.Var<String> S47_OUTCOME = text("s47Outcome");
    public static final org.safeguardflow.variables.Var<String> STRATEGY_MINUTES = text("strategyMinutes");
    // Assessment
    public static final org.safeguardflow.variables.Var<LocalDate> ASSESSMENT_ACTUAL_START_DATE = CaseDates.variable("assessmentActualStartDate");
    public static final org.safeguardflow.variables.Var<LocalDate> ASSESSMENT_CHILD_SEEN_DATE = CaseDates.variable("assessmentChildSeenDate");
    public static final org.safeguardflow.variables.Var<Boolean> ASSESSMENT_CHILD_SEEN_ALONE = FormValues.yesNoAnswer("assessmentChildSeenAlone");
    public static final org.safeguardflow.variables.Var<String> ASSESSMENT_CHILD_VIEWS = text("assessmentChildViews");
    /** The assessment factors found (a checklist of CIN census factor codes). */
    public static final org.safeguardflow.variables.Var<List<String>> ASSESSMENT_FACTORS = FormValues.checklist("assessmentFactors");
    public static final org.safeguardflow.variables.Var<AssessmentOutcome> ASSESSMENT_OUTCOME = code("assessmentOutcome", AssessmentOutcome.class);
    /** The child's primary need as the assessment found it: a CIN census code, N0-N9. */
    public static final org.safeguardflow.variables.Var<String> PRIMARY_NEED_CODE = text("primaryNeedCode");
    public static final org.safeguardflow.variables.Var<LocalDate> ASSESSMENT_AUTHORISATION_DATE = CaseDates.variable("assessmentAuthorisationDate");
    // Initial child protection conference
    /** When the initial conference is due (a Date the engine computed). */
    public static final org.safeguardflow.variables.Var<Date> INITIAL_CPC_TARGET = moment("initialCpcTarget");
    public static final org.safeguardflow.variables.Var<LocalDate> DATE_OF_INITIAL_CPC = CaseDates.variable("dateOfInitialCpc");
    /** A conference being booked (the initial one or a review): its date, venue and invitees, as the booking forms submit them. */
    public static final org.safeguardflow.variables.Var<LocalDate> CONFERENCE_PLANNED_DATE = CaseDates.variable("conferencePlannedDate");
    public static final org.safeguardflow.variables.Var<String> CONFERENCE_VENUE = org.safeguardflow.variables.Var.text("conferenceVenue");
    public static final org.safeguardflow.variables.Var<List<String>> CONFERENCE_INVITEES = FormValues.jsonChecklist("conferenceInvitees");
    public static final org.safeguardflow.variables.Var<Boolean> ICPC_NOT_REQUIRED = yesNo("icpcNotRequired");
    public static final org.safeguardflow.variables.Var<ConferenceOutcome> ICPC_OUTCOME = code("icpcOutcome", ConferenceOutcome.class);
    public static final org.safeguardflow.variables.Var<Boolean> CHILD_ATTENDED_CONFERENCE = FormValues.yesNoAnswer("childAttendedConference");
    public static final org.safeguardflow.variables.Var<Boolean> CHILD_REPRESENTED_BY_ADVOCATE = FormValues.yesNoAnswer("childRepresentedByAdvocate");
    // Child protection plan
    public static final org.safeguardflow.variables.Var<LocalDate> CPP_START_DATE = CaseDates.variable("cppStartDate");
    public static final org.safeguardflow.variables.Var<CategoryOfAbuse> INITIAL_CATEGORY_OF_ABUSE = code("initialCategoryOfAbuse", CategoryOfAbuse.class);
    public static final org.safeguardflow.variables.Var<CategoryOfAbuse> LATEST_CATEGORY_OF_ABUSE = code("latestCategoryOfAbuse", CategoryOfAbuse.class);
    public static final org.safeguardflow.variables.Var<LocalDate> CPP_END_DATE = CaseDates.variable("cppEndDate");
    public static final org.safeguardflow.variables.Var<PlanEnding> PLAN_ENDING = code("planEnding", PlanEnding.class);
    // Child in need plan
    public static final org.safeguardflow.variables.Var<LocalDate> CIN_PLAN_START_DATE = CaseDates.variable("cinPlanStartDate");
    public static final org.safeguardflow.variables.Var<LocalDate> CIN_PLAN_END_DATE = CaseDates.variable("cinPlanEndDate");
    // Closure
    public static final org.safeguardflow.variables.Var<LocalDate> CLOSURE_DATE = CaseDates.variable("closureDate");
    /** A CIN census reason for closure code (RC1-RC9), as the closure form offers them. */
    public static final org.safeguardflow.variables.Var<String> REASON_FOR_CLOSURE = text("reasonForClosure");

    private Var() {}
  }

  /** What an assessment (with its s47 enquiry, if any) leads to. */
  public enum AssessmentOutcome { NFA, EARLY_HELP, CIN_PLAN, ICPC, STRATEGY_DISCUSSION }

  /** What an initial child protection conference decides. */
  public enum ConferenceOutcome { CP_PLAN, CIN_PLAN, NFA }

  /** How a child protection plan ends. */
  public enum PlanEnding { STEP_DOWN_TO_CIN_PLAN, CLOSE }

  /** DfE CIN census categories of abuse. */
  public enum CategoryOfAbuse {
    NEG, PHY, SAB, EMO, MUL;

    /** The census codes, in the order above. */
    public static List<String> codes() {
      return Arrays.stream(values()).map(Enum::name).toList();
    }
  }
}
