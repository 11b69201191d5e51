package org.safeguardflow.casework.supervision;

import static org.safeguardflow.casework.supervision.CaseSupervisionProcess.Var.ACTIONS;
import static org.safeguardflow.casework.supervision.CaseSupervisionProcess.Var.DECISIONS;
import static org.safeguardflow.casework.supervision.CaseSupervisionProcess.Var.DISCUSSION;
import static org.safeguardflow.casework.supervision.CaseSupervisionProcess.Var.SUPERVISION_DATE;
import static org.safeguardflow.casework.supervision.CaseSupervisionProcess.Var.SUPERVISION_RECORDED_BY;

import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.safeguardflow.casework.Actors;
import org.safeguardflow.casework.CaseDates;
import org.safeguardflow.casework.FormValues;
import org.springframework.stereotype.Component;

/**
 * Completion listener of a supervision task (routine or extra): inspectors look for what was
 * discussed, what the manager decided, and actions each with a date, so all are required and every
 * action is checked (the form's dynamic list cannot check a date against another field).
 */
@Component("checkCaseSupervision")
class CheckCaseSupervision implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    LocalDate date = FormValues.requiredDate(SUPERVISION_DATE, task);
    FormValues.requiredText(DISCUSSION, task, FormValues.MAX_TEXT_LENGTH);
    FormValues.requiredText(DECISIONS, task, FormValues.MAX_TEXT_LENGTH);
    SupervisionActions.read(ACTIONS.raw(task), date);
    String user = Actors.currentUser(task);
    if (user != null) {
      SUPERVISION_RECORDED_BY.set(task, user);
    }
  }
}
