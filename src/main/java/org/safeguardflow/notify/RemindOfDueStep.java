package org.safeguardflow.notify;

import java.time.format.DateTimeFormatter;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.safeguardflow.notify.Notifications.Notification;
import org.safeguardflow.timescales.StatutoryTimescales;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reminds whoever holds a statutory step that its deadline is near. Reusable from any model with the
 * input parameters {@code timescaleStep}, {@code deadline} (a Date), {@code remind} (e.g.
 * {@code group:team-managers} or {@code user:jsmith}) and {@code what} (the step in a manager's words).
 * A step that recurs (visits, reviews) is keyed by its deadline day, so each cycle is reminded once.
 */
@Component("remindOfDueStep")
class RemindOfDueStep implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(RemindOfDueStep.class);

  private static final DateTimeFormatter READABLE_DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", java.util.Locale.UK);

  private final Notifications notifications;

  RemindOfDueStep(Notifications notifications) {
    this.notifications = notifications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String step = (String) execution.getVariableLocal("timescaleStep");
    Object deadline = execution.getVariableLocal("deadline");
    String recipient = (String) execution.getVariableLocal("remind");
    String what = (String) execution.getVariableLocal("what");
    if (step == null || !(deadline instanceof Date due) || recipient == null || what == null) {
      throw new IllegalStateException(execution.getCurrentActivityId()
          + " needs the input parameters timescaleStep, deadline, remind and what");
    }
    String caseRef = execution.getProcessBusinessKey();
    var day = StatutoryTimescales.londonDate(due);
    String type = step + "_DUE";
    Notification reminder = new Notification(
        Notification.key(caseRef, type, Integer.parseInt(day.format(DateTimeFormatter.BASIC_ISO_DATE))),
        caseRef, type, recipient, "TASKLIST", what + " due " + READABLE_DAY.format(day) + ": " + caseRef,
        what + " on case " + caseRef + " is due by the end of " + READABLE_DAY.format(day) + ". Open it in Tasklist.",
        Notifications.Status.RECORDED);
    if (notifications.record(reminder)) {
      log.info("Reminded {} that {} on {} is due {}", recipient, step, caseRef, day);
    }
  }
}
