package org.safeguardflow.casework;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.safeguardflow.casework.ChildProtectionPlanProcess.PreProceedingsDecision;
import org.safeguardflow.casework.ChildProtectionPlanProcess.Var;
import org.springframework.stereotype.Component;

/** Refuses a pre-proceedings review without a decision the plan knows, or without its reasons. */
@Component("checkPreProceedingsReview")
class CheckPreProceedingsReview implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    List<String> problems = new ArrayList<>();
    FormAnswers.requireOneOf(task, Var.PRE_PROCEEDINGS_DECISION, PreProceedingsDecision.names(), problems);
    FormAnswers.requireText(task, "preProceedingsReviewReasons", "the reasons for the decision", problems);
    FormAnswers.refuseIfAny(problems);
  }
}
