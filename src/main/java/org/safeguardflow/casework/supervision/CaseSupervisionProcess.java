package org.safeguardflow.casework.supervision;

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
    public static final String SUPERVISION_DATE = "supervisionDate";
    public static final String DISCUSSION = "supervisionDiscussion";
    public static final String DECISIONS = "supervisionDecisions";
    /** A JSON array of {@code {"action": text, "dueBy": "yyyy-MM-dd"}}, as the form's dynamic list submits it. */
    public static final String ACTIONS = "supervisionActions";
    public static final String LATE_REASON = "caseSupervisionLateReason";
    public static final String OVERDUE = "caseSupervisionOverdue";
    public static final String ESCALATION_NOTE = "supervisionEscalationNote";
    // The cycle
    public static final String DUE_FROM = "supervisionDueFrom";
    public static final String COUNT = "supervisionCount";
    public static final String LAST_SUPERVISION_DATE = "lastSupervisionDate";
    public static final String LAST_SUPERVISION_SUMMARY = "lastSupervisionSummary";
    public static final String CASE_STILL_OPEN = "supervisedCaseStillOpen";
    // An extra supervision asked for through the API
    public static final String REQUESTED_BY = "supervisionRequestedBy";
    public static final String REQUEST_REASON = "supervisionRequestReason";
    public static final String REQUEST_ID = "supervisionRequestId";

    private Var() {}
  }

  /** Routine supervision within the 4-week cycle, or an extra one a manager asked for. */
  public enum Kind { ROUTINE, AD_HOC }
}
