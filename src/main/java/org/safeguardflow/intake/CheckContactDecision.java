package org.safeguardflow.intake;

import static org.safeguardflow.intake.ContactProcess.Var.CONTACT_DECIDED_AT;
import static org.safeguardflow.intake.ContactProcess.Var.CONTACT_DECIDED_BY;
import static org.safeguardflow.intake.ContactProcess.Var.CONTACT_DECISION;
import static org.safeguardflow.intake.ContactProcess.Var.CONTACT_DECISION_REASON;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.safeguardflow.casework.Actors;
import org.safeguardflow.casework.CaseRecords;
import org.safeguardflow.casework.FormValues;
import org.safeguardflow.children.ChildRegister;
import org.safeguardflow.children.PossibleMatches;
import org.safeguardflow.intake.ContactProcess.Route;
import org.springframework.stereotype.Component;

/**
 * Refuses a contact decision that is incomplete, so that nothing half-decided reaches the case
 * record: the route must be one a manager may choose, the reason must be given, and a possible match
 * of the child must be answered. Stamps who decided and when. Whether the decision is late, and why,
 * is the common rule of every statutory step ({@code ${explainLateStep}}, the task's second completion
 * listener; see {@link EarlierContactModels} for contacts started on a model without it).
 */
@Component("checkContactDecision")
class CheckContactDecision implements TaskListener {

  static final String SAME_CHILD = "SAME_CHILD";
  static final String DIFFERENT_CHILD = "DIFFERENT_CHILD";

  private final PossibleMatches possibleMatches;
  private final CaseRecords cases;
  private final ChildRegister children;

  CheckContactDecision(PossibleMatches possibleMatches, CaseRecords cases, ChildRegister children) {
    this.possibleMatches = possibleMatches;
    this.cases = cases;
    this.children = children;
  }

  @Override
  public void notify(DelegateTask task) {
    List<String> problems = new ArrayList<>();
    // Read as submitted: anything but a route's name is the manager's bad input, refused in their words.
    Object decision = CONTACT_DECISION.raw(task);
    if (!(decision instanceof String route) || !Route.names().contains(route)) {
      problems.add(CONTACT_DECISION + " must be one of " + String.join(", ", Route.names()));
    }
    FormValues.requireText(task, CONTACT_DECISION_REASON, "the reason for the decision", problems);
    if (Boolean.TRUE.equals(ContactProcess.Var.POSSIBLE_MATCH.get(task))) {
      checkPossibleMatch(task, decision, problems);
    }
    if (!problems.isEmpty()) {
      throw new BadUserRequestException("The decision was not recorded: " + String.join("; ", problems));
    }
    CONTACT_DECIDED_BY.set(task, Actors.currentUser(task));
    CONTACT_DECIDED_AT.set(task, ClockUtil.getCurrentTime());
  }

  /**
   * A possible match is answered, never left: SAME_CHILD or DIFFERENT_CHILD. The same child with a
   * case open already keeps that one open episode, so this contact's decision must close its own case
   * (no further action or early help); the contact is then handed to the open case, whose managers
   * review it as a further contact ({@link RecordContactDecision}).
   */
  private void checkPossibleMatch(DelegateTask task, Object decision, List<String> problems) {
    Object verdict = ContactProcess.Var.POSSIBLE_MATCH_VERDICT.raw(task);
    if (!SAME_CHILD.equals(verdict) && !DIFFERENT_CHILD.equals(verdict)) {
      problems.add(ContactProcess.Var.POSSIBLE_MATCH_VERDICT + " must be " + SAME_CHILD + " or " + DIFFERENT_CHILD
          + ": say whether the possible match is this child");
      return;
    }
    String caseRef = task.getExecution().getProcessBusinessKey();
    if (SAME_CHILD.equals(verdict) && decision instanceof String route && Route.names().contains(route)
        && !Route.valueOf(route).closesTheCase()) {
      possibleMatches.openOn(caseRef).ifPresent(match -> cases.openCaseOf(children.lockStanding(match.candidateChildId()))
          .filter(open -> !open.equals(caseRef))
          .ifPresent(open -> problems.add(CONTACT_DECISION + " must close this case (NFA or EARLY_HELP): the child's case "
              + open + " is open and one child has one open episode, so this contact joins " + open
              + ", where its managers review it as a further contact")));
    }
  }
}
