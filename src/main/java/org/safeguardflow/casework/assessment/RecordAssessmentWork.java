package org.safeguardflow.casework.assessment;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.safeguardflow.casework.CaseRuleException;

/**
 * Completion listener of "Record assessment work" ({@code Task_RecordAssessmentWork}): one save of a
 * single assessment the worker writes over weeks. The draft lives in the process (on the server, so
 * any machine opens it), every text within its length as a person counts characters; each save is a
 * version in history ({@link AssessmentVersions}). A save may leave parts blank: what a finished
 * assessment must hold is checked when the worker sends it to the manager ({@code checkAssessment}).
 *
 * @throws CaseRuleException naming every field that breaks a rule; nothing of the save is kept
 */
@Component("recordAssessmentWork")
class RecordAssessmentWork implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    AssessmentContent.checkSave(task, task.getExecution().getProcessInstance());
    AssessmentVersions.record(task, false);
  }
}
