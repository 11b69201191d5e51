package org.safeguardflow.casework;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.safeguardflow.timescales.StatutoryTimescales;
import org.springframework.stereotype.Component;

/**
 * {@code ${checkConferenceBooking}}: a review conference's booking, before anyone is invited: a date
 * (ISO {@code yyyy-MM-dd}) no earlier than today in England, since invitations go out for it; a venue of
 * at most 200 characters as a person counts them; at least one invitee. The form asks the same, but a
 * completion through the REST API does not pass through the form.
 *
 * @throws CaseRuleException naming each field and the rule it broke; nothing is kept and nobody invited
 */
@Component("checkConferenceBooking")
class CheckConferenceBooking implements TaskListener {

  static final int MAX_VENUE = 200;

  @Override
  public void notify(DelegateTask task) {
    List<String> problems = new ArrayList<>();
    Object date = Pathway.Var.CONFERENCE_PLANNED_DATE.raw(task);
    LocalDate booked = null;
    try {
      booked = CaseDates.of(Pathway.Var.CONFERENCE_PLANNED_DATE.name(), date);
    } catch (CaseRuleException e) {
      problems.add(e.getMessage());
    }
    LocalDate today = StatutoryTimescales.londonDate(ClockUtil.getCurrentTime());
    if (booked == null && problems.isEmpty()) {
      problems.add(Pathway.Var.CONFERENCE_PLANNED_DATE.name() + " is required");
    } else if (booked != null && booked.isBefore(today)) {
      problems.add(Pathway.Var.CONFERENCE_PLANNED_DATE.name() + " (" + booked + ") is before today (" + today
          + "): book a day still to come");
    }
    try {
      FormValues.requiredText(Pathway.Var.CONFERENCE_VENUE.name(), Pathway.Var.CONFERENCE_VENUE.raw(task), MAX_VENUE);
    } catch (CaseRuleException e) {
      problems.add(e.getMessage());
    }
    List<String> invitees = FormValues.list(Pathway.Var.CONFERENCE_INVITEES.name(), Pathway.Var.CONFERENCE_INVITEES.raw(task));
    if (invitees == null || invitees.isEmpty()) {
      problems.add(Pathway.Var.CONFERENCE_INVITEES.name() + " is required: choose who is invited");
    }
    FormValues.refuseIfAny(problems);
  }
}
