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

  /** Process variables. Names follow the DfE CIN census items where one exists. */
  public static final class Var {
    public static final String CASE_REF = "caseRef";
    public static final String CONTACT_ID = "contactId";
    public static final String CHILD_ID = "childId";
    public static final String RECEIVED_AT = "receivedAt";
    public static final String RECEIVED_AT_TEXT = "receivedAtText";
    public static final String REFERRAL_SOURCE = "referralSource";
    public static final String REFERRAL_SOURCE_TEXT = "referralSourceText";
    public static final String REFERRER_NAME = "referrerName";
    public static final String REFERRER_ORGANISATION = "referrerOrganisation";
    public static final String REFERRER_EMAIL = "referrerEmail";
    public static final String CHILD_FIRST_NAME = "childFirstName";
    public static final String CHILD_LAST_NAME = "childLastName";
    public static final String CHILD_DATE_OF_BIRTH = "childDateOfBirth";
    public static final String CHILD_EXPECTED_DATE_OF_BIRTH = "childExpectedDateOfBirth";
    public static final String CHILD_SEX = "childSex";
    public static final String CHILD_ETHNICITY = "childEthnicity";
    public static final String CONCERNS = "concerns";
    public static final String IMMEDIATE_DANGER = "immediateDanger";
    public static final String SIGNIFICANT_HARM_SUSPECTED = "significantHarmSuspected";
    public static final String NEEDS_MET_BY_UNIVERSAL_SERVICES = "needsMetByUniversalServices";
    public static final String AGENCIES_NEEDED = "agenciesNeeded";
    public static final String FAMILY_CONSENTS = "familyConsents";
    public static final String SCREENING_SUMMARY = "screeningSummary";
    public static final String SUGGESTED_LEVEL_OF_NEED = "suggestedLevelOfNeed";
    public static final String SUGGESTED_ROUTE = "suggestedRoute";
    public static final String SUGGESTION_RATIONALE = "suggestionRationale";
    public static final String CONTACT_DECISION = "contactDecision";
    public static final String CONTACT_DECISION_REASON = "contactDecisionReason";
    /** Why a late decision is late: the common late reason of the step ({@code explainLateStep} reads it). */
    public static final String CONTACT_DECISION_LATE_REASON = Step.CONTACT_DECISION.lateReason();
    public static final String CONTACT_DECIDED_BY = "contactDecidedBy";
    public static final String CONTACT_DECIDED_AT = Pathway.Var.CONTACT_DECIDED_AT.name();
    public static final String ESCALATION_NOTE = "escalationNote";
    public static final String CASE_CLOSED_AT = "caseClosedAt";
    /** True when the child may be a child already known: the decision form asks the manager. */
    public static final String POSSIBLE_MATCH = "possibleMatch";
    /** The record that may be the child's: name, date of birth, sex, NHS number. */
    public static final String POSSIBLE_MATCH_CHILD = "possibleMatchChild";
    /** The case references of that record. */
    public static final String POSSIBLE_MATCH_CASES = "possibleMatchCases";
    /** The matching rule that found it and the evidence it read. */
    public static final String POSSIBLE_MATCH_EVIDENCE = "possibleMatchEvidence";
    /** The manager's answer: SAME_CHILD (the records are merged) or DIFFERENT_CHILD. */
    public static final String POSSIBLE_MATCH_VERDICT = "possibleMatchVerdict";

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

    private FurtherContact() {}
  }

  private ContactProcess() {}
}
