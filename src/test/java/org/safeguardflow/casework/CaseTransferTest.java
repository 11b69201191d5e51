package org.safeguardflow.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.safeguardflow.casework.assessment.AssessmentProcess;
import org.safeguardflow.casework.assessment.AssessmentScenarioTest;
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
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Noor's assessment is under way in team North when the family moves across the borough: the
 * service manager transfers the case to team South. Her open work goes with it, North no longer sees
 * it, and the timeline says who moved it and why. Refused transfers change nothing.
 */
@SafeguardFlowTest
class CaseTransferTest {

  @Autowired TestRestTemplate http;
  @Autowired CaseScenario scenario;
  @Autowired CaseRecords cases;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired JdbcTemplate jdbc;
  @Autowired CaseAccess caseAccess;

  @Test
  void noorsCaseMovesFromNorthToSouthWithHerOpenAssessment() {
    EngineClock.setTo("2026-06-08T10:00:00+01:00");
    String caseRef = allocatedToNorth("Noor");
    Task assessment = scenario.task(caseRef, AssessmentProcess.Element.COMPLETE_SINGLE);
    assertThat(assessment.getAssignee()).isEqualTo("worker");

    ResponseEntity<Map> answer = post("senior", caseRef, Map.of("team", "south", "worker", "south-worker",
        "reason", "The family moved to the south of the borough"));

    assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(201);
    assertThat((Map<String, Object>) answer.getBody().get("transfer")).containsEntry("fromTeam", "north")
        .containsEntry("toTeam", "south").containsEntry("toWorker", "south-worker").containsEntry("tasksMoved", 2)
        .containsEntry("transferredBy", "senior");
    Task moved = tasks.createTaskQuery().taskId(assessment.getId()).singleResult();
    assertThat(moved.getAssignee()).isEqualTo("south-worker");
    assertThat(candidateGroups(moved)).containsExactly("south-social-workers");
    assertThat(visibleTasks("worker", caseRef)).isEmpty();
    // The assessment and its draft ("Record assessment work") both move.
    Task draft = scenario.task(caseRef, AssessmentProcess.Element.RECORD_WORK);
    assertThat(draft.getAssignee()).isEqualTo("south-worker");
    assertThat(visibleTasks("south-worker", caseRef)).containsExactlyInAnyOrder(assessment.getId(), draft.getId());
    assertThat(runtime.getVariable(scenario.instance(caseRef, Pathway.Process.ASSESSMENT).getId(), Pathway.Var.ALLOCATED_TEAM.name()))
        .isEqualTo("south");
    assertThat(cases.allocatedTeam(caseRef)).isEqualTo("south");

    // The next step is South's too: the authorisation goes to South's managers.
    scenario.complete(caseRef, AssessmentProcess.Element.COMPLETE_SINGLE,
        AssessmentScenarioTest.assessed("2026-06-02", "2026-06-03", "CIN_PLAN", "2B"));
    assertThat(candidateGroups(scenario.task(caseRef, AssessmentProcess.Element.AUTHORISE)))
        .containsExactly("south-team-managers");

    // North's manager no longer reads it; South's does, and the timeline says who moved it and why.
    assertThat(caseAccess.mayRead(List.of("team-managers", "north-team-managers"), caseRef)).isFalse();
    assertThat(caseAccess.mayRead(List.of("team-managers", "south-team-managers"), caseRef)).isTrue();
    assertThat(http.exchange("/api/cases/" + caseRef + "/timeline", HttpMethod.GET, new HttpEntity<>(headers("south-manager")),
        String.class).getBody()).contains("Case transferred", "from north (worker) to south (south-worker)",
        "The family moved to the south of the borough");
    assertThat(http.exchange("/api/cases/" + caseRef + "/transfers", HttpMethod.GET,
        new HttpEntity<>(headers("auditor")), String.class).getBody()).contains("\"toTeam\":\"south\"");
  }

  @Test
  void aTransferThatBreaksARuleIsRefusedAndChangesNothing() {
    EngineClock.setTo("2026-06-08T10:00:00+01:00");
    String caseRef = allocatedToNorth("Ravi");

    assertRefused(post("senior", caseRef, Map.of("team", "east", "worker", "worker", "reason", "x")), "team", "team");
    assertRefused(post("senior", caseRef, Map.of("team", "south", "worker", "worker", "reason", "x")), "worker", "team-member");
    assertRefused(post("senior", caseRef, Map.of("team", "south", "worker", "south-worker")), "reason", "required");
    assertRefused(post("senior", caseRef, Map.of("team", "south", "worker", "south-worker", "reason", "x".repeat(1001))),
        "reason", "max-length");
    assertRefused(post("senior", caseRef, Map.of("team", "south", "worker", "south-worker", "reason", "x", "urgent", true)),
        "urgent", "unknown-field");
    assertRefused(post("senior", "CR-26-1", Map.of("team", "south", "worker", "south-worker", "reason", "x")),
        "caseRef", "format");
    assertThat(post("senior", caseRef, Map.of("team", "north", "worker", "worker", "reason", "x")).getStatusCode().value())
        .as("already there").isEqualTo(409);
    assertThat(post("senior", "CR-1999-999999", Map.of("team", "south", "worker", "south-worker", "reason", "x"))
        .getStatusCode().value()).isEqualTo(404);
    // Only the managers of the team that holds it, or service managers, move a case.
    assertThat(post("south-manager", caseRef, Map.of("team", "south", "worker", "south-worker", "reason", "x"))
        .getStatusCode().value()).isEqualTo(403);
    assertThat(post("worker", caseRef, Map.of("team", "south", "worker", "south-worker", "reason", "x"))
        .getStatusCode().value()).isEqualTo(403);
    assertThat(post("auditor", caseRef, Map.of("team", "south", "worker", "south-worker", "reason", "x"))
        .getStatusCode().value()).isEqualTo(403);

    assertThat(cases.allocatedTeam(caseRef)).isEqualTo("north");
    assertThat(jdbc.queryForObject("select count(*) from sf_case_transfer where case_ref = ?", Integer.class, caseRef)).isZero();
    assertThat(candidateGroups(scenario.task(caseRef, AssessmentProcess.Element.COMPLETE_SINGLE)))
        .containsExactly("north-social-workers");
  }

  /** A referral allocated to Sam in team North, with her single assessment open. */
  private String allocatedToNorth(String child) {
    String caseRef = scenario.openCase(child);
    cases.allocate(caseRef, "north", "worker", java.time.OffsetDateTime.now());
    scenario.start(Pathway.Process.ASSESSMENT, caseRef, Map.of(Pathway.Var.ALLOCATED_WORKER.name(), "worker"));
    return caseRef;
  }

  private List<String> candidateGroups(Task task) {
    return tasks.getIdentityLinksForTask(task.getId()).stream().filter(link -> "candidate".equals(link.getType()))
        .map(IdentityLink::getGroupId).toList();
  }

  private List<String> visibleTasks(String user, String caseRef) {
    ResponseEntity<List> answer = http.exchange("/engine-rest/task?processInstanceBusinessKey=" + caseRef,
        HttpMethod.GET, new HttpEntity<>(headers(user)), List.class);
    return ((List<Map<String, Object>>) answer.getBody()).stream().map(task -> (String) task.get("id")).toList();
  }

  private ResponseEntity<Map> post(String user, String caseRef, Map<String, Object> body) {
    return http.exchange("/api/cases/" + caseRef + "/transfers", HttpMethod.POST, new HttpEntity<>(body, headers(user)),
        Map.class);
  }

  private static void assertRefused(ResponseEntity<Map> answer, String field, String rule) {
    assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(400);
    assertThat((List<Map<String, Object>>) answer.getBody().get("errors"))
        .anySatisfy(e -> assertThat(e).containsEntry("field", field).containsEntry("rule", rule));
  }

  private static HttpHeaders headers(String user) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, user);
    headers.setContentType(MediaType.APPLICATION_JSON);
    return headers;
  }
}
