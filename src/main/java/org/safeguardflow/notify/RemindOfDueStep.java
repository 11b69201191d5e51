package org.safeguardflow.notify;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.safeguardflow.notify.Notifications.Notification;
import org.safeguardflow.timescales.StatutoryTimescales;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reminds whoever holds a statutory step that its deadline is near. Reusable from any model: give it
 * the input parameters {@code timescaleStep}, {@code deadline}, {@code remindUser} (the person, may
 * be empty) or {@code remindGroup}, and optionally {@code reminderSequence} when the same step can
 * recur on a case (e.g. the minutes of a second strategy discussion).
 */
@Component("remindOfDueStep")
class RemindOfDueStep implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(RemindOfDueStep.class);
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("HH:mm 'on' EEEE d MMMM yyyy", Locale.UK);

  private final Notifications notifications;

  RemindOfDueStep(Notifications notifications) {
    this.notifications = notifications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String step = (String) execution.getVariableLocal("timescaleStep");
    Date deadline = (Date) execution.getVariableLocal("deadline");
    if (step == null || deadline == null) {
      throw new IllegalStateException(execution.getCurrentActivityId()
          + " needs the input parameters timescaleStep and deadline");
    }
    Object user = execution.getVariableLocal("remindUser");
    Object group = execution.getVariableLocal("remindGroup");
    String recipient = user instanceof String person && !person.isBlank() ? "user:" + person : "group:" + group;
    Object sequence = execution.getVariableLocal("reminderSequence");
    String caseRef = execution.getProcessBusinessKey();
    String type = step + "_DUE_SOON";
    String what = step.charAt(0) + step.substring(1).toLowerCase(Locale.UK).replace('_', ' ');
    Notification reminder = new Notification(
        Notification.key(caseRef, type, sequence instanceof Number n ? n.intValue() : 1), caseRef, type,
        recipient, "TASKLIST", what + " due soon: " + caseRef,
        what + " for case " + caseRef + " is due by "
            + ZonedDateTime.ofInstant(deadline.toInstant(), StatutoryTimescales.LONDON).format(WHEN)
            + ". Open it in Tasklist.",
        Notifications.Status.RECORDED);
    if (notifications.record(reminder)) {
      log.info("Reminded {} that {} on {} is due soon", recipient, step, caseRef);
    }
  }
}
