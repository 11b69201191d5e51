package org.safeguardflow.intake;

import static org.safeguardflow.casework.ContactProcess.Var.CONTACT_DECIDED_AT;
import static org.safeguardflow.casework.ContactProcess.Var.CONTACT_DECIDED_BY;
import static org.safeguardflow.casework.ContactProcess.Var.CONTACT_DECISION;
import static org.safeguardflow.casework.ContactProcess.Var.CONTACT_DECISION_LATE;
import static org.safeguardflow.casework.ContactProcess.Var.CONTACT_DECISION_LATE_REASON;
import static org.safeguardflow.casework.ContactProcess.Var.CONTACT_DECISION_REASON;
import static org.safeguardflow.casework.ContactProcess.Var.CONTACT_ID;
import static org.safeguardflow.casework.ContactProcess.Var.RECEIVED_AT;
import static org.safeguardflow.casework.ContactProcess.Var.SUGGESTED_LEVEL_OF_NEED;
import static org.safeguardflow.casework.ContactProcess.Var.SUGGESTED_ROUTE;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.safeguardflow.casework.CaseRecords;
import org.safeguardflow.casework.ContactProcess;
import org.safeguardflow.casework.ContactProcess.Route;
import org.safeguardflow.timescales.StatutoryTimescales;
import org.safeguardflow.timescales.TimescaleBreaches;
import org.springframework.stereotype.Component;

/**
 * Writes the threshold suggestion and the manager's decision side by side on the contact, moves a
 * referral on, and files the reason for a late decision with its breach.
 */
@Component("recordContactDecision")
class RecordContactDecision implements JavaDelegate {

  private final Contacts contacts;
  private final CaseRecords cases;
  private final TimescaleBreaches breaches;
  private final StatutoryTimescales timescales;

  RecordContactDecision(Contacts contacts, CaseRecords cases, TimescaleBreaches breaches, StatutoryTimescales timescales) {
    this.contacts = contacts;
    this.cases = cases;
    this.breaches = breaches;
    this.timescales = timescales;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseRef = execution.getProcessBusinessKey();
    Route decision = Route.valueOf((String) execution.getVariable(CONTACT_DECISION));
    String decidedBy = (String) execution.getVariable(CONTACT_DECIDED_BY);
    OffsetDateTime decidedAt = utc((Date) execution.getVariable(CONTACT_DECIDED_AT));

    contacts.recordDecision(
        ((Number) execution.getVariable(CONTACT_ID)).longValue(),
        (Integer) execution.getVariable(SUGGESTED_LEVEL_OF_NEED),
        (String) execution.getVariable(SUGGESTED_ROUTE),
        decision.name(),
        (String) execution.getVariable(CONTACT_DECISION_REASON),
        decidedBy,
        decidedAt);

    if (Boolean.TRUE.equals(execution.getVariable(CONTACT_DECISION_LATE))) {
      Date deadline = timescales.dueDate(ContactProcess.STEP_CONTACT_DECISION, execution.getVariable(RECEIVED_AT));
      breaches.explain(caseRef, ContactProcess.STEP_CONTACT_DECISION, utc(deadline),
          (String) execution.getVariable(CONTACT_DECISION_LATE_REASON), decidedBy, decidedAt);
    }
    if (!decision.closesTheCase()) {
      cases.acceptAsReferral(caseRef);
    }
  }

  private static OffsetDateTime utc(Date date) {
    return date.toInstant().atOffset(ZoneOffset.UTC);
  }
}
