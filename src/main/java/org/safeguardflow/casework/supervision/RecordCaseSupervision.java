package org.safeguardflow.casework.supervision;

import static org.safeguardflow.casework.supervision.CaseSupervisionProcess.Var.*;

import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.safeguardflow.casework.Actors;
import org.safeguardflow.casework.CaseDates;
import org.safeguardflow.casework.CaseRecord;
import org.safeguardflow.casework.CaseRecords;
import org.safeguardflow.casework.supervision.CaseSupervisionProcess.Kind;
import org.safeguardflow.casework.supervision.CaseSupervisions.Supervision;
import org.safeguardflow.timescales.EngineTime;
import org.springframework.stereotype.Component;

/**
 * Files the supervision just recorded on the case ({@code sf_case_supervision}). Input parameter
 * {@code supervisionKind}: ROUTINE supervisions restart the 4-week cycle from their date; an extra
 * (AD_HOC) one leaves the cycle alone. The form's fields are cleared afterwards so that the next
 * supervision form opens empty and an extra supervision never fills in a routine one; history keeps them.
 * Runs in the transaction that completes the task, so a supervision is filed exactly once.
 */
@Component("recordCaseSupervision")
class RecordCaseSupervision implements JavaDelegate {

  private final CaseSupervisions supervisions;
  private final CaseRecords cases;

  RecordCaseSupervision(CaseSupervisions supervisions, CaseRecords cases) {
    this.supervisions = supervisions;
    this.cases = cases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Kind kind = SUPERVISION_KIND.getLocal(execution);
    var process = execution.getProcessInstance();
    String caseRef = execution.getProcessBusinessKey();
    LocalDate date = SUPERVISION_DATE.get(execution);
    List<SupervisionActions.Action> actions = SupervisionActions.read(ACTIONS.raw(execution), date);
    String recordedBy = Actors.currentUser();
    String completedBy = SUPERVISION_RECORDED_BY.get(execution);
    supervisions.record(new Supervision(caseRef, kind, date,
        recordedBy != null ? recordedBy : completedBy != null ? completedBy : "unknown",
        (DISCUSSION.get(execution)).strip(), (DECISIONS.get(execution)).strip(),
        SupervisionActions.json(actions), EngineTime.now()));

    LAST_SUPERVISION_DATE.set(process, date);
    LAST_SUPERVISION_SUMMARY.set(process, summary(kind, date, DECISIONS.get(execution), actions));
    if (kind == Kind.ROUTINE) {
      Integer count = COUNT.get(process);
      COUNT.set(process, (count == null ? 0 : count) + 1);
      DUE_FROM.set(process, date);
      // The breach belongs to the supervision that missed its deadline, not to the next one.
      OVERDUE.set(process, false);
      CASE_STILL_OPEN.set(process, cases.find(caseRef).map(c -> c.status() != CaseRecord.Status.CLOSED).orElse(true));
    }
    process.removeVariables(org.safeguardflow.variables.Var.names(SUPERVISION_DATE, DISCUSSION, DECISIONS, ACTIONS, LATE_REASON,
        EARLIER_ESCALATION_NOTE, SUPERVISION_RECORDED_BY));
  }

  /** What the next supervisor reads first: the last decisions and the actions to follow up. */
  static String summary(Kind kind, LocalDate date, String decisions, List<SupervisionActions.Action> actions) {
    StringBuilder text = new StringBuilder()
        .append(kind == Kind.AD_HOC ? "Extra supervision on " : "Supervision on ").append(date).append("\n\n")
        .append("Decisions: ").append(decisions.strip()).append("\n\n");
    if (actions.isEmpty()) {
      text.append("No actions were agreed.");
    } else {
      text.append("| Action | Due by |\n|---|---|\n");
      actions.forEach(a -> text.append("| ").append(a.action().replace("|", "/").replace("\n", " "))
          .append(" | ").append(a.dueBy()).append(" |\n"));
    }
    return text.toString();
  }
}
