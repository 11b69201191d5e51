package org.safeguardflow.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.repository.DefaultDeploymentHandler;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.Resource;
import org.camunda.bpm.engine.repository.ResourceTypes;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Deploy changed only" ({@code deploy-changed-only=true} with duplicate filtering, as Camunda Modeler
 * and scripts may send it) compares each file with the one of the same name in the latest deployment of
 * the same name, and leaves out the unchanged ones. A model whose forms are bound by deployment shows,
 * to new cases, the forms deployed with it: an unchanged {@code contact.bpmn} left out while its changed
 * form is deployed would keep showing the old form to every new contact, silently.
 *
 * <p>So a model the owner sent that Camunda leaves out as unchanged is put back into the deployment when a
 * form it uses is in that deployment: the model gets a new version that carries the changed form (new
 * cases get it, open tasks keep theirs). Camunda's own comparison decides everything else
 * ({@link DefaultDeploymentHandler}).
 *
 * <p>The models left out are remembered for the deploy command on its own thread (Camunda runs one
 * deployment at a time per engine, {@code DeployCmd} being synchronised) until
 * {@link FormsTravelWithTheirModel} reads them before the engine parses the deployment.
 */
final class UnchangedModels extends DefaultDeploymentHandler {

  private static final Logger log = LoggerFactory.getLogger(UnchangedModels.class);
  private static final ThreadLocal<Map<String, byte[]>> LEFT_OUT = ThreadLocal.withInitial(LinkedHashMap::new);

  UnchangedModels(ProcessEngine engine) {
    super(engine);
    LEFT_OUT.remove(); // a new deploy command: nothing left out yet
  }

  @Override
  public boolean shouldDeployResource(Resource sent, Resource deployedBefore) {
    boolean changed = !Arrays.equals(sent.getBytes(), deployedBefore.getBytes());
    if (!changed && (sent.getName().endsWith(".bpmn") || sent.getName().endsWith(".bpmn20.xml"))) {
      LEFT_OUT.get().put(sent.getName(), sent.getBytes());
    }
    return changed;
  }

  /**
   * Puts back into a new deployment each model left out as unchanged that uses, bound by deployment, a
   * form this deployment carries. Forgets the models left out either way.
   */
  static void putBackModelsOfChangedForms(DeploymentEntity deployment, CommandContext context) {
    Map<String, byte[]> leftOut = new LinkedHashMap<>(LEFT_OUT.get());
    LEFT_OUT.remove();
    if (leftOut.isEmpty()) {
      return;
    }
    Set<String> formsHere = new HashSet<>();
    for (ResourceEntity resource : deployment.getResources().values()) {
      if (resource.getName().endsWith(".form")) {
        try {
          JsonNode id = new ObjectMapper().readTree(resource.getBytes()).get("id");
          if (id != null) {
            formsHere.add(id.asText());
          }
        } catch (java.io.IOException unreadable) {
          // refused by FormsTravelWithTheirModel, naming the file
        }
      }
    }
    leftOut.forEach((name, bytes) -> {
      Set<String> changedForms = new TreeSet<>(formsBoundByDeployment(bytes));
      changedForms.retainAll(formsHere);
      if (changedForms.isEmpty() || deployment.getResource(name) != null) {
        return;
      }
      ResourceEntity model = new ResourceEntity();
      model.setName(name);
      model.setBytes(bytes);
      model.setDeploymentId(deployment.getId());
      model.setTenantId(deployment.getTenantId());
      model.setType(ResourceTypes.REPOSITORY.getValue());
      model.setCreateTime(ClockUtil.getCurrentTime());
      deployment.addResource(model);
      context.getResourceManager().insertResource(model);
      log.info("Deployment {} ({}) keeps the unchanged model {}: it uses the changed form(s) {}", deployment.getId(),
          deployment.getName(), name, changedForms);
    });
  }

  private static Set<String> formsBoundByDeployment(byte[] bpmn) {
    Set<String> forms = new HashSet<>();
    try {
      BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(bpmn));
      for (UserTask task : model.getModelElementsByType(UserTask.class)) {
        if ("deployment".equals(task.getCamundaFormRefBinding()) && task.getCamundaFormRef() != null) {
          forms.add(task.getCamundaFormRef());
        }
      }
      for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
        if ("deployment".equals(start.getCamundaFormRefBinding()) && start.getCamundaFormRef() != null) {
          forms.add(start.getCamundaFormRef());
        }
      }
    } catch (RuntimeException unreadable) {
      // deployed before, so readable; nothing to put back if not
    }
    return forms;
  }
}
