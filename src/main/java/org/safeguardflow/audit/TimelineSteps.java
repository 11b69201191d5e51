package org.safeguardflow.audit;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Which statutory step a user task is, when the task has no {@code timescaleStep} input parameter
 * (the contact decision predates that convention): the step named in its due date expression,
 * {@code ${timescales.dueDate('CONTACT_DECISION', receivedAt)}}. A deployed model never changes,
 * so the answer is kept per definition and task.
 */
@Component
class TimelineSteps {

  private static final Pattern LITERAL_STEP = Pattern.compile("timescales\\.dueDate\\(\\s*'([A-Z0-9_]+)'");

  private final RepositoryService repository;
  private final Map<String, Optional<String>> known = new ConcurrentHashMap<>();

  TimelineSteps(@Lazy RepositoryService repository) {
    this.repository = repository;
  }

  String fromModel(String processDefinitionId, String taskDefinitionKey) {
    if (processDefinitionId == null || taskDefinitionKey == null) {
      return null;
    }
    return known.computeIfAbsent(processDefinitionId + "#" + taskDefinitionKey, key -> {
      if (!(repository.getBpmnModelInstance(processDefinitionId).getModelElementById(taskDefinitionKey) instanceof UserTask task)
          || task.getCamundaDueDate() == null) {
        return Optional.empty();
      }
      Matcher step = LITERAL_STEP.matcher(task.getCamundaDueDate());
      return step.find() ? Optional.of(step.group(1)) : Optional.empty();
    }).orElse(null);
  }
}
