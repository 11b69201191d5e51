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
   * passes the rights check and is then refused by a rule of the case (400; 500 where the engine REST
   * still wraps a listener's refusal).
   */
  record Action(String name, Set<String> allowed, BiFunction<AuthorizationMatrixTest, String, ResponseEntity<String>> call,
      Set<Integer> refusedAs, Set<String> rule) {
    Action(String name, Set<String> allowed, BiFunction<AuthorizationMatrixTest, String, ResponseEntity<String>> call) {
      this(name, allowed, call, Set.of(401, 403), Set.of());
    }
  }

  static final Set<Integer> FORBIDDEN_OR_UNSEEN = Set.of(403, 404);
  static final Set<String> ADMIN = Set.of("demo");
  /** Who works a contact decision: the front door's managers (and administrators). */
  static final Set<String> FRONT_DOOR = Set.of("demo", "manager");

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
      new Action("POST /engine-rest/task/{id}/assignee", ADMIN,
          (t, user) -> t.send(user, HttpMethod.POST, "/engine-rest/task/" + t.contactDecisionTask() + "/assignee",
              Map.of("userId", "south-worker")), FORBIDDEN_OR_UNSEEN, Set.of()),
      new Action("POST /engine-rest/task/{id}/delegate", ADMIN,
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
      assertThat(answer.getStatusCode().value()).as("refused by a rule: " + answer.getBody()).isIn(400, 500);
    } else {
      assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody()))
          .isIn(actionName.startsWith("GET /api/contacts/") ? Set.of(404) : action.refusedAs());
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
    return (String) answer.getBody().get("processInstanceId");
  }

  /** The managers' decision task of a new contact, unclaimed. */
  String contactDecisionTask() {
    return tasks.createTaskQuery().processInstanceId(contactProcess()).singleResult().getId();
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
    return management.createJobQuery().processInstanceId(contactProcess()).activityId("Timer_ContactDecisionDue")
        .singleResult().getId();
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
    String deployment = probeDeployment();
    return repository.createProcessDefinitionQuery().deploymentId(deployment).singleResult().getId();
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

  private static HttpHeaders json(String user) {
    HttpHeaders headers = credentials(user);
    headers.setContentType(MediaType.APPLICATION_JSON);
    return headers;
  }

  private static HttpHeaders credentials(String user) {
    HttpHeaders headers = new HttpHeaders();
    if (user != null) {
      headers.setBasicAuth(user, user);
    }
    return headers;
  }
}
