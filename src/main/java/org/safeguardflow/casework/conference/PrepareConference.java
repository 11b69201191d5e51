package org.safeguardflow.casework.conference;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.spin.plugin.variable.SpinValues;
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
    if (execution.getVariable(Pathway.Var.INITIAL_CPC_TARGET) == null) {
      Object strategyDiscussion = execution.getVariable(Pathway.Var.STRATEGY_DISCUSSION_DATE);
      if (strategyDiscussion == null) {
        throw new IllegalStateException("A conference needs " + Pathway.Var.INITIAL_CPC_TARGET + " or "
            + Pathway.Var.STRATEGY_DISCUSSION_DATE + " to know its deadline");
      }
      execution.setVariable(Pathway.Var.INITIAL_CPC_TARGET, timescales.dueDate(STEP, strategyDiscussion));
    }
    if (execution.getVariable(InitialConferenceProcess.Var.CONFERENCE_INVITEES) == null
        && execution.getVariable(Pathway.Var.STRATEGY_INVITEES) instanceof List<?> agencies) {
      // A JSON array, which a Tasklist checklist shows ticked.
      StringBuilder json = new StringBuilder("[");
      for (Object agency : agencies) {
        String code = String.valueOf(agency).strip();
        if (InitialConferenceProcess.Invitee.names().contains(code)) {
          json.append(json.length() > 1 ? "," : "").append('"').append(code).append('"');
        }
      }
      execution.setVariable(InitialConferenceProcess.Var.CONFERENCE_INVITEES, SpinValues.jsonValue(json.append("]").toString()).create());
    }
  }
}
