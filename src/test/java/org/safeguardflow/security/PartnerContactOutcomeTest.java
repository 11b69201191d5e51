package org.safeguardflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safeguardflow.support.FrontDoorClient;
import org.safeguardflow.support.SafeguardFlowTest;
import org.safeguardflow.support.SampleContact;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A police force sends a contact about Amy and later asks what became of it: it learns the decision,
 * and nothing else; another force asking about the same case learns nothing, not even that it exists.
 */
@SafeguardFlowTest
class PartnerContactOutcomeTest {

  @Autowired TestRestTemplate http;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  FrontDoorClient frontDoor;

  @BeforeEach
  void setUp() {
    frontDoor = new FrontDoorClient(http);
    // A second partner agency, a Camunda user like any other (its password is stored salted and hashed).
    if (identity.createUserQuery().userId("other-force").count() == 0) {
      var user = identity.newUser("other-force");
      user.setPassword("other-force-passphrase");
      identity.saveUser(user);
      identity.createMembership("other-force", "partner-agencies");
    }
  }

  @Test
  void thePartnerThatSentAContactLearnsItsDecisionAndNothingMore() {
    ResponseEntity<Map> sent = frontDoor.submit(SampleContact.fromSchool(OffsetDateTime.now().minusHours(1).toString()), "partner");
    String caseRef = (String) sent.getBody().get("caseRef");

    ResponseEntity<Map> awaiting = asPartner("/api/contacts/" + caseRef);
    assertThat(awaiting.getStatusCode().value()).isEqualTo(200);
    assertThat(awaiting.getBody()).containsOnlyKeys("caseRef", "receivedAt", "decision", "decidedAt")
        .containsEntry("caseRef", caseRef).containsEntry("decision", null).containsEntry("decidedAt", null);

    String decision = tasks.createTaskQuery().processInstanceId((String) sent.getBody().get("processInstanceId"))
        .singleResult().getId();
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setBasicAuth("manager", "manager");
    assertThat(http.exchange("/engine-rest/task/" + decision + "/complete", HttpMethod.POST, new HttpEntity<>(Map.of(
        "variables", Map.of("contactDecision", Map.of("value", "EARLY_HELP"),
            "contactDecisionReason", Map.of("value", "Family agree to early help"))), headers), String.class)
        .getStatusCode().value()).isEqualTo(204);

    ResponseEntity<Map> decided = asPartner("/api/contacts/" + caseRef);
    assertThat(decided.getBody()).containsEntry("decision", "EARLY_HELP");
    assertThat(decided.getBody().get("decidedAt")).isNotNull();
    assertThat(decided.getBody().toString()).doesNotContain("Amy", "bruise", "Family agree");
  }

  @Test
  void anotherPartnerOrAnUnknownReferenceGetsTheSameNotFound() {
    String caseRef = (String) frontDoor.submit(SampleContact.fromSchool(OffsetDateTime.now().minusHours(1).toString()),
        "partner").getBody().get("caseRef");

    for (String path : List.of("/api/contacts/" + caseRef, "/api/contacts/CR-1999-999999", "/api/contacts/anything",
        "/api/contacts/" + caseRef + "' or '1'='1")) {
      ResponseEntity<String> answer = http.withBasicAuth("other-force", "other-force-passphrase").getForEntity(path, String.class);
      assertThat(answer.getStatusCode().value()).as(path).isEqualTo(404);
      assertThat(String.valueOf(answer.getBody())).doesNotContain(caseRef.substring(3));
    }
    assertThat(http.getForEntity("/api/contacts/" + caseRef, String.class).getStatusCode().value()).isEqualTo(401);
  }

  @Test
  void partnersAreKeptToTheContactApi() {
    for (String path : List.of("/engine-rest/task", "/engine-rest/process-definition", "/engine-rest/history/process-instance",
        "/engine-rest/user/partner/profile", "/api/agencies", "/api/caseloads", "/api/cases/CR-2026-000001/notifications",
        "/api/models/Process_Contact/versions")) {
      ResponseEntity<String> answer = http.withBasicAuth("partner", "partner").getForEntity(path, String.class);
      assertThat(answer.getStatusCode().value()).as(path).isEqualTo(403);
      assertThat(answer.getBody()).contains("Your role may not do this");
    }
    assertThat(http.withBasicAuth("partner", "partner").exchange("/engine-rest/process-definition/key/Process_Contact/start",
        HttpMethod.POST, new HttpEntity<>(Map.of()), String.class).getStatusCode().value())
        .as("not even the contact process, except through the validated API").isEqualTo(403);
  }

  private ResponseEntity<Map> asPartner(String path) {
    return http.withBasicAuth("partner", "partner").getForEntity(path, Map.class);
  }
}
