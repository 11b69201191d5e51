package org.safeguardflow.children;

import java.time.LocalDate;

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

  /** The birth form's answers and what the task reads of the contact. */
  public static final class Var {
    public static final org.safeguardflow.variables.Var<String> BIRTH_DATE = org.safeguardflow.variables.Var.text("birthDate");
    public static final org.safeguardflow.variables.Var<String> BIRTH_FIRST_NAME = org.safeguardflow.variables.Var.text("birthFirstName");
    /** M, F or U. */
    public static final org.safeguardflow.variables.Var<String> BIRTH_SEX = org.safeguardflow.variables.Var.text("birthSex");
    public static final org.safeguardflow.variables.Var<String> BIRTH_NHS_NUMBER = org.safeguardflow.variables.Var.text("birthNhsNumber");
    /** The child's record (sf_child id) the contact made. */
    public static final org.safeguardflow.variables.Var<Long> CHILD_ID = ChildRegister.CHILD_ID;
    /** The day the contact was received, ISO text: a child referred before birth is born on or after it. */
    public static final org.safeguardflow.variables.Var<LocalDate> CONTACT_RECEIVED_ON = org.safeguardflow.variables.Var.isoDate(RecordBirthProcess.CONTACT_RECEIVED_ON);

    private Var() {}
  }

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
