package org.safeguardflow.notify;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.variable.Variables;
import org.safeguardflow.notify.Notifications.Notification;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * A notification that cannot be delivered becomes a manager's task (Tasklist) and an incident on it
 * (Cockpit): a decision not passed on to a partner is exactly what inspectors criticise.
 */
@Component
public class UndeliverableNotifications {

  public static final String PROCESS_KEY = "Process_UndeliverableNotification";
  public static final String TASK = "Task_ResolveUndeliverableNotification";
  public static final String INCIDENT_TYPE = "undeliverableNotification";

  private final RuntimeService runtime;
  private final TaskService tasks;

  UndeliverableNotifications(@Lazy RuntimeService runtime, @Lazy TaskService tasks) {
    this.runtime = runtime;
    this.tasks = tasks;
  }

  void report(Notification n, String reason) {
    var instance = runtime.createProcessInstanceByKey(PROCESS_KEY)
        .businessKey(n.caseRef())
        .setVariables(Variables.createVariables()
            .putValue("caseRef", n.caseRef())
            .putValue("notificationKey", n.idempotencyKey())
            .putValue("notificationType", n.type())
            .putValue("notificationRecipient", n.recipient())
            .putValue("notificationSubject", n.subject())
            .putValue("deliveryFailure", reason))
        .execute();
    var task = tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(TASK).singleResult();
    String incident = runtime.createIncident(INCIDENT_TYPE, task.getExecutionId(), n.idempotencyKey(),
        "Not delivered to " + n.recipient() + ": " + reason).getId();
    runtime.setVariable(instance.getId(), "incidentId", incident);
  }
}
