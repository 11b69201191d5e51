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
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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

  record Action(String name, Set<String> allowed, BiFunction<AuthorizationMatrixTest, String, ResponseEntity<String>> call) {}

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

  static Stream<Arguments> matrix() {
    List<Arguments> cells = new ArrayList<>();
    for (Action action : ACTIONS) {
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
    Action action = ACTIONS.stream().filter(a -> a.name().equals(actionName)).findFirst().orElseThrow();

    ResponseEntity<String> answer = action.call().apply(this, user);

    if (allowed) {
      assertThat(answer.getStatusCode().is2xxSuccessful()).as(answer.getStatusCode() + " " + answer.getBody()).isTrue();
    } else {
      assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody()))
          .isIn(actionName.startsWith("GET /api/contacts/") ? List.of(404) : List.of(401, 403));
    }
  }

  @Test
  void everyDoorIsShutWithoutCredentials() {
    for (Action action : ACTIONS) {
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
