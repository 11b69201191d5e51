package org.safeguardflow.casework.conference;

import static org.safeguardflow.variables.Var.code;
import static org.safeguardflow.variables.Var.text;

import java.time.LocalDate;
import org.safeguardflow.casework.CaseDates;
import org.safeguardflow.casework.FormValues;

import java.util.Arrays;
import java.util.List;
import org.safeguardflow.casework.Pathway;
import org.safeguardflow.timescales.Step;

/**
 * The initial child protection conference ({@code bpmn/initial-conference.bpmn}): element ids and the
 * variables it adds to those of {@link Pathway.Var}, so that delegates and tests spell them alike.
 */
public final class InitialConferenceProcess {

  public static final String KEY = Pathway.Process.INITIAL_CPC;

  private InitialConferenceProcess() {}

  public static final class Element {
    public static final String SCHEDULE_CONFERENCE = "Task_ScheduleConference";
    public static final String INVITE_TO_CONFERENCE = "Task_InviteToConference";
    public static final String CONFERENCE_OUTCOME = "SubProcess_ConferenceOutcome";
    public static final String RECORD_CONFERENCE_OUTCOME = "Task_RecordConferenceOutcome";
    public static final String CONFERENCE_REMINDER = "Timer_ConferenceReminder";
    public static final String CONFERENCE_DUE = "Timer_ConferenceDue";
    public static final String REMIND_TEAM_OF_CONFERENCE = "Task_RemindTeamOfConference";
    public static final String RECORD_CONFERENCE_BREACH = "Task_RecordConferenceBreach";
    public static final String SERVICE_MANAGER_REVIEWS_OVERDUE = "Task_ServiceManagerReviewsOverdueConference";
    public static final String ESCALATION_REVIEWED = "EndEvent_ConferenceEscalationReviewed";
    public static final String SEND_CONFERENCE_OUTCOME = "Task_SendConferenceOutcome";
    public static final String CONFERENCE_HELD = "EndEvent_ConferenceHeld";

    private Element() {}
  }

  public static final class Var {
    // The booking's variables are shared with the review conferences' booking (Pathway.Var).
    public static final org.safeguardflow.variables.Var<LocalDate> CONFERENCE_PLANNED_DATE = Pathway.Var.CONFERENCE_PLANNED_DATE;
    public static final org.safeguardflow.variables.Var<String> CONFERENCE_VENUE = Pathway.Var.CONFERENCE_VENUE;
    public static final org.safeguardflow.variables.Var<List<String>> CONFERENCE_INVITEES = Pathway.Var.CONFERENCE_INVITEES;
    /**
     * Which conference an invitation step invites to: absent for the initial conference, {@code REVIEW}
     * (an input parameter of the review's invitation step in {@code child-protection-plan.bpmn}).
     */
    public static final org.safeguardflow.variables.Var<ConferenceKind> CONFERENCE_KIND = code("conferenceKind", ConferenceKind.class);
    public static final org.safeguardflow.variables.Var<String> ICPC_OUTCOME_REASONS = text("icpcOutcomeReasons");
    public static final org.safeguardflow.variables.Var<Boolean> INITIAL_CPC_OVERDUE = Step.INITIAL_CPC.overdueFlagVar();
    public static final org.safeguardflow.variables.Var<Boolean> INITIAL_CPC_LATE = Step.INITIAL_CPC.lateFlagVar();
    public static final org.safeguardflow.variables.Var<String> INITIAL_CPC_LATE_REASON = Step.INITIAL_CPC.lateReasonVar();

    private Var() {}
  }

  /** The initial child protection conference, or a review of the plan it set. */
  public enum ConferenceKind {
    INITIAL,
    REVIEW
  }

  /**
   * Who may be invited to a conference. Only agencies are sent anything by the workflow; the family
   * and the child's advocate are invited in person by the allocated worker, so they are listed for
   * the record and never given a partner message.
   */
  public enum Invitee {
    POLICE("Police"),
    HEALTH("Health (GP, health visitor, school nurse)"),
    EDUCATION("School or education setting"),
    CHILDRENS_SOCIAL_CARE_LEGAL("Local authority legal services"),
    PROBATION("Probation"),
    HOUSING("Housing"),
    ADULT_SERVICES("Adult mental health or substance misuse services"),
    FAMILY("Parents and carers", false),
    CHILD_OR_ADVOCATE("The child, or their advocate", false);

    private final String label;
    private final boolean agency;

    Invitee(String label) {
      this(label, true);
    }

    Invitee(String label, boolean agency) {
      this.label = label;
      this.agency = agency;
    }

    public String label() {
      return label;
    }

    /** Whether this invitee is a partner agency that the workflow writes to. */
    public boolean agency() {
      return agency;
    }

    public static List<String> names() {
      return Arrays.stream(values()).map(Enum::name).toList();
    }
  }
}
