package org.safeguardflow.casework.referral;

/** Element ids of {@code bpmn/referral.bpmn} ({@link org.safeguardflow.casework.Pathway.Process#REFERRAL_EPISODE}). */
public final class ReferralEpisode {

  private ReferralEpisode() {}

  public static final String RECORD_REFERRAL = "Task_RecordReferral";
  public static final String ALLOCATION = "SubProcess_Allocation";
  public static final String ALLOCATE_SOCIAL_WORKER = "Task_AllocateSocialWorker";
  public static final String ALLOCATION_DUE = "Timer_AllocationDue";
  public static final String SERVICE_MANAGER_FOLLOWS_UP_ALLOCATION = "Task_ServiceManagerFollowsUpAllocation";
  public static final String RECORD_ALLOCATION = "Task_RecordAllocation";
  public static final String STRATEGY_DISCUSSION = "CallActivity_StrategyDiscussion";
  public static final String ASSESSMENT = "CallActivity_Assessment";
  public static final String INITIAL_CONFERENCE = "CallActivity_InitialConference";
  public static final String CP_PLAN = "CallActivity_ChildProtectionPlan";
  public static final String CIN_PLAN = "CallActivity_ChildInNeedPlan";
  public static final String CASE_SUPERVISION = "CallActivity_CaseSupervision";
  public static final String CLOSE_EPISODE = "Task_CloseEpisode";
  public static final String RECORD_CLOSURE = "Task_RecordClosure";
  public static final String EPISODE_CLOSED = "EndEvent_EpisodeClosed";

  /** Variables of allocation and closure. */
  public static final String SOCIAL_WORKER_OPTIONS = "socialWorkerOptions";
  public static final String CLOSURE_NOTE = "closureNote";
}
