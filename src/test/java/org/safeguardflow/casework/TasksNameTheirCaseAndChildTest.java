package org.safeguardflow.casework;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.safeguardflow.casework.assessment.AssessmentProcess;
import org.safeguardflow.casework.family.RecordFamilyNetworkProcess;
import org.safeguardflow.security.SystemWork;
import org.safeguardflow.support.CaseScenario;
import org.safeguardflow.support.EngineClock;
import org.safeguardflow.support.SafeguardFlowTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Tasklist's shared filters show, beside each task, the case reference and the child's name (the
 * filters' {@code variables} property), read as Tasklist reads them: {@code POST
 * /engine-rest/filter/{id}/list} in HAL. In the 2026 try-out Ella's and Jayden's "Record assessment
 * work" looked the same. The variables come from every process of the case, also those started
 * without them: an assessment started with only its business key, and the family network, which
 * learns its case after it starts.
 */
@SafeguardFlowTest
class TasksNameTheirCaseAndChildTest {

  @Autowired CaseScenario scenario;
  @Autowired CaseRecords cases;
  @Autowired FilterService filters;
  @Autowired FormService forms;
  @Autowired RepositoryService repository;
  @Autowired IdentityService identity;
  @Autowired TestRestTemplate http;

  @Test
  void ellasAndJaydensTasksInTheTeamsListNameTheirCaseAndChild() throws Exception {
    EngineClock.setTo("2026-05-05T09:00:00+01:00");
    String ella = scenario.openCase("Ella");
    String jayden = scenario.openCase("Jayden");
    for (String caseRef : new String[] {ella, jayden}) {
      cases.allocate(caseRef, CaseScenario.NORTH, "worker", java.time.OffsetDateTime.parse("2026-05-01T10:00:00+01:00"));
      Map<String, Object> allocated = new HashMap<>();
      allocated.put("allocatedWorker", "worker");
      allocated.put("referralDate", "2026-05-01");
      scenario.start(AssessmentProcess.KEY, caseRef, allocated);
    }
    String familyNetwork = SystemWork.call(identity, () -> repository.createProcessDefinitionQuery()
        .processDefinitionKey(RecordFamilyNetworkProcess.KEY).latestVersion().singleResult().getId());
    forms.submitStartForm(familyNetwork, Map.of("familyNetworkCaseRef", jayden));

    String teamsTasks = filters.createFilterQuery().filterName("My team's tasks").singleResult().getId();
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth("worker", "worker");
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setAccept(java.util.List.of(MediaType.parseMediaType("application/hal+json")));
    ResponseEntity<String> list = http.exchange("/engine-rest/filter/" + teamsTasks + "/list?firstResult=0&maxResults=200",
        HttpMethod.POST, new HttpEntity<>("{\"processInstanceBusinessKeyIn\": [\"" + ella + "\", \"" + jayden + "\"]}", headers), String.class);
    assertThat(list.getStatusCode().value()).as(list.getBody()).isEqualTo(200);

    Map<String, Map<String, String>> shown = new HashMap<>(); // task name + case → the variables shown beside it
    for (JsonNode task : new ObjectMapper().readTree(list.getBody()).path("_embedded").path("task")) {
      Map<String, String> variables = new HashMap<>();
      task.path("_embedded").path("variable").forEach(v -> variables.put(v.path("name").asText(), v.path("value").asText()));
      shown.put(task.path("name").asText() + " " + variables.get("caseRef"), variables);
    }
    assertThat(shown.get("Record assessment work " + ella)).as("Ella's, among %s", shown.keySet())
        .containsEntry("childFirstName", "Ella").containsKey("childLastName");
    assertThat(shown.get("Record assessment work " + jayden)).as("Jayden's, among %s", shown.keySet())
        .containsEntry("childFirstName", "Jayden");
    assertThat(shown.get("Record the family network " + jayden)).as("the family network, among %s", shown.keySet())
        .containsEntry("childFirstName", "Jayden");
  }
}
