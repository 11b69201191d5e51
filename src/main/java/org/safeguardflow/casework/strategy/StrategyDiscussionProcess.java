package org.safeguardflow.casework.strategy;

import static org.safeguardflow.variables.Var.integer;
import static org.safeguardflow.variables.Var.moment;
import static org.safeguardflow.variables.Var.text;

import java.util.Date;

import org.safeguardflow.casework.Pathway;
import org.safeguardflow.timescales.Step;

/**
 * The strategy discussion stage ({@code bpmn/strategy-discussion.bpmn}): its element ids and the
 * variables it keeps besides the shared ones in {@link Pathway.Var}.
 */
public final class StrategyDiscussionProcess {

  public static final String KEY = Pathway.Process.STRATEGY_DISCUSSION;

  public static final class Element {
    public static final String SIGNIFICANT_HARM_SUSPECTED = "StartEvent_SignificantHarmSuspected";
    public static final String CONVENE = "Task_ConveneStrategyDiscussion";
    public static final String INVITE = "Task_InviteToStrategyDiscussion";
    public static final String RECORD = "Task_RecordStrategyDiscussion";
    public static final String IS_S47_STARTED = "Gateway_IsSection47Started";
    public static final String START_S47 = "Task_StartSection47Enquiry";
    public static final String MINUTES = "SubProcess_StrategyMinutes";
    public static final String RECORD_MINUTES = "Task_RecordStrategyMinutes";
    public static final String MINUTES_REMINDER = "Timer_StrategyMinutesReminder";
    public static final String MINUTES_DUE = "Timer_StrategyMinutesDue";
    public static final String REMIND_MINUTES = "Task_RemindTeamOfDueMinutes";
    public static final String RECORD_MINUTES_BREACH = "Task_RecordMinutesBreach";
    public static final String SERVICE_MANAGER_REVIEWS_MINUTES = "Task_ServiceManagerReviewsOverdueMinutes";
    public static final String MINUTES_ESCALATION_FOLLOWED_UP = "EndEvent_StrategyMinutesEscalationFollowedUp";
    public static final String SEND_MINUTES = "Task_SendStrategyMinutes";
    public static final String CONCLUDED = "EndEvent_StrategyDiscussionConcluded";

    private Element() {}
  }

  public static final class Var {
    /** When the discussion became needed (a Date, engine clock): its deadlines count from here. */
    public static final org.safeguardflow.variables.Var<Date> STRATEGY_TRIGGERED_AT = moment("strategyTriggeredAt");
    /** 1 for the case's first strategy discussion, 2 for the next...: keeps each one's notifications apart. */
    public static final org.safeguardflow.variables.Var<Integer> STRATEGY_DISCUSSION_NUMBER = integer("strategyDiscussionNumber");
    public static final org.safeguardflow.variables.Var<String> STRATEGY_OTHER_INVITEE = text("strategyOtherInvitee");
    public static final org.safeguardflow.variables.Var<String> STRATEGY_PLANNED_FOR = text("strategyPlannedFor");
    public static final org.safeguardflow.variables.Var<String> STRATEGY_ATTENDEES = text("strategyAttendees");
    public static final org.safeguardflow.variables.Var<String> STRATEGY_DECISION_REASON = text("strategyDecisionReason");
    public static final org.safeguardflow.variables.Var<String> STRATEGY_MINUTES_LATE_REASON = Step.STRATEGY_MINUTES.lateReasonVar();
    public static final org.safeguardflow.variables.Var<Boolean> STRATEGY_MINUTES_OVERDUE = Step.STRATEGY_MINUTES.overdueFlagVar();
    /**
     * The minutes' escalation note as escalation tasks of models deployed before the one escalation
     * form kept it, in the stage; cleared when a discussion opens. Today's note is
     * {@code timescales.Step.ESCALATION_NOTE}, local to its task.
     */
    public static final org.safeguardflow.variables.Var<String> EARLIER_MINUTES_ESCALATION_NOTE = text("strategyMinutesEscalationNote");

    private Var() {}
  }

  /** Agencies a manager can invite; police, health and education are expected at every discussion. */
  public enum Invitee {
    POLICE("Police"),
    HEALTH("Health"),
    EDUCATION("Education (school or early years setting)"),
    OTHER("Another agency");

    private final String label;

    Invitee(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public static final String STEP_STRATEGY_DISCUSSION = "STRATEGY_DISCUSSION";
  public static final String STEP_STRATEGY_MINUTES = "STRATEGY_MINUTES";
  public static final String STEP_INITIAL_CPC = "INITIAL_CPC";

  private StrategyDiscussionProcess() {}
}
