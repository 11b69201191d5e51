package org.safeguardflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
 * Issue 11, a newcomer's try-out (findings h11b HIGH 1-3): a school's contact about a child waits at
 * the front door for a manager's decision, its statutory deadline timer set. Nobody can put that
 * decision in the hands of someone who may not make it (another team's worker, a worker for a
 * managers' task, an auditor) by any engine route; a hand-back leaves the one it was taken from no way
 * in; and people who may not run the deadline timer cannot wear it out by asking to run it.
 */
@SafeguardFlowTest
class TasksStayWithTheirTeamTest {

  @Autowired TestRestTemplate http;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired AuthorizationService authorizations;
  @Autowired IdentityService identity;

  @BeforeEach
  void nobodySignedIn() {
    identity.clearAuthentication();
  }

  // --- HIGH 3: a refused run of a job is not a failed run ----------------------------------------------

  @Test
  void threeRefusedRunsOfTheContactDecisionDeadlineLeaveItToFire() {
    String instance = contactReceived();
    Job timer = management.createJobQuery().processInstanceId(instance).activityId("Timer_ContactDecisionDue").singleResult();
    Date due = timer.getDuedate();
    int retries = timer.getRetries();

    for (String user : new String[] {"manager", "auditor", "worker"}) {
      assertThat(send(user, HttpMethod.POST, "/engine-rest/job/" + timer.getId() + "/execute", null).getStatusCode().value())
          .as("%s runs the deadline timer", user).isEqualTo(403);
    }
    assertThat(send("senior", HttpMethod.POST, "/camunda/api/engine/engine/default/job/" + timer.getId() + "/execute", null)
        .getStatusCode().value()).as("through Cockpit's engine API").isIn(401, 403);

    Job after = management.createJobQuery().jobId(timer.getId()).singleResult();
    assertThat(after.getRetries()).isEqualTo(retries);
    assertThat(after.getExceptionMessage()).isNull();
    assertThat(after.getDuedate()).isEqualTo(due);
    assertThat(runtime.createIncidentQuery().processInstanceId(instance).count()).isZero();

    management.executeJob(timer.getId()); // the deadline passes: the engine runs it, as its job executor would
    assertThat(management.createJobQuery().jobId(timer.getId()).count()).as("the timer has fired").isZero();
    assertThat(runtime.createIncidentQuery().processInstanceId(instance).count()).isZero();
  }

  // --- HIGH 1: a task goes only to someone who may work it ------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"worker", "south-worker", "auditor", "owner", "partner"})
  void aManagerCannotClaimTheContactDecisionForSomeoneWhoMayNotMakeIt(String someone) {
    String decision = decisionOf(contactReceived());

    assertThat(send("manager", HttpMethod.POST, "/engine-rest/task/" + decision + "/claim", Map.of("userId", someone))
        .getStatusCode().value()).isEqualTo(403);
    assertThat(send("manager", HttpMethod.POST, "/engine-rest/task/" + decision + "/assignee", Map.of("userId", someone))
        .getStatusCode().value()).isEqualTo(403);
    assertThat(send("manager", HttpMethod.POST, "/engine-rest/task/" + decision + "/delegate", Map.of("userId", someone))
        .getStatusCode().value()).isEqualTo(403);
    assertThat(send("manager", HttpMethod.POST, "/engine-rest/task/" + decision + "/identity-links",
        Map.of("userId", someone, "type", "candidate")).getStatusCode().value()).isEqualTo(403);
    assertThat(send("demo", HttpMethod.POST, "/engine-rest/task/" + decision + "/claim", Map.of("userId", someone))
        .getStatusCode().value()).as("an administrator neither").isEqualTo(403);
    assertThat(send("demo", HttpMethod.POST, "/engine-rest/task/" + decision + "/delegate", Map.of("userId", someone))
        .getStatusCode().value()).isEqualTo(403);

    assertThat(tasks.createTaskQuery().taskId(decision).singleResult().getAssignee()).isNull();
    assertThat(send(someone, HttpMethod.POST, "/engine-rest/task/" + decision + "/complete",
        Map.of("variables", Map.of())).getStatusCode().value()).as("%s completes the decision", someone).isIn(401, 403);
    assertThat(userGrantsOn(decision, someone)).isZero();
  }

  @Test
  void aWorkerCannotClaimATaskForSomeoneElseButAManagerCanForTheirOwnTeam() {
    String decision = decisionOf(contactReceived());
    assertThat(send("worker", HttpMethod.POST, "/engine-rest/task/" + decision + "/claim", Map.of("userId", "manager"))
        .getStatusCode().value()).isEqualTo(403);
    assertThat(send("manager", HttpMethod.POST, "/engine-rest/task/" + decision + "/claim", Map.of("userId", "manager"))
        .getStatusCode().value()).as("a manager of the front door takes it").isEqualTo(204);
  }

  // --- HIGH 2: access from an assignment ends with it ------------------------------------------------------

  @Test
  void theManagerWhoHandsTheDecisionBackKeepsNoPersonalGrantOnIt() {
    String decision = decisionOf(contactReceived());
    assertThat(send("manager", HttpMethod.POST, "/engine-rest/task/" + decision + "/claim", Map.of("userId", "manager"))
        .getStatusCode().value()).isEqualTo(204);
    assertThat(userGrantsOn(decision, "manager")).isEqualTo(1);

    assertThat(send("manager", HttpMethod.POST, "/engine-rest/task/" + decision + "/unclaim", null).getStatusCode().value())
        .isEqualTo(204);
    assertThat(userGrantsOn(decision, "manager")).as("the assignee's grant ends with the assignment").isZero();
    assertThat(send("manager", HttpMethod.POST, "/engine-rest/task/" + decision + "/claim", Map.of("userId", "manager"))
        .getStatusCode().value()).as("still theirs to take through the front door's managers").isEqualTo(204);
  }

  long userGrantsOn(String taskId, String user) {
    return authorizations.createAuthorizationQuery().resourceType(Resources.TASK).resourceId(taskId).userIdIn(user).count();
  }

  String contactReceived() {
    ResponseEntity<Map> answer = new FrontDoorClient(http).submit(
        SampleContact.fromSchool(OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).toString()), "manager");
    assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(201);
    return (String) answer.getBody().get("processInstanceId");
  }

  String decisionOf(String instance) {
    return tasks.createTaskQuery().processInstanceId(instance).singleResult().getId();
  }

  ResponseEntity<String> send(String user, HttpMethod method, String path, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setBasicAuth(user, user);
    return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
  }
}
