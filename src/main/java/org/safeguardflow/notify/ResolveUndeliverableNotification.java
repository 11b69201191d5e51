package org.safeguardflow.notify;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.safeguardflow.notify.UndeliverableNotifications.Var;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** Carries out the manager's choice: send the notification again, or record how the agency was told instead. */
@Component("resolveUndeliverableNotification")
class ResolveUndeliverableNotification implements JavaDelegate {

  private final Notifications notifications;
  private final RuntimeService runtime;

  ResolveUndeliverableNotification(Notifications notifications, @Lazy RuntimeService runtime) {
    this.notifications = notifications;
    this.runtime = runtime;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = Var.NOTIFICATION_KEY.get(execution);
    String decidedBy = Var.RESOLVED_BY.get(execution);
    if ("RETRY".equals(Var.RESOLUTION.get(execution))) {
      notifications.requeue(key, decidedBy);
    } else {
      notifications.handledOtherwise(key, Var.HANDLED_HOW.get(execution), decidedBy);
    }
    String incident = Var.INCIDENT_ID.get(execution);
    if (incident != null && runtime.createIncidentQuery().incidentId(incident).count() > 0) {
      runtime.resolveIncident(incident);
    }
  }
}
