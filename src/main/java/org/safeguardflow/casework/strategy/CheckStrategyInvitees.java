package org.safeguardflow.casework.strategy;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.safeguardflow.casework.CaseRuleException;
import org.safeguardflow.casework.FormValues;
import org.safeguardflow.casework.Pathway;
import org.safeguardflow.casework.strategy.StrategyDiscussionProcess.Invitee;
import org.springframework.stereotype.Component;

/**
 * Completion listener of {@code Task_ConveneStrategyDiscussion}: at least one agency is invited (the
 * form warns when police, health or education is missing, but a manager may have reasons), another
 * agency is named when chosen, and the planned time is given, since the invitations carry it.
 */
@Component("checkStrategyInvitees")
class CheckStrategyInvitees implements TaskListener {

  static final int MAX_SHORT_TEXT = 200;

  @Override
  public void notify(DelegateTask task) {
    List<String> invitees = FormValues.list(Pathway.Var.STRATEGY_INVITEES, task);
    if (invitees.isEmpty()) {
      throw new CaseRuleException(Pathway.Var.STRATEGY_INVITEES
          + " must name at least one agency to invite (police, health and education are expected)");
    }
    List<String> agencies = new ArrayList<>();
    for (String invitee : invitees) {
      try {
        String agency = Invitee.valueOf(invitee).name();
        if (!agencies.contains(agency)) {
          agencies.add(agency);
        }
      } catch (IllegalArgumentException e) {
        throw new CaseRuleException(Pathway.Var.STRATEGY_INVITEES + " must be chosen from "
            + List.of(Invitee.values()) + ", not '" + invitee + "'");
      }
    }
    if (agencies.contains(Invitee.OTHER.name())) {
      Object other = StrategyDiscussionProcess.Var.STRATEGY_OTHER_INVITEE.raw(task);
      if (!(other instanceof String text) || text.isBlank()) {
        throw new CaseRuleException(StrategyDiscussionProcess.Var.STRATEGY_OTHER_INVITEE
            + " is required when another agency is invited: say which");
      }
      FormValues.requiredText(StrategyDiscussionProcess.Var.STRATEGY_OTHER_INVITEE, task, MAX_SHORT_TEXT);
    }
    FormValues.requiredText(StrategyDiscussionProcess.Var.STRATEGY_PLANNED_FOR, task, MAX_SHORT_TEXT);
    Pathway.Var.STRATEGY_INVITEES.set(task.getExecution().getProcessInstance(), agencies);
  }
}
