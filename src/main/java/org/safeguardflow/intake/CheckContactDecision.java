package org.safeguardflow.intake;

import static org.safeguardflow.casework.ContactProcess.Var.CONTACT_DECIDED_AT;
import static org.safeguardflow.casework.ContactProcess.Var.CONTACT_DECIDED_BY;
import static org.safeguardflow.casework.ContactProcess.Var.CONTACT_DECISION;
import static org.safeguardflow.casework.ContactProcess.Var.CONTACT_DECISION_LATE;
import static org.safeguardflow.casework.ContactProcess.Var.CONTACT_DECISION_LATE_REASON;
import static org.safeguardflow.casework.ContactProcess.Var.CONTACT_DECISION_REASON;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.safeguardflow.casework.Actors;
import org.safeguardflow.casework.ContactProcess.Route;
import org.safeguardflow.operations.OperationsCounters;
import org.springframework.stereotype.Component;

/**
 * Refuses a contact decision that is incomplete, so that nothing half-decided reaches the case
 * record: the route must be one a manager may choose, the reason must be given, and a late decision
 * must say why it is late. Stamps who decided and when.
 */
@Component("checkContactDecision")
class CheckContactDecision implements TaskListener {

  static final int MAX_REASON_LENGTH = 4000;

  private final OperationsCounters counters;

  CheckContactDecision(OperationsCounters counters) {
    this.counters = counters;
  }

  @Override
  public void notify(DelegateTask task) {
    List<String> problems = new ArrayList<>();
    Object decision = task.getVariable(CONTACT_DECISION);
    if (!(decision instanceof String route) || !Route.names().contains(route)) {
      problems.add(CONTACT_DECISION + " must be one of " + String.join(", ", Route.names()));
    }
    checkText(task, CONTACT_DECISION_REASON, "the reason for the decision", problems);

    boolean late = task.getDueDate() != null && ClockUtil.getCurrentTime().after(task.getDueDate());
    if (late) {
      checkText(task, CONTACT_DECISION_LATE_REASON, "why the decision is later than its deadline", problems);
    }
    if (!problems.isEmpty()) {
      throw new BadUserRequestException("The decision was not recorded: " + String.join("; ", problems));
    }
    task.setVariable(CONTACT_DECISION_LATE, late);
    task.setVariable(CONTACT_DECIDED_BY, Actors.currentUser(task));
    task.setVariable(CONTACT_DECIDED_AT, ClockUtil.getCurrentTime());
    counters.stepCompleted("CONTACT_DECISION", late);
  }

  private static void checkText(DelegateTask task, String variable, String what, List<String> problems) {
    Object value = task.getVariable(variable);
    if (!(value instanceof String text) || text.isBlank()) {
      problems.add(variable + " is required: give " + what);
    } else if (text.length() > MAX_REASON_LENGTH) {
      problems.add(variable + " must be at most " + MAX_REASON_LENGTH + " characters");
    }
  }
}
