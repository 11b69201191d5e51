package org.safeguardflow.casework.conference;

import static org.safeguardflow.casework.Pathway.Var.CHILD_ATTENDED_CONFERENCE;
import static org.safeguardflow.casework.Pathway.Var.CHILD_REPRESENTED_BY_ADVOCATE;
import static org.safeguardflow.casework.Pathway.Var.DATE_OF_INITIAL_CPC;
import static org.safeguardflow.casework.Pathway.Var.ICPC_OUTCOME;
import static org.safeguardflow.casework.Pathway.Var.INITIAL_CATEGORY_OF_ABUSE;
import static org.safeguardflow.casework.Pathway.Var.S47_ACTUAL_START_DATE;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.safeguardflow.casework.CaseDates;
import org.safeguardflow.casework.FormValues;
import org.safeguardflow.casework.Pathway;
import org.safeguardflow.timescales.WorkingDayCalendar;
import org.springframework.stereotype.Component;

/**
 * Refuses a conference outcome the DfE census would reject: the s47 enquiry starts on or before the
 * conference, the conference is held on a working day, and a category of abuse is given exactly when
 * the child is made subject to a child protection plan.
 */
@Component("checkConferenceOutcome")
class CheckConferenceOutcome implements TaskListener {

  private final WorkingDayCalendar calendar;

  CheckConferenceOutcome(WorkingDayCalendar calendar) {
    this.calendar = calendar;
  }

  @Override
  public void notify(DelegateTask task) {
    List<String> problems = new ArrayList<>();
    LocalDate conference = DATE_OF_INITIAL_CPC.get(task);
    LocalDate s47Start = S47_ACTUAL_START_DATE.get(task);
    if (conference == null) {
      problems.add(DATE_OF_INITIAL_CPC + " is required");
    } else {
      if (s47Start != null && conference.isBefore(s47Start)) {
        problems.add(DATE_OF_INITIAL_CPC + " (" + conference + ") is before " + S47_ACTUAL_START_DATE + " ("
            + s47Start + "): the s47 start is on or before the ICPC (DfE CIN census rule 8615)");
      }
      if (!calendar.isWorkingDay(conference)) {
        problems.add(DATE_OF_INITIAL_CPC + " (" + conference + ", a " + conference.getDayOfWeek().toString().toLowerCase()
            + ") is not a working day: the ICPC date must be a working day (DfE CIN census rule 8875 refuses weekends)");
      }
    }
    List<String> outcomes = Arrays.stream(Pathway.ConferenceOutcome.values()).map(Enum::name).toList();
    String outcome = FormValues.requireOneOf(task, ICPC_OUTCOME, outcomes, problems);
    Object category = INITIAL_CATEGORY_OF_ABUSE.raw(task);
    boolean categoryGiven = category instanceof String text && !text.isBlank();
    if (Pathway.ConferenceOutcome.CP_PLAN.name().equals(outcome)) {
      if (!categoryGiven) {
        problems.add(INITIAL_CATEGORY_OF_ABUSE + " is required when " + ICPC_OUTCOME
            + " is CP_PLAN: a child protection plan has a category of abuse (DfE CIN census rule 8905)");
      } else {
        FormValues.requireOneOf(task, INITIAL_CATEGORY_OF_ABUSE, Pathway.CategoryOfAbuse.codes(), problems);
      }
    } else if (outcome != null && categoryGiven) {
      problems.add(INITIAL_CATEGORY_OF_ABUSE + " must be absent when " + ICPC_OUTCOME + " is " + outcome
          + ": only a child protection plan has a category of abuse");
    }
    FormValues.requireYesOrNo(task, CHILD_ATTENDED_CONFERENCE, problems);
    FormValues.requireYesOrNo(task, CHILD_REPRESENTED_BY_ADVOCATE, problems);
    FormValues.requireText(task, InitialConferenceProcess.Var.ICPC_OUTCOME_REASONS, "the conference's reasons", problems);
    FormValues.refuseIfAny(problems);
  }
}
