package org.safeguardflow.models;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.safeguardflow.web.FieldError;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * For process owners: {@code GET /api/models/{processKey}/versions} lists the deployed versions with
 * their running cases; {@code POST /api/models/{processKey}/migrations} moves running cases to a
 * newer version. Only process owners and administrators may call it (see security).
 */
@RestController
@RequestMapping("/api/models/{processKey}")
class ModelVersionsController {

  record MigrationRequest(Integer fromVersion, Integer toVersion) {}

  private final ModelVersions versions;

  ModelVersionsController(ModelVersions versions) {
    this.versions = versions;
  }

  @GetMapping("/versions")
  List<ModelVersions.Version> versions(@PathVariable String processKey) {
    return versions.versions(processKey);
  }

  @PostMapping("/migrations")
  Map<String, Object> migrate(@PathVariable String processKey, @RequestBody(required = false) MigrationRequest request) {
    MigrationRequest r = request == null ? new MigrationRequest(null, null) : request;
    return Map.of("processKey", processKey, "migrated", versions.migrate(processKey, r.fromVersion(), r.toVersion()));
  }

  /** The engine refuses the plan or an instance: say why in its words, and nothing has moved. */
  @ExceptionHandler({MigrationPlanValidationException.class, MigratingProcessInstanceValidationException.class})
  ResponseEntity<Map<String, Object>> refused(RuntimeException e) {
    return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of(
        "message", "No case was migrated: the engine refused the migration",
        "errors", List.of(new FieldError("toVersion", "migration-refused", e.getMessage()))));
  }
}
