package org.safeguardflow.casework.strategy;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.safeguardflow.casework.CaseRuleException;
import org.safeguardflow.casework.FormValues;
import org.safeguardflow.casework.Pathway;
import org.springframework.stereotype.Component;

/**
 * Completion listener of {@code Task_RecordStrategyDiscussion}: the section 47 decision is an explicit
 * yes or no (kept as a boolean for the gateways of later stages) with its reason and who attended.
 */
@Component("recordStrategyDecision")
class RecordStrategyDecision implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    Boolean s47Started = Pathway.Var.S47_STARTED.get(task);
    if (s47Started == null) {
      throw new CaseRuleException(Pathway.Var.S47_STARTED
          + " is required: say whether a section 47 enquiry starts");
    }
    FormValues.requiredText(StrategyDiscussionProcess.Var.STRATEGY_ATTENDEES, task, FormValues.MAX_TEXT_LENGTH);
    FormValues.requiredText(StrategyDiscussionProcess.Var.STRATEGY_DECISION_REASON, task, FormValues.MAX_TEXT_LENGTH);
    Pathway.Var.S47_STARTED.set(task.getExecution().getProcessInstance(), s47Started);
  }
}
