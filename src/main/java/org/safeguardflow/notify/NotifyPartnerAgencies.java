package org.safeguardflow.notify;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.safeguardflow.notify.Notifications.Notification;
import org.springframework.stereotype.Component;

/**
 * A partner notification a process owner adds in Camunda Modeler without code (element template
 * "Notify partner agencies"): input parameters {@code notificationType}, {@code agencies} (codes of
 * the partner directory, comma separated, or a list variable), {@code subject} and {@code message}
 * (expressions over case variables; keep personal data out). One outbox row per agency, keyed by
 * case, type, agency and {@code notificationSequence} (default 1), so a retried job sends nothing twice.
 */
@Component("notifyPartnerAgencies")
class NotifyPartnerAgencies implements JavaDelegate {

  // The service task's input parameters
  static final org.safeguardflow.variables.Var<String> NOTIFICATION_TYPE = org.safeguardflow.variables.Var.text("notificationType");
  static final org.safeguardflow.variables.Var<String> SUBJECT = org.safeguardflow.variables.Var.text("subject");
  static final org.safeguardflow.variables.Var<String> MESSAGE = org.safeguardflow.variables.Var.text("message");
  /** The agency codes: a list, or comma-separated text. */
  static final org.safeguardflow.variables.Var<Object> AGENCIES = org.safeguardflow.variables.Var.stored("agencies", Object.class);
  /** Which notification of its kind on the case this is (1 when not given). */
  static final org.safeguardflow.variables.Var<Integer> NOTIFICATION_SEQUENCE = org.safeguardflow.variables.Var.integer("notificationSequence");

  private final Notifications notifications;

  NotifyPartnerAgencies(Notifications notifications) {
    this.notifications = notifications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseRef = execution.getProcessBusinessKey();
    String type = required(execution, NOTIFICATION_TYPE);
    String subject = required(execution, SUBJECT);
    String message = required(execution, MESSAGE);
    Integer sequence = NOTIFICATION_SEQUENCE.get(execution);
    int n = sequence == null ? 1 : sequence;
    for (String agency : agencies(AGENCIES.getLocal(execution))) {
      notifications.record(new Notification(Notification.key(caseRef, type + ":" + agency, n), caseRef, type,
          agency, "AGENCY", subject, message, Notifications.Status.RECORDED));
    }
  }

  static List<String> agencies(Object value) {
    if (value instanceof Collection<?> list) {
      return list.stream().map(Object::toString).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
    if (value instanceof String text) {
      return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
    throw new IllegalStateException("notifyPartnerAgencies needs the input parameter agencies (codes)");
  }

  private static String required(DelegateExecution execution, org.safeguardflow.variables.Var<String> parameter) {
    String text = parameter.getLocal(execution);
    if (text == null || text.isBlank()) {
      throw new IllegalStateException("notifyPartnerAgencies needs the input parameter " + parameter);
    }
    return text;
  }
}
