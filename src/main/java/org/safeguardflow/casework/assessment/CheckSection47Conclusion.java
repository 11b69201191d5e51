package org.safeguardflow.casework.assessment;

import java.util.Arrays;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.safeguardflow.casework.CaseRuleException;
import org.safeguardflow.casework.FormValues;
import org.safeguardflow.casework.Pathway;
import org.safeguardflow.casework.assessment.AssessmentProcess.S47Outcome;
import org.springframework.stereotype.Component;

/**
 * Completion listener of {@code Task_ConcludeSection47Enquiry}: the conclusion and its reason, and
 * the census ICPCnotRequired flag that follows from it.
 */
@Component("checkSection47Conclusion")
class CheckSection47Conclusion implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    Object value = Pathway.Var.S47_OUTCOME.raw(task);
    S47Outcome outcome;
    try {
      outcome = S47Outcome.valueOf(String.valueOf(value));
    } catch (IllegalArgumentException e) {
      throw new CaseRuleException(Pathway.Var.S47_OUTCOME + " must be one of "
          + Arrays.toString(S47Outcome.values()) + ", not '" + value + "'");
    }
    FormValues.requiredText(AssessmentProcess.Var.S47_OUTCOME_REASON, task, FormValues.MAX_TEXT_LENGTH);
    Pathway.Var.ICPC_NOT_REQUIRED.set(task.getExecution().getProcessInstance(), outcome == S47Outcome.NO_ICPC);
  }
}
