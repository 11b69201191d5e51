package org.safeguardflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.safeguardflow.intake.ContactProcess;
import org.safeguardflow.support.FrontDoorClient;
import org.safeguardflow.support.SafeguardFlowTest;
import org.safeguardflow.support.SampleContact;
import org.safeguardflow.support.WebAppSession;
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
 * Every role against every door, through the real HTTP endpoints with the demo users: what each may
 * do answers 2xx; what it may not answers 401 or 403 (or 404, for a contact someone else sent).
 */
@SafeguardFlowTest
class AuthorizationMatrixTest {

  /** The demo user of each role (password = user id). */
  static final List<String> USERS = List.of("demo", "worker", "manager", "senior", "auditor", "owner", "partner",
      "south-worker", "south-manager");

  @Autowired TestRestTemplate http;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;
  @Autowired org.camunda.bpm.engine.ManagementService management;
  @Autowired org.camunda.bpm.engine.RepositoryService repository;

  /**
   * One door: who may pass it, and how the others are refused. {@code refusedAs}: the answers a refused
   * role may get (a task the role cannot even see is "not found"); {@code rule}: the roles whose attempt
   * passes the rights check and is then refused by a rule of the case: 400 with the rule's own message,
   * never the engine's wrapper (issue 11). {@code unchanged}: read after a refusal, true when the record
   * is as it was (checked where it is cheap to read).
   */
  record Action(String name, Set<String> allowed, BiFunction<AuthorizationMatrixTest, String, ResponseEntity<String>> call,
      Set<Integer> refusedAs, Set<String> rule, Predicate<AuthorizationMatrixTest> unchanged) {
    Action(String name, Set<String> allowed, BiFunction<AuthorizationMatrixTest, String, ResponseEntity<String>> call) {
      this(name, allowed, call, Set.of(401, 403), Set.of());
    }

    Action(String name, Set<String> allowed, BiFunction<AuthorizationMatrixTest, String, ResponseEntity<String>> call,
        Set<Integer> refusedAs, Set<String> rule) {
      this(name, allowed, call, refusedAs, rule, t -> true);
    }

    /** The same door, with what must still hold after a refusal. */
    Action unchanged(Predicate<AuthorizationMatrixTest> check) {
      return new Action(name, allowed, call, refusedAs, rule, check);
    }
  }

  static final Set<Integer> FORBIDDEN_OR_UNSEEN = Set.of(403, 404);
  static final Set<String> ADMIN = Set.of("demo");
  /** Who works a contact decision: the front door's managers (and administrators). */
  static final Set<String> FRONT_DOOR = Set.of("demo", "manager");
  /** The council's people (every role but partner agencies, who reach only the contact API). */
  static final Set<String> STAFF = Set.of("demo", "worker", "manager", "senior", "auditor", "owner", "south-worker",
      "south-manager");
  static final String COMMENT = "Rang the school: Amy was collected by her aunt";
  static final String NEW_STARTERS_PASSWORD = "a-long-passphrase-of-a-new-starter";
  /** The candidate group of a contact decision. */
  static final String FRONT_DOOR_MANAGERS = "front-door-team-managers";

  /**
   * Every engine REST path that writes, for every role (issue 11). Only administrators change a task
   * beyond working it, a case's variables, its tokens, jobs and job definitions, history or
   * deployments; the people working a task may set its follow-up date. Each call acts on a new contact.
   */
  static final List<Action> WRITES = List.of(
      new Action("PUT /engine-rest/task/{id} moving the statutory due date", ADMIN,
          (t, user) -> t.updateTask(user, "due", "2099-12-31T12:00:00.000+0000"), FORBIDDEN_OR_UNSEEN, Set.of()),
      new Action("PUT /engine-rest/task/{id} setting the follow-up date", FRONT_DOOR,
          (t, user) -> t.updateTask(user, "followUp", "2099-01-15T09:00:00.000+0000"), FORBIDDEN_OR_UNSEEN, Set.of()),
      new Action("PUT /engine-rest/task/{id}/variables/{name}", ADMIN,
          (t, user) -> t.send(user, HttpMethod.PUT, "/engine-rest/task/" + t.contactDecisionTask() + "/variables/concerns",
              Map.of("value", "rewritten", "type", "String")), FORBIDDEN_OR_UNSEEN, Set.of()),
      new Action("POST /engine-rest/task/{id}/variables", ADMIN,
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/task/" + t.contactDecisionTask() + "/variables",
              Map.of("modifications", Map.of("concerns", Map.of("value", "rewritten")))), FORBIDDEN_OR_UNSEEN, Set.of()),
      new Action("PUT /engine-rest/task/{id}/localVariables/{name}", ADMIN,
          (t, user) -> t.send(user, HttpMethod.PUT, "/engine-rest/task/" + t.contactDecisionTask() + "/localVariables/note",
              Map.of("value", "a note", "type", "String")), FORBIDDEN_OR_UNSEEN, Set.of()),
      new Action("POST /engine-rest/task/{id}/identity-links", ADMIN,
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/task/" + t.contactDecisionTask() + "/identity-links",
              Map.of("groupId", "south-social-workers", "type", "candidate")), FORBIDDEN_OR_UNSEEN, Set.of()),
      // Nobody, an administrator included, puts a task in the hands of someone outside its team's groups: a case
      // moves to another team only by its transfer (issue 11).
      new Action("POST /engine-rest/task/{id}/assignee to another team's worker", Set.of(),
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/task/" + t.contactDecisionTask() + "/assignee",
              Map.of("userId", "south-worker")), FORBIDDEN_OR_UNSEEN, Set.of()),
      new Action("POST /engine-rest/task/{id}/delegate to another team's worker", Set.of(),
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/task/" + t.contactDecisionTask() + "/delegate",
              Map.of("userId", "south-worker")), FORBIDDEN_OR_UNSEEN, Set.of()),
      new Action("POST /engine-rest/task/{id}/complete with a variable its form does not hold", Set.of(),
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/task/" + t.contactDecisionTask() + "/complete",
              Map.of("variables", Map.of("contactDecision", Map.of("value", "NFA"),
                  "contactDecisionReason", Map.of("value", "Advice given"), "referralDate", Map.of("value", "2020-01-01")))),
          FORBIDDEN_OR_UNSEEN, FRONT_DOOR),
      // Only an administrator delegates; the manager it was delegated to hands it back.
      new Action("POST /engine-rest/task/{id}/resolve of a task delegated to a manager", FRONT_DOOR,
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/task/" + t.delegatedContactDecision() + "/resolve",
              Map.of()), FORBIDDEN_OR_UNSEEN, Set.of()),
      // Administrators pass the rights check; no model catches a task's error or escalation, so the engine refuses.
      new Action("POST /engine-rest/task/{id}/bpmnError", Set.of(),
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/task/" + t.contactDecisionTask() + "/bpmnError",
              Map.of("errorCode", "MATRIX")), FORBIDDEN_OR_UNSEEN, ADMIN),
      new Action("POST /engine-rest/task/{id}/bpmnEscalation", Set.of(),
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/task/" + t.contactDecisionTask() + "/bpmnEscalation",
              Map.of("escalationCode", "MATRIX")), FORBIDDEN_OR_UNSEEN, ADMIN),
      new Action("POST /engine-rest/process-instance/{id}/modification", ADMIN,
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/process-instance/" + t.contactProcess() + "/modification",
              Map.of("instructions", List.of(Map.of("type", "startBeforeActivity", "activityId", "Task_ManagerDecidesContact")))),
          FORBIDDEN_OR_UNSEEN, Set.of()),
      new Action("POST /engine-rest/process-instance/{id}/variables", ADMIN,
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/process-instance/" + t.contactProcess() + "/variables",
              Map.of("modifications", Map.of("concerns", Map.of("value", "rewritten")))), FORBIDDEN_OR_UNSEEN, Set.of()),
      new Action("PUT /engine-rest/process-instance/{id}/suspended", ADMIN,
          (t, user) -> t.send(user, HttpMethod.PUT, "/engine-rest/process-instance/" + t.contactProcess() + "/suspended",
              Map.of("suspended", false)), FORBIDDEN_OR_UNSEEN, Set.of()),
      new Action("PUT /engine-rest/job/{id}/duedate of a statutory deadline timer", ADMIN,
          (t, user) -> t.send(user, HttpMethod.PUT, "/engine-rest/job/" + t.deadlineTimer() + "/duedate",
              Map.of("duedate", "2099-12-31T12:00:00.000+0000")), FORBIDDEN_OR_UNSEEN, Set.of()),
      new Action("PUT /engine-rest/job/{id}/retries", ADMIN,
          (t, user) -> t.send(user, HttpMethod.PUT, "/engine-rest/job/" + t.deadlineTimer() + "/retries",
              Map.of("retries", 3)), FORBIDDEN_OR_UNSEEN, Set.of()),
      new Action("PUT /engine-rest/job/{id}/suspended", ADMIN,
          (t, user) -> t.send(user, HttpMethod.PUT, "/engine-rest/job/" + t.deadlineTimer() + "/suspended",
              Map.of("suspended", false)), FORBIDDEN_OR_UNSEEN, Set.of()),
      new Action("POST /engine-rest/job/{id}/execute", ADMIN,
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/job/" + t.deadlineTimer() + "/execute", null),
          FORBIDDEN_OR_UNSEEN, Set.of()),
      new Action("PUT /engine-rest/job-definition/{id}/suspended", ADMIN,
          (t, user) -> t.send(user, HttpMethod.PUT, "/engine-rest/job-definition/" + t.deadlineTimerDefinition() + "/suspended",
              Map.of("suspended", false)), FORBIDDEN_OR_UNSEEN, Set.of()),
      new Action("PUT /engine-rest/job-definition/{id}/retries", ADMIN,
          (t, user) -> t.send(user, HttpMethod.PUT, "/engine-rest/job-definition/" + t.deadlineTimerDefinition() + "/retries",
              Map.of("retries", 3)), FORBIDDEN_OR_UNSEEN, Set.of()),
      new Action("POST /engine-rest/external-task/fetchAndLock", ADMIN,
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/external-task/fetchAndLock",
              Map.of("workerId", "matrix", "maxTasks", 1, "topics", List.of(Map.of("topicName", "any", "lockDuration", 1000))))),
      new Action("POST /engine-rest/message", ADMIN,
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/message", Map.of(
              "messageName", ContactProcess.MESSAGE_FURTHER_CONTACT, "processInstanceId", t.contactProcess(),
              "processVariablesLocal", Map.of(ContactProcess.FurtherContact.RECEIVED_AT.name(),
                  Map.of("value", "2026-04-07T10:00:00.000+0000", "type", "Date"))))),
      new Action("POST /engine-rest/signal", ADMIN,
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/signal", Map.of("name", "MatrixSignal"))),
      new Action("POST /engine-rest/process-definition/key/{key}/start", ADMIN,
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/process-definition/" + t.probeProcess() + "/start",
              Map.of())),
      new Action("DELETE /engine-rest/history/variable-instance/{id}", ADMIN,
          (t, user) -> t.send(user, HttpMethod.DELETE, "/engine-rest/history/variable-instance/" + t.recordedConcerns(), null),
          Set.of(403, 404), Set.of()),
      new Action("DELETE /engine-rest/deployment/{id}", ADMIN,
          (t, user) -> t.send(user, HttpMethod.DELETE, "/engine-rest/deployment/" + t.probeDeployment(), null),
          Set.of(403, 404), Set.of()));

  /**
   * Every other engine REST path that changes a task: comments and attachments (added by the people
   * working the task, changed or deleted by administrators only), variables, deletion, the form.
   */
  static final List<Action> TASK_WRITES = List.of(
      new Action("POST /engine-rest/task/create", ADMIN,
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/task/create",
              Map.of("id", "matrix-" + java.util.UUID.randomUUID(), "name", "A task of no case"))),
      new Action("DELETE /engine-rest/task/{id} of a step of a case", Set.of(),
          (t, user) -> t.send(user, HttpMethod.DELETE, "/engine-rest/task/" + t.contactDecisionTask(), null),
          FORBIDDEN_OR_UNSEEN, ADMIN).unchanged(t -> t.tasks.createTaskQuery().taskId(t.task).count() == 1),
      new Action("POST /engine-rest/task/{id}/comment/create", FRONT_DOOR,
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/task/" + t.contactDecisionTask() + "/comment/create",
              Map.of("message", "Rang the school back")), FORBIDDEN_OR_UNSEEN, Set.of())
          .unchanged(t -> t.tasks.getTaskComments(t.task).isEmpty()),
      new Action("PUT /engine-rest/task/{id}/comment rewriting a comment", ADMIN,
          (t, user) -> t.send(user, HttpMethod.PUT, "/engine-rest/task/" + t.contactDecisionTask() + "/comment",
              Map.of("id", t.commentOnTask(), "message", "Rewritten")), FORBIDDEN_OR_UNSEEN, Set.of())
          .unchanged(t -> t.tasks.getTaskComments(t.task).get(0).getFullMessage().equals(COMMENT)),
      new Action("DELETE /engine-rest/task/{id}/comment/{commentId}", ADMIN,
          (t, user) -> t.send(user, HttpMethod.DELETE, "/engine-rest/task/" + t.contactDecisionTask() + "/comment/"
              + t.commentOnTask(), null), FORBIDDEN_OR_UNSEEN, Set.of())
          .unchanged(t -> t.tasks.getTaskComments(t.task).size() == 1),
      new Action("POST /engine-rest/task/{id}/attachment/create", FRONT_DOOR,
          (t, user) -> t.attach(user, t.contactDecisionTask()), FORBIDDEN_OR_UNSEEN, Set.of())
          .unchanged(t -> t.tasks.getTaskAttachments(t.task).isEmpty()),
      new Action("DELETE /engine-rest/task/{id}/attachment/{attachmentId}", ADMIN,
          (t, user) -> t.send(user, HttpMethod.DELETE, "/engine-rest/task/" + t.contactDecisionTask() + "/attachment/"
              + t.attachmentOnTask(), null), FORBIDDEN_OR_UNSEEN, Set.of())
          .unchanged(t -> t.tasks.getTaskAttachments(t.task).size() == 1),
      // A claim names who takes the task: for someone else it is an assignment (issue 11: a case handed to another team).
      new Action("POST /engine-rest/task/{id}/claim for another team's worker", Set.of(),
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/task/" + t.contactDecisionTask() + "/claim",
              Map.of("userId", "south-worker")), FORBIDDEN_OR_UNSEEN, Set.of())
          .unchanged(t -> t.tasks.createTaskQuery().taskId(t.task).singleResult().getAssignee() == null),
      new Action("POST /engine-rest/task/{id}/submit-form with a variable its form does not hold", Set.of(),
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/task/" + t.contactDecisionTask() + "/submit-form",
              Map.of("variables", Map.of("contactDecision", Map.of("value", "NFA"),
                  "contactDecisionReason", Map.of("value", "Advice given"), "concerns", Map.of("value", "rewritten")))),
          FORBIDDEN_OR_UNSEEN, FRONT_DOOR).unchanged(t -> t.tasks.createTaskQuery().taskId(t.task).count() == 1),
      new Action("POST /engine-rest/task/{id}/localVariables", ADMIN,
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/task/" + t.contactDecisionTask() + "/localVariables",
              Map.of("modifications", Map.of("note", Map.of("value", "a note")))), FORBIDDEN_OR_UNSEEN, Set.of())
          .unchanged(t -> t.tasks.getVariableLocal(t.task, "note") == null),
      new Action("DELETE /engine-rest/task/{id}/variables/{name}", ADMIN,
          (t, user) -> t.send(user, HttpMethod.DELETE, "/engine-rest/task/" + t.contactDecisionTask() + "/variables/concerns",
              null), FORBIDDEN_OR_UNSEEN, Set.of()).unchanged(AuthorizationMatrixTest::concernsAsSent),
      new Action("POST /engine-rest/task/{id}/variables/{name}/data (binary)", ADMIN,
          (t, user) -> t.binaryVariable(user, "/engine-rest/task/" + t.contactDecisionTask() + "/variables/concerns/data"),
          FORBIDDEN_OR_UNSEEN, Set.of()).unchanged(AuthorizationMatrixTest::concernsAsSent),
      new Action("POST /engine-rest/task/{id}/identity-links/delete", ADMIN,
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/task/" + t.contactDecisionTask() + "/identity-links/delete",
              Map.of("groupId", FRONT_DOOR_MANAGERS, "type", "candidate")), FORBIDDEN_OR_UNSEEN, Set.of())
          .unchanged(t -> !t.tasks.getIdentityLinksForTask(t.task).isEmpty()));

  /** Every other engine REST path that changes a case: its process, executions, tokens, history. */
  static final List<Action> CASE_WRITES = List.of(
      new Action("POST /engine-rest/process-definition/key/{key}/submit-form", ADMIN,
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/process-definition/key/" + t.probeProcessKey() + "/submit-form",
              Map.of("variables", Map.of()))),
      new Action("PUT /engine-rest/process-definition/{id}/suspended", ADMIN,
          (t, user) -> t.send(user, HttpMethod.PUT, "/engine-rest/process-definition/" + t.probeProcess() + "/suspended",
              Map.of("suspended", true, "includeProcessInstances", false)), FORBIDDEN_OR_UNSEEN, Set.of()),
      new Action("PUT /engine-rest/process-definition/{id}/history-time-to-live", ADMIN,
          (t, user) -> t.send(user, HttpMethod.PUT, "/engine-rest/process-definition/" + t.probeProcess()
              + "/history-time-to-live", Map.of("historyTimeToLive", 1)), FORBIDDEN_OR_UNSEEN, Set.of()),
      new Action("POST /engine-rest/process-definition/{id}/restart", ADMIN,
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/process-definition/" + t.probeProcess() + "/restart",
              Map.of("processInstanceIds", List.of(t.finishedProbe()),
                  "instructions", List.of(Map.of("type", "startBeforeActivity", "activityId", "StartEvent_Probe"))))),
      new Action("DELETE /engine-rest/process-definition/{id}", ADMIN,
          (t, user) -> t.send(user, HttpMethod.DELETE, "/engine-rest/process-definition/" + t.probeProcess(), null),
          FORBIDDEN_OR_UNSEEN, Set.of()),
      new Action("DELETE /engine-rest/process-instance/{id}/variables/{name}", ADMIN,
          (t, user) -> t.send(user, HttpMethod.DELETE, "/engine-rest/process-instance/" + t.contactProcess()
              + "/variables/concerns", null), FORBIDDEN_OR_UNSEEN, Set.of()).unchanged(AuthorizationMatrixTest::concernsAsSent),
      new Action("PUT /engine-rest/execution/{id}/localVariables/{name}", ADMIN,
          (t, user) -> t.send(user, HttpMethod.PUT, "/engine-rest/execution/" + t.contactProcess() + "/localVariables/concerns",
              Map.of("value", "rewritten", "type", "String")), FORBIDDEN_OR_UNSEEN, Set.of())
          .unchanged(AuthorizationMatrixTest::concernsAsSent),
      new Action("POST /engine-rest/execution/{id}/messageSubscriptions/{messageName}/trigger", ADMIN,
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/execution/" + t.contactProcess() + "/messageSubscriptions/"
              + ContactProcess.MESSAGE_FURTHER_CONTACT + "/trigger", Map.of("variables", Map.of(
                  ContactProcess.FurtherContact.RECEIVED_AT.name(), Map.of("value", "2026-04-07T10:00:00.000+0000", "type", "Date")))),
          FORBIDDEN_OR_UNSEEN, Set.of()).unchanged(t -> t.tasks.createTaskQuery().processInstanceId(t.process).count() == 1),
      new Action("POST /engine-rest/execution/{id}/signal of a step waiting for its form", Set.of(),
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/execution/" + t.decisionExecution() + "/signal", Map.of()),
          FORBIDDEN_OR_UNSEEN, ADMIN).unchanged(t -> t.tasks.createTaskQuery().taskId(t.task).count() == 1),
      new Action("POST /engine-rest/execution/{id}/create-incident", ADMIN,
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/execution/" + t.decisionExecution() + "/create-incident",
              Map.of("incidentType", "matrix", "configuration", "probe")), FORBIDDEN_OR_UNSEEN, Set.of()),
      new Action("DELETE /engine-rest/process-instance/{id}/comment/{commentId}", ADMIN,
          (t, user) -> t.send(user, HttpMethod.DELETE, "/engine-rest/process-instance/" + t.contactProcess() + "/comment/"
              + t.commentOnProcess(), null), FORBIDDEN_OR_UNSEEN, Set.of())
          .unchanged(t -> t.tasks.getProcessInstanceComments(t.process).size() == 1),
      new Action("POST /engine-rest/process-instance/delete (batch)", ADMIN,
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/process-instance/delete",
              Map.of("processInstanceIds", List.of(t.contactProcess()), "deleteReason", "matrix"))),
      new Action("PUT /engine-rest/process-instance/suspended (batch)", ADMIN,
          (t, user) -> t.send(user, HttpMethod.PUT, "/engine-rest/process-instance/suspended",
              Map.of("processInstanceIds", List.of(t.contactProcess()), "suspended", true)), FORBIDDEN_OR_UNSEEN, Set.of())
          .unchanged(t -> !t.runtime.createProcessInstanceQuery().processInstanceId(t.process).singleResult().isSuspended()),
      new Action("POST /engine-rest/process-instance/job-retries (batch)", ADMIN,
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/process-instance/job-retries",
              Map.of("processInstances", List.of(t.contactProcess()), "retries", 3))),
      new Action("POST /engine-rest/process-instance/variables-async (batch)", ADMIN,
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/process-instance/variables-async",
              Map.of("processInstanceIds", List.of(t.contactProcess()), "variables", Map.of("concerns", Map.of("value", "rewritten"))))),
      new Action("POST /engine-rest/migration/execute with a plan of the caller's own", ADMIN,
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/migration/execute", t.migrationOfANewContact())),
      new Action("POST /engine-rest/modification/execute", ADMIN,
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/modification/execute", Map.of(
              "processDefinitionId", t.contactDefinition(), "processInstanceIds", List.of(t.contactProcess()),
              "instructions", List.of(Map.of("type", "startBeforeActivity", "activityId", "Task_ManagerDecidesContact")))),
          FORBIDDEN_OR_UNSEEN, Set.of()).unchanged(t -> t.tasks.createTaskQuery().processInstanceId(t.process).count() == 1),
      new Action("DELETE /engine-rest/history/process-instance/{id}", ADMIN,
          (t, user) -> t.send(user, HttpMethod.DELETE, "/engine-rest/history/process-instance/" + t.finishedProbe(), null),
          FORBIDDEN_OR_UNSEEN, Set.of())
          .unchanged(t -> t.history.createHistoricProcessInstanceQuery().processInstanceId(t.process).count() == 1),
      new Action("POST /engine-rest/history/process-instance/delete (batch)", ADMIN,
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/history/process-instance/delete",
              Map.of("historicProcessInstanceIds", List.of(t.finishedProbe()), "deleteReason", "matrix"))),
      new Action("POST /engine-rest/history/process-instance/set-removal-time (batch)", ADMIN,
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/history/process-instance/set-removal-time",
              Map.of("absoluteRemovalTime", "2099-01-01T00:00:00.000+0000", "historicProcessInstanceIds",
                  List.of(t.finishedProbe())))),
      new Action("POST /engine-rest/history/decision-instance/delete (batch)", ADMIN,
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/history/decision-instance/delete",
              Map.of("historicDecisionInstanceIds", List.of(t.decisionEvaluated()), "deleteReason", "matrix"))),
      new Action("DELETE /engine-rest/job/{id} of a statutory deadline timer", ADMIN,
          (t, user) -> t.send(user, HttpMethod.DELETE, "/engine-rest/job/" + t.deadlineTimer(), null),
          FORBIDDEN_OR_UNSEEN, Set.of()).unchanged(t -> t.management.createJobQuery().jobId(t.job).count() == 1),
      new Action("POST /engine-rest/job/retries (batch)", ADMIN,
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/job/retries",
              Map.of("jobIds", List.of(t.deadlineTimer()), "retries", 3))),
      new Action("PUT /engine-rest/incident/{id}/annotation", ADMIN,
          (t, user) -> t.send(user, HttpMethod.PUT, "/engine-rest/incident/" + t.incident() + "/annotation",
              Map.of("annotation", "Looked at")), FORBIDDEN_OR_UNSEEN, Set.of()),
      new Action("PUT /engine-rest/batch/{id}/suspended", ADMIN,
          (t, user) -> t.send(user, HttpMethod.PUT, "/engine-rest/batch/" + t.batch() + "/suspended", Map.of("suspended", true)),
          FORBIDDEN_OR_UNSEEN, Set.of()),
      new Action("DELETE /engine-rest/incident/{id}", ADMIN,
          (t, user) -> t.send(user, HttpMethod.DELETE, "/engine-rest/incident/" + t.incident(), null), FORBIDDEN_OR_UNSEEN, Set.of()),
      new Action("PUT /engine-rest/job/{id}/priority", ADMIN,
          (t, user) -> t.send(user, HttpMethod.PUT, "/engine-rest/job/" + t.deadlineTimer() + "/priority", Map.of("priority", 10)),
          FORBIDDEN_OR_UNSEEN, Set.of()),
      new Action("POST /engine-rest/job/{id}/duedate/recalculate of a statutory deadline timer", ADMIN,
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/job/" + t.deadlineTimer() + "/duedate/recalculate", null),
          FORBIDDEN_OR_UNSEEN, Set.of()),
      new Action("PUT /engine-rest/history/user-operation/{operationId}/set-annotation", ADMIN,
          (t, user) -> t.send(user, HttpMethod.PUT, "/engine-rest/history/user-operation/" + t.claimInTheLog() + "/set-annotation",
              Map.of("annotation", "Not what happened")), FORBIDDEN_OR_UNSEEN, Set.of()),
      new Action("DELETE /engine-rest/history/process-instance/{id}/variable-instances", ADMIN,
          (t, user) -> t.send(user, HttpMethod.DELETE, "/engine-rest/history/process-instance/" + t.finishedProbe()
              + "/variable-instances", null), FORBIDDEN_OR_UNSEEN, Set.of()),
      // No CMMN model exists: an administrator is told 404; everyone else is stopped at the door (403).
      new Action("POST /engine-rest/case-definition/key/{key}/create", Set.of(),
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/case-definition/key/Case_Probe/create", Map.of()),
          Set.of(401, 403, 404), Set.of()),
      new Action("POST /engine-rest/external-task/{id}/complete", ADMIN,
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/external-task/" + t.lockedExternalTask() + "/complete",
              Map.of("workerId", "matrix"))));

  /** Engine administration: decisions, conditions, filters, people, groups, authorizations, the engine itself. */
  static final List<Action> ENGINE_WRITES = List.of(
      // Process owners try a decision table out: the evaluation is kept in the decision history, in no case.
      new Action("POST /engine-rest/decision-definition/key/{key}/evaluate", Set.of("demo", "owner"),
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/decision-definition/key/ChildMatching/evaluate",
              Map.of("variables", Map.of())), FORBIDDEN_OR_UNSEEN, Set.of()),
      new Action("POST /engine-rest/condition", Set.of(),
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/condition",
              Map.of("variables", Map.of("matrix", Map.of("value", 1)))), Set.of(401, 403), ADMIN),
      // History cleanup is off in this product (records are kept); an administrator is told so.
      new Action("POST /engine-rest/history/cleanup", Set.of(),
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/history/cleanup", null), Set.of(401, 403), ADMIN),
      new Action("POST /engine-rest/deployment/{id}/redeploy", Set.of("demo", "owner"),
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/deployment/" + t.probeDeployment() + "/redeploy", Map.of()),
          FORBIDDEN_OR_UNSEEN, Set.of()),
      new Action("PUT /engine-rest/decision-definition/{id}/history-time-to-live", ADMIN,
          (t, user) -> t.send(user, HttpMethod.PUT, "/engine-rest/decision-definition/" + t.childMatching() + "/history-time-to-live",
              Map.of("historyTimeToLive", t.repository.getDecisionDefinition(t.childMatching()).getHistoryTimeToLive())),
          FORBIDDEN_OR_UNSEEN, Set.of()),
      new Action("DELETE /engine-rest/metrics/task-worker", ADMIN,
          (t, user) -> t.send(user, HttpMethod.DELETE, "/engine-rest/metrics/task-worker", null)),
      new Action("DELETE /engine-rest/group/{id}/members/{userId}", ADMIN,
          (t, user) -> t.send(user, HttpMethod.DELETE, "/engine-rest/group/" + t.groupWithAMember() + "/members/" + t.person, null),
          FORBIDDEN_OR_UNSEEN, Set.of())
          .unchanged(t -> t.identity.createUserQuery().userId(t.person).memberOfGroup(t.group).count() == 1),
      new Action("POST /engine-rest/filter/create", ADMIN,
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/filter/create",
              Map.of("resourceType", "Task", "name", "matrix-probe", "query", Map.of())), FORBIDDEN_OR_UNSEEN, Set.of()),
      new Action("PUT /engine-rest/filter/{id}", ADMIN,
          (t, user) -> t.send(user, HttpMethod.PUT, "/engine-rest/filter/" + t.sharedFilter(),
              Map.of("resourceType", "Task", "name", "Renamed", "query", Map.of())), FORBIDDEN_OR_UNSEEN, Set.of())
          .unchanged(t -> t.filters.getFilter(t.filter).getName().equals("matrix-probe")),
      new Action("DELETE /engine-rest/filter/{id}", ADMIN,
          (t, user) -> t.send(user, HttpMethod.DELETE, "/engine-rest/filter/" + t.sharedFilter(), null),
          FORBIDDEN_OR_UNSEEN, Set.of()).unchanged(t -> t.filters.getFilter(t.filter) != null),
      new Action("POST /engine-rest/authorization/create", ADMIN,
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/authorization/create", Map.of("type", 1,
              "permissions", List.of("ALL"), "userId", String.valueOf(user), "resourceType", 0,
              "resourceId", "matrix-" + java.util.UUID.randomUUID())), FORBIDDEN_OR_UNSEEN, Set.of()),
      new Action("PUT /engine-rest/authorization/{id}", ADMIN,
          (t, user) -> t.send(user, HttpMethod.PUT, "/engine-rest/authorization/" + t.probeAuthorization(), Map.of(
              "permissions", List.of("ALL"), "userId", String.valueOf(user), "resourceType", 0, "resourceId", t.resource)),
          FORBIDDEN_OR_UNSEEN, Set.of()),
      new Action("POST /engine-rest/group/create", ADMIN,
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/group/create",
              Map.of("id", "matrix-" + java.util.UUID.randomUUID(), "name", "A group", "type", "WORKFLOW"))),
      new Action("PUT /engine-rest/group/camunda-admin/members/{userId}", ADMIN,
          (t, user) -> t.send(user, HttpMethod.PUT, "/engine-rest/group/camunda-admin/members/" + t.newUser(), null),
          FORBIDDEN_OR_UNSEEN, Set.of())
          .unchanged(t -> t.identity.createUserQuery().userId(t.person).memberOfGroup("camunda-admin").count() == 0),
      new Action("POST /engine-rest/user/create", ADMIN,
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/user/create", Map.of(
              "profile", Map.of("id", "matrix-" + java.util.UUID.randomUUID(), "firstName", "New", "lastName", "Starter"),
              "credentials", Map.of("password", "a-long-passphrase-of-a-new-starter")))),
      // Camunda's own rule: each person changes their own password and profile (Camunda Admin, "My profile").
      new Action("PUT /engine-rest/user/{id}/credentials of their own account", STAFF,
          (t, user) -> t.send(user, HttpMethod.PUT, "/engine-rest/user/" + user + "/credentials",
              Map.of("password", String.valueOf(user), "authenticatedUserPassword", String.valueOf(user))),
          FORBIDDEN_OR_UNSEEN, Set.of()),
      new Action("PUT /engine-rest/user/{id}/credentials of someone else", ADMIN,
          (t, user) -> t.send(user, HttpMethod.PUT, "/engine-rest/user/" + t.newUser() + "/credentials",
              Map.of("password", "someone-elses-new-passphrase", "authenticatedUserPassword", String.valueOf(user))),
          FORBIDDEN_OR_UNSEEN, Set.of()).unchanged(t -> t.identity.checkPassword(t.person, NEW_STARTERS_PASSWORD)),
      new Action("PUT /engine-rest/user/{id}/profile of their own account", STAFF,
          (t, user) -> t.send(user, HttpMethod.PUT, "/engine-rest/user/" + user + "/profile", t.profileOf(user)),
          FORBIDDEN_OR_UNSEEN, Set.of()),
      new Action("PUT /engine-rest/user/{id}/profile of someone else", ADMIN,
          (t, user) -> t.send(user, HttpMethod.PUT, "/engine-rest/user/" + t.newUser() + "/profile",
              Map.of("id", t.person, "firstName", "Renamed", "lastName", "Starter", "email", "renamed@council.example")),
          FORBIDDEN_OR_UNSEEN, Set.of())
          .unchanged(t -> "New".equals(t.identity.createUserQuery().userId(t.person).singleResult().getFirstName())),
      // A leaver's account is closed by an administrator; nobody deletes their own (an administrator: a new starter's).
      new Action("DELETE /engine-rest/user/{id} of their own account", ADMIN,
          (t, user) -> t.send(user, HttpMethod.DELETE, "/engine-rest/user/" + ("demo".equals(user) ? t.newUser() : user), null),
          FORBIDDEN_OR_UNSEEN, Set.of()),
      new Action("POST /engine-rest/user/{id}/unlock", ADMIN,
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/user/" + t.newUser() + "/unlock", null),
          FORBIDDEN_OR_UNSEEN, Set.of()),
      new Action("POST /engine-rest/tenant/create", ADMIN,
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/tenant/create",
              Map.of("id", "matrix-" + java.util.UUID.randomUUID(), "name", "A tenant"))),
      new Action("POST /engine-rest/telemetry/configuration", ADMIN,
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/telemetry/configuration", Map.of("enableTelemetry", false))),
      // Checking a password counts towards locking that person out: not a tool for everyone.
      new Action("POST /engine-rest/identity/verify", ADMIN,
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/identity/verify",
              Map.of("username", String.valueOf(user), "password", String.valueOf(user)))));

  static final List<Action> ACTIONS = List.of(
      new Action("POST /api/contacts", Set.of("demo", "worker", "manager", "senior", "partner", "south-worker", "south-manager"),
          (t, user) -> t.submit(user)),
      new Action("GET /api/contacts/{ref} of a contact they sent", Set.of("demo", "worker", "manager", "senior", "partner",
          "south-worker", "south-manager"),
          (t, user) -> t.get(user, "/api/contacts/" + t.caseRefSentBy(user))),
      new Action("GET /api/contacts/{ref} of someone else's contact", Set.of(),
          (t, user) -> t.get(user, "/api/contacts/" + t.caseRefSentBy("manager".equals(user) ? "worker" : "manager"))),
      new Action("GET /engine-rest/task", Set.of("demo", "worker", "manager", "senior", "auditor", "owner",
          "south-worker", "south-manager"),
          (t, user) -> t.get(user, "/engine-rest/task")),
      new Action("POST /engine-rest/task/{id}/claim on a contact decision", Set.of("demo", "manager"),
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/task/" + t.contactDecisionTask() + "/claim",
              Map.of("userId", String.valueOf(user)))),
      new Action("POST /engine-rest/task/{id}/complete on a contact decision", Set.of("demo", "manager"),
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/task/" + t.contactDecisionTask() + "/complete",
              Map.of("variables", Map.of("contactDecision", Map.of("value", "NFA"),
                  "contactDecisionReason", Map.of("value", "Advice given to the school"))))),
      new Action("PUT /engine-rest/process-instance/{id}/variables/{name}", Set.of("demo"),
          (t, user) -> t.send(user, HttpMethod.PUT, "/engine-rest/process-instance/" + t.contactProcess()
              + "/variables/concerns", Map.of("value", "rewritten", "type", "String"))),
      new Action("DELETE /engine-rest/process-instance/{id}", Set.of("demo"),
          (t, user) -> t.send(user, HttpMethod.DELETE, "/engine-rest/process-instance/" + t.contactProcess(), null)),
      new Action("GET /engine-rest/history/process-instance", Set.of("demo", "worker", "manager", "senior", "auditor", "owner",
          "south-worker", "south-manager"),
          (t, user) -> t.get(user, "/engine-rest/history/process-instance")),
      new Action("POST /engine-rest/deployment/create", Set.of("demo", "owner"),
          (t, user) -> t.deploy(user, probeModel())),
      new Action("POST /api/models/Process_Contact/migrations", Set.of("demo", "owner"),
          (t, user) -> t.send(user, HttpMethod.POST, "/api/models/Process_Contact/migrations", Map.of())),
      new Action("PUT /api/agencies/{code}", Set.of("demo", "senior"),
          (t, user) -> t.send(user, HttpMethod.PUT, "/api/agencies/MATRIX_" + String.valueOf(user).toUpperCase(),
              Map.of("name", "Housing", "kind", "HOUSING", "channel", "EMAIL", "email", "housing@council.example"))),
      new Action("GET /api/caseloads", Set.of("demo", "manager", "senior", "auditor", "south-manager"),
          (t, user) -> t.get(user, "/api/caseloads")),
      // Service-wide lists of children: not for a team manager, whose view is their team's cases.
      new Action("GET /api/returns/cin-census", Set.of("demo", "senior", "auditor"),
          (t, user) -> t.get(user, "/api/returns/cin-census?year=2026")),
      new Action("GET /api/timeliness", Set.of("demo", "senior", "auditor"),
          (t, user) -> t.get(user, "/api/timeliness?from=2026-04-01&to=2026-04-30")),
      new Action("GET /api/cases/{ref}/timeline of a contact at the front door", Set.of("demo", "manager", "senior", "auditor"),
          (t, user) -> t.get(user, "/api/cases/" + t.caseRefSentBy("partner") + "/timeline")),
      // Merging child records: the front door's managers (who weigh every child's history) and service managers.
      new Action("GET /api/children/merges", Set.of("demo", "manager", "senior"),
          (t, user) -> t.get(user, "/api/children/merges?caseRef=" + t.caseRefSentBy("partner"))),
      new Action("GET /engine-rest/user", Set.of("demo", "worker", "manager", "senior", "auditor", "owner",
          "south-worker", "south-manager"),
          (t, user) -> t.get(user, "/engine-rest/user")));

  static List<Action> doors() {
    List<Action> all = new ArrayList<>(ACTIONS);
    all.addAll(WRITES);
    all.addAll(TASK_WRITES);
    all.addAll(CASE_WRITES);
    all.addAll(ENGINE_WRITES);
    return all;
  }

  static Stream<Arguments> matrix() {
    List<Arguments> cells = new ArrayList<>();
    for (Action action : doors()) {
      for (String user : USERS) {
        cells.add(Arguments.of(user, action.name(), action.allowed().contains(user)));
      }
    }
    return cells.stream();
  }

  // A contact's outcome is refused as "not found", so that its existence is not given away.
  @ParameterizedTest(name = "{0} × {1}: allowed = {2}")
  @MethodSource("matrix")
  void eachRoleMayDoWhatItsRoleSaysAndNothingElse(String user, String actionName, boolean allowed) {
    Action action = doors().stream().filter(a -> a.name().equals(actionName)).findFirst().orElseThrow();

    ResponseEntity<String> answer = action.call().apply(this, user);

    if (allowed) {
      assertThat(answer.getStatusCode().is2xxSuccessful()).as(answer.getStatusCode() + " " + answer.getBody()).isTrue();
    } else if (action.rule().contains(user)) {
      assertThat(answer.getStatusCode().value()).as("refused by a rule: " + answer.getBody()).isEqualTo(400);
      assertThat(answer.getBody()).as("the rule's own message, not the engine's wrapper").contains("\"message\":")
          .doesNotContain("ENGINE-", "TaskListener", "Exception", "org.camunda", "org.safeguardflow");
    } else {
      assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody()))
          .isIn(actionName.startsWith("GET /api/contacts/") ? Set.of(404) : action.refusedAs());
    }
    if (!allowed) {
      assertThat(action.unchanged().test(this)).as("nothing changed after " + user + "'s refused " + actionName).isTrue();
    }
  }

  /**
   * What a cell made for the council's own lists is taken away: Tasklist's shared filters, the groups,
   * tenants and people (a new starter added to camunda-admin above all) are the product's.
   */
  @org.junit.jupiter.api.AfterEach
  void takeAwayWhatTheCellMade() {
    identity.clearAuthentication();
    for (var group : identity.createGroupQuery().groupName("A group").list()) {
      identity.deleteGroup(group.getId());
    }
    for (var tenant : identity.createTenantQuery().tenantName("A tenant").list()) {
      identity.deleteTenant(tenant.getId());
    }
    for (var starter : identity.createUserQuery().userLastName("Starter").list()) {
      identity.deleteUser(starter.getId());
    }
    for (var made : filters.createFilterQuery().filterNameLike("matrix-probe").list()) {
      filters.deleteFilter(made.getId());
    }
    for (var renamed : filters.createFilterQuery().filterName("Renamed").list()) {
      filters.deleteFilter(renamed.getId());
    }
  }

  @Test
  void everyDoorIsShutWithoutCredentials() {
    for (Action action : doors()) {
      assertThat(action.call().apply(this, null).getStatusCode().value()).as(action.name()).isEqualTo(401);
    }
  }

  @Test
  void theEngineShowsEachRoleOnlyTheCasesAndTasksItsRoleReaches() {
    String caseRef = caseRefSentBy("partner");
    String processInstanceId = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(caseRef)
        .singleResult().getId();
    String taskId = tasks.createTaskQuery().processInstanceId(processInstanceId).singleResult().getId();
    Map<String, Boolean> seesTask = new LinkedHashMap<>();
    Map<String, Boolean> seesHistory = new LinkedHashMap<>();
    for (String user : List.of("demo", "worker", "manager", "senior", "auditor", "owner", "south-manager")) {
      seesTask.put(user, get(user, "/engine-rest/task?processInstanceId=" + processInstanceId).getBody().contains(taskId));
      seesHistory.put(user, get(user, "/engine-rest/history/process-instance?processInstanceId=" + processInstanceId)
          .getBody().contains(caseRef));
    }
    // The front door's decision goes to its managers: social workers, other teams' managers and process
    // owners do not see it.
    assertThat(seesTask).isEqualTo(Map.of("demo", true, "worker", false, "manager", true,
        "senior", true, "auditor", true, "owner", false, "south-manager", false));
    assertThat(seesHistory).isEqualTo(Map.of("demo", true, "worker", false, "manager", true,
        "senior", true, "auditor", true, "owner", false, "south-manager", false));
  }

  @Test
  void answersCarryTheSecurityHeadersAndAreNeverCached() {
    for (ResponseEntity<String> answer : List.of(get("manager", "/api/caseloads"), get("auditor", "/engine-rest/task"),
        get("partner", "/api/contacts/CR-2000-000001"), get(null, "/api/caseloads"))) {
      HttpHeaders headers = answer.getHeaders();
      assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(headers.getFirst("X-Frame-Options")).isEqualTo("DENY");
      assertThat(headers.getCacheControl()).contains("no-store");
    }
  }

  @Test
  void whatAnAdministratorDoesToUsersIsInTheUserOperationLog() {
    String newUser = "matrix-" + System.nanoTime() % 1_000_000;
    ResponseEntity<String> created = send("demo", HttpMethod.POST, "/engine-rest/user/create", Map.of(
        "profile", Map.of("id", newUser, "firstName", "New", "lastName", "Partner", "email", newUser + "@police.example"),
        "credentials", Map.of("password", "a-long-passphrase-for-" + newUser)));
    assertThat(created.getStatusCode().value()).isEqualTo(204);
    assertThat(send("demo", HttpMethod.PUT, "/engine-rest/group/partner-agencies/members/" + newUser, null)
        .getStatusCode().value()).isEqualTo(204);

    List<UserOperationLogEntry> log = history.createUserOperationLogQuery().userId("demo")
        .entityTypeIn(EntityTypes.USER, EntityTypes.GROUP_MEMBERSHIP).list();
    assertThat(log).extracting(UserOperationLogEntry::getOperationType, UserOperationLogEntry::getEntityType)
        .contains(org.assertj.core.groups.Tuple.tuple(UserOperationLogEntry.OPERATION_TYPE_CREATE, EntityTypes.USER),
            org.assertj.core.groups.Tuple.tuple(UserOperationLogEntry.OPERATION_TYPE_CREATE, EntityTypes.GROUP_MEMBERSHIP));
    assertThat(send("manager", HttpMethod.POST, "/engine-rest/user/create", Map.of("profile", Map.of("id", newUser + "x")))
        .getStatusCode().value()).as("only administrators create users").isEqualTo(403);
  }

  // --- the same engine API, as Tasklist and Cockpit call it -----------------------------------------

  /**
   * One door of the web apps' engine API; {@code allowed} answer 2xx, {@code rule} (administrators, who pass
   * the door) 400 with a plain message, every other role 403 (or 404).
   */
  record WebDoor(String name, Set<String> allowed, BiFunction<AuthorizationMatrixTest, WebAppSession, ResponseEntity<String>> call,
      Set<String> rule) {
    WebDoor(String name, Set<String> allowed, BiFunction<AuthorizationMatrixTest, WebAppSession, ResponseEntity<String>> call) {
      this(name, allowed, call, Set.of());
    }
  }

  /**
   * The web apps' copy of the engine REST API ({@code /camunda/api/engine/…}, session and CSRF token) is
   * no back door to what {@code /engine-rest} refuses: the administrators' doors, the case's variables,
   * someone's account.
   */
  static final List<WebDoor> WEB_DOORS = List.of(
      new WebDoor("POST …/process-definition/key/Process_Contact/start (a contact round the contact API)", Set.of(),
          (t, web) -> web.engine(HttpMethod.POST, "/process-definition/key/" + ContactProcess.KEY + "/start",
              Map.of("businessKey", "CR-2000-000001", "variables", Map.of("concerns", Map.of("value", "made up")))), ADMIN),
      new WebDoor("POST …/process-definition/{id}/restart of a finished case", ADMIN,
          (t, web) -> web.engine(HttpMethod.POST, "/process-definition/" + t.probeProcess() + "/restart",
              Map.of("processInstanceIds", List.of(t.finishedProbe()),
                  "instructions", List.of(Map.of("type", "startBeforeActivity", "activityId", "StartEvent_Probe"))))),
      new WebDoor("POST …/message", Set.of(), (t, web) -> web.engine(HttpMethod.POST, "/message", Map.of(
          "messageName", ContactProcess.MESSAGE_FURTHER_CONTACT, "processInstanceId", t.contactProcess())), ADMIN),
      new WebDoor("POST …/condition", Set.of(),
          (t, web) -> web.engine(HttpMethod.POST, "/condition", Map.of("variables", Map.of("matrix", Map.of("value", 1)))), ADMIN),
      new WebDoor("POST …/migration/execute", ADMIN,
          (t, web) -> web.engine(HttpMethod.POST, "/migration/execute", t.migrationOfANewContact())),
      new WebDoor("POST …/history/cleanup", Set.of(), (t, web) -> web.engine(HttpMethod.POST, "/history/cleanup", null), ADMIN),
      new WebDoor("POST …/telemetry/configuration", ADMIN,
          (t, web) -> web.engine(HttpMethod.POST, "/telemetry/configuration", Map.of("enableTelemetry", false))),
      new WebDoor("POST …/identity/verify of someone else's password", ADMIN,
          (t, web) -> web.engine(HttpMethod.POST, "/identity/verify", Map.of("username", t.newUser(),
              "password", NEW_STARTERS_PASSWORD))),
      new WebDoor("PUT …/task/{id}/variables/{name}", ADMIN,
          (t, web) -> web.engine(HttpMethod.PUT, "/task/" + t.contactDecisionTask() + "/variables/concerns",
              Map.of("value", "rewritten", "type", "String"))),
      new WebDoor("POST …/task/{id}/comment/create", FRONT_DOOR,
          (t, web) -> web.engine(HttpMethod.POST, "/task/" + t.contactDecisionTask() + "/comment/create",
              Map.of("message", "Rang the school back"))),
      new WebDoor("DELETE …/user/{id} of a new starter", ADMIN,
          (t, web) -> web.engine(HttpMethod.DELETE, "/user/" + t.newUser(), null)));

  static Stream<Arguments> webMatrix() {
    List<Arguments> cells = new ArrayList<>();
    for (WebDoor door : WEB_DOORS) {
      for (String user : STAFF) {
        cells.add(Arguments.of(user, door.name(), door.allowed().contains(user)));
      }
    }
    return cells.stream();
  }

  @ParameterizedTest(name = "web apps: {0} × {1}: allowed = {2}")
  @MethodSource("webMatrix")
  void theWebAppsEngineApiIsNoBackDoor(String user, String doorName, boolean allowed) {
    WebDoor door = WEB_DOORS.stream().filter(d -> d.name().equals(doorName)).findFirst().orElseThrow();
    // Caseworkers open Tasklist; auditors and process owners open Cockpit.
    WebAppSession web = WebAppSession.signIn(http, user, Set.of("auditor", "owner").contains(user) ? "cockpit" : "tasklist");
    assertThat(web.signInStatus()).isEqualTo(200);

    ResponseEntity<String> answer = door.call().apply(this, web);

    if (allowed) {
      assertThat(answer.getStatusCode().is2xxSuccessful()).as(answer.getStatusCode() + " " + answer.getBody()).isTrue();
    } else if (door.rule().contains(user)) {
      assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(400);
      assertThat(answer.getBody()).doesNotContain("ENGINE-", "Exception", "org.camunda", "org.safeguardflow", "${");
    } else {
      assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isIn(403, 404);
    }
  }

  @Test
  void aWebAppWriteWithoutItsCsrfTokenIsRefusedEvenForTheFrontDoor() {
    WebAppSession tasklist = WebAppSession.signIn(http, "manager", "tasklist");
    String id = contactDecisionTask();
    assertThat(tasklist.engine(HttpMethod.POST, "/task/" + id + "/comment/create", Map.of("message", "Rang the school back"))
        .getStatusCode().value()).as("with the token").isEqualTo(200);

    ResponseEntity<String> forged = tasklist.engineWithoutCsrfToken(HttpMethod.POST, "/task/" + id + "/comment/create",
        Map.of("message", "Sent from another site"));

    assertThat(forged.getStatusCode().value()).isEqualTo(403);
    assertThat(tasks.getTaskComments(id)).extracting(org.camunda.bpm.engine.task.Comment::getFullMessage)
        .containsExactly("Rang the school back");
  }

  @Test
  void theFirstAdministratorSetUpIsClosedOnceThereIsAnAdministrator() {
    for (String user : List.of("demo", "worker", "auditor")) {
      ResponseEntity<String> setup = send(user, HttpMethod.POST, "/camunda/api/admin/setup/default/user/create", Map.of(
          "profile", Map.of("id", "matrix-admin", "firstName", "Not", "lastName", "Admin"),
          "credentials", Map.of("password", "a-long-passphrase-for-a-second-admin")));
      assertThat(setup.getStatusCode().value()).as(user + ": " + setup.getBody()).isEqualTo(403);
    }
    assertThat(identity.createUserQuery().userId("matrix-admin").count()).isZero();
  }

  // --- what the writes act on (each call makes its own) -------------------------------------------


  @Autowired org.camunda.bpm.engine.RuntimeService runtime;
  @Autowired org.camunda.bpm.engine.IdentityService identity;
  @Autowired org.camunda.bpm.engine.FilterService filters;
  @Autowired org.camunda.bpm.engine.AuthorizationService authorizations;
  @Autowired org.camunda.bpm.engine.DecisionService decisions;
  @Autowired org.camunda.bpm.engine.ExternalTaskService externalTasks;

  /** The task, process instance, job, filter, person, resource and probe model the current call acts on. */
  String task;
  String process;
  String job;
  String filter;
  String person;
  String resource;
  String probeDefinition;

  String group;

  /** A batch deleting a new contact's process, made by the system (not yet run: its seed job waits). */
  String batch() {
    return runtime.deleteProcessInstancesAsync(List.of(contactProcess()), "matrix").getId();
  }

  /** The operation id of a claim an administrator made of a new contact's decision (in the user operation log). */
  String claimInTheLog() {
    String id = contactDecisionTask();
    identity.setAuthentication("demo", List.of(org.camunda.bpm.engine.authorization.Groups.CAMUNDA_ADMIN));
    try {
      tasks.claim(id, "manager");
    } finally {
      identity.clearAuthentication();
    }
    return history.createUserOperationLogQuery().taskId(id).operationType(UserOperationLogEntry.OPERATION_TYPE_CLAIM)
        .singleResult().getOperationId();
  }

  /** The latest version of the child-matching table. */
  String childMatching() {
    return repository.createDecisionDefinitionQuery().decisionDefinitionKey("ChildMatching").latestVersion().singleResult()
        .getId();
  }

  /** A new group with a new starter in it. */
  String groupWithAMember() {
    group = "matrix-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    var made = identity.newGroup(group);
    made.setName("A group");
    identity.saveGroup(made);
    identity.createMembership(newUser(), group);
    return group;
  }

  /** The contact's concerns are still the text the school sent. */
  static boolean concernsAsSent(AuthorizationMatrixTest t) {
    Object concerns = t.runtime.getVariable(t.process, "concerns");
    return concerns instanceof String text && !text.equals("rewritten");
  }

  /** A comment the front door recorded on the current task. */
  String commentOnTask() {
    return tasks.createComment(task, null, COMMENT).getId();
  }

  /** A comment recorded on the current contact process. */
  String commentOnProcess() {
    return tasks.createComment(null, process, COMMENT).getId();
  }

  /** A file attached to the current task. */
  String attachmentOnTask() {
    return tasks.createAttachment("text/plain", task, null, "call-note.txt", "Call note",
        new java.io.ByteArrayInputStream("Call note".getBytes(StandardCharsets.UTF_8))).getId();
  }

  /** The execution waiting in a new contact's decision task. */
  String decisionExecution() {
    String id = contactDecisionTask();
    return tasks.createTaskQuery().taskId(id).singleResult().getExecutionId();
  }

  /** An incident recorded on a new contact's decision. */
  String incident() {
    return runtime.createIncident("matrix", decisionExecution(), "probe").getId();
  }

  /** The version new contacts start on. */
  String contactDefinition() {
    return repository.createProcessDefinitionQuery().processDefinitionKey(ContactProcess.KEY).latestVersion()
        .singleResult().getId();
  }

  /** A migration of a new contact onto the version it runs on, every step to itself. */
  Map<String, Object> migrationOfANewContact() {
    String instance = contactProcess();
    String definition = runtime.createProcessInstanceQuery().processInstanceId(instance).singleResult().getProcessDefinitionId();
    var plan = runtime.createMigrationPlan(definition, definition).mapEqualActivities().build();
    return Map.of("migrationPlan", org.camunda.bpm.engine.rest.dto.migration.MigrationPlanDto.from(plan),
        "processInstanceIds", List.of(instance));
  }

  /** The key of the probe model (deployed for this call). */
  String probeProcessKey() {
    probeProcess();
    return "Process_MatrixProbe";
  }

  /** An instance of the probe model, already finished (its history is all there is). */
  String finishedProbe() {
    process = runtime.startProcessInstanceById(probeProcess()).getId();
    return process;
  }

  /** A decision evaluated by the system: one historic decision instance. */
  String decisionEvaluated() {
    decisions.evaluateDecisionByKey("ChildMatching").variables(Map.of()).evaluate();
    return history.createHistoricDecisionInstanceQuery().decisionDefinitionKey("ChildMatching").orderByEvaluationTime().desc()
        .listPage(0, 1).get(0).getId();
  }

  /** An external task of a probe model, locked by worker "matrix". */
  String lockedExternalTask() {
    String deployment = repository.createDeployment().name("matrix-probe-external")
        .addString("probe-external.bpmn", PROBE_EXTERNAL).deploy().getId();
    String definition = repository.createProcessDefinitionQuery().deploymentId(deployment).singleResult().getId();
    runtime.startProcessInstanceById(definition);
    return externalTasks.fetchAndLock(1, "matrix").topic("matrix-probe", 600_000L).processDefinitionId(definition)
        .execute().get(0).getId();
  }

  /** A shared task filter named "matrix-probe". */
  String sharedFilter() {
    filter = filters.saveFilter(filters.newTaskFilter("matrix-probe")).getId();
    return filter;
  }

  /** An authorization an administrator made (a group's right to open an app of no use). */
  String probeAuthorization() {
    resource = "matrix-" + java.util.UUID.randomUUID();
    var grant = authorizations.createNewAuthorization(org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT);
    grant.setGroupId("matrix-probe");
    grant.setResource(org.camunda.bpm.engine.authorization.Resources.APPLICATION);
    grant.setResourceId(resource);
    grant.addPermission(org.camunda.bpm.engine.authorization.Permissions.ACCESS);
    return authorizations.saveAuthorization(grant).getId();
  }

  /** A new starter's account, made by an administrator. */
  String newUser() {
    person = "matrix-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    var user = identity.newUser(person);
    user.setFirstName("New");
    user.setLastName("Starter");
    user.setPassword(NEW_STARTERS_PASSWORD);
    identity.saveUser(user);
    return person;
  }

  /** A person's profile as it is (sent back unchanged, as Camunda Admin's "My profile" does). */
  Map<String, Object> profileOf(String user) {
    Map<String, Object> profile = new java.util.HashMap<>();
    var found = user == null ? null : identity.createUserQuery().userId(user).singleResult();
    profile.put("id", user == null ? "nobody" : user);
    if (found != null) {
      profile.put("firstName", found.getFirstName());
      profile.put("lastName", found.getLastName());
      profile.put("email", found.getEmail());
    }
    return profile;
  }

  /** A file attached through the REST API (multipart, as the API expects). */
  ResponseEntity<String> attach(String user, String taskId) {
    HttpHeaders headers = credentials(user);
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    var parts = new LinkedMultiValueMap<String, Object>();
    parts.add("attachment-name", "call-note.txt");
    parts.add("attachment-description", "Call note");
    parts.add("attachment-type", "text/plain");
    parts.add("content", file("call-note.txt", "Rang the school back"));
    return http.exchange("/engine-rest/task/" + taskId + "/attachment/create", HttpMethod.POST,
        new HttpEntity<>(parts, headers), String.class);
  }

  /** A binary variable sent through the REST API (multipart, as the API expects). */
  ResponseEntity<String> binaryVariable(String user, String path) {
    HttpHeaders headers = credentials(user);
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    var parts = new LinkedMultiValueMap<String, Object>();
    parts.add("data", file("concerns.bin", "rewritten"));
    parts.add("valueType", "Bytes");
    return http.exchange(path, HttpMethod.POST, new HttpEntity<>(parts, headers), String.class);
  }

  private static ByteArrayResource file(String name, String content) {
    return new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return name;
      }
    };
  }

  static final String PROBE_EXTERNAL = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_MatrixProbeExternal"
          targetNamespace="http://safeguard-flow.example/probe">
        <bpmn:process id="Process_MatrixProbeExternal" name="Matrix probe, external work" isExecutable="true"
            camunda:historyTimeToLive="36500">
          <bpmn:startEvent id="StartEvent_ProbeExternal" name="Probe started"><bpmn:outgoing>Flow_ProbeExternal</bpmn:outgoing></bpmn:startEvent>
          <bpmn:sequenceFlow id="Flow_ProbeExternal" sourceRef="StartEvent_ProbeExternal" targetRef="Task_ProbeExternal" />
          <bpmn:serviceTask id="Task_ProbeExternal" name="Probe work" camunda:type="external" camunda:topic="matrix-probe">
            <bpmn:incoming>Flow_ProbeExternal</bpmn:incoming>
          </bpmn:serviceTask>
        </bpmn:process>
      </bpmn:definitions>
      """;

  // --- the calls ---------------------------------------------------------------------------------

  ResponseEntity<String> submit(String user) {
    HttpHeaders headers = json(user);
    return http.exchange("/api/contacts", HttpMethod.POST,
        new HttpEntity<>(SampleContact.fromSchool(OffsetDateTime.now().minusHours(1).toString()).body(), headers), String.class);
  }

  /** A new contact sent by this user (a manager sends it for roles that may not send). */
  String caseRefSentBy(String user) {
    String sender = user == null || Set.of("auditor", "owner").contains(user) ? "manager" : user;
    ResponseEntity<Map> answer = new FrontDoorClient(http).submit(
        SampleContact.fromSchool(OffsetDateTime.now().minusHours(1).toString()), sender);
    assertThat(answer.getStatusCode().value()).isEqualTo(201);
    return (String) answer.getBody().get("caseRef");
  }

  /** The running contact process of a new contact. */
  String contactProcess() {
    ResponseEntity<Map> answer = new FrontDoorClient(http).submit(
        SampleContact.fromSchool(OffsetDateTime.now().minusHours(1).toString()), "manager");
    process = (String) answer.getBody().get("processInstanceId");
    return process;
  }

  /** The managers' decision task of a new contact, unclaimed. */
  String contactDecisionTask() {
    task = tasks.createTaskQuery().processInstanceId(contactProcess()).singleResult().getId();
    return task;
  }

  /** A contact decision's task, delegated by an administrator to a manager (so that it can be resolved). */
  String delegatedContactDecision() {
    String task = contactDecisionTask();
    tasks.delegateTask(task, "manager");
    return task;
  }

  /** Sends a contact decision back with one of its fields changed, the others as they are. */
  ResponseEntity<String> updateTask(String user, String field, String value) {
    String task = contactDecisionTask();
    Map<String, Object> fields = new java.util.HashMap<>(get("demo", "/engine-rest/task/" + task, Map.class).getBody());
    fields.remove("camundaFormRef");
    fields.put(field, value);
    return send(user, HttpMethod.PUT, "/engine-rest/task/" + task, fields);
  }

  /** The statutory deadline timer of a new contact's decision. */
  String deadlineTimer() {
    job = management.createJobQuery().processInstanceId(contactProcess()).activityId("Timer_ContactDecisionDue")
        .singleResult().getId();
    return job;
  }

  String deadlineTimerDefinition() {
    return management.createJobDefinitionQuery().processDefinitionKey("Process_Contact").activityIdIn("Timer_ContactDecisionDue")
        .list().get(0).getId();
  }

  /** The history of a new contact's concerns (one historic variable instance). */
  String recordedConcerns() {
    return history.createHistoricVariableInstanceQuery().processInstanceId(contactProcess()).variableName("concerns")
        .singleResult().getId();
  }

  /** The process of a deployment of a model nobody uses. */
  String probeProcess() {
    if (probeDefinition == null) {
      String deployment = probeDeployment();
      probeDefinition = repository.createProcessDefinitionQuery().deploymentId(deployment).singleResult().getId();
    }
    return probeDefinition;
  }

  /** A deployment of a model nobody uses, made by an administrator. */
  String probeDeployment() {
    ResponseEntity<String> deployed = deploy("demo", probeModel());
    assertThat(deployed.getStatusCode().value()).isEqualTo(200);
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(deployed.getBody()).path("id").asText();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  <T> ResponseEntity<T> get(String user, String path, Class<T> type) {
    return http.exchange(path, HttpMethod.GET, new HttpEntity<>(json(user)), type);
  }

  ResponseEntity<String> get(String user, String path) {
    return http.exchange(path, HttpMethod.GET, new HttpEntity<>(json(user)), String.class);
  }

  ResponseEntity<String> send(String user, HttpMethod method, String path, Object body) {
    return http.exchange(path, method, new HttpEntity<>(body, json(user)), String.class);
  }

  ResponseEntity<String> deploy(String user, String bpmn) {
    HttpHeaders headers = credentials(user);
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    var parts = new LinkedMultiValueMap<String, Object>();
    parts.add("deployment-name", "matrix-probe");
    parts.add("deployment-source", "Camunda Modeler");
    parts.add("data", new ByteArrayResource(bpmn.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return "probe.bpmn";
      }
    });
    return http.exchange("/engine-rest/deployment/create", HttpMethod.POST, new HttpEntity<>(parts, headers), String.class);
  }

  static String probeModel() {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_MatrixProbe"
            targetNamespace="http://safeguard-flow.example/probe">
          <bpmn:process id="Process_MatrixProbe" name="Matrix probe" isExecutable="true" camunda:historyTimeToLive="36500">
            <bpmn:startEvent id="StartEvent_Probe" name="Probe started" />
          </bpmn:process>
        </bpmn:definitions>
        """;
  }

  static HttpHeaders json(String user) {
    HttpHeaders headers = credentials(user);
    headers.setContentType(MediaType.APPLICATION_JSON);
    return headers;
  }

  static HttpHeaders credentials(String user) {
    HttpHeaders headers = new HttpHeaders();
    if (user != null) {
      headers.setBasicAuth(user, user);
    }
    return headers;
  }
}
