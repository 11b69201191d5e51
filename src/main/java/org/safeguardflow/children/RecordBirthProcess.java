package org.safeguardflow.children;

/**
 * The process that records the birth of a child recorded before birth ({@code bpmn/record-birth.bpmn}):
 * its key, element ids and variables in one place.
 */
public final class RecordBirthProcess {

  public static final String KEY = "Process_RecordBirth";
  /** Statutory timescales step: 10 working days from the day after the expected date of birth. */
  public static final String STEP = "RECORD_BIRTH";
  /** The day after the expected date of birth, 00:00 Europe/London: the task appears then. */
  public static final String BIRTH_DUE_FROM = "birthDueFrom";
  /** The London date of the pre-birth contact (yyyy-MM-dd): no birth is recorded before it. */
  public static final String CONTACT_RECEIVED_ON = "contactReceivedOn";

  public static final class Element {
    public static final String EXPECTED_BIRTH_PASSED = "Timer_ExpectedBirthPassed";
    public static final String RECORD_CHILDS_BIRTH = "Task_RecordChildsBirth";
    public static final String REMIND_TEAM = "Task_RemindOfBirthToRecord";
    public static final String RECORD_BREACH = "Task_RecordBirthBreach";
    public static final String SERVICE_MANAGER_FOLLOWS_UP = "Task_ServiceManagerFollowsUpBirth";
    public static final String BIRTH_ON_RECORD = "EndEvent_BirthOnRecord";

    private Element() {}
  }

  private RecordBirthProcess() {}
}
