package org.safeguardflow.audit;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.safeguardflow.timescales.Step;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Which statutory step a user task was held to when its history holds no {@code timescaleStep}: a
 * task created on a model deployed before every user task with a deadline from the timescales table
 * named its step (escalations, the first core group, the pre-proceedings steps and others had only
 * their due date). Its step is the {@code timescaleStep} input parameter the same task (by its id,
 * which running cases keep across versions) declares in its own model version or, failing that, in
 * the newest version of its process; a step that is not a {@link Step} (a mistyped or retired code, an
 * expression such as {@code ${reviewStep}} whose value only history holds) is no step. A deployed
 * model never changes, so the answer is kept per definition and task.
 */
@Component
class TimelineSteps {

  private final RepositoryService repository;
  private final Map<String, Optional<Step>> known = new ConcurrentHashMap<>();

  TimelineSteps(@Lazy RepositoryService repository) {
    this.repository = repository;
  }

  /** The step's code, or null when neither model version names one for the task. */
  String fromModel(String processDefinitionId, String taskDefinitionKey) {
    if (processDefinitionId == null || taskDefinitionKey == null) {
      return null;
    }
    return known.computeIfAbsent(processDefinitionId + "#" + taskDefinitionKey, key ->
            declared(processDefinitionId, taskDefinitionKey).or(() -> declaredInNewest(processDefinitionId, taskDefinitionKey)))
        .map(Step::code).orElse(null);
  }

  private Optional<Step> declaredInNewest(String processDefinitionId, String taskDefinitionKey) {
    ProcessDefinition newest = repository.createProcessDefinitionQuery()
        .processDefinitionKey(repository.getProcessDefinition(processDefinitionId).getKey()).latestVersion().singleResult();
    return newest == null || newest.getId().equals(processDefinitionId) ? Optional.empty()
        : declared(newest.getId(), taskDefinitionKey);
  }

  private Optional<Step> declared(String processDefinitionId, String taskDefinitionKey) {
    if (!(repository.getBpmnModelInstance(processDefinitionId).getModelElementById(taskDefinitionKey) instanceof UserTask task)
        || task.getExtensionElements() == null) {
      return Optional.empty();
    }
    ExtensionElements extensions = task.getExtensionElements();
    return extensions.getElementsQuery().filterByType(CamundaInputOutput.class).list().stream()
        .flatMap(io -> io.getCamundaInputParameters().stream())
        .filter(input -> Step.INPUT.equals(input.getCamundaName()))
        .map(CamundaInputParameter::getTextContent)
        .map(code -> Step.of(code.strip()))
        .flatMap(Optional::stream)
        .findFirst();
  }
}
