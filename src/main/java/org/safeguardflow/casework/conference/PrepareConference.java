package org.safeguardflow.casework.conference;

import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.safeguardflow.casework.Pathway;
import org.safeguardflow.timescales.StatutoryTimescales;
import org.springframework.stereotype.Component;

/**
 * Readies a conference from what the strategy discussion left. The census item InitialCPCtarget is
 * normally worked out when the s47 enquiry starts; a conference started without it (a case from
 * before this system) works it out the same way, so no conference runs without its statutory
 * deadline. The agencies at the strategy discussion are offered as the first invitees.
 */
@Component("prepareConference")
class PrepareConference implements ExecutionListener {

  static final String STEP = "INITIAL_CPC";

  private final StatutoryTimescales timescales;

  PrepareConference(StatutoryTimescales timescales) {
    this.timescales = timescales;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (Pathway.Var.INITIAL_CPC_TARGET.get(execution) == null) {
      LocalDate strategyDiscussion = Pathway.Var.STRATEGY_DISCUSSION_DATE.get(execution);
      if (strategyDiscussion == null) {
        throw new IllegalStateException("A conference needs " + Pathway.Var.INITIAL_CPC_TARGET + " or "
            + Pathway.Var.STRATEGY_DISCUSSION_DATE + " to know its deadline");
      }
      Pathway.Var.INITIAL_CPC_TARGET.set(execution, timescales.dueDate(STEP, strategyDiscussion));
    }
    List<String> agencies = Pathway.Var.STRATEGY_INVITEES.get(execution);
    if (InitialConferenceProcess.Var.CONFERENCE_INVITEES.get(execution) == null && agencies != null) {
      // A JSON array, which a Tasklist checklist shows ticked.
      InitialConferenceProcess.Var.CONFERENCE_INVITEES.set(execution, agencies.stream().map(String::strip)
          .filter(InitialConferenceProcess.Invitee.names()::contains).toList());
    }
  }
}
