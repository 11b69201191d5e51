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

  private final Notifications notifications;

  NotifyPartnerAgencies(Notifications notifications) {
    this.notifications = notifications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseRef = execution.getProcessBusinessKey();
    String type = required(execution, "notificationType");
    String subject = required(execution, "subject");
    String message = required(execution, "message");
    Object sequence = execution.getVariable("notificationSequence");
    int n = sequence instanceof Number number ? number.intValue() : 1;
    for (String agency : agencies(execution.getVariableLocal("agencies"))) {
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

  private static String required(DelegateExecution execution, String name) {
    Object value = execution.getVariableLocal(name);
    if (!(value instanceof String text) || text.isBlank()) {
      throw new IllegalStateException("notifyPartnerAgencies needs the input parameter " + name);
    }
    return text;
  }
}
