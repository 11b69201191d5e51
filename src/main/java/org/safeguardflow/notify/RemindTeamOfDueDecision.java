package org.safeguardflow.notify;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.safeguardflow.casework.Routing;
import org.safeguardflow.notify.Notifications.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reminds the front-door managers on the morning a contact decision falls due, for contacts started
 * on a contact model deployed before the contact decision took the common reminder
 * ({@code remindOfDueStep}, see {@link org.safeguardflow.timescales.Step}): their reminder jobs still
 * name this bean. No current model uses it; remove it once no contact of those versions is open
 * (see CONTRIBUTING, "How to add a statutory step").
 */
@Component("remindTeamOfDueDecision")
class RemindTeamOfDueDecision implements JavaDelegate {

  static final String TYPE = "CONTACT_DECISION_DUE_TODAY";
  private static final Logger log = LoggerFactory.getLogger(RemindTeamOfDueDecision.class);

  private final Notifications notifications;
  private final Routing routing;

  RemindTeamOfDueDecision(Notifications notifications, Routing routing) {
    this.notifications = notifications;
    this.routing = routing;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseRef = execution.getProcessBusinessKey();
    String group = routing.getFrontDoorManagers();
    Notification reminder = new Notification(Notification.key(caseRef, TYPE, 1), caseRef, TYPE,
        "group:" + group, "TASKLIST", "Contact decision due today: " + caseRef,
        "The decision on contact " + caseRef + " is due by the end of today. Open it in Tasklist.",
        Notifications.Status.RECORDED);
    if (notifications.record(reminder)) {
      log.info("Reminded {} that the decision on {} is due today", group, caseRef);
    }
  }
}
