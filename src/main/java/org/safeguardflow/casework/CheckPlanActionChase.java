package org.safeguardflow.casework;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.safeguardflow.timescales.StatutoryTimescales;
import org.springframework.stereotype.Component;

/**
 * Completion listener of "Chase overdue plan action": either the action is done (the date it was
 * done: not before it was agreed, not in the future) and it is marked done, or it is not done yet and
 * the worker gives a new by-when date (today or later, Europe/London) and what was done to chase it;
 * the action's process then waits for the new date. Refusals name the field and the rule.
 */
@Component("checkPlanActionChase")
class CheckPlanActionChase implements TaskListener {

  private static final org.safeguardflow.variables.Var<Long> ACTION_ID = org.safeguardflow.variables.Var.id(PlanActions.Var.ACTION_ID);
  static final String DONE = "planActionDone";
  static final String DONE_ON = "planActionDoneOn";
  static final String NEW_BY_WHEN = "planActionNewByWhen";
  static final String CHASE_NOTE = "planActionChaseNote";
  static final int NOTE_LENGTH = 2000;

  private final PlanRecords plans;
  private final PlanMeetings.Forms meetingForms;

  CheckPlanActionChase(PlanRecords plans, PlanMeetings.Forms meetingForms) {
    this.plans = plans;
    this.meetingForms = meetingForms;
  }

  @Override
  public void notify(DelegateTask task) {
    List<String> problems = new ArrayList<>();
    long actionId = ACTION_ID.get(task);
    PlanRecords.Action action = plans.action(actionId)
        .orElseThrow(() -> new IllegalStateException("Plan action " + actionId + " is not on record"));
    LocalDate today = StatutoryTimescales.londonDate(ClockUtil.getCurrentTime());
    Object answer = task.getVariable(DONE);
    // The form's radio sends "true" or "false"; the REST API may send a boolean.
    Boolean done = answer instanceof Boolean yes ? yes
        : "true".equals(answer) ? Boolean.TRUE : "false".equals(answer) ? Boolean.FALSE : null;
    if (done == null) {
      problems.add(DONE + " is required: answer yes or no");
      FormValues.refuseIfAny(problems);
    }
    task.setVariable(DONE, done);
    if (done) {
      LocalDate doneOn = CaseDates.of(DONE_ON, task.getVariable(DONE_ON));
      if (doneOn == null) {
        problems.add(DONE_ON + " is required when the action is done");
      } else if (doneOn.isBefore(action.agreedOn()) || doneOn.isAfter(today)) {
        problems.add(DONE_ON + " (" + doneOn + ") must be between the day the action was agreed (" + action.agreedOn()
            + ") and today (" + today + ")");
      }
      FormValues.refuseIfAny(problems);
      plans.markDone(actionId, doneOn);
    } else {
      LocalDate byWhen = CaseDates.of(NEW_BY_WHEN, task.getVariable(NEW_BY_WHEN));
      if (byWhen == null) {
        problems.add(NEW_BY_WHEN + " is required when the action is not done: agree a new date");
      } else if (byWhen.isBefore(today)) {
        problems.add(NEW_BY_WHEN + " (" + byWhen + ") is before today (" + today + ")");
      }
      FormValues.asTyped(CHASE_NOTE, task.getVariable(CHASE_NOTE), NOTE_LENGTH, problems);
      FormValues.refuseIfAny(problems);
      plans.moveByWhen(actionId, byWhen);
      task.getExecution().setVariable(PlanActions.Var.BY_WHEN, byWhen.toString());
    }
    meetingForms.refresh(task.getExecution().getProcessBusinessKey(), task.getId());
  }
}
