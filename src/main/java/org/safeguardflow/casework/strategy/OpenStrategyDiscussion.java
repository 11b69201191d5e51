package org.safeguardflow.casework.strategy;

import static org.safeguardflow.casework.strategy.StrategyDiscussionProcess.Var.STRATEGY_DISCUSSION_NUMBER;
import static org.safeguardflow.casework.strategy.StrategyDiscussionProcess.Var.STRATEGY_TRIGGERED_AT;

import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.safeguardflow.casework.Pathway;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Opens a strategy discussion: its deadlines count from now, it gets the next number on the case, and
 * the answers of an earlier discussion on the same case are cleared so that no form shows them as
 * this discussion's (the referral episode passes none of them in, but a caller that did must not
 * see them reused).
 *
 * <p>The number keeps each discussion's notifications apart: a second discussion on the same case
 * must invite the agencies again, not be swallowed as a retry of the first. It is the larger of the
 * number passed in and the count of this case's earlier discussions in history, so a caller that
 * forgets to pass it cannot silence the invitations.
 */
@Component("openStrategyDiscussion")
class OpenStrategyDiscussion implements ExecutionListener {

  /** What one discussion's forms and decision set; none of it may carry over to the next. */
  static final List<org.safeguardflow.variables.Var<?>> ANSWERS_OF_ONE_DISCUSSION = List.of(
      Pathway.Var.STRATEGY_INVITEES,
      StrategyDiscussionProcess.Var.STRATEGY_OTHER_INVITEE,
      StrategyDiscussionProcess.Var.STRATEGY_PLANNED_FOR,
      Pathway.Var.STRATEGY_DISCUSSION_DATE,
      StrategyDiscussionProcess.Var.STRATEGY_ATTENDEES,
      Pathway.Var.S47_STARTED,
      StrategyDiscussionProcess.Var.STRATEGY_DECISION_REASON,
      Pathway.Var.STRATEGY_MINUTES,
      StrategyDiscussionProcess.Var.STRATEGY_MINUTES_LATE_REASON,
      StrategyDiscussionProcess.Var.EARLIER_MINUTES_ESCALATION_NOTE);

  private final HistoryService history;

  // Lazy: the engine calls this listener, so the engine must not need it to start.
  OpenStrategyDiscussion(@Lazy HistoryService history) {
    this.history = history;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Integer passedIn = STRATEGY_DISCUSSION_NUMBER.get(execution);
    long known = passedIn == null ? 0 : passedIn;
    long earlier = execution.getProcessBusinessKey() == null ? 0
        : history.createHistoricProcessInstanceQuery()
            .processInstanceBusinessKey(execution.getProcessBusinessKey())
            .processDefinitionKey(StrategyDiscussionProcess.KEY)
            .list().stream()
            .filter(p -> !p.getId().equals(execution.getProcessInstanceId()))
            .count();
    STRATEGY_DISCUSSION_NUMBER.set(execution, (int) Math.max(known, earlier) + 1);
    STRATEGY_TRIGGERED_AT.set(execution, ClockUtil.getCurrentTime());
    ANSWERS_OF_ONE_DISCUSSION.forEach(variable -> variable.set(execution, null));
    StrategyDiscussionProcess.Var.STRATEGY_MINUTES_OVERDUE.set(execution, false);
  }
}
