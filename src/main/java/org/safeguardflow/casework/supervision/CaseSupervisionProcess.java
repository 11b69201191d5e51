package org.safeguardflow.casework.supervision;

import static org.safeguardflow.variables.Var.code;
import static org.safeguardflow.variables.Var.dayOrMoment;
import static org.safeguardflow.variables.Var.integer;
import static org.safeguardflow.variables.Var.stored;
import static org.safeguardflow.variables.Var.text;
import static org.safeguardflow.variables.Var.yesNo;

import java.time.LocalDate;
import java.time.temporal.Temporal;
import org.safeguardflow.casework.CaseDates;
import org.safeguardflow.timescales.Step;

/**
 * Case supervision ({@code bpmn/case-supervision.bpmn}, key {@link org.safeguardflow.casework.Pathway.Process#CASE_SUPERVISION}):
 * a team manager supervises every open case at least every 4 weeks, and whenever a manager asks.
 */
public final class CaseSupervisionProcess {

  private CaseSupervisionProcess() {}

  /** Correlated by business key (the case reference) to ask for an extra supervision. */
  public static final String SUPERVISION_REQUESTED_MESSAGE = "CaseSupervisionRequested";
  public static final String TIMESCALE_STEP = "CASE_SUPERVISION";

  public static final class Element {
    public static final String SUPERVISION_BEGINS = "StartEvent_SupervisionBegins";
    public static final String NEXT_SUPERVISION = "Gateway_NextSupervision";
    public static final String SUPERVISION = "SubProcess_CaseSupervision";
    public static final String RECORD_SUPERVISION = "Task_RecordCaseSupervision";
    public static final String SUPERVISION_RECORDED = "EndEvent_SupervisionRecorded";
    public static final String SUPERVISION_REMINDER = "Timer_CaseSupervisionReminder";
    public static final String SUPERVISION_DUE = "Timer_CaseSupervisionDue";
    public static final String REMIND_MANAGERS = "Task_RemindManagersOfDueSupervision";
    public static final String MANAGERS_REMINDED = "EndEvent_ManagersReminded";
    public static final String RECORD_SUPERVISION_BREACH = "Task_RecordSupervisionBreach";
    public static final String SERVICE_MANAGER_REVIEWS_OVERDUE = "Task_ServiceManagerReviewsOverdueSupervision";
    public static final String ESCALATION_FOLLOWED_UP = "EndEvent_SupervisionEscalationFollowedUp";
    public static final String FILE_SUPERVISION = "Task_FileCaseSupervision";
    public static final String IS_THE_CASE_STILL_OPEN = "Gateway_IsTheCaseStillOpen";
    public static final String SUPERVISION_ENDS = "EndEvent_SupervisionEndsWithCase";
    public static final String AD_HOC = "SubProcess_AdHocSupervision";
    public static final String AD_HOC_REQUESTED = "StartEvent_AdHocSupervisionRequested";
    public static final String RECORD_AD_HOC_SUPERVISION = "Task_RecordAdHocSupervision";
    public static final String FILE_AD_HOC_SUPERVISION = "Task_FileAdHocSupervision";
    public static final String AD_HOC_RECORDED = "EndEvent_AdHocSupervisionRecorded";

    private Element() {}
  }

  public static final class Var {
    // The supervision form (routine and extra)
    public static final org.safeguardflow.variables.Var<LocalDate> SUPERVISION_DATE = CaseDates.variable("supervisionDate");
    public static final org.safeguardflow.variables.Var<String> DISCUSSION = text("supervisionDiscussion");
    public static final org.safeguardflow.variables.Var<String> DECISIONS = text("supervisionDecisions");
    /** A JSON array of {@code {"action": text, "dueBy": "yyyy-MM-dd"}}, as the form's dynamic list submits it. */
    public static final org.safeguardflow.variables.Var<Object> ACTIONS = stored("supervisionActions", Object.class);
    public static final org.safeguardflow.variables.Var<String> LATE_REASON = Step.CASE_SUPERVISION.lateReasonVar();
    public static final org.safeguardflow.variables.Var<Boolean> OVERDUE = Step.CASE_SUPERVISION.overdueFlagVar();
    /**
     * The escalation note as escalation tasks of models deployed before the one escalation form kept
     * it, in the stage; cleared with the supervision it belongs to. Today's note is
     * {@code timescales.Step.ESCALATION_NOTE}, local to its task.
     */
    public static final org.safeguardflow.variables.Var<String> EARLIER_ESCALATION_NOTE = text("supervisionEscalationNote");
    // The cycle
    public static final org.safeguardflow.variables.Var<Temporal> DUE_FROM = dayOrMoment("supervisionDueFrom");
    public static final org.safeguardflow.variables.Var<Integer> COUNT = integer("supervisionCount");
    public static final org.safeguardflow.variables.Var<LocalDate> LAST_SUPERVISION_DATE = CaseDates.variable("lastSupervisionDate");
    public static final org.safeguardflow.variables.Var<String> LAST_SUPERVISION_SUMMARY = text("lastSupervisionSummary");
    public static final org.safeguardflow.variables.Var<Boolean> CASE_STILL_OPEN = yesNo("supervisedCaseStillOpen");
    // An extra supervision asked for through the API
    public static final org.safeguardflow.variables.Var<String> REQUESTED_BY = text("supervisionRequestedBy");
    public static final org.safeguardflow.variables.Var<String> REQUEST_REASON = text("supervisionRequestReason");
    public static final org.safeguardflow.variables.Var<String> REQUEST_ID = text("supervisionRequestId");

    /** Who completed the supervision task (set by its completion listener). */
    public static final org.safeguardflow.variables.Var<String> SUPERVISION_RECORDED_BY = text("supervisionRecordedBy");
    /** The record task's input: ROUTINE or AD_HOC. */
    public static final org.safeguardflow.variables.Var<Kind> SUPERVISION_KIND = code("supervisionKind", Kind.class);
    /** The extra supervision task's own copy of the request id (an input parameter of the task). */
    public static final org.safeguardflow.variables.Var<String> TASK_REQUEST_ID = text("requestId");

    private Var() {}
  }

  /** Routine supervision within the 4-week cycle, or an extra one a manager asked for. */
  public enum Kind { ROUTINE, AD_HOC }
}
