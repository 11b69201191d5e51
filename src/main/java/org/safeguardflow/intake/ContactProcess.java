package org.safeguardflow.intake;

import java.util.List;
import org.safeguardflow.casework.Pathway;
import org.safeguardflow.timescales.Step;

/**
 * The contact process ({@code bpmn/contact.bpmn}): its key, element ids and variable names in one
 * place, so delegates, the API and tests never spell them differently.
 */
public final class ContactProcess {

  public static final String KEY = "Process_Contact";

  public static final class Element {
    public static final String SUGGEST_LEVEL_OF_NEED = "Task_SuggestLevelOfNeed";
    public static final String CONTACT_DECISION = "SubProcess_ContactDecision";
    public static final String MANAGER_DECIDES_CONTACT = "Task_ManagerDecidesContact";
    public static final String DECISION_REMINDER = "Timer_ContactDecisionReminder";
    public static final String DECISION_DUE = "Timer_ContactDecisionDue";
    public static final String REMIND_TEAM = "Task_RemindTeamOfDueDecision";
    public static final String RECORD_DECISION_BREACH = "Task_RecordDecisionBreach";
    public static final String SERVICE_MANAGER_REVIEWS_OVERDUE = "Task_ServiceManagerReviewsOverdueContact";
    public static final String RECORD_CONTACT_DECISION = "Task_RecordContactDecision";
    public static final String NOTIFY_REFERRER = "Task_NotifyReferrerOfOutcome";
    public static final String CLOSE_CONTACT = "Task_CloseContact";
    public static final String CASE_CLOSED = "EndEvent_CaseClosed";
    public static final String REFERRAL_EPISODE = "CallActivity_ReferralEpisode";
    public static final String EPISODE_CLOSED = "EndEvent_EpisodeClosed";
    public static final String REVIEW_FURTHER_CONTACT = "Task_ReviewFurtherContact";

    private Element() {}
  }

  /**
   * Process variables, one typed handle each ({@link org.safeguardflow.variables.Var}): read and write
   * them through the handle, never by name. Names follow the DfE CIN census items where one exists.
   * A test or a REST call names a variable by {@code X.name()}.
   */
  public static final class Var {
    public static final org.safeguardflow.variables.Var<String> CASE_REF =
        org.safeguardflow.variables.Var.text("caseRef");
    /** The contact's id (sf_contact). */
    public static final org.safeguardflow.variables.Var<Long> CONTACT_ID =
        org.safeguardflow.variables.Var.id("contactId");
    /** The child's id (sf_child). */
    public static final org.safeguardflow.variables.Var<Long> CHILD_ID =
        org.safeguardflow.variables.Var.id("childId");
    /** When the contact reached the front door: the contact decision's deadline runs from it. */
    public static final org.safeguardflow.variables.Var<java.util.Date> RECEIVED_AT =
        org.safeguardflow.variables.Var.moment("receivedAt");
    /** The same, as the decision form shows it (Europe/London). */
    public static final org.safeguardflow.variables.Var<String> RECEIVED_AT_TEXT =
        org.safeguardflow.variables.Var.text("receivedAtText");
    /** CIN census referral source code (1A...10). */
    public static final org.safeguardflow.variables.Var<String> REFERRAL_SOURCE =
        org.safeguardflow.variables.Var.text("referralSource");
    public static final org.safeguardflow.variables.Var<String> REFERRAL_SOURCE_TEXT =
        org.safeguardflow.variables.Var.text("referralSourceText");
    public static final org.safeguardflow.variables.Var<String> REFERRER_NAME =
        org.safeguardflow.variables.Var.text("referrerName");
    public static final org.safeguardflow.variables.Var<String> REFERRER_ORGANISATION =
        org.safeguardflow.variables.Var.text("referrerOrganisation");
    public static final org.safeguardflow.variables.Var<String> REFERRER_EMAIL =
        org.safeguardflow.variables.Var.text("referrerEmail");
    public static final org.safeguardflow.variables.Var<String> CHILD_FIRST_NAME =
        org.safeguardflow.variables.Var.text("childFirstName");
    public static final org.safeguardflow.variables.Var<String> CHILD_LAST_NAME =
        org.safeguardflow.variables.Var.text("childLastName");
    public static final org.safeguardflow.variables.Var<java.time.LocalDate> CHILD_DATE_OF_BIRTH =
        org.safeguardflow.variables.Var.isoDate("childDateOfBirth");
    public static final org.safeguardflow.variables.Var<java.time.LocalDate> CHILD_EXPECTED_DATE_OF_BIRTH =
        org.safeguardflow.variables.Var.isoDate("childExpectedDateOfBirth");
    /** The NHS number the contact was sent with (10 digits), shown beside a possible match's. */
    public static final org.safeguardflow.variables.Var<String> CHILD_NHS_NUMBER =
        org.safeguardflow.variables.Var.text("childNhsNumber");
    public static final org.safeguardflow.variables.Var<String> CHILD_SEX =
        org.safeguardflow.variables.Var.text("childSex");
    public static final org.safeguardflow.variables.Var<String> CHILD_ETHNICITY =
        org.safeguardflow.variables.Var.text("childEthnicity");
    public static final org.safeguardflow.variables.Var<String> CONCERNS =
        org.safeguardflow.variables.Var.text("concerns");
    /** Screening answers the threshold table reads. */
    public static final org.safeguardflow.variables.Var<Boolean> IMMEDIATE_DANGER =
        org.safeguardflow.variables.Var.yesNo("immediateDanger");
    public static final org.safeguardflow.variables.Var<Boolean> SIGNIFICANT_HARM_SUSPECTED =
        org.safeguardflow.variables.Var.yesNo("significantHarmSuspected");
    public static final org.safeguardflow.variables.Var<Boolean> NEEDS_MET_BY_UNIVERSAL_SERVICES =
        org.safeguardflow.variables.Var.yesNo("needsMetByUniversalServices");
    public static final org.safeguardflow.variables.Var<Integer> AGENCIES_NEEDED =
        org.safeguardflow.variables.Var.integer("agenciesNeeded");
    public static final org.safeguardflow.variables.Var<Boolean> FAMILY_CONSENTS =
        org.safeguardflow.variables.Var.yesNo("familyConsents");
    public static final org.safeguardflow.variables.Var<String> SCREENING_SUMMARY =
        org.safeguardflow.variables.Var.text("screeningSummary");
    /** What the threshold table suggested: a level of need (1 to 4), a route and why. */
    public static final org.safeguardflow.variables.Var<Integer> SUGGESTED_LEVEL_OF_NEED =
        org.safeguardflow.variables.Var.integer("suggestedLevelOfNeed");
    public static final org.safeguardflow.variables.Var<String> SUGGESTED_ROUTE =
        org.safeguardflow.variables.Var.text("suggestedRoute");
    public static final org.safeguardflow.variables.Var<String> SUGGESTION_RATIONALE =
        org.safeguardflow.variables.Var.text("suggestionRationale");
    /** The manager's decision: a {@link Route} (the form submits its name). */
    public static final org.safeguardflow.variables.Var<Route> CONTACT_DECISION =
        org.safeguardflow.variables.Var.code("contactDecision", Route.class);
    public static final org.safeguardflow.variables.Var<String> CONTACT_DECISION_REASON =
        org.safeguardflow.variables.Var.text("contactDecisionReason");
    /** Why a late decision is late: the common late reason of the step ({@code explainLateStep} reads it). */
    public static final org.safeguardflow.variables.Var<String> CONTACT_DECISION_LATE_REASON =
        Step.CONTACT_DECISION.lateReasonVar();
    public static final org.safeguardflow.variables.Var<String> CONTACT_DECIDED_BY =
        org.safeguardflow.variables.Var.text("contactDecidedBy");
    public static final org.safeguardflow.variables.Var<java.util.Date> CONTACT_DECIDED_AT =
        Pathway.Var.CONTACT_DECIDED_AT;
    public static final org.safeguardflow.variables.Var<java.util.Date> CASE_CLOSED_AT =
        org.safeguardflow.variables.Var.moment("caseClosedAt");
    /** True when the child may be a child already known: the decision form asks the manager. */
    public static final org.safeguardflow.variables.Var<Boolean> POSSIBLE_MATCH =
        org.safeguardflow.variables.Var.yesNo("possibleMatch");
    /** The record that may be the child's: name, date of birth, sex, NHS number. */
    public static final org.safeguardflow.variables.Var<String> POSSIBLE_MATCH_CHILD =
        org.safeguardflow.variables.Var.text("possibleMatchChild");
    /** The case references of that record. */
    public static final org.safeguardflow.variables.Var<String> POSSIBLE_MATCH_CASES =
        org.safeguardflow.variables.Var.text("possibleMatchCases");
    /** The matching rule that found it and the evidence it read. */
    public static final org.safeguardflow.variables.Var<String> POSSIBLE_MATCH_EVIDENCE =
        org.safeguardflow.variables.Var.text("possibleMatchEvidence");
    /** The manager's answer: SAME_CHILD (the records are merged) or DIFFERENT_CHILD. */
    public static final org.safeguardflow.variables.Var<String> POSSIBLE_MATCH_VERDICT =
        org.safeguardflow.variables.Var.text("possibleMatchVerdict");
    /**
     * The child's open case this contact was handed to when the manager confirmed the possible match
     * (reviewed there as a further contact); the referrer is told so instead of this case's route.
     */
    public static final org.safeguardflow.variables.Var<String> JOINED_OPEN_CASE =
        org.safeguardflow.variables.Var.text("contactJoinedCase");

    private Var() {}
  }

  /** What a manager may decide about a contact; the threshold table suggests one of these. */
  public enum Route {
    NFA("Information and advice, no further action"),
    EARLY_HELP("Step down to early help"),
    S17_ASSESSMENT("Referral: child in need assessment (section 17)"),
    STRATEGY_DISCUSSION("Referral: strategy discussion (section 47)"),
    IMMEDIATE_PROTECTION("Immediate protection, then strategy discussion");

    private final String label;

    Route(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    public boolean closesTheCase() {
      return this == NFA || this == EARLY_HELP;
    }

    public static List<String> names() {
      return java.util.Arrays.stream(values()).map(Enum::name).toList();
    }
  }

  /** Correlated when another contact arrives for a child whose case is open. */
  public static final String MESSAGE_FURTHER_CONTACT = "FurtherContactReceived";

  /** Local variables of the further-contact event subprocess. */
  public static final class FurtherContact {
    /** The further contact's id (sf_contact). */
    public static final org.safeguardflow.variables.Var<Long> CONTACT_ID = org.safeguardflow.variables.Var.id("furtherContactId");
    public static final org.safeguardflow.variables.Var<java.util.Date> RECEIVED_AT = org.safeguardflow.variables.Var.moment("furtherContactReceivedAt");
    public static final org.safeguardflow.variables.Var<String> RECEIVED_AT_TEXT = org.safeguardflow.variables.Var.text("furtherContactReceivedAtText");
    public static final org.safeguardflow.variables.Var<String> SOURCE_TEXT = org.safeguardflow.variables.Var.text("furtherContactSourceText");
    public static final org.safeguardflow.variables.Var<String> REFERRER = org.safeguardflow.variables.Var.text("furtherContactReferrer");
    public static final org.safeguardflow.variables.Var<String> CONCERNS = org.safeguardflow.variables.Var.text("furtherContactConcerns");
    public static final org.safeguardflow.variables.Var<String> SCREENING_SUMMARY = org.safeguardflow.variables.Var.text("furtherContactScreeningSummary");
    /** The child as the further contact named them (name, date of birth, sex, NHS number), beside the case's child. */
    public static final org.safeguardflow.variables.Var<String> CHILD_AS_SENT = org.safeguardflow.variables.Var.text("furtherContactChildAsSent");

    private FurtherContact() {}
  }

  private ContactProcess() {}
}
