package org.safeguardflow.casework.assessment;

import static org.safeguardflow.casework.assessment.AssessmentProcess.Var.*;

import java.util.Arrays;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.safeguardflow.casework.Actors;
import org.safeguardflow.casework.CaseRuleException;
import org.safeguardflow.casework.FormValues;
import org.safeguardflow.casework.Pathway;
import org.safeguardflow.casework.assessment.AssessmentProcess.Authorisation;
import org.safeguardflow.timescales.StatutoryTimescales;
import org.springframework.stereotype.Component;

/**
 * Completion listener of {@code Task_AuthoriseAssessment}. Authorisation is a second pair of eyes: the
 * person who completed the assessment may not authorise it. An assessment that disagrees with its
 * section 47 enquiry cannot be authorised either: the manager returns it to the worker.
 */
@Component("checkAssessmentAuthorisation")
class CheckAssessmentAuthorisation implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    Object value = ASSESSMENT_AUTHORISATION.raw(task);
    Authorisation decision;
    try {
      decision = Authorisation.valueOf(String.valueOf(value));
    } catch (IllegalArgumentException e) {
      throw new CaseRuleException(ASSESSMENT_AUTHORISATION + " must be one of "
          + Arrays.toString(Authorisation.values()) + ", not '" + value + "'");
    }
    FormValues.requiredText(ASSESSMENT_MANAGER_COMMENTS, task,
        FormValues.MAX_TEXT_LENGTH);
    if (decision == Authorisation.RETURN) {
      return;
    }
    String manager = Actors.currentUser(task);
    Object completedBy = ASSESSMENT_COMPLETED_BY.raw(task);
    if (manager != null && manager.equals(completedBy)) {
      throw new CaseRuleException(ASSESSMENT_AUTHORISATION + ": a social worker may not authorise their own"
          + " assessment (completed by " + completedBy + "); another manager must authorise it");
    }
    if (Boolean.TRUE.equals(Pathway.Var.S47_STARTED.raw(task))) {
      try {
        CheckAssessment.checkAgreesWithSection47(
            CheckAssessment.outcome(Pathway.Var.ASSESSMENT_OUTCOME.raw(task)),
            Pathway.Var.S47_OUTCOME.raw(task));
      } catch (CaseRuleException disagreement) {
        throw new CaseRuleException(disagreement.getMessage().replaceFirst("^Not recorded: ", "")
            + "; return the assessment to the social worker");
      }
    }
    var instance = task.getExecution().getProcessInstance();
    Pathway.Var.ASSESSMENT_AUTHORISATION_DATE.set(instance, StatutoryTimescales.londonDate(ClockUtil.getCurrentTime()));
    ASSESSMENT_AUTHORISED_BY.set(instance, manager);
  }
}
