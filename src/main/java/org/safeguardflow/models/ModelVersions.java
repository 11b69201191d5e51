package org.safeguardflow.models;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.safeguardflow.web.FieldError;
import org.safeguardflow.web.InvalidInputException;
import org.safeguardflow.security.SystemWork;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Versions of a process model and the move of running cases from older versions to a newer one,
 * with Camunda's migration API (Cockpit CE has no migration screen). Activities are mapped by id,
 * so a new version that keeps the ids of its waiting states takes running cases as they are.
 */
@Service
class ModelVersions {

  record Version(int version, String processDefinitionId, String deploymentId, long runningCases) {}

  record Migrated(int fromVersion, int toVersion, long cases) {}

  private final RepositoryService repository;
  private final RuntimeService runtime;
  private final IdentityService identity;

  ModelVersions(RepositoryService repository, RuntimeService runtime, @Lazy IdentityService identity) {
    this.repository = repository;
    this.runtime = runtime;
    this.identity = identity;
  }

  List<Version> versions(String processKey) {
    List<ProcessDefinition> definitions = definitions(processKey);
    return definitions.stream()
        .map(d -> new Version(d.getVersion(), d.getId(), d.getDeploymentId(),
            runningCases(d)))
        .toList();
  }

  /**
   * Moves the running cases of every version older than the target (or of {@code fromVersion}
   * only) to the target version (the latest when not given). All or nothing: one transaction.
   */
  @Transactional
  List<Migrated> migrate(String processKey, Integer fromVersion, Integer toVersion) {
    List<ProcessDefinition> definitions = definitions(processKey);
    ProcessDefinition target = toVersion == null
        ? definitions.get(definitions.size() - 1)
        : definitions.stream().filter(d -> d.getVersion() == toVersion).findFirst()
            .orElseThrow(() -> invalid("toVersion", "unknown-version",
                processKey + " has no version " + toVersion));
    List<ProcessDefinition> sources = definitions.stream()
        .filter(d -> fromVersion == null ? d.getVersion() < target.getVersion() : d.getVersion() == fromVersion)
        .toList();
    if (fromVersion != null && sources.isEmpty()) {
      throw invalid("fromVersion", "unknown-version", processKey + " has no version " + fromVersion);
    }
    if (fromVersion != null && fromVersion == target.getVersion()) {
      throw invalid("fromVersion", "differs-from-target", "fromVersion must differ from the target version");
    }
    List<Migrated> done = new ArrayList<>();
    for (ProcessDefinition source : sources) {
      List<String> running = runningCaseIds(source);
      if (running.isEmpty()) {
        continue;
      }
      MigrationPlan plan = runtime.createMigrationPlan(source.getId(), target.getId())
          .mapEqualActivities()
          .updateEventTriggers()
          .build();
      // As the process owner: the engine checks MIGRATE_INSTANCE on both versions.
      runtime.newMigration(plan).processInstanceIds(running).execute();
      done.add(new Migrated(source.getVersion(), target.getVersion(), running.size()));
    }
    return done;
  }

  /**
   * Which cases run on a version, found as the system: a process owner moves cases between versions
   * without the right to read them (no READ on process instances).
   */
  private long runningCases(ProcessDefinition definition) {
    return SystemWork.call(identity, () -> runtime.createProcessInstanceQuery()
        .processDefinitionId(definition.getId()).count());
  }

  private List<String> runningCaseIds(ProcessDefinition definition) {
    return SystemWork.call(identity, () -> runtime.createProcessInstanceQuery()
        .processDefinitionId(definition.getId()).list().stream().map(p -> p.getId()).toList());
  }

  private List<ProcessDefinition> definitions(String processKey) {
    List<ProcessDefinition> definitions = new ArrayList<>(repository.createProcessDefinitionQuery()
        .processDefinitionKey(processKey).list());
    if (definitions.isEmpty()) {
      throw invalid("processKey", "unknown-process", "No process is deployed with key " + processKey);
    }
    definitions.sort(Comparator.comparingInt(ProcessDefinition::getVersion));
    return definitions;
  }

  private static InvalidInputException invalid(String field, String rule, String message) {
    return new InvalidInputException(List.of(new FieldError(field, rule, message)));
  }

  /** A plan the engine refuses (e.g. a waiting state removed in the new version), in its own words. */
  static String describe(MigrationPlanValidationException e) {
    return e.getMessage();
  }
}
