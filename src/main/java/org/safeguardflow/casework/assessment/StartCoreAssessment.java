package org.safeguardflow.casework.assessment;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * A core assessment's 35 working days run from the day it starts. When a manager returns it for more
 * work it resumes with its original start, so the deadline does not move.
 */
@Component("startCoreAssessment")
class StartCoreAssessment implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    if (AssessmentProcess.Var.CORE_ASSESSMENT_STARTED_AT.get(execution) == null) {
      AssessmentProcess.Var.CORE_ASSESSMENT_STARTED_AT.set(execution.getProcessInstance(), ClockUtil.getCurrentTime().toInstant());
    }
  }
}
