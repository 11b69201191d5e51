package org.safeguardflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.safeguardflow.casework.FormValues;
import org.safeguardflow.casework.Pathway;
import org.safeguardflow.support.CaseScenario;
import org.safeguardflow.support.EngineClock;
import org.safeguardflow.support.SafeguardFlowTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Ticked checklists as Tasklist submits them: typed as the variable they fill already was. Before
 * the fix the engine refused every checklist whose variable existed but was empty (type Null), so
 * the strategy discussion could not be convened in Tasklist (found by the browser walk, issue 17).
 */
@SafeguardFlowTest
class FormListIntoEmptyVariableTest {

  @Autowired TestRestTemplate http;
  @Autowired TaskService tasks;
  @Autowired CaseScenario scenario;

  @Test
  void theManagerConvenesNoahsStrategyDiscussionWithTheAgenciesTickedAsTasklistSendsThem() {
    EngineClock.setTo("2026-04-07T14:00:00+01:00");
    String caseRef = scenario.openCase("Noah");
    scenario.start(Pathway.Process.STRATEGY_DISCUSSION, caseRef, Map.of());
    String convene = scenario.task(caseRef, "Task_ConveneStrategyDiscussion").getId();
    assertThat(tasks.getVariableTyped(convene, Pathway.Var.STRATEGY_INVITEES.name()).getType().getName())
        .as("the agencies before the form is filled").isEqualTo("null");
    assertThat(post("/engine-rest/task/" + convene + "/claim", "{\"userId\":\"manager\"}").getStatusCode().value())
        .isEqualTo(204);

    // Exactly Tasklist's body: the list as JSON text, typed as the empty variable it fills.
    ResponseEntity<String> submitted = post("/engine-rest/task/" + convene + "/submit-form", """
        {"variables": {
          "strategyInvitees": {"type": "Null", "valueInfo": {}, "value": "[\\"POLICE\\",\\"HEALTH\\",\\"EDUCATION\\"]"},
          "strategyPlannedFor": {"value": "Wednesday 8 April, 10:00, by video call"}}}
        """);

    assertThat(submitted.getStatusCode().value()).as(submitted.getBody()).isEqualTo(204);
    scenario.runJobsDue(caseRef);
    assertThat(scenario.openTasks(caseRef)).doesNotContain("Task_ConveneStrategyDiscussion")
        .contains("Task_RecordStrategyDiscussion");
    String record = scenario.task(caseRef, "Task_RecordStrategyDiscussion").getId();
    assertThat(Pathway.Var.STRATEGY_INVITEES.get(tasks, record))
        .containsExactly("POLICE", "HEALTH", "EDUCATION");
  }

  @Test
  void aValueForAnEmptyVariableThatIsNoListIsStillRefusedAndTheTaskStaysOpen() {
    EngineClock.setTo("2026-04-07T14:00:00+01:00");
    String caseRef = scenario.openCase("Ivy");
    scenario.start(Pathway.Process.STRATEGY_DISCUSSION, caseRef, Map.of());
    String convene = scenario.task(caseRef, "Task_ConveneStrategyDiscussion").getId();
    post("/engine-rest/task/" + convene + "/claim", "{\"userId\":\"manager\"}");

    ResponseEntity<String> refused = post("/engine-rest/task/" + convene + "/submit-form", """
        {"variables": {"strategyInvitees": {"type": "Null", "value": "POLICE and HEALTH"},
                       "strategyPlannedFor": {"value": "Wednesday"}}}
        """);

    assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(400);
    assertThat(refused.getBody()).doesNotContain("Exception", "at org.");
    assertThat(scenario.openTasks(caseRef)).contains("Task_ConveneStrategyDiscussion");
    assertThat(List.of(tasks.createTaskQuery().taskId(convene).count())).containsExactly(1L);
  }

  private ResponseEntity<String> post(String path, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.withBasicAuth("manager", "manager").postForEntity(path, new HttpEntity<>(body, headers), String.class);
  }
}
