package org.safeguardflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.safeguardflow.support.CaseScenario;
import org.safeguardflow.support.EngineClock;
import org.safeguardflow.support.FrontDoorClient;
import org.safeguardflow.support.SafeguardFlowTest;
import org.safeguardflow.support.SampleContact;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/**
 * A week of contacts in January 2026 put again to the threshold table: where the manager departed
 * from it, and what a process owner's changed table would have suggested instead.
 */
@SafeguardFlowTest
class ThresholdReplayTest {

  @Autowired TestRestTemplate http;
  @Autowired CaseScenario scenario;
  @Autowired IdentityService identity;
  @Autowired RepositoryService repository;

  @Test
  void theReplayShowsAgreementPerManagerTheDisagreementsAndWhatAChangedTableWouldDo() throws Exception {
    if (identity.createUserQuery().userId("replaymanager").count() == 0) {
      identity.saveUser(identity.newUser("replaymanager"));
      identity.createMembership("replaymanager", "team-managers");
      identity.createMembership("replaymanager", "front-door-team-managers");
    }
    FrontDoorClient frontDoor = new FrontDoorClient(http);
    EngineClock.setTo("2026-01-12T10:00:00Z");
    // Complex needs with consent: the table suggests early help. The manager agrees twice and once refers instead.
    String agreed1 = frontDoor.recorded(SampleContact.fromSchool("2026-01-12T09:00:00Z").screenedAs(false, false, false, 3, true));
    String agreed2 = frontDoor.recorded(SampleContact.fromSchool("2026-01-12T09:10:00Z").screenedAs(false, false, false, 2, true));
    String departed = frontDoor.recorded(SampleContact.fromSchool("2026-01-12T09:20:00Z").screenedAs(false, false, false, 2, true));
    decide(agreed1, "EARLY_HELP");
    decide(agreed2, "EARLY_HELP");
    decide(departed, "S17_ASSESSMENT");

    // A process owner changes the table: complex needs with consent now suggest a child in need assessment.
    String original = Files.readString(Path.of("bpmn/threshold.dmn"));
    deploy(original.replace("<text>\"EARLY_HELP\"</text></outputEntry>\n        <outputEntry id=\"OutputEntry_Rationale_5\"",
        "<text>\"S17_ASSESSMENT\"</text></outputEntry>\n        <outputEntry id=\"OutputEntry_Rationale_5\""));
    try {
      ResponseEntity<Map> answer = http.withBasicAuth("auditor", "auditor")
          .getForEntity("/api/threshold-replay?from=2026-01-12&to=2026-01-12", Map.class);

      assertThat(answer.getStatusCode().value()).isEqualTo(200);
      Map<String, Object> report = answer.getBody();
      assertThat((Integer) report.get("contacts")).isGreaterThanOrEqualTo(3);
      List<Map<String, Object>> managers = (List<Map<String, Object>>) report.get("perManager");
      assertThat(managers).filteredOn(m -> m.get("by").equals("replaymanager")).singleElement()
          .satisfies(m -> {
            assertThat(m).containsEntry("contacts", 3).containsEntry("agreeingWithTableThen", 2);
            assertThat((Double) m.get("agreementRate")).isEqualTo(0.667);
          });
      List<Map<String, Object>> disagreements = (List<Map<String, Object>>) report.get("disagreements");
      assertThat(disagreements).filteredOn(d -> d.get("caseRef").equals(departed)).singleElement()
          .satisfies(d -> assertThat(d).containsEntry("suggestedThen", "EARLY_HELP")
              .containsEntry("suggestedNow", "S17_ASSESSMENT").containsEntry("decided", "S17_ASSESSMENT"));
      assertThat(disagreements).filteredOn(d -> d.get("caseRef").equals(agreed1)).singleElement()
          .as("the manager agreed with the table then, but the new table would suggest otherwise")
          .satisfies(d -> assertThat(d).containsEntry("suggestedNow", "S17_ASSESSMENT"));
      assertThat((Integer) report.get("changedByCurrentTable")).isGreaterThanOrEqualTo(3);
    } finally {
      deploy(original); // the table the other scenarios expect is the current one again
    }
  }

  @Test
  void aPeriodMustBeTwoDatesInOrderAndOnlyAuditorsAndManagersMayAsk() {
    var auditor = http.withBasicAuth("auditor", "auditor");
    assertThat(auditor.getForEntity("/api/threshold-replay?from=2026-01-12", Map.class).getBody().toString())
        .contains("field=to", "rule=required");
    assertThat(auditor.getForEntity("/api/threshold-replay?from=2026-02-01&to=2026-01-01", Map.class).getBody().toString())
        .contains("not-before-from");
    assertThat(auditor.getForEntity("/api/threshold-replay?from=yesterday&to=2026-01-01", Map.class).getBody().toString())
        .contains("field=from", "rule=date");
    assertThat(http.withBasicAuth("partner", "partner")
        .getForEntity("/api/threshold-replay?from=2026-01-01&to=2026-01-02", Map.class).getStatusCode().value()).isEqualTo(403);
    assertThat(http.getForEntity("/api/threshold-replay?from=2026-01-01&to=2026-01-02", Map.class)
        .getStatusCode().value()).isEqualTo(401);
  }

  private void decide(String caseRef, String decision) {
    identity.setAuthentication("replaymanager", List.of("team-managers", "front-door-team-managers"));
    try {
      scenario.complete(caseRef, "Task_ManagerDecidesContact",
          Map.of("contactDecision", decision, "contactDecisionReason", "Replay test"));
    } finally {
      identity.clearAuthentication();
    }
  }

  private void deploy(String dmn) {
    repository.createDeployment().name("threshold-change").addString("threshold.dmn", dmn).deploy();
  }
}
