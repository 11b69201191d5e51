package org.safeguardflow.operations;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * One rule set for the whole cluster. Every node deploys the models, decision tables (the statutory
 * timescales among them) and forms it carries at start; Camunda skips that deployment when nothing
 * differs from the last one, but deploys a new version of everything when anything does. So a node
 * started with other models than the running ones would quietly change the rules for every node (a
 * stale node restarted would even bring back old deadlines).
 *
 * <p>The rule: before the engine deploys, this node's resources are compared, by file name and
 * content, with the latest automatic deployment in the shared database. Where they differ the node
 * refuses to start, naming each resource that differs, unless {@code safeguard.models.deploy-changes}
 * is true: then it deploys them as new versions (a deliberate release of new models, on one node) and
 * says so in the log. A database without a deployment (the first start) is always deployed to.
 * Deployments from Camunda Modeler (process owners) are other deployments and do not count here.
 */
@Component
class SameModelsOnEveryNode extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(SameModelsOnEveryNode.class);

  private final boolean deployChanges;
  private SpringProcessEngineConfiguration configuration;

  SameModelsOnEveryNode(@Value("${safeguard.models.deploy-changes:true}") boolean deployChanges) {
    this.deployChanges = deployChanges;
  }

  @Override
  public void preInit(org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl configuration) {
    if (configuration instanceof SpringProcessEngineConfiguration spring) {
      this.configuration = spring;
    }
  }

  /** Runs after the engine is built and before Spring's auto-deployment (SpringTransactionsProcessEngineConfiguration). */
  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    if (configuration == null || configuration.getDeploymentResources() == null
        || configuration.getDeploymentResources().length == 0) {
      return;
    }
    List<String> differences = differences(engine.getRepositoryService(), configuration.getDeploymentName(),
        Arrays.asList(configuration.getDeploymentResources()));
    if (differences.isEmpty()) {
      return;
    }
    String list = String.join("\n - ", differences);
    if (deployChanges) {
      log.warn("This node's models differ from those the cluster runs; deploying them as new versions for every node "
          + "(safeguard.models.deploy-changes=true):\n - {}", list);
      return;
    }
    throw new IllegalStateException("This node's models differ from those deployed in the shared database, which the"
        + " other nodes run:\n - " + list + "\nStart it with the same build as the running nodes, or release the new"
        + " models deliberately by starting one node with safeguard.models.deploy-changes=true"
        + " (SAFEGUARD_MODELS_DEPLOY_CHANGES=true).");
  }

  /**
   * What differs between {@code resources} and the latest deployment named {@code deploymentName}, by
   * file name: a resource changed, added or missing. Empty when nothing was deployed under that name yet.
   */
  static List<String> differences(RepositoryService repository, String deploymentName, List<Resource> resources) {
    Deployment latest = repository.createDeploymentQuery().deploymentName(deploymentName)
        .orderByDeploymentTime().desc().listPage(0, 1).stream().findFirst().orElse(null);
    if (latest == null) {
      return List.of();
    }
    Map<String, String> deployed = new LinkedHashMap<>();
    repository.getDeploymentResources(latest.getId()).forEach(r -> deployed.put(fileName(r.getName()), r.getId()));
    Map<String, Resource> here = new LinkedHashMap<>();
    resources.forEach(r -> here.put(fileName(r.getFilename()), r));

    TreeSet<String> differences = new TreeSet<>();
    here.forEach((name, resource) -> {
      String deployedId = deployed.get(name);
      if (deployedId == null) {
        differences.add(name + ": not in the deployed models (deployment " + latest.getId() + " of "
            + latest.getDeploymentTime().toInstant() + ")");
      } else if (!Arrays.equals(bytes(resource), bytes(repository.getResourceAsStreamById(latest.getId(), deployedId)))) {
        differences.add(name + ": differs from the deployed version (deployment " + latest.getId() + " of "
            + latest.getDeploymentTime().toInstant() + ")");
      }
    });
    deployed.keySet().stream().filter(name -> !here.containsKey(name))
        .forEach(name -> differences.add(name + ": deployed, but this node does not have it"));
    return List.copyOf(differences);
  }

  private static String fileName(String path) {
    String name = path == null ? "" : path.replace('\\', '/');
    return name.substring(name.lastIndexOf('/') + 1);
  }

  private static byte[] bytes(Resource resource) {
    try (InputStream in = resource.getInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + resource.getDescription(), e);
    }
  }

  private static byte[] bytes(InputStream stream) {
    try (InputStream in = stream) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
