package org.safeguardflow.casework;

import java.util.Arrays;
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

    private Process() {}
  }

  public static final class Var {
    // Referral and allocation
    /**
     * What the referral episode takes from the contact: when the manager accepted it (a Date), the
     * day the referral date is counted from.
     */
    public static final String CONTACT_DECIDED_AT = "contactDecidedAt";
    public static final String REFERRAL_DATE = "referralDate";
    public static final String ALLOCATED_TEAM = "allocatedTeam";
    public static final String ALLOCATED_WORKER = "allocatedWorker";
    public static final String ALLOCATION_DATE = "allocationDate";
    public static final String CASELOAD_SUMMARY = "caseloadSummary";
    // Strategy discussion and section 47
    public static final String STRATEGY_DISCUSSION_DATE = "strategyDiscussionDate";
    public static final String STRATEGY_INVITEES = "strategyInvitees";
    public static final String S47_STARTED = "s47Started";
    public static final String S47_ACTUAL_START_DATE = "s47ActualStartDate";
    public static final String S47_OUTCOME = "s47Outcome";
    public static final String STRATEGY_MINUTES = "strategyMinutes";
    // Assessment
    public static final String ASSESSMENT_ACTUAL_START_DATE = "assessmentActualStartDate";
    public static final String ASSESSMENT_CHILD_SEEN_DATE = "assessmentChildSeenDate";
    public static final String ASSESSMENT_CHILD_SEEN_ALONE = "assessmentChildSeenAlone";
    public static final String ASSESSMENT_CHILD_VIEWS = "assessmentChildViews";
    public static final String ASSESSMENT_FACTORS = "assessmentFactors";
    public static final String ASSESSMENT_OUTCOME = "assessmentOutcome";
    /** The child's primary need as the assessment found it: a CIN census code, N0-N9. */
    public static final String PRIMARY_NEED_CODE = "primaryNeedCode";
    public static final String ASSESSMENT_AUTHORISATION_DATE = "assessmentAuthorisationDate";
    // Initial child protection conference
    public static final String INITIAL_CPC_TARGET = "initialCpcTarget";
    public static final String DATE_OF_INITIAL_CPC = "dateOfInitialCpc";
    public static final String ICPC_NOT_REQUIRED = "icpcNotRequired";
    public static final String ICPC_OUTCOME = "icpcOutcome";
    public static final String CHILD_ATTENDED_CONFERENCE = "childAttendedConference";
    public static final String CHILD_REPRESENTED_BY_ADVOCATE = "childRepresentedByAdvocate";
    // Child protection plan
    public static final String CPP_START_DATE = "cppStartDate";
    public static final String INITIAL_CATEGORY_OF_ABUSE = "initialCategoryOfAbuse";
    public static final String LATEST_CATEGORY_OF_ABUSE = "latestCategoryOfAbuse";
    public static final String CPP_END_DATE = "cppEndDate";
    public static final String PLAN_ENDING = "planEnding";
    // Child in need plan
    public static final String CIN_PLAN_START_DATE = "cinPlanStartDate";
    public static final String CIN_PLAN_END_DATE = "cinPlanEndDate";
    // Closure
    public static final String CLOSURE_DATE = "closureDate";
    public static final String REASON_FOR_CLOSURE = "reasonForClosure";

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
