package org.safeguardflow.intake;

import static org.safeguardflow.variables.Var.code;
import static org.safeguardflow.variables.Var.id;
import static org.safeguardflow.variables.Var.integer;
import static org.safeguardflow.variables.Var.isoDate;
import static org.safeguardflow.variables.Var.moment;
import static org.safeguardflow.variables.Var.text;
import static org.safeguardflow.variables.Var.yesNo;

import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import org.safeguardflow.casework.CaseOnEveryProcess;
import org.safeguardflow.casework.Pathway;
import org.safeguardflow.children.ChildRegister;
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
    public static final org.safeguardflow.variables.Var<String> CASE_REF = CaseOnEveryProcess.CASE_REF;
    /** The contact's id (sf_contact). */
    public static final org.safeguardflow.variables.Var<Long> CONTACT_ID = id("contactId");
    /** The child's id (sf_child). */
    public static final org.safeguardflow.variables.Var<Long> CHILD_ID = ChildRegister.CHILD_ID;
    /** When the contact reached the front door: the contact decision's deadline runs from it. */
    public static final org.safeguardflow.variables.Var<Date> RECEIVED_AT = moment("receivedAt");
    /** The same, as the decision form shows it (Europe/London). */
    public static final org.safeguardflow.variables.Var<String> RECEIVED_AT_TEXT = text("receivedAtText");
    /** CIN census referral source code (1A...10). */
    public static final org.safeguardflow.variables.Var<String> REFERRAL_SOURCE = text("referralSource");
    public static final org.safeguardflow.variables.Var<String> REFERRAL_SOURCE_TEXT = text("referralSourceText");
    public static final org.safeguardflow.variables.Var<String> REFERRER_NAME = text("referrerName");
    public static final org.safeguardflow.variables.Var<String> REFERRER_ORGANISATION = text("referrerOrganisation");
    public static final org.safeguardflow.variables.Var<String> REFERRER_EMAIL = text("referrerEmail");
    public static final org.safeguardflow.variables.Var<String> CHILD_FIRST_NAME = CaseOnEveryProcess.CHILD_FIRST_NAME;
    public static final org.safeguardflow.variables.Var<String> CHILD_LAST_NAME = CaseOnEveryProcess.CHILD_LAST_NAME;
    public static final org.safeguardflow.variables.Var<LocalDate> CHILD_DATE_OF_BIRTH = isoDate("childDateOfBirth");
    public static final org.safeguardflow.variables.Var<LocalDate> CHILD_EXPECTED_DATE_OF_BIRTH = isoDate("childExpectedDateOfBirth");
    public static final org.safeguardflow.variables.Var<String> CHILD_SEX = text("childSex");
    public static final org.safeguardflow.variables.Var<String> CHILD_ETHNICITY = text("childEthnicity");
    public static final org.safeguardflow.variables.Var<String> CONCERNS = text("concerns");
    /** Screening answers the threshold table reads. */
    public static final org.safeguardflow.variables.Var<Boolean> IMMEDIATE_DANGER = yesNo("immediateDanger");
    public static final org.safeguardflow.variables.Var<Boolean> SIGNIFICANT_HARM_SUSPECTED = yesNo("significantHarmSuspected");
    public static final org.safeguardflow.variables.Var<Boolean> NEEDS_MET_BY_UNIVERSAL_SERVICES = yesNo("needsMetByUniversalServices");
    public static final org.safeguardflow.variables.Var<Integer> AGENCIES_NEEDED = integer("agenciesNeeded");
    public static final org.safeguardflow.variables.Var<Boolean> FAMILY_CONSENTS = yesNo("familyConsents");
    public static final org.safeguardflow.variables.Var<String> SCREENING_SUMMARY = text("screeningSummary");
    /** What the threshold table suggested: a level of need (1 to 4), a route and why. */
    public static final org.safeguardflow.variables.Var<Integer> SUGGESTED_LEVEL_OF_NEED = integer("suggestedLevelOfNeed");
    public static final org.safeguardflow.variables.Var<String> SUGGESTED_ROUTE = text("suggestedRoute");
    public static final org.safeguardflow.variables.Var<String> SUGGESTION_RATIONALE = text("suggestionRationale");
    /** The manager's decision: a {@link Route} (the form submits its name). */
    public static final org.safeguardflow.variables.Var<Route> CONTACT_DECISION = code("contactDecision", Route.class);
    public static final org.safeguardflow.variables.Var<String> CONTACT_DECISION_REASON = text("contactDecisionReason");
    /** Why a late decision is late: the common late reason of the step ({@code explainLateStep} reads it). */
    public static final org.safeguardflow.variables.Var<String> CONTACT_DECISION_LATE_REASON = Step.CONTACT_DECISION.lateReasonVar();
    public static final org.safeguardflow.variables.Var<String> CONTACT_DECIDED_BY = text("contactDecidedBy");
    public static final org.safeguardflow.variables.Var<Date> CONTACT_DECIDED_AT = Pathway.Var.CONTACT_DECIDED_AT;
    public static final org.safeguardflow.variables.Var<Date> CASE_CLOSED_AT = moment("caseClosedAt");
    /** True when the child may be a child already known: the decision form asks the manager. */
    public static final org.safeguardflow.variables.Var<Boolean> POSSIBLE_MATCH = yesNo("possibleMatch");
    /** The record that may be the child's: name, date of birth, sex, NHS number. */
    public static final org.safeguardflow.variables.Var<String> POSSIBLE_MATCH_CHILD = text("possibleMatchChild");
    /** The case references of that record. */
    public static final org.safeguardflow.variables.Var<String> POSSIBLE_MATCH_CASES = text("possibleMatchCases");
    /** The matching rule that found it and the evidence it read. */
    public static final org.safeguardflow.variables.Var<String> POSSIBLE_MATCH_EVIDENCE = text("possibleMatchEvidence");
    /** The manager's answer: SAME_CHILD (the records are merged) or DIFFERENT_CHILD. */
    public static final org.safeguardflow.variables.Var<String> POSSIBLE_MATCH_VERDICT = text("possibleMatchVerdict");

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
    public static final org.safeguardflow.variables.Var<Long> CONTACT_ID = id("furtherContactId");
    public static final org.safeguardflow.variables.Var<Date> RECEIVED_AT = moment("furtherContactReceivedAt");
    public static final org.safeguardflow.variables.Var<String> RECEIVED_AT_TEXT = text("furtherContactReceivedAtText");
    public static final org.safeguardflow.variables.Var<String> SOURCE_TEXT = text("furtherContactSourceText");
    public static final org.safeguardflow.variables.Var<String> REFERRER = text("furtherContactReferrer");
    public static final org.safeguardflow.variables.Var<String> CONCERNS = text("furtherContactConcerns");
    public static final org.safeguardflow.variables.Var<String> SCREENING_SUMMARY = text("furtherContactScreeningSummary");

    private FurtherContact() {}
  }

  private ContactProcess() {}
}
