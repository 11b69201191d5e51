package org.safeguardflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.safeguardflow.support.SafeguardFlowTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The completion guard keeps each deployed form's fields once read (a deployed form never changes):
 * a process owner who adds a field to a form and deploys it from Modeler must see the new field
 * accepted on the tasks of the new deployment at once, while a case still open on the earlier
 * deployment keeps its own form, on every node and whatever was completed before.
 */
@SafeguardFlowTest
class CompletionGuardKeepsFormsPerDeploymentTest {

  private static final String PROCESS = "Guard_SafetyPlanReview";

  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;

  private final List<String> deployments = new ArrayList<>();

  @AfterEach
  void theTestModelsGo() {
    deployments.forEach(id -> repository.deleteDeployment(id, true));
  }

  @Test
  void aFieldAddedToTheFormInANewDeploymentIsAcceptedThereAndNotOnCasesOfTheEarlierOne() {
    deploy("{\"id\":\"safetyPlanReview\",\"type\":\"default\",\"components\":["
        + "{\"key\":\"planStillWorks\",\"type\":\"checkbox\"}]}");
    String earlier = reviewTask();
    // The earlier form is read and kept: a completion with its field passes, one without it is refused.
    tasks.complete(earlier, Map.of("planStillWorks", true));
    String stillOnEarlier = reviewTask();
    assertThatThrownBy(() -> tasks.complete(stillOnEarlier, Map.of("grandmotherMovedIn", true)))
        .isInstanceOf(BadUserRequestException.class).hasMessageContaining("grandmotherMovedIn is not a field");

    deploy("{\"id\":\"safetyPlanReview\",\"type\":\"default\",\"components\":["
        + "{\"key\":\"planStillWorks\",\"type\":\"checkbox\"},"
        + "{\"key\":\"grandmotherMovedIn\",\"type\":\"checkbox\"},"
        + "{\"key\":\"whatChanged\",\"type\":\"textarea\",\"readonly\":true}]}");
    String onTheNewForm = reviewTask();
    tasks.complete(onTheNewForm, Map.of("planStillWorks", true, "grandmotherMovedIn", true));
    assertThat(tasks.createTaskQuery().taskId(onTheNewForm).count()).as("completed on the new form").isZero();
    // A field the new form only shows may be sent back unchanged, never changed.
    String showsWhatChanged = reviewTask();
    assertThatThrownBy(() -> tasks.complete(showsWhatChanged, Map.of("whatChanged", "rewritten")))
        .isInstanceOf(BadUserRequestException.class).hasMessageContaining("whatChanged is shown read-only");

    assertThatThrownBy(() -> tasks.complete(stillOnEarlier, Map.of("grandmotherMovedIn", true)))
        .as("the case on the earlier deployment keeps the earlier form")
        .isInstanceOf(BadUserRequestException.class).hasMessageContaining("grandmotherMovedIn is not a field");
  }

  private void deploy(String form) {
    var model = Bpmn.createExecutableProcess(PROCESS).camundaHistoryTimeToLive(36500)
        .startEvent()
        .userTask("Guard_ReviewSafetyPlan").name("Review the safety plan")
          .camundaFormRef("safetyPlanReview").camundaFormRefBinding("deployment")
        .endEvent()
        .done();
    deployments.add(repository.createDeployment().name("completion guard test")
        .addModelInstance("safety-plan-review.bpmn", model)
        .addString("safety-plan-review.form", form)
        .deploy().getId());
  }

  /** Starts a review on the latest deployment and answers its task id. */
  private String reviewTask() {
    String instance = runtime.startProcessInstanceByKey(PROCESS, Map.of("whatChanged", "Mother's new partner left")).getId();
    return tasks.createTaskQuery().processInstanceId(instance).singleResult().getId();
  }
}
