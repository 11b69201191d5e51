package org.safeguardflow.notify;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
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
    String key = (String) execution.getVariable("notificationKey");
    String decidedBy = (String) execution.getVariable("undeliverableResolvedBy");
    if ("RETRY".equals(execution.getVariable("undeliverableResolution"))) {
      notifications.requeue(key, decidedBy);
    } else {
      notifications.handledOtherwise(key, (String) execution.getVariable("handledHow"), decidedBy);
    }
    Object incident = execution.getVariable("incidentId");
    if (incident instanceof String id
        && runtime.createIncidentQuery().incidentId(id).count() > 0) {
      runtime.resolveIncident(id);
    }
  }
}
