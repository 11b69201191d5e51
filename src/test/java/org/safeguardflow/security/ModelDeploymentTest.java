package org.safeguardflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
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

/** A process owner deploys from Camunda Modeler: a broken model is refused and the front door keeps working. */
@SafeguardFlowTest
class ModelDeploymentTest {

  @Autowired TestRestTemplate http;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;

  @Test
  void aBrokenContactModelIsRefusedInTheEnginesWordsAndTheRunningVersionKeepsTakingContacts() throws IOException {
    int before = latestContactVersion();
    // A flow to a task that is not there: what a half-finished edit in Modeler looks like.
    String broken = Files.readString(Path.of("bpmn/contact.bpmn"))
        .replaceFirst("targetRef=\"[A-Za-z_]+\"", "targetRef=\"Task_NotDrawnYet\"");

    ResponseEntity<Map> refused = deploy("owner", "contact.bpmn", broken);

    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    assertThat((String) refused.getBody().get("message")).contains("ENGINE-", "Task_NotDrawnYet");
    assertThat(latestContactVersion()).isEqualTo(before);
    ResponseEntity<Map> contact = new FrontDoorClient(http).submit(
        SampleContact.fromSchool(OffsetDateTime.now().minusHours(1).toString()), "partner");
    assertThat(contact.getStatusCode().value()).isEqualTo(201);
  }

  @Test
  void aFileThatIsNotAModelAtAllIsRefusedAsBadInputNamingTheFile() {
    int before = latestContactVersion();
    for (String notAModel : List.of("Minutes of the strategy meeting, 3 April", "%PDF-1.7\n%\u00e2\u00e3", "<bpmn:definitions")) {
      ResponseEntity<Map> refused = deploy("owner", "contact.bpmn", notAModel);

      assertThat(refused.getStatusCode().value()).as(notAModel + " " + refused.getBody()).isEqualTo(400);
      assertThat((String) refused.getBody().get("message")).as(notAModel).contains("contact.bpmn");
    }
    assertThat(latestContactVersion()).isEqualTo(before);
  }

  @Test
  void onlyProcessOwnersAndAdministratorsDeploy() {
    String model = AuthorizationMatrixTest.probeModel();
    assertThat(deploy("manager", "probe.bpmn", model).getStatusCode().value()).isEqualTo(403);
    assertThat(deploy("auditor", "probe.bpmn", model).getStatusCode().value()).isEqualTo(403);
    assertThat(deploy(null, "probe.bpmn", model).getStatusCode().value()).isEqualTo(401);
    assertThat(deploy("owner", "probe.bpmn", model).getStatusCode().value()).isEqualTo(200);
  }

  /**
   * A process owner deploys a model, a case starts on it, and the owner (or anyone below an
   * administrator) tries to delete the deployment as Cockpit or REST would, cases and history
   * included: refused, and the case and its model are still there.
   */
  @Test
  void aProcessOwnerCannotDeleteADeploymentAndWithItTheCasesOnIt() {
    ResponseEntity<Map> deployed = deploy("owner", "contact.bpmn", contactModel());
    assertThat(deployed.getStatusCode().value()).isEqualTo(200);
    String deploymentId = (String) deployed.getBody().get("id");
    String caseRef = new FrontDoorClient(http).recorded(SampleContact.fromSchool(OffsetDateTime.now().minusHours(1).toString())
        .with("child.firstName", "Tilly").with("child.lastName", "Marsh"));

    for (String user : List.of("owner", "manager", "senior", "auditor")) {
      for (String cascade : List.of("?cascade=true", "")) {
        ResponseEntity<String> refused = http.withBasicAuth(user, user)
            .exchange("/engine-rest/deployment/" + deploymentId + cascade, HttpMethod.DELETE, null, String.class);
        assertThat(refused.getStatusCode().value()).as(user + " deleting " + cascade + ": " + refused.getBody())
            .isIn(403, 404);
      }
    }
    assertThat(repository.createDeploymentQuery().deploymentId(deploymentId).count()).isEqualTo(1);
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseRef).count()).isEqualTo(1);
  }

  private String contactModel() {
    try {
      return Files.readString(Path.of("bpmn/contact.bpmn"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private int latestContactVersion() {
    return repository.createProcessDefinitionQuery().processDefinitionKey("Process_Contact").latestVersion()
        .singleResult().getVersion();
  }

  private ResponseEntity<Map> deploy(String user, String fileName, String content) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    if (user != null) {
      headers.setBasicAuth(user, user);
    }
    var parts = new LinkedMultiValueMap<String, Object>();
    parts.add("deployment-name", "process-owner-change");
    parts.add("deployment-source", "Camunda Modeler");
    parts.add("data", new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return fileName;
      }
    });
    return http.exchange("/engine-rest/deployment/create", HttpMethod.POST, new HttpEntity<>(parts, headers), Map.class);
  }
}
