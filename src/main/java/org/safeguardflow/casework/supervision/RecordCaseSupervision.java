package org.safeguardflow.casework.supervision;

import static org.safeguardflow.casework.supervision.CaseSupervisionProcess.Var.*;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.safeguardflow.casework.Actors;
import org.safeguardflow.casework.CaseDates;
import org.safeguardflow.casework.CaseRecord;
import org.safeguardflow.casework.CaseRecords;
import org.safeguardflow.casework.supervision.CaseSupervisionProcess.Kind;
import org.safeguardflow.casework.supervision.CaseSupervisions.Supervision;
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
    Kind kind = Kind.valueOf((String) execution.getVariableLocal("supervisionKind"));
    var process = execution.getProcessInstance();
    String caseRef = execution.getProcessBusinessKey();
    LocalDate date = CaseDates.of(SUPERVISION_DATE, execution.getVariable(SUPERVISION_DATE));
    List<SupervisionActions.Action> actions = SupervisionActions.read(execution.getVariable(ACTIONS), date);
    String recordedBy = Actors.currentUser();
    Object completedBy = execution.getVariable("supervisionRecordedBy");
    supervisions.record(new Supervision(caseRef, kind, date,
        recordedBy != null ? recordedBy : completedBy instanceof String who ? who : "unknown",
        ((String) execution.getVariable(DISCUSSION)).strip(), ((String) execution.getVariable(DECISIONS)).strip(),
        SupervisionActions.json(actions), ClockUtil.getCurrentTime().toInstant().atOffset(ZoneOffset.UTC)));

    process.setVariable(LAST_SUPERVISION_DATE, date.toString());
    process.setVariable(LAST_SUPERVISION_SUMMARY, summary(kind, date, (String) execution.getVariable(DECISIONS), actions));
    if (kind == Kind.ROUTINE) {
      Object count = process.getVariable(COUNT);
      process.setVariable(COUNT, (count instanceof Number n ? n.intValue() : 0) + 1);
      process.setVariable(DUE_FROM, date.toString());
      // The breach belongs to the supervision that missed its deadline, not to the next one.
      process.setVariable(OVERDUE, false);
      process.setVariable(CASE_STILL_OPEN,
          cases.find(caseRef).map(c -> c.status() != CaseRecord.Status.CLOSED).orElse(true));
    }
    process.removeVariables(List.of(SUPERVISION_DATE, DISCUSSION, DECISIONS, ACTIONS, LATE_REASON, ESCALATION_NOTE,
        "supervisionRecordedBy"));
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
