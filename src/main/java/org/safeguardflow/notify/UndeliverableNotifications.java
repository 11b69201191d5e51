package org.safeguardflow.notify;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.variable.Variables;
import org.safeguardflow.casework.CaseOnEveryProcess;
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

  /** The variables of {@code bpmn/undeliverable-notification.bpmn}. */
  static final class Var {
    static final org.safeguardflow.variables.Var<String> NOTIFICATION_KEY = org.safeguardflow.variables.Var.text("notificationKey");
    static final org.safeguardflow.variables.Var<String> NOTIFICATION_TYPE = org.safeguardflow.variables.Var.text("notificationType");
    static final org.safeguardflow.variables.Var<String> NOTIFICATION_RECIPIENT = org.safeguardflow.variables.Var.text("notificationRecipient");
    static final org.safeguardflow.variables.Var<String> NOTIFICATION_SUBJECT = org.safeguardflow.variables.Var.text("notificationSubject");
    static final org.safeguardflow.variables.Var<String> DELIVERY_FAILURE = org.safeguardflow.variables.Var.text("deliveryFailure");
    /** The incident raised beside the task, resolved when the manager has dealt with it. */
    static final org.safeguardflow.variables.Var<String> INCIDENT_ID = org.safeguardflow.variables.Var.text("incidentId");
    /** The manager's choice: RETRY or HANDLED_OTHERWISE. */
    static final org.safeguardflow.variables.Var<String> RESOLUTION = org.safeguardflow.variables.Var.text("undeliverableResolution");
    static final org.safeguardflow.variables.Var<String> HANDLED_HOW = org.safeguardflow.variables.Var.text("handledHow");
    static final org.safeguardflow.variables.Var<String> RESOLVED_BY = org.safeguardflow.variables.Var.text("undeliverableResolvedBy");

    private Var() {}
  }
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
        .setVariables(Var.DELIVERY_FAILURE.put(Var.NOTIFICATION_SUBJECT.put(Var.NOTIFICATION_RECIPIENT.put(
            Var.NOTIFICATION_TYPE.put(Var.NOTIFICATION_KEY.put(CaseOnEveryProcess.CASE_REF.put(Variables.createVariables(),
                n.caseRef()), n.idempotencyKey()), n.type()), n.recipient()), n.subject()), reason))
        .execute();
    var task = tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(TASK).singleResult();
    String incident = runtime.createIncident(INCIDENT_TYPE, task.getExecutionId(), n.idempotencyKey(),
        "Not delivered to " + n.recipient() + ": " + reason).getId();
    Var.INCIDENT_ID.set(runtime, instance.getId(), incident);
  }
}
