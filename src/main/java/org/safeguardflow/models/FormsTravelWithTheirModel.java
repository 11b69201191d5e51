package org.safeguardflow.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.CamundaFormDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ResourceTypes;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A process owner deploys from Camunda Modeler, which sends the open diagram alone unless files are
 * attached. Our models bind each task's Camunda Form by deployment ({@code formRefBinding="deployment"}):
 * a task shows the form deployed with its own model version, so a case already open keeps the form
 * it started with when a form changes. A model deployed alone would have no forms at all (every task
 * of a new case answering 404 for its form), so at deployment:
 *
 * <ul>
 *   <li>a form the model uses that is not in the deployment is taken into it from the latest deployed
 *       form of that id (the form in use now), so the new version carries the forms it runs with;</li>
 *   <li>a form or decision table the model uses that is neither in the deployment nor deployed before
 *       refuses the whole deployment: 400 naming each missing form and table and the step that uses
 *       it; the running version keeps working.</li>
 * </ul>
 *
 * Decision tables (threshold, statutory timescales) are found by key, latest version (business rule
 * task default binding, and {@code DecisionService.evaluateDecisionByKey} in the {@code timescales}
 * bean), so a model deployed alone finds them; a business rule task bound by deployment to a table
 * that is not in the deployment is refused for the same reason as a missing form.
 */
@Component
class FormsTravelWithTheirModel extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(FormsTravelWithTheirModel.class);
  private static final String BY_DEPLOYMENT = "deployment";

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<Deployer> before = configuration.getCustomPreDeployers() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreDeployers());
    before.add(FormsTravelWithTheirModel::complete);
    configuration.setCustomPreDeployers(before);
  }

  /** Runs before the engine parses a new deployment's models; older deployments are left as they are. */
  static void complete(DeploymentEntity deployment) {
    if (!deployment.isNew() || deployment.getResources() == null) {
      return;
    }
    Set<String> formsHere = new HashSet<>();
    Set<String> decisionsHere = new HashSet<>();
    List<BpmnModelInstance> models = new ArrayList<>();
    for (ResourceEntity resource : deployment.getResources().values()) {
      String name = resource.getName();
      try {
        if (name.endsWith(".form")) {
          JsonNode id = new ObjectMapper().readTree(resource.getBytes()).get("id");
          if (id != null) {
            formsHere.add(id.asText());
          }
        } else if (name.endsWith(".dmn") || name.endsWith(".dmn11.xml")) {
          Dmn.readModelFromStream(new ByteArrayInputStream(resource.getBytes()))
              .getModelElementsByType(Decision.class).forEach(d -> decisionsHere.add(d.getId()));
        } else if (name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml")) {
          models.add(Bpmn.readModelFromStream(new ByteArrayInputStream(resource.getBytes())));
        }
      } catch (RuntimeException | java.io.IOException unreadable) {
        // The engine's own parser refuses it in its own words, naming the file.
      }
    }

    // form id -> steps that use it, and whether one of them binds by deployment
    Map<String, Set<String>> formsUsed = new TreeMap<>();
    Set<String> formsBoundByDeployment = new HashSet<>();
    Map<String, Set<String>> missing = new TreeMap<>();
    CommandContext context = Context.getCommandContext();
    for (BpmnModelInstance model : models) {
      for (UserTask task : model.getModelElementsByType(UserTask.class)) {
        use(task.getId(), task.getCamundaFormRef(), task.getCamundaFormRefBinding(), formsUsed, formsBoundByDeployment);
      }
      for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
        use(start.getId(), start.getCamundaFormRef(), start.getCamundaFormRefBinding(), formsUsed, formsBoundByDeployment);
      }
      for (BusinessRuleTask task : model.getModelElementsByType(BusinessRuleTask.class)) {
        String table = task.getCamundaDecisionRef();
        if (table == null || table.contains("{") || decisionsHere.contains(table)) {
          continue;
        }
        boolean deployed = context.getDecisionDefinitionManager().findLatestDecisionDefinitionByKey(table) != null;
        if (!deployed || BY_DEPLOYMENT.equals(task.getCamundaDecisionRefBinding())) {
          missing.computeIfAbsent("decision table " + table, k -> new TreeSet<>()).add(task.getId());
        }
      }
    }

    Map<String, CamundaFormDefinitionEntity> toTakeIn = new LinkedHashMap<>();
    formsUsed.forEach((form, steps) -> {
      if (formsHere.contains(form)) {
        return;
      }
      CamundaFormDefinitionEntity latest = context.getCamundaFormDefinitionManager().findLatestDefinitionByKey(form);
      if (latest == null) {
        missing.put("form " + form, steps);
      } else if (formsBoundByDeployment.contains(form)) {
        toTakeIn.put(form, latest);
      }
    });
    if (!missing.isEmpty()) {
      List<String> named = new ArrayList<>();
      missing.forEach((what, steps) -> named.add(what + " (used by " + String.join(", ", steps) + ")"));
      throw new BadUserRequestException("Not deployed: the model uses " + missing.size()
          + " form(s) or decision table(s) that are neither in this deployment nor deployed before: "
          + String.join("; ", named) + ". Attach the .form or .dmn files to the deployment (Camunda Modeler:"
          + " Deploy, then include additional files); the running version keeps working.");
    }
    toTakeIn.forEach((form, latest) -> takeIn(deployment, context, form, latest));
  }

  private static void use(String step, String form, String binding, Map<String, Set<String>> formsUsed,
      Set<String> boundByDeployment) {
    if (form == null || form.isBlank() || form.contains("{")) {
      return; // an expression: known only when the task is created
    }
    formsUsed.computeIfAbsent(form, k -> new TreeSet<>()).add(step);
    if (binding == null || BY_DEPLOYMENT.equals(binding)) {
      boundByDeployment.add(form);
    }
  }

  /** The latest deployed form of that id becomes part of this deployment, under its own file name. */
  private static void takeIn(DeploymentEntity deployment, CommandContext context, String form,
      CamundaFormDefinitionEntity latest) {
    ResourceEntity source = context.getResourceManager()
        .findResourceByDeploymentIdAndResourceName(latest.getDeploymentId(), latest.getResourceName());
    String name = latest.getResourceName();
    while (deployment.getResource(name) != null) {
      name = "form-in-use/" + name;
    }
    ResourceEntity copy = new ResourceEntity();
    copy.setName(name);
    copy.setBytes(source.getBytes());
    copy.setDeploymentId(deployment.getId());
    copy.setTenantId(deployment.getTenantId());
    copy.setType(ResourceTypes.REPOSITORY.getValue());
    copy.setCreateTime(ClockUtil.getCurrentTime());
    deployment.addResource(copy);
    context.getResourceManager().insertResource(copy);
    log.info("Deployment {} ({}) takes form {} version {} from deployment {}", deployment.getId(), deployment.getName(),
        form, latest.getVersion(), latest.getDeploymentId());
  }
}
