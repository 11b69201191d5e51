package org.safeguardflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.safeguardflow.intake.ContactProcess;
import org.safeguardflow.support.FrontDoorClient;
import org.safeguardflow.support.SafeguardFlowTest;
import org.safeguardflow.support.SampleContact;
import org.safeguardflow.support.WebAppSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * Issue 11, the holes the authorization matrix found once it walked every writing path: each one tried
 * on a child's case as the person would, refused (403), nothing changed, and the refusal logged with
 * user, case and path like every other refusal.
 */
@SafeguardFlowTest
@ExtendWith(OutputCaptureExtension.class)
class NoBackDoorsTest {

  @Autowired TestRestTemplate http;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired RepositoryService repository;
  @Autowired IdentityService identity;

  @BeforeEach
  void nobodySignedIn() {
    identity.clearAuthentication();
  }

  @Test
  void anAuditorReadingTheFrontDoorsWorkCannotAddToIt(CapturedOutput log) {
    Contact contact = contactReceived();

    ResponseEntity<String> comment = send("auditor", HttpMethod.POST, "/engine-rest/task/" + contact.taskId() + "/comment/create",
        Map.of("message", "Looks fine to me"));

    assertThat(comment.getStatusCode().value()).as(comment.getBody()).isEqualTo(403);
    assertThat(comment.getBody()).contains("TASK_WORK");
    assertThat(tasks.getTaskComments(contact.taskId())).isEmpty();
    assertThat(log.getOut()).contains("Refused: user=auditor case=" + contact.caseRef() + " POST /engine-rest/task/"
        + contact.taskId() + "/comment/create -> 403");
  }

  @Test
  void aManagerCannotRewriteOrDeleteWhatSomeoneRecordedOnATask(CapturedOutput log) {
    Contact contact = contactReceived();
    assertThat(send("manager", HttpMethod.POST, "/engine-rest/task/" + contact.taskId() + "/comment/create",
        Map.of("message", "Rang the school back: Amy is safe tonight")).getStatusCode().value()).isEqualTo(200);
    String commentId = tasks.getTaskComments(contact.taskId()).get(0).getId();

    ResponseEntity<String> rewritten = send("manager", HttpMethod.PUT, "/engine-rest/task/" + contact.taskId() + "/comment",
        Map.of("id", commentId, "message", "Did not ring"));
    ResponseEntity<String> deleted = send("manager", HttpMethod.DELETE, "/engine-rest/task/" + contact.taskId() + "/comment/"
        + commentId, null);

    assertThat(List.of(rewritten.getStatusCode().value(), deleted.getStatusCode().value())).containsOnly(403);
    assertThat(tasks.getTaskComments(contact.taskId())).singleElement()
        .satisfies(c -> assertThat(c.getFullMessage()).isEqualTo("Rang the school back: Amy is safe tonight"));
    assertThat(log.getOut()).contains("Refused: user=manager case=" + contact.caseRef() + " DELETE /engine-rest/task/"
        + contact.taskId() + "/comment/" + commentId + " -> 403");
  }

  @Test
  void aManagerCannotDeleteTheContactDecisionNorEndItBySignalOrError() {
    Contact contact = contactReceived();

    for (ResponseEntity<String> attempt : List.of(
        send("manager", HttpMethod.DELETE, "/engine-rest/task/" + contact.taskId(), null),
        send("manager", HttpMethod.POST, "/engine-rest/execution/" + contact.executionId() + "/signal", Map.of()),
        send("manager", HttpMethod.POST, "/engine-rest/task/" + contact.taskId() + "/bpmnError", Map.of("errorCode", "X")))) {
      assertThat(attempt.getStatusCode().value()).as(attempt.getBody()).isEqualTo(403);
    }
    assertThat(tasks.createTaskQuery().taskId(contact.taskId()).count()).isEqualTo(1);
    // An administrator passes the rights check and is told the rule, not a server error.
    ResponseEntity<String> byAdministrator = send("demo", HttpMethod.DELETE, "/engine-rest/task/" + contact.taskId(), null);
    assertThat(byAdministrator.getStatusCode().value()).isEqualTo(400);
    assertThat(byAdministrator.getBody()).contains("is a step of a running case").doesNotContain("ENGINE-");
    assertThat(tasks.createTaskQuery().taskId(contact.taskId()).count()).isEqualTo(1);
  }

  @Test
  void aManagerCannotHandTheDecisionToAnotherTeamByClaimingItForThem(CapturedOutput log) {
    Contact contact = contactReceived();

    ResponseEntity<String> claimed = send("manager", HttpMethod.POST, "/engine-rest/task/" + contact.taskId() + "/claim",
        Map.of("userId", "south-worker"));

    assertThat(claimed.getStatusCode().value()).as(claimed.getBody()).isEqualTo(403);
    assertThat(tasks.createTaskQuery().taskId(contact.taskId()).singleResult().getAssignee()).isNull();
    assertThat(send("south-worker", HttpMethod.GET, "/engine-rest/task/" + contact.taskId(), null).getStatusCode().value())
        .isEqualTo(404);
    assertThat(log.getOut()).contains("Refused: user=manager case=" + contact.caseRef() + " POST /engine-rest/task/"
        + contact.taskId() + "/claim -> 403");
    // Claiming it oneself is working it; a second person reaching for it is told someone has it (409, not 500).
    assertThat(send("manager", HttpMethod.POST, "/engine-rest/task/" + contact.taskId() + "/claim",
        Map.of("userId", "manager")).getStatusCode().value()).isEqualTo(204);
    ResponseEntity<String> second = send("demo", HttpMethod.POST, "/engine-rest/task/" + contact.taskId() + "/claim",
        Map.of("userId", "demo"));
    assertThat(second.getStatusCode().value()).as(second.getBody()).isEqualTo(409);
    assertThat(tasks.createTaskQuery().taskId(contact.taskId()).singleResult().getAssignee()).isEqualTo("manager");
  }

  @Test
  void nobodyDeletesTheirOwnAccount(CapturedOutput log) {
    ResponseEntity<String> deleted = send("worker", HttpMethod.DELETE, "/engine-rest/user/worker", null);

    assertThat(deleted.getStatusCode().value()).as(deleted.getBody()).isEqualTo(403);
    assertThat(identity.createUserQuery().userId("worker").count()).isEqualTo(1);
    assertThat(identity.createGroupQuery().groupMember("worker").groupId("north-social-workers").count()).isEqualTo(1);
    assertThat(log.getOut()).contains("Refused: user=worker case=- DELETE /engine-rest/user/worker -> 403");
    // Changing one's own profile stays Camunda's normal right.
    var me = identity.createUserQuery().userId("worker").singleResult();
    assertThat(send("worker", HttpMethod.PUT, "/engine-rest/user/worker/profile", Map.of("id", "worker",
        "firstName", me.getFirstName(), "lastName", me.getLastName(), "email", String.valueOf(me.getEmail())))
        .getStatusCode().value()).isEqualTo(204);
  }

  @Test
  void aProcessOwnerCannotMoveACasePastItsDecisionWithAPlanOfTheirOwn(CapturedOutput log) {
    Contact contact = contactReceived();
    String definition = runtime.createProcessInstanceQuery().processInstanceId(contact.processInstanceId()).singleResult()
        .getProcessDefinitionId();
    var plan = runtime.createMigrationPlan(definition, definition).mapEqualActivities().build();

    ResponseEntity<String> migrated = send("owner", HttpMethod.POST, "/engine-rest/migration/execute", Map.of(
        "migrationPlan", org.camunda.bpm.engine.rest.dto.migration.MigrationPlanDto.from(plan),
        "processInstanceIds", List.of(contact.processInstanceId())));

    assertThat(migrated.getStatusCode().value()).as(migrated.getBody()).isEqualTo(403);
    assertThat(log.getOut()).contains("Refused: user=owner case=- POST /engine-rest/migration/execute -> 403");
  }

  @Test
  void aSocialWorkerCannotStartAContactFromTasklistRoundTheContactApi(CapturedOutput log) {
    WebAppSession tasklist = WebAppSession.signIn(http, "worker", "tasklist");
    long contacts = runtime.createProcessInstanceQuery().processDefinitionKey(ContactProcess.KEY).count();

    ResponseEntity<String> started = tasklist.engine(HttpMethod.POST, "/process-definition/key/" + ContactProcess.KEY + "/start",
        Map.of("businessKey", "CR-2026-999999", "variables", Map.of("concerns", Map.of("value", "Made up"))));

    assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(403);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(ContactProcess.KEY).count()).isEqualTo(contacts);
    assertThat(log.getOut()).contains("Refused: user=worker case=- POST " + WebAppSession.ENGINE_API
        + "/process-definition/key/" + ContactProcess.KEY + "/start -> 403");
  }

  // --- a contact at the front door ------------------------------------------------------------------

  record Contact(String caseRef, String processInstanceId, String taskId, String executionId) {}

  Contact contactReceived() {
    ResponseEntity<Map> answer = new FrontDoorClient(http).submit(
        SampleContact.fromSchool(OffsetDateTime.now().minusHours(1).toString()), "partner");
    assertThat(answer.getStatusCode().value()).isEqualTo(201);
    String processInstanceId = (String) answer.getBody().get("processInstanceId");
    var task = tasks.createTaskQuery().processInstanceId(processInstanceId).singleResult();
    return new Contact((String) answer.getBody().get("caseRef"), processInstanceId, task.getId(), task.getExecutionId());
  }

  ResponseEntity<String> send(String user, HttpMethod method, String path, Object body) {
    return http.exchange(path, method, new HttpEntity<>(body, AuthorizationMatrixTest.json(user)), String.class);
  }
}
