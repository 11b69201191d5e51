package org.safeguardflow.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.IdentityLink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.safeguardflow.casework.assessment.AssessmentProcess;
import org.safeguardflow.casework.assessment.AssessmentScenarioTest;
import org.safeguardflow.casework.referral.ReferralEpisode;
import org.safeguardflow.support.CaseScenario;
import org.safeguardflow.support.EngineClock;
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
 * Lily's case goes from the front door to team North. From then on its work is North's: South's
 * social worker and manager neither see nor touch it, through the engine's REST API (as Tasklist
 * calls it) or ours; North's worker cannot authorise her own assessment; service managers and
 * auditors see every team's cases.
 */
@SafeguardFlowTest
class TeamBoundariesTest {

  @Autowired TestRestTemplate http;
  @Autowired CaseScenario scenario;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired CaseRecords cases;

  @AfterEach
  void signOut() {
    identity.clearAuthentication();
  }

  @Test
  void lilysCaseIsTheFrontDoorsUntilAllocatedThenOnlyTeamNorthWorksIt() {
    EngineClock.setTo("2026-06-01T10:00:00+01:00");
    String caseRef = new FrontDoorClient(http).recorded(SampleContact.fromSchool("2026-06-01T09:30:00+01:00")
        .with("child.firstName", "Lily"));

    // At the front door: its managers decide; South's manager does not see the contact.
    String decision = taskOf(caseRef, "Task_ManagerDecidesContact");
    assertThat(candidateGroups(decision)).containsExactly("front-door-team-managers");
    assertThat(visibleTasks("south-manager", caseRef)).isEmpty();
    assertThat(send("south-manager", HttpMethod.POST, "/engine-rest/task/" + decision + "/claim",
        Map.of("userId", "south-manager")).getStatusCode().value()).isEqualTo(403);
    assertThat(send("manager", HttpMethod.POST, "/engine-rest/task/" + decision + "/complete", Map.of("variables", Map.of(
        "contactDecision", typed("S17_ASSESSMENT"),
        "contactDecisionReason", typed("Neglect concerns need an assessment"))))
        .getStatusCode().value()).isEqualTo(204);
    scenario.runJobsDue(caseRef);

    // Allocated to Sam in team North.
    String allocation = taskOf(caseRef, ReferralEpisode.ALLOCATE_SOCIAL_WORKER);
    assertThat(send("manager", HttpMethod.POST, "/engine-rest/task/" + allocation + "/complete", Map.of("variables", Map.of(
        Pathway.Var.ALLOCATED_WORKER.name(), typed("worker"), Pathway.Var.ALLOCATED_TEAM.name(), typed("north"))))
        .getStatusCode().value()).isEqualTo(204);

    String assessment = taskOf(caseRef, AssessmentProcess.Element.COMPLETE_SINGLE);
    assertThat(candidateGroups(assessment)).containsExactly("north-social-workers");
    assertThat(visibleTasks("worker", caseRef)).contains(assessment);
    assertThat(get("worker", "/engine-rest/task/" + assessment + "/form-variables").getStatusCode().value())
        .as("North's worker opens the form in Tasklist").isEqualTo(200);
    assertThat(visibleTasks("south-worker", caseRef)).isEmpty();
    assertThat(get("south-worker", "/engine-rest/task/" + assessment).getStatusCode().value()).isIn(403, 404);
    assertThat(send("south-worker", HttpMethod.POST, "/engine-rest/task/" + assessment + "/claim",
        Map.of("userId", "south-worker")).getStatusCode().value()).isEqualTo(403);
    assertThat(visibleTasks("south-manager", caseRef)).isEmpty();
    assertThat(visibleTasks("senior", caseRef)).as("service managers see every team's cases").contains(assessment);
    assertThat(visibleTasks("auditor", caseRef)).contains(assessment);

    // Sam completes her assessment; authorising it is North's managers' work, not hers and not South's.
    EngineClock.setTo("2026-06-10T15:00:00+01:00");
    asUser("worker", () -> tasks.complete(assessment,
        AssessmentScenarioTest.assessed("2026-06-02", "2026-06-03", "CIN_PLAN", "2B")));
    String authorise = taskOf(caseRef, AssessmentProcess.Element.AUTHORISE);
    assertThat(candidateGroups(authorise)).containsExactly("north-team-managers");
    assertThat(visibleTasks("worker", caseRef)).doesNotContain(authorise);
    assertThat(send("worker", HttpMethod.POST, "/engine-rest/task/" + authorise + "/claim", Map.of("userId", "worker"))
        .getStatusCode().value()).as("a social worker does not authorise her own assessment").isEqualTo(403);
    assertThat(send("south-manager", HttpMethod.POST, "/engine-rest/task/" + authorise + "/claim",
        Map.of("userId", "south-manager")).getStatusCode().value()).isEqualTo(403);
    assertThat(send("manager", HttpMethod.POST, "/engine-rest/task/" + authorise + "/claim", Map.of("userId", "manager"))
        .getStatusCode().value()).isEqualTo(204);

    // Our API draws the same line around the case's record.
    for (String reader : List.of("manager", "senior", "auditor", "demo")) {
      assertThat(get(reader, "/api/cases/" + caseRef + "/timeline").getStatusCode().value()).as(reader).isEqualTo(200);
    }
    assertThat(get("south-manager", "/api/cases/" + caseRef + "/timeline").getStatusCode().value()).isEqualTo(403);
    assertThat(get("south-manager", "/api/cases/" + caseRef + "/diagram-path").getStatusCode().value()).isEqualTo(403);
    assertThat(get("south-manager", "/api/cases/" + caseRef + "/notifications").getStatusCode().value()).isEqualTo(403);
    assertThat(send("south-manager", HttpMethod.POST, "/api/cases/" + caseRef + "/supervision-requests", Map.of())
        .getStatusCode().value()).isEqualTo(403);
    assertThat(get("south-manager", "/api/cases?ref=" + caseRef).getBody()).doesNotContain(caseRef);
    assertThat(get("manager", "/api/cases?ref=" + caseRef).getBody()).contains(caseRef);
  }

  @Test
  void aManagerOfAnotherTeamOnlyReadsACaseOnceItIsTheirs() {
    String caseRef = scenario.openCase("Noah");
    // Not yet allocated: the front door's; South's manager is refused, the front door reads it.
    assertThat(get("south-manager", "/api/cases/" + caseRef + "/timeline").getStatusCode().value()).isEqualTo(403);
    assertThat(get("manager", "/api/cases/" + caseRef + "/timeline").getStatusCode().value()).isEqualTo(200);

    cases.allocate(caseRef, "south", "south-worker", OffsetDateTime.now());

    assertThat(get("south-manager", "/api/cases/" + caseRef + "/timeline").getStatusCode().value()).isEqualTo(200);
    assertThat(get("south-manager", "/api/cases?ref=" + caseRef).getBody()).contains(caseRef);
    // A case that does not exist is not found, whoever asks.
    assertThat(get("south-manager", "/api/cases/CR-1999-999999/timeline").getStatusCode().value()).isEqualTo(404);
  }

  // --- the calls ---------------------------------------------------------------------------------

  private String taskOf(String caseRef, String taskDefinitionKey) {
    return scenario.task(caseRef, taskDefinitionKey).getId();
  }

  private List<String> candidateGroups(String taskId) {
    return tasks.getIdentityLinksForTask(taskId).stream().filter(link -> "candidate".equals(link.getType()))
        .map(IdentityLink::getGroupId).toList();
  }

  /** The ids of the case's tasks this user's task list shows (GET /engine-rest/task, as Tasklist asks). */
  private List<String> visibleTasks(String user, String caseRef) {
    ResponseEntity<List> answer = http.exchange("/engine-rest/task?processInstanceBusinessKey=" + caseRef,
        HttpMethod.GET, new HttpEntity<>(headers(user)), List.class);
    assertThat(answer.getStatusCode().value()).isEqualTo(200);
    return ((List<Map<String, Object>>) answer.getBody()).stream().map(task -> (String) task.get("id")).toList();
  }

  private ResponseEntity<String> get(String user, String path) {
    return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers(user)), String.class);
  }

  private ResponseEntity<String> send(String user, HttpMethod method, String path, Object body) {
    return http.exchange(path, method, new HttpEntity<>(body, headers(user)), String.class);
  }

  private void asUser(String user, Runnable work) {
    identity.setAuthentication(user, identity.createGroupQuery().groupMember(user).list().stream()
        .map(Group::getId).toList());
    try {
      work.run();
    } finally {
      identity.clearAuthentication();
    }
  }

  private static Map<String, Object> typed(String value) {
    return Map.of("value", value, "type", "String");
  }

  private static HttpHeaders headers(String user) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, user);
    headers.setContentType(MediaType.APPLICATION_JSON);
    return headers;
  }
}
