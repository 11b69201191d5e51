package org.safeguardflow.casework.protectionplan;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.safeguardflow.casework.FormValues;
import org.safeguardflow.casework.protectionplan.ChildProtectionPlanProcess.PreProceedingsDecision;
import org.safeguardflow.casework.protectionplan.ChildProtectionPlanProcess.Var;
import org.springframework.stereotype.Component;

/** Refuses a pre-proceedings review without a decision the plan knows, or without its reasons. */
@Component("checkPreProceedingsReview")
class CheckPreProceedingsReview implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    List<String> problems = new ArrayList<>();
    FormValues.requireOneOf(task, Var.PRE_PROCEEDINGS_DECISION, PreProceedingsDecision.names(), problems);
    FormValues.requireText(task, "preProceedingsReviewReasons", "the reasons for the decision", problems);
    FormValues.refuseIfAny(problems);
  }
}
