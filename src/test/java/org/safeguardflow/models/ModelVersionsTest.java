package org.safeguardflow.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.junit.jupiter.api.Test;
import org.safeguardflow.support.FrontDoorClient;
import org.safeguardflow.support.SafeguardFlowTest;
import org.safeguardflow.support.SampleContact;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/**
 * A process owner changes the contact model, deploys it as a new version, and moves the cases
 * waiting at the front door onto it.
 */
@SafeguardFlowTest
class ModelVersionsTest {

  @Autowired TestRestTemplate http;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;

  @Test
  void runningCasesMoveToTheNewVersionOfTheModelAndKeepTheirTasks() throws IOException {
    String caseRef = new FrontDoorClient(http).recorded(SampleContact.fromSchool(OffsetDateTime.now().minusHours(1).toString()));
    var before = runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseRef).singleResult();
    String taskId = tasks.createTaskQuery().processInstanceId(before.getId()).singleResult().getId();

    int newVersion = deployRenamedContactModel("Contact to the front door (revised)");

    ResponseEntity<Map> migrated = http.withBasicAuth("owner", "owner")
        .postForEntity("/api/models/Process_Contact/migrations", Map.of("toVersion", newVersion), Map.class);

    assertThat(migrated.getStatusCode().value()).isEqualTo(200);
    assertThat((List<?>) migrated.getBody().get("migrated")).isNotEmpty();
    var after = runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseRef).singleResult();
    assertThat(repository.getProcessDefinition(after.getProcessDefinitionId()).getVersion()).isEqualTo(newVersion);
    assertThat(tasks.createTaskQuery().processInstanceId(after.getId()).singleResult().getId())
        .as("the manager's decision task is the same task").isEqualTo(taskId);

    ResponseEntity<List> versions = http.withBasicAuth("owner", "owner")
        .getForEntity("/api/models/Process_Contact/versions", List.class);
    assertThat(versions.getBody()).isNotEmpty();
  }

  @Test
  void onlyProcessOwnersMayMigrateAndUnknownModelsOrVersionsAreRefused() {
    assertThat(http.withBasicAuth("manager", "manager")
        .postForEntity("/api/models/Process_Contact/migrations", Map.of(), Map.class).getStatusCode().value())
        .isEqualTo(403);
    assertThat(http.postForEntity("/api/models/Process_Contact/migrations", Map.of(), Map.class)
        .getStatusCode().value()).isEqualTo(401);

    ResponseEntity<Map> unknown = http.withBasicAuth("owner", "owner")
        .postForEntity("/api/models/Process_Nothing/migrations", Map.of(), Map.class);
    assertThat(unknown.getStatusCode().value()).isEqualTo(400);
    assertThat(unknown.getBody().toString()).contains("processKey", "unknown-process");

    ResponseEntity<Map> noSuchVersion = http.withBasicAuth("owner", "owner")
        .postForEntity("/api/models/Process_Contact/migrations", Map.of("toVersion", 999), Map.class);
    assertThat(noSuchVersion.getStatusCode().value()).isEqualTo(400);
    assertThat(noSuchVersion.getBody().toString()).contains("toVersion", "unknown-version");
  }

  /** The same model under a new name, with its forms, as Camunda Modeler's deploy would send it. */
  private int deployRenamedContactModel(String newName) throws IOException {
    String model = Files.readString(Path.of("bpmn/contact.bpmn"))
        .replace("name=\"Contact to the front door\"", "name=\"" + newName + "\"");
    DeploymentBuilder deployment = repository.createDeployment().name("process-owner-change")
        .addString("contact.bpmn", model);
    try (var forms = Files.list(Path.of("forms"))) {
      for (Path form : forms.toList()) {
        deployment.addString(form.getFileName().toString(), Files.readString(form));
      }
    }
    deployment.deploy();
    return repository.createProcessDefinitionQuery().processDefinitionKey("Process_Contact").latestVersion()
        .singleResult().getVersion();
  }
}
