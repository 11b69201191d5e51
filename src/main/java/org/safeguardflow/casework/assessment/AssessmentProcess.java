package org.safeguardflow.casework.assessment;

import static org.safeguardflow.variables.Var.code;
import static org.safeguardflow.variables.Var.dayOrMoment;
import static org.safeguardflow.variables.Var.moment;
import static org.safeguardflow.variables.Var.text;

import java.time.temporal.Temporal;
import java.util.Date;
import org.safeguardflow.casework.FormValues;

import org.safeguardflow.casework.Pathway;
import org.safeguardflow.timescales.Step;

/**
 * The assessment stage with its section 47 enquiry ({@code bpmn/assessment.bpmn}): element ids and
 * the variables it keeps besides the shared ones in {@link Pathway.Var}.
 */
public final class AssessmentProcess {

  public static final String KEY = Pathway.Process.ASSESSMENT;

  public static final class Element {
    public static final String ASSESSMENT_NEEDED = "StartEvent_AssessmentNeeded";
    public static final String WHAT_WORK_STARTS = "Gateway_WhatWorkStarts";
    public static final String WHICH_ASSESSMENT = "Gateway_WhichAssessment";
    public static final String IS_CORE_UNDER_WAY = "Gateway_IsCoreAssessmentUnderWay";
    public static final String IS_CORE_NEEDED = "Gateway_IsCoreAssessmentNeeded";
    public static final String INITIAL_ASSESSMENT = "SubProcess_InitialAssessment";
    public static final String COMPLETE_INITIAL = "Task_CompleteInitialAssessment";
    public static final String CORE_ASSESSMENT = "SubProcess_CoreAssessment";
    public static final String COMPLETE_CORE = "Task_CompleteCoreAssessment";
    public static final String SINGLE_ASSESSMENT = "SubProcess_SingleAssessment";
    public static final String COMPLETE_SINGLE = "Task_CompleteSingleAssessment";
    public static final String RECORD_WORK = "Task_RecordAssessmentWork";
    public static final String SECTION_47 = "SubProcess_Section47Enquiry";
    public static final String CONCLUDE_S47 = "Task_ConcludeSection47Enquiry";
    public static final String AUTHORISE = "Task_AuthoriseAssessment";
    public static final String IS_AUTHORISED = "Gateway_IsAssessmentAuthorised";
    public static final String AUTHORISED = "EndEvent_AssessmentAuthorised";

    private Element() {}
  }

  public static final class Var {
    public static final org.safeguardflow.variables.Var<String> ASSESSMENT_OUTCOME_REASON = text("assessmentOutcomeReason");
    public static final org.safeguardflow.variables.Var<Boolean> CORE_ASSESSMENT_NEEDED = FormValues.yesNoAnswer("coreAssessmentNeeded");
    /**
     * When the core assessment began (its 35 working days count from it): the moment the engine opened
     * it, or the day an imported pre-2013 case recorded (ISO text), as the deadline functions accept both.
     */
    public static final org.safeguardflow.variables.Var<Temporal> CORE_ASSESSMENT_STARTED_AT = dayOrMoment("coreAssessmentStartedAt");
    public static final org.safeguardflow.variables.Var<String> ASSESSMENT_COMPLETED_BY = text("assessmentCompletedBy");
    public static final org.safeguardflow.variables.Var<Date> ASSESSMENT_COMPLETED_AT = moment("assessmentCompletedAt");
    public static final org.safeguardflow.variables.Var<String> S47_OUTCOME_REASON = text("s47OutcomeReason");
    /** The manager's decision: AUTHORISE or RETURN (for more work). */
    public static final org.safeguardflow.variables.Var<Authorisation> ASSESSMENT_AUTHORISATION = code("assessmentAuthorisation", Authorisation.class);
    public static final org.safeguardflow.variables.Var<String> ASSESSMENT_MANAGER_COMMENTS = text("assessmentManagerComments");
    /**
     * When the episode's previous assessment was authorised (null for its first): a later assessment
     * starts after it (DfE CIN census rule 8863). Kept by OpenAssessment from the authorisation date
     * the previous run gave back to the episode, before clearing it for this run.
     */
    public static final org.safeguardflow.variables.Var<java.time.LocalDate> PREVIOUS_ASSESSMENT_AUTHORISATION_DATE =
        org.safeguardflow.casework.CaseDates.variable("previousAssessmentAuthorisationDate");
    public static final org.safeguardflow.variables.Var<String> ASSESSMENT_AUTHORISED_BY = text("assessmentAuthorisedBy");

    /** Whether the enquiry's deadline passed (the statutory step S47_ENQUIRY's {@code <step>Overdue}). */
    public static final org.safeguardflow.variables.Var<Boolean> S47_ENQUIRY_OVERDUE = Step.S47_ENQUIRY.overdueFlagVar();
    /** Whether the core assessment's deadline passed (CORE_ASSESSMENT's {@code <step>Overdue}). */
    public static final org.safeguardflow.variables.Var<Boolean> CORE_ASSESSMENT_OVERDUE = Step.CORE_ASSESSMENT.overdueFlagVar();

    private Var() {}
  }

  /** How a section 47 enquiry concludes. */
  public enum S47Outcome { ICPC_REQUIRED, NO_ICPC }

  /** What a manager does with a completed assessment. */
  public enum Authorisation { AUTHORISE, RETURN }

  public static final String STEP_INITIAL_ASSESSMENT = "INITIAL_ASSESSMENT";
  public static final String STEP_CORE_ASSESSMENT = "CORE_ASSESSMENT";
  public static final String STEP_SINGLE_ASSESSMENT = "SINGLE_ASSESSMENT";
  public static final String STEP_S47_ENQUIRY = "S47_ENQUIRY";
  public static final String STEP_ASSESSMENT_AUTHORISATION = "ASSESSMENT_AUTHORISATION";

  private AssessmentProcess() {}
}
