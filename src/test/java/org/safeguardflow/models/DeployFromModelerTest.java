package org.safeguardflow.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.safeguardflow.security.SystemWork;
import org.safeguardflow.support.FrontDoorClient;
import org.safeguardflow.support.SafeguardFlowTest;
import org.safeguardflow.support.SampleContact;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * A process owner deploys from Camunda Modeler exactly as Modeler does: a multipart POST to
 * {@code /engine-rest/deployment/create} with the open diagram, and only the files she attaches.
 * The front door keeps deciding contacts: a new contact's decision task opens with its form and
 * can be completed; a changed form reaches new contacts while a manager's open task keeps the form
 * it started with; a model whose forms exist nowhere is refused, naming each one.
 */
@SafeguardFlowTest
class DeployFromModelerTest {

  static final String DECIDE = "Task_ManagerDecidesContact";

  @Autowired TestRestTemplate http;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;

  @Test
  void theContactModelDeployedAloneFromModelerStillOpensEveryNewDecisionWithItsFormAndTables() throws IOException {
    int before = latestContactVersion();

    ResponseEntity<Map> deployed = deploy(Map.of("contact.bpmn", Files.readString(Path.of("bpmn/contact.bpmn"))));

    assertThat(deployed.getStatusCode().value()).as("%s", deployed.getBody()).isEqualTo(200);
    assertThat(latestContactVersion()).isEqualTo(before + 1);
    String caseRef = newContact();
    Task decide = decisionTask(caseRef);
    assertThat(repository.getProcessDefinition(decide.getProcessDefinitionId()).getVersion()).isEqualTo(before + 1);
    ResponseEntity<String> form = http.withBasicAuth("manager", "manager")
        .getForEntity("/engine-rest/task/" + decide.getId() + "/deployed-form", String.class);
    assertThat(form.getStatusCode().value()).as("%s", form.getBody()).isEqualTo(200);
    assertThat(form.getBody()).contains("\"id\": \"ManagerDecidesContact\"");
    // The threshold table and the statutory timescales were found by the model deployed alone.
    assertThat(runtime.getVariable(decide.getProcessInstanceId(), "suggestedRoute")).isNotNull();
    assertThat(decide.getDueDate()).isNotNull();

    ResponseEntity<String> completed = http.withBasicAuth("manager", "manager").postForEntity(
        "/engine-rest/task/" + decide.getId() + "/complete", Map.of("variables", Map.of(
            "contactDecision", Map.of("value", "EARLY_HELP"),
            "contactDecisionReason", Map.of("value", "Family agree to early help"))), String.class);
    assertThat(completed.getStatusCode().value()).as("%s", completed.getBody()).isEqualTo(204);
  }

  @Test
  void aChangedFormDeployedWithItsModelReachesNewContactsWhileAnOpenDecisionKeepsItsForm() throws IOException {
    String openBefore = newContact();
    Task alreadyOpen = decisionTask(openBefore);
    String changedForm = Files.readString(Path.of("forms/manager-decides-contact.form"))
        .replace("\"label\": \"What the referrer told us\"", "\"label\": \"What the referrer told us (as written down)\"");
    assertThat(changedForm).contains("(as written down)");
    Map<String, String> files = new LinkedHashMap<>();
    files.put("contact.bpmn", Files.readString(Path.of("bpmn/contact.bpmn")));
    files.put("manager-decides-contact.form", changedForm);

    ResponseEntity<Map> deployed = deploy(files);

    assertThat(deployed.getStatusCode().value()).as("%s", deployed.getBody()).isEqualTo(200);
    Task opensAfter = decisionTask(newContact());
    assertThat(deployedForm(opensAfter)).contains("(as written down)");
    assertThat(deployedForm(alreadyOpen)).contains("What the referrer told us").doesNotContain("(as written down)");
    // The form the owner did not attach travels with the model as it is in use now.
    assertThat(repository.getDeploymentResourceNames((String) deployed.getBody().get("id")))
        .anyMatch(name -> name.endsWith("service-manager-follows-up-overdue-step.form"));
  }

  @Test
  void aFormDeployedOnItsOwnChangesNoRunningModelUntilTheModelIsDeployedAgain() throws IOException {
    String changedForm = Files.readString(Path.of("forms/manager-decides-contact.form"))
        .replace("\"label\": \"What the referrer told us\"", "\"label\": \"What the referrer told us (form alone)\"");

    assertThat(deploy(Map.of("manager-decides-contact.form", changedForm)).getStatusCode().value()).isEqualTo(200);
    assertThat(deployedForm(decisionTask(newContact()))).doesNotContain("(form alone)");

    assertThat(deploy(Map.of("contact.bpmn", Files.readString(Path.of("bpmn/contact.bpmn")))).getStatusCode().value())
        .isEqualTo(200);
    assertThat(deployedForm(decisionTask(newContact()))).contains("(form alone)");
  }

  @Test
  void aModelUsingFormsThatExistNowhereIsRefusedNamingEachAndTheFrontDoorKeepsWorking() throws IOException {
    int before = latestContactVersion();
    String model = Files.readString(Path.of("bpmn/contact.bpmn"))
        .replace("camunda:formRef=\"ManagerDecidesContact\"", "camunda:formRef=\"ManagerDecidesContactDraft\"")
        .replace("camunda:formRef=\"ReviewFurtherContact\"", "camunda:formRef=\"ReviewFurtherContactDraft\"");

    ResponseEntity<Map> refused = deploy(Map.of("contact.bpmn", model));

    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    assertThat((String) refused.getBody().get("message")).contains(
        "form ManagerDecidesContactDraft (used by Task_ManagerDecidesContact)",
        "form ReviewFurtherContactDraft (used by Task_ReviewFurtherContact)");
    assertThat(latestContactVersion()).isEqualTo(before);
    assertThat(deployedForm(decisionTask(newContact()))).contains("\"id\": \"ManagerDecidesContact\"");
  }

  @Test
  void aModelUsingADecisionTableThatExistsNowhereIsRefusedNamingIt() throws IOException {
    int before = latestContactVersion();
    String model = Files.readString(Path.of("bpmn/contact.bpmn"))
        .replace("camunda:decisionRef=\"ThresholdSuggestion\"", "camunda:decisionRef=\"ThresholdSuggestion2027\"");

    ResponseEntity<Map> refused = deploy(Map.of("contact.bpmn", model));

    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    assertThat((String) refused.getBody().get("message"))
        .contains("decision table ThresholdSuggestion2027 (used by Task_SuggestLevelOfNeed)");
    assertThat(latestContactVersion()).isEqualTo(before);
  }

  private String newContact() {
    return new FrontDoorClient(http).recorded(SampleContact.fromSchool(OffsetDateTime.now().minusHours(1).toString()));
  }

  private Task decisionTask(String caseRef) {
    return SystemWork.call(identity, () -> tasks.createTaskQuery().processInstanceBusinessKey(caseRef)
        .taskDefinitionKey(DECIDE).singleResult());
  }

  /** The form Tasklist shows the front-door manager for this task. */
  private String deployedForm(Task task) {
    ResponseEntity<String> form = http.withBasicAuth("manager", "manager")
        .getForEntity("/engine-rest/task/" + task.getId() + "/deployed-form", String.class);
    assertThat(form.getStatusCode().value()).as("%s", form.getBody()).isEqualTo(200);
    return form.getBody();
  }

  private int latestContactVersion() {
    return repository.createProcessDefinitionQuery().processDefinitionKey("Process_Contact").latestVersion()
        .singleResult().getVersion();
  }

  /** As Camunda Modeler's deploy sends it: name, source and the files, as the owner. */
  private ResponseEntity<Map> deploy(Map<String, String> files) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    headers.setBasicAuth("owner", "owner");
    var parts = new LinkedMultiValueMap<String, Object>();
    parts.add("deployment-name", "contact");
    parts.add("deployment-source", "Camunda Modeler");
    parts.add("enable-duplicate-filtering", "false");
    files.forEach((name, content) -> parts.add(name, new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return name;
      }
    }));
    return http.exchange("/engine-rest/deployment/create", HttpMethod.POST, new HttpEntity<>(parts, headers), Map.class);
  }
}
