package org.safeguardflow.casework.assessment;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.safeguardflow.casework.Pathway;
import org.springframework.stereotype.Component;

/**
 * Creation listener that gives the allocated social worker their own work; with nobody allocated the
 * task waits for the candidate group. (A listener rather than {@code camunda:assignee}, which the
 * model conventions test keeps free of any person.)
 */
@Component("assignAllocatedWorker")
class AssignAllocatedWorker implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    String worker = Pathway.Var.ALLOCATED_WORKER.get(task);
    if (worker != null && !worker.isBlank()) {
      task.setAssignee(worker);
    }
  }
}
