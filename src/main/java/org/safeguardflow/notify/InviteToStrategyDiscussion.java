package org.safeguardflow.notify;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.safeguardflow.casework.strategy.StrategyDiscussionProcess;
import org.safeguardflow.notify.Notifications.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Invites each agency the manager chose to the strategy discussion: one notification per agency,
 * carrying the case reference and the planned time only. The child's name and the concerns are
 * shared in the discussion itself, not in a message.
 */
@Component("inviteToStrategyDiscussion")
class InviteToStrategyDiscussion implements JavaDelegate {

  static final String TYPE = "STRATEGY_INVITE";
  private static final Logger log = LoggerFactory.getLogger(InviteToStrategyDiscussion.class);

  private final Notifications notifications;

  InviteToStrategyDiscussion(Notifications notifications) {
    this.notifications = notifications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseRef = execution.getProcessBusinessKey();
    String plannedFor = StrategyDiscussionProcess.Var.STRATEGY_PLANNED_FOR.get(execution);
    for (String invitee : StrategyAgencies.invited(execution)) {
      Notification invitation = new Notification(StrategyAgencies.key(caseRef, TYPE, execution, invitee), caseRef,
          TYPE, StrategyAgencies.recipient(invitee, execution), StrategyAgencies.CHANNEL,
          "Strategy discussion: case " + caseRef,
          "Children's social care is convening a strategy discussion and asks your agency to take part.\n"
              + "Case reference: " + caseRef + "\n"
              + "Planned for: " + plannedFor + "\n"
              + "Please confirm who will attend, quoting the case reference, and bring what your agency"
              + " knows about the child and family to the discussion rather than replying with it.",
          Notifications.Status.RECORDED);
      if (notifications.record(invitation)) {
        log.info("Strategy discussion on {}: invited {}", caseRef, invitation.recipient());
      }
    }
  }
}
