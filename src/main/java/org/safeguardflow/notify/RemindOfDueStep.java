package org.safeguardflow.notify;

import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.safeguardflow.notify.Notifications.Notification;
import org.safeguardflow.timescales.StatutoryTimescales;
import org.safeguardflow.timescales.Step;
import org.safeguardflow.variables.Var;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reminds whoever holds a statutory step that its deadline is near: the one reminder of every
 * statutory step ({@link org.safeguardflow.timescales.Step}). Input parameters: {@code timescaleStep},
 * {@code deadline} (a Date), {@code remind} (whom: {@code group:team-managers}, {@code user:jsmith})
 * and optionally {@code what} (the step in a manager's words). A step that recurs (visits, reviews) is
 * keyed by its deadline day, so each cycle is reminded once however often the job runs.
 *
 * <p>{@code remindUser} falling back to {@code remindGroup} is still read for reminder jobs of cases
 * started on models deployed before every step used {@code remind}.
 */
@Component("remindOfDueStep")
class RemindOfDueStep implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(RemindOfDueStep.class);
  /** Whom to remind, as reminder jobs of models deployed before every step used {@code remind} name them. */
  private static final Var<String> EARLIER_REMIND_USER = Var.text("remindUser");
  private static final Var<String> EARLIER_REMIND_GROUP = Var.text("remindGroup");
  private static final DateTimeFormatter READABLE_DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);

  private final Notifications notifications;

  RemindOfDueStep(Notifications notifications) {
    this.notifications = notifications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String step = Step.CODE.getLocal(execution);
    Date due = Step.DEADLINE.getLocal(execution);
    String recipient = recipient(execution);
    if (step == null || due == null || recipient == null) {
      throw new IllegalStateException(execution.getCurrentActivityId()
          + " needs the input parameters timescaleStep, deadline and remind (or remindUser/remindGroup)");
    }
    String given = Step.WHAT.getLocal(execution);
    String what = given != null && !given.isBlank()
        ? given : Step.words(step);
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

  private static String recipient(DelegateExecution execution) {
    String remind = Step.REMIND.getLocal(execution);
    if (remind != null && !remind.isBlank()) {
      return remind;
    }
    String user = EARLIER_REMIND_USER.getLocal(execution);
    if (user != null && !user.isBlank()) {
      return "user:" + user;
    }
    String group = EARLIER_REMIND_GROUP.getLocal(execution);
    if (group != null && !group.isBlank()) {
      return "group:" + group;
    }
    return null;
  }
}
