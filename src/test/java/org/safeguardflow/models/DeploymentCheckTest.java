package org.safeguardflow.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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
 * A process owner's deployment from Camunda Modeler is checked before anything is deployed: every form
 * and decision table the model uses must resolve the way the engine will resolve it when a case reaches
 * the step, and references the product's conventions forbid (forms not bound by deployment, expressions,
 * version bindings) are refused; mistakes in the files themselves (the same id twice, a form that is not
 * JSON) are the owner's to correct, so 400 naming each, never 500. The running version keeps working.
 */
@SafeguardFlowTest
class DeploymentCheckTest {

  static final String DECIDE = "Task_ManagerDecidesContact";
  static final String DECIDE_FORM = "camunda:formRef=\"ManagerDecidesContact\" camunda:formRefBinding=\"deployment\"";
  static final String THRESHOLD = "camunda:decisionRef=\"ThresholdSuggestion\"";

  @Autowired TestRestTemplate http;
  @Autowired RepositoryService repository;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;

  /** One row per kind of reference a step can make to a form or decision table that would fail later. */
  static Stream<Arguments> referencesThatWouldFailWhenACaseReachesTheStep() {
    return Stream.of(
        Arguments.of("a form key naming a file not in the deployment", DECIDE_FORM,
            "camunda:formKey=\"camunda-forms:deployment:forms/no-such.form\"",
            List.of("form file forms/no-such.form", "(used by Task_ManagerDecidesContact)")),
        Arguments.of("a form key pointing at a web app path", DECIDE_FORM,
            "camunda:formKey=\"embedded:app:forms/decide.html\"",
            List.of("Task_ManagerDecidesContact: camunda:formKey=\"embedded:app:forms/decide.html\"",
                "camunda:formRefBinding=\"deployment\"")),
        Arguments.of("a form bound to a version number", DECIDE_FORM,
            "camunda:formRef=\"ManagerDecidesContact\" camunda:formRefBinding=\"version\" camunda:formRefVersion=\"99\"",
            List.of("Task_ManagerDecidesContact: camunda:formRefBinding=\"version\" for ManagerDecidesContact",
                "CONTRIBUTING.md")),
        Arguments.of("a form bound to the latest version", DECIDE_FORM,
            "camunda:formRef=\"ManagerDecidesContact\" camunda:formRefBinding=\"latest\"",
            List.of("Task_ManagerDecidesContact: camunda:formRefBinding=\"latest\" for ManagerDecidesContact")),
        Arguments.of("a form with no binding (the engine's default is latest)", DECIDE_FORM,
            "camunda:formRef=\"ManagerDecidesContact\"",
            List.of("camunda:formRefBinding=\"latest\" (the engine's default) for ManagerDecidesContact")),
        Arguments.of("a form named by an expression", DECIDE_FORM,
            "camunda:formRef=\"${formToUse}\" camunda:formRefBinding=\"deployment\"",
            List.of("Task_ManagerDecidesContact: camunda:formRef=\"${formToUse}\" is an expression")),
        Arguments.of("a decision table bound to a version number", THRESHOLD,
            THRESHOLD + " camunda:decisionRefBinding=\"version\" camunda:decisionRefVersion=\"42\"",
            List.of("Task_SuggestLevelOfNeed: camunda:decisionRefBinding=\"version\" for ThresholdSuggestion")),
        Arguments.of("a decision table bound by deployment", THRESHOLD,
            THRESHOLD + " camunda:decisionRefBinding=\"deployment\"",
            List.of("Task_SuggestLevelOfNeed: camunda:decisionRefBinding=\"deployment\" for ThresholdSuggestion")),
        Arguments.of("a decision table bound to a version tag", THRESHOLD,
            THRESHOLD + " camunda:decisionRefBinding=\"versionTag\" camunda:decisionRefVersionTag=\"2026\"",
            List.of("Task_SuggestLevelOfNeed: camunda:decisionRefBinding=\"versionTag\" for ThresholdSuggestion")),
        Arguments.of("a decision table named by an expression", THRESHOLD,
            "camunda:decisionRef=\"${tableToUse}\"",
            List.of("Task_SuggestLevelOfNeed: camunda:decisionRef=\"${tableToUse}\" is an expression")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("referencesThatWouldFailWhenACaseReachesTheStep")
  void aContactModelWhoseStepWouldFailLaterIsRefusedNamingTheStepAndTheFrontDoorKeepsWorking(
      String kind, String reference, String replacement, List<String> named) throws IOException {
    int before = latestContactVersion();
    String model = contactModel();
    assertThat(model).contains(reference);

    ResponseEntity<Map> refused = deploy(Map.of("contact.bpmn", model.replace(reference, replacement)));

    assertThat(refused.getStatusCode().value()).as("%s: %s", kind, refused.getBody()).isEqualTo(400);
    assertThat((String) refused.getBody().get("message")).startsWith("Not deployed: ").contains(named);
    assertThat(latestContactVersion()).isEqualTo(before);
    Task decide = decisionTask(newContact());
    assertThat(deployedForm(decide)).contains("\"id\": \"ManagerDecidesContact\"");
  }

  @Test
  void aFormKeyNamingAFileAttachedToTheDeploymentIsResolvedAndDeployed() throws IOException {
    int before = latestContactVersion();
    Map<String, String> files = new LinkedHashMap<>();
    files.put("contact.bpmn", contactModel().replace(DECIDE_FORM, "camunda:formKey=\"camunda-forms:deployment:decide.form\""));
    files.put("decide.form", Files.readString(Path.of("forms/manager-decides-contact.form")));

    ResponseEntity<Map> deployed = deploy(files);

    assertThat(deployed.getStatusCode().value()).as("%s", deployed.getBody()).isEqualTo(200);
    assertThat(latestContactVersion()).isEqualTo(before + 1);
    assertThat(deployedForm(decisionTask(newContact()))).contains("\"id\": \"ManagerDecidesContact\"");
    // Put the conventional model back on top for the tests that follow.
    assertThat(deploy(Map.of("contact.bpmn", contactModel())).getStatusCode().value()).isEqualTo(200);
  }

  @Test
  void theSameProcessIdInTwoModelsOfOneDeploymentIsRefusedNamingBothFiles() throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("contact.bpmn", contactModel());
    files.put("contact-copy.bpmn", contactModel());

    ResponseEntity<Map> refused = deploy(files);

    assertThat(refused.getStatusCode().value()).as("%s", refused.getBody()).isEqualTo(400);
    assertThat((String) refused.getBody().get("message"))
        .contains("contact-copy.bpmn and contact.bpmn both define the process id Process_Contact");
  }

  @Test
  void twoFormsWithOneIdAreRefusedNamingBothFiles() throws IOException {
    String form = Files.readString(Path.of("forms/manager-decides-contact.form"));
    Map<String, String> files = new LinkedHashMap<>();
    files.put("contact.bpmn", contactModel());
    files.put("manager-decides-contact.form", form);
    files.put("manager-decides-contact-v2.form", form.replace("What the referrer told us", "What we were told"));

    ResponseEntity<Map> refused = deploy(files);

    assertThat(refused.getStatusCode().value()).as("%s", refused.getBody()).isEqualTo(400);
    assertThat((String) refused.getBody().get("message")).contains(
        "manager-decides-contact-v2.form and manager-decides-contact.form both define the form id ManagerDecidesContact");
  }

  @Test
  void aFormThatIsNotJsonOrHasNoIdIsRefusedNamingTheFile() throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("contact.bpmn", contactModel());
    files.put("broken.form", "{\"id\": \"ManagerDecidesContact\", \"components\": [");
    files.put("no-id.form", "{\"components\": []}");

    ResponseEntity<Map> refused = deploy(files);

    assertThat(refused.getStatusCode().value()).as("%s", refused.getBody()).isEqualTo(400);
    assertThat((String) refused.getBody().get("message"))
        .contains("form file broken.form is not readable JSON", "form file no-id.form has no \"id\"")
        .doesNotContain("Exception", "jackson");
  }

  /**
   * Camunda's "deploy changed only" compares file by file: the unchanged model would be left out and
   * keep showing new contacts the old form. The model is kept, so the changed form reaches new cases.
   */
  @Test
  void aChangedFormDeployedChangedOnlyWithItsUnchangedModelReachesNewContacts() throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("contact.bpmn", contactModel());
    files.put("manager-decides-contact.form", Files.readString(Path.of("forms/manager-decides-contact.form")));
    assertThat(deploy(files, "contact.bpmn", true).getStatusCode().value()).isEqualTo(200);
    int before = latestContactVersion();
    files.put("manager-decides-contact.form", files.get("manager-decides-contact.form")
        .replace("\"label\": \"What the referrer told us\"", "\"label\": \"What the referrer told us (changed only)\""));

    ResponseEntity<Map> deployed = deploy(files, "contact.bpmn", true);

    assertThat(deployed.getStatusCode().value()).as("%s", deployed.getBody()).isEqualTo(200);
    assertThat((Map<String, Object>) deployed.getBody().get("deployedProcessDefinitions")).isNotEmpty();
    assertThat(latestContactVersion()).isEqualTo(before + 1);
    assertThat(deployedForm(decisionTask(newContact()))).contains("(changed only)");
    // Nothing changed at all: Camunda deploys nothing, as before.
    ResponseEntity<Map> again = deploy(files, "contact.bpmn", true);
    assertThat(again.getStatusCode().value()).isEqualTo(200);
    assertThat(latestContactVersion()).isEqualTo(before + 1);
  }

  @Test
  void twoPartsOrTwoFilesOfTheSameNameAreRefusedNamingTheName() throws IOException {
    int before = latestContactVersion();
    String changed = contactModel().replace("name=\"Decide what happens to the contact\"", "name=\"Decide the contact\"");
    var sameField = new LinkedMultiValueMap<String, Object>();
    sameField.add("contact.bpmn", file("contact.bpmn", contactModel()));
    sameField.add("contact.bpmn", file("contact.bpmn", changed));
    var sameFile = new LinkedMultiValueMap<String, Object>();
    sameFile.add("first", file("contact.bpmn", contactModel()));
    sameFile.add("second", file("contact.bpmn", changed));

    for (var parts : List.of(sameField, sameFile)) {
      ResponseEntity<Map> refused = deployParts(parts);

      assertThat(refused.getStatusCode().value()).as("%s", refused.getBody()).isEqualTo(400);
      assertThat((String) refused.getBody().get("message")).startsWith("Not deployed: ").contains("file contact.bpmn");
    }
    assertThat(latestContactVersion()).isEqualTo(before);
  }

  private static ByteArrayResource file(String name, String content) {
    return new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return name;
      }
    };
  }

  private ResponseEntity<Map> deployParts(LinkedMultiValueMap<String, Object> files) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    headers.setBasicAuth("owner", "owner");
    var parts = new LinkedMultiValueMap<String, Object>();
    parts.add("deployment-name", "contact");
    parts.add("deployment-source", "Camunda Modeler");
    parts.addAll(files);
    return http.exchange("/engine-rest/deployment/create", HttpMethod.POST, new HttpEntity<>(parts, headers), Map.class);
  }

  private static String contactModel() throws IOException {
    return Files.readString(Path.of("bpmn/contact.bpmn"));
  }

  private String newContact() {
    return new FrontDoorClient(http).recorded(SampleContact.fromSchool(OffsetDateTime.now().minusHours(1).toString()));
  }

  private Task decisionTask(String caseRef) {
    return SystemWork.call(identity, () -> tasks.createTaskQuery().processInstanceBusinessKey(caseRef)
        .taskDefinitionKey(DECIDE).singleResult());
  }

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

  private ResponseEntity<Map> deploy(Map<String, String> files) {
    return deploy(files, "contact", false);
  }

  /** As Camunda Modeler's deploy sends it: name, source and the files, as the owner. */
  private ResponseEntity<Map> deploy(Map<String, String> files, String name, boolean changedOnly) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    headers.setBasicAuth("owner", "owner");
    var parts = new LinkedMultiValueMap<String, Object>();
    parts.add("deployment-name", name);
    parts.add("deployment-source", "Camunda Modeler");
    parts.add("enable-duplicate-filtering", String.valueOf(changedOnly));
    parts.add("deploy-changed-only", String.valueOf(changedOnly));
    files.forEach((file, content) -> parts.add(file, new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return file;
      }
    }));
    return http.exchange("/engine-rest/deployment/create", HttpMethod.POST, new HttpEntity<>(parts, headers), Map.class);
  }
}
