package org.safeguardflow.casework.referral;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.safeguardflow.casework.Pathway;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Tells the case's supervision cycle that the case has closed, so that it ends by its own
 * "case closed" event and no supervision falls due on a closed case.
 */
@Component("endCaseSupervision")
class EndCaseSupervision implements JavaDelegate {

  static final String MESSAGE_CASE_CLOSED = "CaseClosed";

  private final RuntimeService runtime;

  EndCaseSupervision(@Lazy RuntimeService runtime) {
    this.runtime = runtime;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var supervision = runtime.createProcessInstanceQuery()
        .processInstanceBusinessKey(execution.getProcessBusinessKey())
        .processDefinitionKey(Pathway.Process.CASE_SUPERVISION)
        .list();
    for (var instance : supervision) {
      runtime.createMessageCorrelation(MESSAGE_CASE_CLOSED).processInstanceId(instance.getId()).correlate();
    }
  }
}
