package org.safeguardflow.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
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
import org.camunda.bpm.model.bpmn.instance.Process;
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
 * bean), so a model deployed alone finds them.
 *
 * <p>Every reference is resolved the way the engine will resolve it when a case reaches the step, and what
 * the conventions (CONTRIBUTING.md) forbid is refused before anything is deployed, 400 naming the step:
 * a form not bound by deployment ({@code latest}, the engine's default, switches open tasks' forms;
 * {@code version} pins a number the next deployment moves), a form or table named by an expression
 * (known only when a case runs, so a typo fails a child's case), a form key other than a file of this
 * deployment, a table bound other than by latest. The owner's mistakes in the files themselves (the same
 * process, decision or form id in two files, a form that is not JSON or has no id) are refused the same
 * way; the engine would fail on them as a server error.
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
    configuration.setDeploymentHandlerFactory(UnchangedModels::new);
  }

  /**
   * Runs before the engine parses a new deployment's models; older deployments are left as they are.
   *
   * @throws BadUserRequestException (400) naming every owner mistake found: a form or decision table
   *     that resolves nowhere, a reference the product's conventions forbid, two files defining the same
   *     process, decision or form id, a form that is not readable JSON with an id. Nothing is deployed.
   */
  static void complete(DeploymentEntity deployment) {
    if (!deployment.isNew() || deployment.getResources() == null) {
      return;
    }
    CommandContext context = Context.getCommandContext();
    UnchangedModels.putBackModelsOfChangedForms(deployment, context);
    List<String> mistakes = new ArrayList<>();
    Map<String, Set<String>> formFiles = new TreeMap<>();
    Map<String, Set<String>> decisionFiles = new TreeMap<>();
    Map<String, Set<String>> processFiles = new TreeMap<>();
    Map<String, BpmnModelInstance> models = new TreeMap<>();
    for (ResourceEntity resource : new TreeMap<>(deployment.getResources()).values()) {
      String name = resource.getName();
      try {
        if (name.endsWith(".form")) {
          JsonNode id = new ObjectMapper().readTree(resource.getBytes()).get("id");
          if (id == null || !id.isTextual() || id.asText().isBlank()) {
            mistakes.add("form file " + name + " has no \"id\" (Camunda Modeler: the form's Form ID)");
          } else {
            formFiles.computeIfAbsent(id.asText(), k -> new TreeSet<>()).add(name);
          }
        } else if (name.endsWith(".dmn") || name.endsWith(".dmn11.xml")) {
          Dmn.readModelFromStream(new ByteArrayInputStream(resource.getBytes()))
              .getModelElementsByType(Decision.class)
              .forEach(d -> decisionFiles.computeIfAbsent(d.getId(), k -> new TreeSet<>()).add(name));
        } else if (name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml")) {
          BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(resource.getBytes()));
          models.put(name, model);
          for (Process process : model.getModelElementsByType(Process.class)) {
            if (process.isExecutable()) {
              processFiles.computeIfAbsent(process.getId(), k -> new TreeSet<>()).add(name);
            }
          }
        }
      } catch (java.io.IOException notJson) {
        mistakes.add("form file " + name + " is not readable JSON (save it again from Camunda Modeler)");
      } catch (RuntimeException unreadable) {
        // A model that is not BPMN or DMN: the engine's own parser refuses it (400) in its own words, naming the file.
      }
    }
    // The engine refuses these only after parsing, as a server error; they are the owner's to correct.
    sameIdTwice("process", processFiles, mistakes);
    sameIdTwice("decision", decisionFiles, mistakes);
    sameIdTwice("form", formFiles, mistakes);

    Map<String, Set<String>> formsUsed = new TreeMap<>();
    Map<String, Set<String>> missing = new TreeMap<>();
    for (BpmnModelInstance model : models.values()) {
      for (UserTask task : model.getModelElementsByType(UserTask.class)) {
        form(task.getId(), task.getCamundaFormKey(), task.getCamundaFormRef(), task.getCamundaFormRefBinding(),
            deployment, formsUsed, missing, mistakes);
      }
      for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
        form(start.getId(), start.getCamundaFormKey(), start.getCamundaFormRef(), start.getCamundaFormRefBinding(),
            deployment, formsUsed, missing, mistakes);
      }
      for (BusinessRuleTask task : model.getModelElementsByType(BusinessRuleTask.class)) {
        String table = task.getCamundaDecisionRef();
        if (table == null) {
          continue; // a rule task run by a class or expression, not by a decision table
        }
        String binding = task.getCamundaDecisionRefBinding();
        if (isExpression(table)) {
          mistakes.add(task.getId() + ": camunda:decisionRef=\"" + table + "\" is an expression; " + DECISIONS_CONVENTION);
        } else if (binding != null && !LATEST.equals(binding)) {
          mistakes.add(task.getId() + ": camunda:decisionRefBinding=\"" + binding + "\" for " + table + "; "
              + DECISIONS_CONVENTION);
        } else if (!decisionFiles.containsKey(table)
            && context.getDecisionDefinitionManager().findLatestDecisionDefinitionByKey(table) == null) {
          missing.computeIfAbsent("decision table " + table, k -> new TreeSet<>()).add(task.getId());
        }
      }
    }

    Map<String, CamundaFormDefinitionEntity> toTakeIn = new LinkedHashMap<>();
    formsUsed.forEach((form, steps) -> {
      if (formFiles.containsKey(form)) {
        return;
      }
      CamundaFormDefinitionEntity latest = context.getCamundaFormDefinitionManager().findLatestDefinitionByKey(form);
      if (latest == null) {
        missing.put("form " + form, steps);
      } else {
        toTakeIn.put(form, latest);
      }
    });
    if (!missing.isEmpty()) {
      List<String> named = new ArrayList<>();
      missing.forEach((what, steps) -> named.add(what + " (used by " + String.join(", ", steps) + ")"));
      mistakes.add(0, "the model uses " + missing.size()
          + " form(s) or decision table(s) that are neither in this deployment nor deployed before: "
          + String.join("; ", named) + ". Attach the .form or .dmn files to the deployment (Camunda Modeler:"
          + " Deploy, then include additional files)");
    }
    if (!mistakes.isEmpty()) {
      throw new BadUserRequestException("Not deployed: " + String.join("; ", mistakes)
          + ". Nothing was deployed; the running version keeps working.");
    }
    toTakeIn.forEach((form, latest) -> takeIn(deployment, context, form, latest));
  }

  static final String LATEST = "latest";
  static final String FORMS_CONVENTION = "the product's models name each form as camunda:formRef=\"FormId\" with"
      + " camunda:formRefBinding=\"deployment\", so a case already open keeps the form it started with"
      + " (CONTRIBUTING.md, User tasks)";
  static final String DECISIONS_CONVENTION = "the product's models name each decision table by its key with the"
      + " latest binding (camunda:decisionRefBinding left out or \"latest\"), so a model deployed alone finds the"
      + " tables in use (CONTRIBUTING.md)";

  /**
   * One step's form reference, resolved as the engine will resolve it when the task is created or its
   * form opened: a Camunda Form by id bound by deployment (found here, or taken in from the latest
   * deployed form of that id), or a form key naming a file of this deployment. Every other form of
   * reference is refused naming the convention it breaks.
   */
  private static void form(String step, String formKey, String formRef, String binding, DeploymentEntity deployment,
      Map<String, Set<String>> formsUsed, Map<String, Set<String>> missing, List<String> mistakes) {
    if (formKey != null && !formKey.isBlank()) {
      String path = deploymentPath(formKey);
      if (isExpression(formKey) || path == null) {
        mistakes.add(step + ": camunda:formKey=\"" + formKey + "\"; " + FORMS_CONVENTION);
      } else if (deployment.getResource(path) == null) {
        missing.computeIfAbsent("form file " + path + " (camunda:formKey=\"" + formKey + "\")", k -> new TreeSet<>())
            .add(step);
      }
      return;
    }
    if (formRef == null || formRef.isBlank()) {
      return; // no form: generated task forms, or a start event started by the front door
    }
    if (isExpression(formRef)) {
      mistakes.add(step + ": camunda:formRef=\"" + formRef + "\" is an expression; " + FORMS_CONVENTION);
    } else if (!BY_DEPLOYMENT.equals(binding)) {
      mistakes.add(step + ": camunda:formRefBinding=\"" + (binding == null ? LATEST + "\" (the engine's default)"
          : binding + "\"") + " for " + formRef + "; " + FORMS_CONVENTION);
    } else {
      formsUsed.computeIfAbsent(formRef, k -> new TreeSet<>()).add(step);
    }
  }

  /** The file a form key names in the model's own deployment, or null when it points elsewhere. */
  private static String deploymentPath(String formKey) {
    for (String prefix : List.of("camunda-forms:deployment:", "embedded:deployment:", "deployment:")) {
      if (formKey.startsWith(prefix) && formKey.length() > prefix.length()) {
        return formKey.substring(prefix.length());
      }
    }
    return null;
  }

  private static boolean isExpression(String value) {
    return value.contains("${") || value.contains("#{");
  }

  private static void sameIdTwice(String kind, Map<String, Set<String>> files, List<String> mistakes) {
    files.forEach((id, names) -> {
      if (names.size() > 1) {
        mistakes.add(String.join(" and ", names) + " both define the " + kind + " id " + id
            + " (one file per id in a deployment)");
      }
    });
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
