package org.safeguardflow.casework.assessment;

import static org.safeguardflow.casework.assessment.AssessmentProcess.Var.*;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.safeguardflow.casework.FormValues;
import org.safeguardflow.casework.Pathway;
import org.springframework.stereotype.Component;

/**
 * Opens an assessment. The section 47 decision may be absent (a child in need referral never had a
 * strategy discussion): absent means no enquiry. What belongs to one assessment and its enquiry is
 * cleared, so that a later assessment in the same episode is checked against its own enquiry, not
 * an earlier one's conclusion. The practitioner's own entries (dates, factors, views) stay as a
 * starting point.
 */
@Component("openAssessment")
class OpenAssessment implements ExecutionListener {

  static final List<org.safeguardflow.variables.Var<?>> DECISIONS_OF_ONE_ASSESSMENT = List.of(
      Pathway.Var.S47_OUTCOME, S47_OUTCOME_REASON, Pathway.Var.ICPC_NOT_REQUIRED,
      CORE_ASSESSMENT_STARTED_AT, ASSESSMENT_COMPLETED_BY, ASSESSMENT_COMPLETED_AT,
      ASSESSMENT_AUTHORISATION, ASSESSMENT_MANAGER_COMMENTS, ASSESSMENT_AUTHORISED_BY,
      Pathway.Var.ASSESSMENT_AUTHORISATION_DATE);

  @Override
  public void notify(DelegateExecution execution) {
    Boolean s47Started = Pathway.Var.S47_STARTED.get(execution);
    Pathway.Var.S47_STARTED.set(execution, Boolean.TRUE.equals(s47Started));
    // The previous assessment's authorisation, before it is cleared for this one: this one starts after it.
    PREVIOUS_ASSESSMENT_AUTHORISATION_DATE.set(execution, Pathway.Var.ASSESSMENT_AUTHORISATION_DATE.get(execution));
    DECISIONS_OF_ONE_ASSESSMENT.forEach(variable -> variable.set(execution, null));
    CORE_ASSESSMENT_NEEDED.set(execution, false);
    // An earlier enquiry's or core assessment's breach says nothing about this one's deadline.
    AssessmentProcess.Var.S47_ENQUIRY_OVERDUE.set(execution, false);
    AssessmentProcess.Var.CORE_ASSESSMENT_OVERDUE.set(execution, false);
  }
}
