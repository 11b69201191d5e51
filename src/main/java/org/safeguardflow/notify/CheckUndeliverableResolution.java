package org.safeguardflow.notify;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.safeguardflow.casework.Actors;
import org.safeguardflow.casework.CaseRuleException;
import org.safeguardflow.notify.UndeliverableNotifications.Var;
import org.springframework.stereotype.Component;

/** The manager says what they did: retry, or how the agency was told another way. */
@Component("checkUndeliverableResolution")
class CheckUndeliverableResolution implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    Object choice = Var.RESOLUTION.raw(task);
    if (!"RETRY".equals(choice) && !"HANDLED_OTHERWISE".equals(choice)) {
      throw new CaseRuleException("undeliverableResolution must be RETRY or HANDLED_OTHERWISE");
    }
    Object how = Var.HANDLED_HOW.raw(task);
    if ("HANDLED_OTHERWISE".equals(choice) && (!(how instanceof String text) || text.isBlank())) {
      throw new CaseRuleException("handledHow is required: say how the agency was told (e.g. telephone, secure email)");
    }
    if (how instanceof String text && text.length() > 2000) {
      throw new CaseRuleException("handledHow must be at most 2000 characters");
    }
    Var.RESOLVED_BY.set(task, Actors.currentUser(task));
  }
}
