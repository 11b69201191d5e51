package org.safeguardflow.casework.referral;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.safeguardflow.casework.Caseloads;
import org.safeguardflow.casework.Pathway;
import org.safeguardflow.casework.Routing;
import org.springframework.stereotype.Component;

/**
 * Create listener for an allocation task: puts the team's caseloads into {@code caseloadSummary} (a
 * Markdown table) so that the form can show them before the manager chooses a worker. The team is the
 * task's input parameter {@code caseloadGroup} when given, else the social workers' group.
 *
 * <pre>{@code <camunda:taskListener delegateExpression="${showCaseloads}" event="create" />}</pre>
 * and in the form a text view: {@code ### Caseloads\n{{caseloadSummary}}}.
 */
@Component("showCaseloads")
class ShowCaseloads implements TaskListener {

  /** The task's input parameter: the group whose caseloads to show (else the social workers). */
  static final org.safeguardflow.variables.Var<String> CASELOAD_GROUP = org.safeguardflow.variables.Var.text("caseloadGroup");

  private final Caseloads caseloads;
  private final Routing routing;

  ShowCaseloads(Caseloads caseloads, Routing routing) {
    this.caseloads = caseloads;
    this.routing = routing;
  }

  @Override
  public void notify(DelegateTask task) {
    String given = CASELOAD_GROUP.get(task);
    String group = given != null && !given.isBlank() ? given : routing.getSocialWorkers();
    String summary = caseloads.groupExists(group)
        ? Caseloads.markdown(caseloads.forGroup(group))
        : "No caseloads to show: there is no group " + group + ".";
    Pathway.Var.CASELOAD_SUMMARY.set(task.getExecution().getProcessInstance(), summary);
  }
}
