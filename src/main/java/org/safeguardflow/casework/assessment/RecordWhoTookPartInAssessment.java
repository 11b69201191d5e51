package org.safeguardflow.casework.assessment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.safeguardflow.casework.assessment.AssessmentFramework.ParentField;
import org.safeguardflow.casework.family.FamilyNetwork;
import org.safeguardflow.casework.family.FamilyNetwork.AssessedPerson;
import org.safeguardflow.casework.family.Relationship;
import org.safeguardflow.timescales.EngineTime;
import org.safeguardflow.variables.Var;
import org.springframework.stereotype.Component;

/**
 * {@code ${recordWhoTookPartInAssessment}}, on "Complete and send the single assessment" after
 * {@code checkAssessment}: the case's family network takes "took part in the assessment" from the
 * parents' and carers' views the assessment records, and gains anyone named there it did not list
 * ({@link FamilyNetwork#recordWhoTookPartInAssessment}), so the assessment and the network never disagree
 * about who was heard. Runs again, to the same effect, when a returned assessment is sent again.
 */
@Component("recordWhoTookPartInAssessment")
class RecordWhoTookPartInAssessment implements TaskListener {

  /** The assessment's list of parents' and carers' views, as the form submitted it (read by AssessmentContent). */
  static final Var<Object> PARENTS_VIEWS = Var.stored(AssessmentFramework.Var.PARENTS_VIEWS, Object.class);

  private final FamilyNetwork network;

  RecordWhoTookPartInAssessment(FamilyNetwork network) {
    this.network = network;
  }

  @Override
  public void notify(DelegateTask task) {
    List<String> problems = new ArrayList<>();
    List<Map<String, Object>> parents = AssessmentContent.list(AssessmentFramework.Var.PARENTS_VIEWS,
        PARENTS_VIEWS.raw(task), problems);
    List<AssessedPerson> assessed = new ArrayList<>();
    for (Map<String, Object> parent : parents) {
      if (parent.get(ParentField.NAME) instanceof String name && !name.isBlank()) {
        assessed.add(person(name, String.valueOf(parent.get(ParentField.RELATIONSHIP)),
            Boolean.TRUE.equals(parent.get(ParentField.LIVES_WITH_CHILD))));
      }
    }
    String caseRef = task.getExecution().getProcessBusinessKey();
    network.recordWhoTookPartInAssessment(caseRef, assessed, task.getAssignee(),
        EngineTime.now());
  }

  /** The assessment's relationship codes in the network's terms; a carer or other is said in words. */
  static AssessedPerson person(String name, String relationship, boolean livesWithChild) {
    return switch (relationship) {
      case "MOTHER" -> new AssessedPerson(name, Relationship.MOTHER, null, livesWithChild);
      case "FATHER" -> new AssessedPerson(name, Relationship.FATHER, null, livesWithChild);
      case "STEP_PARENT" -> new AssessedPerson(name, Relationship.STEP_PARENT, null, livesWithChild);
      case "CARER" -> new AssessedPerson(name, Relationship.OTHER, "Carer (named in the single assessment)", livesWithChild);
      default -> new AssessedPerson(name, Relationship.OTHER, "Named in the single assessment", livesWithChild);
    };
  }
}
