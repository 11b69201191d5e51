package org.safeguardflow.casework.protectionplan;

import static org.safeguardflow.variables.Var.code;
import static org.safeguardflow.variables.Var.integer;
import static org.safeguardflow.variables.Var.list;
import static org.safeguardflow.variables.Var.text;

import java.time.LocalDate;
import org.safeguardflow.casework.CaseDates;
import org.safeguardflow.casework.FormValues;

import java.util.Arrays;
import java.util.List;
import org.safeguardflow.casework.Pathway;

/**
 * The child protection plan ({@code bpmn/child-protection-plan.bpmn}): element ids and the variables
 * it adds to those of {@link Pathway.Var}.
 */
public final class ChildProtectionPlanProcess {

  public static final String KEY = Pathway.Process.CP_PLAN;

  private ChildProtectionPlanProcess() {}

  public static final class Element {
    public static final String START_PLAN = "Task_StartPlan";
    public static final String PLAN_IN_FORCE = "SubProcess_PlanInForce";
    public static final String RECORD_FIRST_CORE_GROUP = "Task_RecordFirstCoreGroup";
    public static final String RECORD_CORE_GROUP = "Task_RecordCoreGroup";
    public static final String STATUTORY_VISIT = "SubProcess_StatutoryVisit";
    public static final String RECORD_STATUTORY_VISIT = "Task_RecordStatutoryVisit";
    public static final String VISIT_REMINDER = "Timer_VisitReminder";
    public static final String VISIT_DUE = "Timer_VisitDue";
    public static final String REMIND_WORKER_OF_VISIT = "Task_RemindWorkerOfVisit";
    public static final String RECORD_VISIT_BREACH = "Task_RecordVisitBreach";
    public static final String SERVICE_MANAGER_REVIEWS_OVERDUE_VISIT = "Task_ServiceManagerReviewsOverdueVisit";
    public static final String VISIT_ESCALATION_REVIEWED = "EndEvent_VisitEscalationReviewed";
    public static final String REVIEW_CONFERENCE = "SubProcess_ReviewConference";
    public static final String RECORD_REVIEW_CONFERENCE = "Task_RecordReviewConference";
    public static final String SCHEDULE_REVIEW_CONFERENCE = "Task_ScheduleReviewConference";
    public static final String INVITE_TO_REVIEW_CONFERENCE = "Task_InviteToReviewConference";
    public static final String REVIEW_INVITED = "EndEvent_ReviewInvited";
    public static final String REVIEW_REMINDER = "Timer_ReviewReminder";
    public static final String REVIEW_DUE = "Timer_ReviewDue";
    public static final String REMIND_TEAM_OF_REVIEW = "Task_RemindTeamOfReview";
    public static final String RECORD_REVIEW_BREACH = "Task_RecordReviewBreach";
    public static final String SERVICE_MANAGER_REVIEWS_OVERDUE_REVIEW = "Task_ServiceManagerReviewsOverdueReview";
    public static final String REVIEW_ESCALATION_REVIEWED = "EndEvent_ReviewEscalationReviewed";
    public static final String RECORD_REVIEW_ON_PLAN = "Task_RecordReviewOnPlan";
    public static final String END_PLAN = "Task_EndPlan";
    public static final String PLAN_ENDED_BY_REVIEW = "EndEvent_PlanEndedByReview";
    public static final String SEND_LETTER_BEFORE_PROCEEDINGS = "Task_SendLetterBeforeProceedings";
    public static final String SEND_LETTER_TO_PARENTS = "Task_SendLetterToParents";
    public static final String HOLD_PRE_PROCEEDINGS_MEETING = "Task_HoldPreProceedingsMeeting";
    public static final String REVIEW_PRE_PROCEEDINGS = "Task_ReviewPreProceedings";
    public static final String PLAN_CONTINUES_WITHOUT_PROCEEDINGS = "EndEvent_PlanContinuesWithoutProceedings";
    public static final String RECORD_PROCEEDINGS_ISSUED = "Task_RecordProceedingsIssued";
    public static final String COURT_TIMETABLE_REMINDER = "Timer_CourtTimetableReminder";
    public static final String REMIND_TEAM_OF_COURT_TIMETABLE = "Task_RemindTeamOfCourtTimetable";
    public static final String COURT_TIMETABLE_TRACKED = "EndEvent_CourtTimetableTracked";
    public static final String PLAN_ENDED = "EndEvent_PlanEnded";

    private Element() {}
  }

  public static final class Var {
    public static final org.safeguardflow.variables.Var<List<String>> CPP_REVIEW_DATES = list("cppReviewDates", String.class);
    public static final org.safeguardflow.variables.Var<Integer> REVIEW_CONFERENCE_COUNT = integer("reviewConferenceCount");
    public static final org.safeguardflow.variables.Var<LocalDate> REVIEW_DUE_FROM = CaseDates.variable("reviewDueFrom");
    public static final org.safeguardflow.variables.Var<LocalDate> REVIEW_DATE = CaseDates.variable("reviewDate");
    public static final org.safeguardflow.variables.Var<ReviewDecision> REVIEW_DECISION = code("reviewDecision", ReviewDecision.class);
    public static final org.safeguardflow.variables.Var<String> REVIEW_NOTES = text("reviewNotes");
    public static final org.safeguardflow.variables.Var<LocalDate> CORE_GROUP_DATE = CaseDates.variable("coreGroupDate");
    public static final org.safeguardflow.variables.Var<String> CORE_GROUP_ACTIONS = text("coreGroupActions");
    public static final org.safeguardflow.variables.Var<LocalDate> LATEST_CORE_GROUP_DATE = CaseDates.variable("latestCoreGroupDate");
    public static final org.safeguardflow.variables.Var<LocalDate> CP_VISIT_DATE = CaseDates.variable("cpVisitDate");
    public static final org.safeguardflow.variables.Var<Boolean> CP_VISIT_CHILD_SEEN = FormValues.yesNoAnswer("cpVisitChildSeen");
    public static final org.safeguardflow.variables.Var<Boolean> CP_VISIT_CHILD_SEEN_ALONE = FormValues.yesNoAnswer("cpVisitChildSeenAlone");
    public static final org.safeguardflow.variables.Var<String> CP_VISIT_NOTES = text("cpVisitNotes");
    public static final org.safeguardflow.variables.Var<LocalDate> CP_VISIT_DUE_FROM = CaseDates.variable("cpVisitDueFrom");
    public static final org.safeguardflow.variables.Var<LocalDate> LATEST_CP_VISIT_DATE = CaseDates.variable("latestCpVisitDate");
    public static final org.safeguardflow.variables.Var<Boolean> LATEST_CP_VISIT_CHILD_SEEN = FormValues.yesNoAnswer("latestCpVisitChildSeen");
    public static final org.safeguardflow.variables.Var<Boolean> LATEST_CP_VISIT_CHILD_SEEN_ALONE = FormValues.yesNoAnswer("latestCpVisitChildSeenAlone");
    public static final org.safeguardflow.variables.Var<LocalDate> LETTER_BEFORE_PROCEEDINGS_DATE = CaseDates.variable("letterBeforeProceedingsDate");
    /**
     * Who the letter before proceedings went to and how, one line per person with parental responsibility
     * (set when it is sent; the pre-proceedings meeting's form shows it).
     */
    public static final org.safeguardflow.variables.Var<String> LETTER_BEFORE_PROCEEDINGS_SENT_TO = text("letterBeforeProceedingsSentTo");
    public static final org.safeguardflow.variables.Var<LocalDate> PRE_PROCEEDINGS_MEETING_DATE = CaseDates.variable("preProceedingsMeetingDate");
    public static final org.safeguardflow.variables.Var<LocalDate> PRE_PROCEEDINGS_REVIEW_DATE = CaseDates.variable("preProceedingsReviewDate");
    public static final org.safeguardflow.variables.Var<PreProceedingsDecision> PRE_PROCEEDINGS_DECISION = code("preProceedingsDecision", PreProceedingsDecision.class);
    public static final org.safeguardflow.variables.Var<LocalDate> CARE_PROCEEDINGS_ISSUED_DATE = CaseDates.variable("careProceedingsIssuedDate");
    public static final org.safeguardflow.variables.Var<LocalDate> CARE_PROCEEDINGS_DUE_DATE = CaseDates.variable("careProceedingsDueDate");

    private Var() {}
  }

  /** What a review conference decides about the plan. */
  public enum ReviewDecision {
    CONTINUE(null),
    END_STEP_DOWN_TO_CIN_PLAN(Pathway.PlanEnding.STEP_DOWN_TO_CIN_PLAN),
    END_CLOSE(Pathway.PlanEnding.CLOSE),
    PRE_PROCEEDINGS(null);

    private final Pathway.PlanEnding ending;

    ReviewDecision(Pathway.PlanEnding ending) {
      this.ending = ending;
    }

    /** How the plan ends, or null when the plan continues. */
    public Pathway.PlanEnding ending() {
      return ending;
    }

    public static List<String> names() {
      return Arrays.stream(values()).map(Enum::name).toList();
    }
  }

  /** What the review of the pre-proceedings (Public Law Outline) decides. */
  public enum PreProceedingsDecision {
    CONTINUE_WITHOUT_PROCEEDINGS,
    ISSUE_CARE_PROCEEDINGS;

    public static List<String> names() {
      return Arrays.stream(values()).map(Enum::name).toList();
    }
  }
}
