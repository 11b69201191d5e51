package org.safeguardflow.casework.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.safeguardflow.casework.supervision.CaseSupervisionProcess.Element.RECORD_SUPERVISION;
import static org.safeguardflow.casework.supervision.CaseSupervisionProcess.Element.SERVICE_MANAGER_REVIEWS_OVERDUE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.safeguardflow.casework.Pathway;
import org.safeguardflow.casework.supervision.CaseSupervisionProcess.Var;
import org.safeguardflow.support.CaseScenario;
import org.safeguardflow.support.EngineClock;
import org.safeguardflow.support.SafeguardFlowTest;
import org.safeguardflow.timescales.Step;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Mia's case supervision began before the release that folded the eleven overdue-step forms into the
 * one escalation form and their notes into one key ({@code escalationNote}, kept with its task). Her
 * supervision runs on the model it started on
 * ({@code src/test/resources/models/case-supervision-before-the-one-escalation-form.bpmn}, deployed
 * with its own form {@code ServiceManagerReviewsOverdueSupervision}): when it goes overdue after the
 * release, the service manager's task still opens with that form, completes with its key
 * {@code supervisionEscalationNote}, the note is kept in the case's history under that key, and the
 * supervision that follows still clears it from the stage as before. A supervision started on the
 * current model escalates to the one form, whose note stays with the escalation task.
 */
@SafeguardFlowTest
class EscalationOnAnEarlierModelTest {

  private static final String EARLIER_MODEL = "src/test/resources/models/case-supervision-before-the-one-escalation-form.bpmn";
  private static final String EARLIER_FORM = "src/test/resources/models/forms/service-manager-reviews-overdue-supervision.form";

  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired FormService forms;
  @Autowired HistoryService history;
  @Autowired CaseScenario scenario;

  @AfterEach
  void theCurrentModelIsTheLatestAgain() throws IOException {
    deploy(Path.of("bpmn/case-supervision.bpmn"), List.of());
  }

  @Test
  void anEscalationCreatedOnTheEarlierModelOpensWithItsOwnFormAndItsNoteIsKeptUnderItsOwnKey() throws IOException {
    deploy(Path.of(EARLIER_MODEL), List.of(Path.of(EARLIER_FORM)));
    EngineClock.setTo("2026-04-20T09:30:00+01:00");
    String caseRef = scenario.openCase("Mia");
    ProcessInstance supervision = scenario.start(Pathway.Process.CASE_SUPERVISION, caseRef, allocatedOn("2026-04-20"));
    // The release deploys the current model while Mia's supervision is open.
    deploy(Path.of("bpmn/case-supervision.bpmn"), List.of());
    assertThat(latestSupervisionModel()).as("Mia's supervision runs on the earlier model")
        .isNotEqualTo(supervision.getProcessDefinitionId());

    EngineClock.setTo("2026-05-19T00:00:01+01:00");
    scenario.runJobsDue(caseRef);
    String escalation = scenario.task(caseRef, SERVICE_MANAGER_REVIEWS_OVERDUE).getId();
    JsonNode form = deployedForm(escalation);
    assertThat(form.path("id").asText()).isEqualTo("ServiceManagerReviewsOverdueSupervision");
    assertThat(keys(form)).containsExactly(Var.EARLIER_ESCALATION_NOTE.name());

    // Its form has no field under today's key, so a completion under it is refused; under its own, done.
    assertThatThrownBy(() -> scenario.complete(caseRef, SERVICE_MANAGER_REVIEWS_OVERDUE,
        Map.of(Step.ESCALATION_NOTE.name(), "Team manager off sick; I will supervise today")))
        .hasMessageContaining(Step.ESCALATION_NOTE.name());
    EngineClock.setTo("2026-05-19T09:00:00+01:00");
    scenario.complete(caseRef, SERVICE_MANAGER_REVIEWS_OVERDUE,
        Map.of(Var.EARLIER_ESCALATION_NOTE.name(), "Team manager off sick; I will supervise today"));
    assertThat(runtime.getVariables(supervision.getId())).containsEntry(Var.EARLIER_ESCALATION_NOTE.name(),
        "Team manager off sick; I will supervise today");

    // The late supervision is recorded; the stage clears the earlier note as it did, and history keeps it.
    Map<String, Object> late = supervisionOn("2026-05-19");
    late.put(Var.LATE_REASON.name(), "Team manager on sick leave; cover not arranged");
    scenario.complete(caseRef, RECORD_SUPERVISION, late);
    assertThat(runtime.getVariables(supervision.getId())).doesNotContainKey(Var.EARLIER_ESCALATION_NOTE.name());
    assertThat(notes(supervision.getId(), Var.EARLIER_ESCALATION_NOTE.name()))
        .extracting(HistoricVariableInstance::getValue).containsExactly("Team manager off sick; I will supervise today");
  }

  @Test
  void anEscalationOnTheCurrentModelOpensWithTheOneEscalationFormAndKeepsItsNoteWithTheTask() throws IOException {
    EngineClock.setTo("2026-04-20T09:30:00+01:00");
    String caseRef = scenario.openCase("Mia");
    ProcessInstance supervision = scenario.start(Pathway.Process.CASE_SUPERVISION, caseRef, allocatedOn("2026-04-20"));
    EngineClock.setTo("2026-05-19T00:00:01+01:00");
    scenario.runJobsDue(caseRef);
    String escalation = scenario.task(caseRef, SERVICE_MANAGER_REVIEWS_OVERDUE).getId();
    JsonNode form = deployedForm(escalation);
    assertThat(form.path("id").asText()).isEqualTo("ServiceManagerFollowsUpOverdueStep");
    assertThat(keys(form)).containsExactly(Step.ESCALATION_NOTE.name());

    EngineClock.setTo("2026-05-19T09:00:00+01:00");
    scenario.complete(caseRef, SERVICE_MANAGER_REVIEWS_OVERDUE,
        Map.of(Step.ESCALATION_NOTE.name(), "Team manager off sick; I will supervise today"));
    assertThat(runtime.getVariables(supervision.getId())).as("the note stays with its task, not the stage")
        .doesNotContainKeys(Step.ESCALATION_NOTE.name(), Var.EARLIER_ESCALATION_NOTE.name());
    assertThat(notes(supervision.getId(), Step.ESCALATION_NOTE.name())).singleElement().satisfies(note -> {
      assertThat(note.getValue()).isEqualTo("Team manager off sick; I will supervise today");
      assertThat(note.getActivityInstanceId()).isNotEqualTo(supervision.getId());
    });
  }

  private String latestSupervisionModel() {
    return repository.createProcessDefinitionQuery().processDefinitionKey(Pathway.Process.CASE_SUPERVISION)
        .latestVersion().singleResult().getId();
  }

  private List<HistoricVariableInstance> notes(String processInstanceId, String name) {
    return history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId).variableName(name)
        .includeDeleted().list().stream().filter(v -> v.getValue() != null).toList();
  }

  private JsonNode deployedForm(String taskId) throws IOException {
    try (InputStream form = forms.getDeployedTaskForm(taskId)) {
      return new ObjectMapper().readTree(form);
    }
  }

  private static List<String> keys(JsonNode form) {
    List<String> keys = new ArrayList<>();
    form.path("components").forEach(c -> {
      if (c.hasNonNull("key")) {
        keys.add(c.get("key").asText());
      }
    });
    return keys;
  }

  /** The model with every form in use today and, for an earlier model, the forms it was deployed with. */
  private void deploy(Path model, List<Path> earlierForms) throws IOException {
    DeploymentBuilder deployment = repository.createDeployment().name("case-supervision-model-compatibility")
        .addString("case-supervision.bpmn", Files.readString(model));
    try (var current = Files.list(Path.of("forms"))) {
      for (Path form : current.toList()) {
        deployment.addString(form.getFileName().toString(), Files.readString(form));
      }
    }
    for (Path form : earlierForms) {
      deployment.addString(form.getFileName().toString(), Files.readString(form));
    }
    deployment.deploy();
  }

  private static Map<String, Object> allocatedOn(String date) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(Pathway.Var.ALLOCATION_DATE.name(), date);
    variables.put(Pathway.Var.ALLOCATED_WORKER.name(), "worker");
    return variables;
  }

  /** What Tasklist submits: text fields, an ISO date, and the dynamic list as a Json variable. */
  private static Map<String, Object> supervisionOn(String date) {
    Map<String, Object> form = new HashMap<>();
    form.put(Var.SUPERVISION_DATE.name(), date);
    form.put(Var.DISCUSSION.name(), "Attendance has improved; mother engaging");
    form.put(Var.DECISIONS.name(), "Continue the plan; no step up");
    form.put(Var.ACTIONS.name(), SpinValues.jsonValue("[]").create());
    return form;
  }
}
