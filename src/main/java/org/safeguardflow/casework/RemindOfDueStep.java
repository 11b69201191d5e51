package org.safeguardflow.casework;

import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.safeguardflow.notify.Notifications;
import org.safeguardflow.notify.Notifications.Notification;
import org.safeguardflow.timescales.StatutoryTimescales;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reminds whoever holds a recurring step (a plan review, a supervision) that it falls due soon. Input
 * parameters: {@code timescaleStep}, {@code deadline}, {@code remindRecipient} ({@code user:<id>} or
 * {@code group:<id>}) and {@code reminderSequence} (which occurrence of the step, so that a retried job
 * records nothing twice and the next cycle's reminder is a new one). Internal staff only; the message
 * still carries the case reference and the step, never the child's details.
 */
@Component("remindOfDueStep")
class RemindOfDueStep implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(RemindOfDueStep.class);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);
  private static final Map<String, String> WHAT = Map.of(
      "CIN_PLAN_REVIEW", "first child in need plan review",
      "CIN_PLAN_LATER_REVIEW", "child in need plan review",
      "CASE_SUPERVISION", "case supervision");

  private final Notifications notifications;

  RemindOfDueStep(Notifications notifications) {
    this.notifications = notifications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseRef = execution.getProcessBusinessKey();
    String step = (String) execution.getVariableLocal("timescaleStep");
    Date deadline = (Date) execution.getVariableLocal("deadline");
    String recipient = (String) execution.getVariableLocal("remindRecipient");
    Object sequence = execution.getVariableLocal("reminderSequence");
    if (step == null || deadline == null || recipient == null || !(sequence instanceof Number number)) {
      throw new IllegalStateException(execution.getCurrentActivityId()
          + " needs the input parameters timescaleStep, deadline, remindRecipient and reminderSequence");
    }
    String what = WHAT.getOrDefault(step, step.toLowerCase(Locale.UK).replace('_', ' '));
    String type = step + "_DUE_SOON";
    String due = DAY.format(StatutoryTimescales.londonDate(deadline));
    Notification reminder = new Notification(Notification.key(caseRef, type, number.intValue()), caseRef, type,
        recipient, "TASKLIST", "Due " + due + ": " + what + " for " + caseRef,
        "The " + what + " for case " + caseRef + " is due by the end of " + due + ". Open it in Tasklist.",
        Notifications.Status.RECORDED);
    if (notifications.record(reminder)) {
      log.info("Reminded {} that the {} for {} is due {}", recipient, what, caseRef, due);
    }
  }
}
