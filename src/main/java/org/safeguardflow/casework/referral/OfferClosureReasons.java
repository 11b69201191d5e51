package org.safeguardflow.casework.referral;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

/**
 * Create listener of {@code Task_CloseEpisode}: offers the closure form only the CIN reasons for
 * closure that {@link CheckEpisodeClosure} accepts for this episode ({@link ClosureReasons}), as
 * {label, value} options in the task-local variable {@value #CLOSURE_REASON_OPTIONS}. An episode
 * with a section 47 enquiry, a conference or a plan is not offered RC8/RC9 (DfE CIN census rule 2990).
 */
@Component("offerClosureReasons")
class OfferClosureReasons implements TaskListener {

  static final String CLOSURE_REASON_OPTIONS = "closureReasonOptions";

  private final ObjectMapper json = new ObjectMapper();

  @Override
  public void notify(DelegateTask task) {
    try {
      task.setVariableLocal(CLOSURE_REASON_OPTIONS,
          SpinValues.jsonValue(json.writeValueAsString(ClosureReasons.offered(task))).create());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
