package org.safeguardflow.casework.supervision;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.safeguardflow.casework.supervision.CaseSupervisionProcess.Element.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safeguardflow.casework.CaseRecords;
import org.safeguardflow.casework.Pathway;
import org.safeguardflow.casework.supervision.CaseSupervisionProcess.Kind;
import org.safeguardflow.casework.supervision.CaseSupervisionProcess.Var;
import org.safeguardflow.notify.Notifications;
import org.safeguardflow.support.CaseScenario;
import org.safeguardflow.support.EngineClock;
import org.safeguardflow.support.SafeguardFlowTest;
import org.safeguardflow.timescales.TimescaleBreaches;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.safeguardflow.timescales.Step;

/**
 * Mia's case is allocated on Monday 20 April 2026. Her team manager supervises it at least every 4
 * weeks, each supervision with its discussion, decisions and dated actions kept on her file; an
 * overdue supervision escalates to a service manager, and any manager can ask for an extra one.
 */
@SafeguardFlowTest
class CaseSupervisionScenarioTest {

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired CaseScenario scenario;
  @Autowired CaseRecords cases;
  @Autowired CaseSupervisions supervisions;
  @Autowired Notifications notifications;
  @Autowired TimescaleBreaches breaches;
  @Autowired TestRestTemplate http;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
  }

  @AfterEach
  void signOut() {
    identity.clearAuthentication();
  }

  @Test
  void eachSupervisionIsKeptOnTheFileAndTheNextIsDueFourWeeksLaterUntilTheCaseCloses() throws Exception {
    EngineClock.setTo("2026-04-20T09:30:00+01:00");
    String caseRef = scenario.openCase("Mia");
    ProcessInstance supervision = scenario.start(Pathway.Process.CASE_SUPERVISION, caseRef, allocatedOn("2026-04-20"));

    Task first = scenario.task(caseRef, RECORD_SUPERVISION);
    assertThat(first).hasCandidateGroupAssociated("north-team-managers").hasDueDate(at("2026-05-18T23:59:59+01:00"));
    Assertions.assertThat(first.getFollowUpDate()).isEqualTo(at("2026-05-13T09:00:00+01:00"));

    EngineClock.setTo("2026-05-12T14:00:00+01:00");
    identity.setAuthentication("manager", List.of("team-managers", "north-team-managers"));
    scenario.complete(caseRef, RECORD_SUPERVISION, supervisionOn("2026-05-12",
        "[{\"action\":\"Visit Mia at school and see her alone\",\"dueBy\":\"2026-05-19\"},"
            + "{\"action\":\"Ask the GP about her mother's treatment\",\"dueBy\":\"2026-05-26\"}]"));
    identity.clearAuthentication();

    assertThat(supervision).hasPassed(SUPERVISION_RECORDED, FILE_SUPERVISION, IS_THE_CASE_STILL_OPEN, NEXT_SUPERVISION)
        .isWaitingAt(RECORD_SUPERVISION);
    Assertions.assertThat(supervisions.forCase(caseRef)).singleElement().satisfies(s -> {
      Assertions.assertThat(s.kind()).isEqualTo(Kind.ROUTINE);
      Assertions.assertThat(s.supervisionDate()).isEqualTo(LocalDate.parse("2026-05-12"));
      Assertions.assertThat(s.recordedBy()).isEqualTo("manager");
      Assertions.assertThat(s.discussion()).isEqualTo("Attendance has improved; mother engaging");
      Assertions.assertThat(s.decisions()).isEqualTo("Continue the plan; no step up");
      Assertions.assertThat(s.recordedAt()).isEqualTo(OffsetDateTime.parse("2026-05-12T13:00:00Z"));
      JsonNode actions = json(s.actions());
      Assertions.assertThat(actions).hasSize(2);
      Assertions.assertThat(actions.get(0).get("action").asText()).isEqualTo("Visit Mia at school and see her alone");
      Assertions.assertThat(actions.get(1).get("dueBy").asText()).isEqualTo("2026-05-26");
    });
    // The next supervision counts from this one's date, and its form opens empty.
    Task second = scenario.task(caseRef, RECORD_SUPERVISION);
    assertThat(second).hasDueDate(at("2026-06-09T23:59:59+01:00"));
    assertThat(supervision).variables()
        .containsEntry(Var.LAST_SUPERVISION_DATE.name(), "2026-05-12")
        .containsEntry(Var.COUNT.name(), 1)
        .doesNotContainKeys(Var.SUPERVISION_DATE.name(), Var.DISCUSSION.name(), Var.DECISIONS.name(), Var.ACTIONS.name());
    Assertions.assertThat((String) runtime.getVariable(supervision.getId(), Var.LAST_SUPERVISION_SUMMARY.name()))
        .contains("Continue the plan; no step up", "| Visit Mia at school and see her alone | 2026-05-19 |");

    // A supervision recorded after the case closed is its last.
    cases.close(caseRef, "NFA", OffsetDateTime.parse("2026-06-01T10:00:00Z"));
    EngineClock.setTo("2026-06-02T10:00:00+01:00");
    scenario.complete(caseRef, RECORD_SUPERVISION, supervisionOn("2026-06-02", "[]"));

    assertThat(supervision).hasPassed(IS_THE_CASE_STILL_OPEN, SUPERVISION_ENDS).isEnded();
    Assertions.assertThat(supervisions.forCase(caseRef)).extracting(CaseSupervisions.Supervision::supervisionDate)
        .containsExactly(LocalDate.parse("2026-05-12"), LocalDate.parse("2026-06-02"));
    Assertions.assertThat(supervisions.forCase(caseRef).get(1).actions()).isEqualTo("[]");
    Assertions.assertThat(breaches.forCase(caseRef)).isEmpty();
  }

  @Test
  void aSupervisionWithoutDatedActionsOrDecisionsIsRefusedAndTheTaskStaysOpen() {
    EngineClock.setTo("2026-04-20T09:30:00+01:00");
    String caseRef = scenario.openCase("Mia");
    ProcessInstance supervision = scenario.start(Pathway.Process.CASE_SUPERVISION, caseRef, allocatedOn("2026-04-20"));
    EngineClock.setTo("2026-05-12T14:00:00+01:00");

    Assertions.assertThatThrownBy(() -> scenario.complete(caseRef, RECORD_SUPERVISION, supervisionOn("2026-05-12",
            "[{\"action\":\"Visit Mia\",\"dueBy\":\"2026-05-11\"}]")))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Not recorded: ")
        .hasMessageContaining("supervisionActions[1].dueBy (2026-05-11) is before the supervision date (2026-05-12)");
    Assertions.assertThatThrownBy(() -> scenario.complete(caseRef, RECORD_SUPERVISION, supervisionOn("2026-05-12",
            "[{\"action\":\"Visit Mia\",\"dueBy\":\"2026-05-19\"},{\"action\":\"  \",\"dueBy\":\"2026-05-19\"}]")))
        .hasMessageContaining("supervisionActions[2].action is required");
    Assertions.assertThatThrownBy(() -> scenario.complete(caseRef, RECORD_SUPERVISION, supervisionOn("2026-05-12",
            "[{\"action\":\"Visit Mia\"}]")))
        .hasMessageContaining("supervisionActions[1].dueBy is required");
    // The same rule whether the actions arrive as a Json variable (Tasklist) or as a list (REST API, a test).
    Map<String, Object> asList = supervisionOn("2026-05-12", "[]");
    asList.put(Var.ACTIONS.name(), List.of(Map.of("action", "Visit Mia", "dueBy", "2026-05-01")));
    Assertions.assertThatThrownBy(() -> scenario.complete(caseRef, RECORD_SUPERVISION, asList))
        .hasMessageContaining("supervisionActions[1].dueBy (2026-05-01) is before the supervision date");
    Map<String, Object> noDecisions = supervisionOn("2026-05-12", "[]");
    noDecisions.remove(Var.DECISIONS.name());
    Assertions.assertThatThrownBy(() -> scenario.complete(caseRef, RECORD_SUPERVISION, noDecisions))
        .hasMessageContaining("supervisionDecisions is required");
    Assertions.assertThatThrownBy(() -> scenario.complete(caseRef, RECORD_SUPERVISION, supervisionOn("2026-05-13", "[]")))
        .hasMessageContaining("supervisionDate (2026-05-13) is in the future");

    assertThat(supervision).isWaitingAt(RECORD_SUPERVISION);
    Assertions.assertThat(supervisions.forCase(caseRef)).isEmpty();
    Assertions.assertThat(runtime.getVariable(supervision.getId(), Var.SUPERVISION_DATE.name())).isNull();
  }

  @Test
  void anOverdueSupervisionRemindsTheManagersEscalatesAndAsksWhyItIsLate() {
    EngineClock.setTo("2026-04-20T09:30:00+01:00");
    String caseRef = scenario.openCase("Mia");
    // No allocation date passed: the first supervision counts from the day supervision began.
    ProcessInstance supervision = scenario.start(Pathway.Process.CASE_SUPERVISION, caseRef, new HashMap<>());

    EngineClock.setTo("2026-05-13T08:59:00+01:00");
    Assertions.assertThat(scenario.runJobsDue(caseRef)).isZero();
    EngineClock.setTo("2026-05-13T09:00:01+01:00");
    scenario.runJobsDue(caseRef);
    assertThat(supervision).hasPassed(SUPERVISION_REMINDER, REMIND_MANAGERS, MANAGERS_REMINDED)
        .isWaitingAt(RECORD_SUPERVISION);
    Assertions.assertThat(notifications.forCase(caseRef)).singleElement().satisfies(n -> {
      Assertions.assertThat(n.type()).isEqualTo("CASE_SUPERVISION_DUE");
      Assertions.assertThat(n.recipient()).isEqualTo("group:north-team-managers");
      Assertions.assertThat(n.body()).contains(caseRef, "Monday 18 May 2026").doesNotContain("Mia");
    });

    EngineClock.setTo("2026-05-19T00:00:01+01:00");
    scenario.runJobsDue(caseRef);
    assertThat(supervision).hasPassed(SUPERVISION_DUE, RECORD_SUPERVISION_BREACH)
        .isWaitingAt(RECORD_SUPERVISION, SERVICE_MANAGER_REVIEWS_OVERDUE);
    assertThat(scenario.task(caseRef, SERVICE_MANAGER_REVIEWS_OVERDUE)).hasCandidateGroupAssociated("service-managers")
        .hasDueDate(at("2026-05-20T23:59:59+01:00"));
    assertThat(supervision).variables().containsEntry(Var.OVERDUE.name(), true);
    Assertions.assertThat(breaches.forCase(caseRef)).singleElement().satisfies(b -> {
      Assertions.assertThat(b.step()).isEqualTo("CASE_SUPERVISION");
      Assertions.assertThat(b.dueAt()).isEqualTo(at("2026-05-18T23:59:59+01:00").toInstant());
    });

    EngineClock.setTo("2026-05-19T09:00:00+01:00");
    scenario.complete(caseRef, SERVICE_MANAGER_REVIEWS_OVERDUE,
        Map.of(Step.ESCALATION_NOTE.name(), "Team manager off sick; I will supervise today"));
    assertThat(supervision).hasPassed(ESCALATION_FOLLOWED_UP).isWaitingAt(RECORD_SUPERVISION);

    EngineClock.setTo("2026-05-19T15:00:00+01:00");
    Assertions.assertThatThrownBy(() -> scenario.complete(caseRef, RECORD_SUPERVISION, supervisionOn("2026-05-19", "[]")))
        .hasMessageContaining("caseSupervisionLateReason is required");
    assertThat(supervision).isWaitingAt(RECORD_SUPERVISION);

    Map<String, Object> late = supervisionOn("2026-05-19", "[]");
    late.put(Var.LATE_REASON.name(), "Team manager on sick leave; cover not arranged");
    scenario.complete(caseRef, RECORD_SUPERVISION, late);

    Assertions.assertThat(breaches.forCase(caseRef)).singleElement().satisfies(b ->
        Assertions.assertThat(b.reason()).isEqualTo("Team manager on sick leave; cover not arranged"));
    assertThat(supervision).variables().containsEntry("caseSupervisionLate", true).containsEntry(Var.OVERDUE.name(), false)
        .doesNotContainKey(Var.LATE_REASON.name());
    assertThat(scenario.task(caseRef, RECORD_SUPERVISION)).hasDueDate(at("2026-06-16T23:59:59+01:00"));
    Assertions.assertThat(tasks.createTaskQuery().processInstanceId(supervision.getId())
        .taskDefinitionKey(SERVICE_MANAGER_REVIEWS_OVERDUE).count()).isZero();
  }

  @Test
  void aManagerAsksForAnExtraSupervisionOverHttpAndTheFourWeeklyCycleCarriesOn() {
    EngineClock.setTo("2026-04-20T09:30:00+01:00");
    String caseRef = scenario.openCase("Mia");
    ProcessInstance supervision = scenario.start(Pathway.Process.CASE_SUPERVISION, caseRef, allocatedOn("2026-04-20"));

    EngineClock.setTo("2026-04-28T11:00:00+01:00");
    ResponseEntity<Map> answer = http.withBasicAuth("manager", "manager").postForEntity(
        "/api/cases/" + caseRef + "/supervision-requests",
        json(Map.of("reason", "Police report of an incident at home last night")), Map.class);

    Assertions.assertThat(answer.getStatusCode().value()).isEqualTo(201);
    Assertions.assertThat(answer.getBody()).containsEntry("caseRef", caseRef).containsEntry("requestedBy", "manager");
    assertThat(supervision).hasPassed(AD_HOC_REQUESTED).isWaitingAt(RECORD_SUPERVISION, RECORD_AD_HOC_SUPERVISION);
    Task extra = scenario.task(caseRef, RECORD_AD_HOC_SUPERVISION);
    Assertions.assertThat(extra.getId()).isEqualTo(answer.getBody().get("taskId"));
    Assertions.assertThat(answer.getHeaders().getLocation()).hasToString("/engine-rest/task/" + extra.getId());
    assertThat(extra).hasCandidateGroupAssociated("north-team-managers").hasDueDate(at("2026-05-26T23:59:59+01:00"));
    Assertions.assertThat(tasks.getVariable(extra.getId(), "requestedBy")).isEqualTo("manager");
    Assertions.assertThat(tasks.getVariable(extra.getId(), "requestReason"))
        .isEqualTo("Police report of an incident at home last night");

    EngineClock.setTo("2026-04-28T16:00:00+01:00");
    identity.setAuthentication("manager", List.of("team-managers", "north-team-managers"));
    scenario.complete(caseRef, RECORD_AD_HOC_SUPERVISION, supervisionOn("2026-04-28",
        "[{\"action\":\"Joint visit with police\",\"dueBy\":\"2026-04-29\"}]"));
    identity.clearAuthentication();

    assertThat(supervision).hasPassed(FILE_AD_HOC_SUPERVISION, AD_HOC_RECORDED).isWaitingAt(RECORD_SUPERVISION);
    Assertions.assertThat(supervisions.forCase(caseRef)).singleElement().satisfies(s -> {
      Assertions.assertThat(s.kind()).isEqualTo(Kind.AD_HOC);
      Assertions.assertThat(s.recordedBy()).isEqualTo("manager");
    });
    // The routine supervision is still due four weeks after allocation.
    assertThat(scenario.task(caseRef, RECORD_SUPERVISION)).hasDueDate(at("2026-05-18T23:59:59+01:00"));
    assertThat(supervision).variables().containsEntry(Var.COUNT.name(), 0).doesNotContainKey(Var.SUPERVISION_DATE.name());
  }

  @Test
  void aSupervisionRequestNeedsAKnownCaseWithSupervisionAWellFormedReferenceAndASignedInUser() {
    String caseRef = scenario.openCase("Mia");

    ResponseEntity<Map> none = http.withBasicAuth("manager", "manager").postForEntity(
        "/api/cases/" + caseRef + "/supervision-requests", json(Map.of()), Map.class);
    Assertions.assertThat(none.getStatusCode().value()).isEqualTo(404);
    Assertions.assertThat(none.getBody()).containsEntry("caseRef", caseRef);
    Assertions.assertThat((String) none.getBody().get("message")).contains(caseRef, "no running case supervision");

    ResponseEntity<Map> malformed = http.withBasicAuth("manager", "manager").postForEntity(
        "/api/cases/CR-26-42/supervision-requests", json(Map.of()), Map.class);
    Assertions.assertThat(malformed.getStatusCode().value()).isEqualTo(400);
    Assertions.assertThat(malformed.getBody().toString()).contains("field=caseRef", "CR-2026-000042");

    ResponseEntity<Map> tooLong = http.withBasicAuth("manager", "manager").postForEntity(
        "/api/cases/" + caseRef + "/supervision-requests", json(Map.of("reason", "x".repeat(1001))), Map.class);
    Assertions.assertThat(tooLong.getStatusCode().value()).isEqualTo(400);
    Assertions.assertThat(tooLong.getBody().toString()).contains("field=reason");

    ResponseEntity<String> anonymous = http.postForEntity(
        "/api/cases/" + caseRef + "/supervision-requests", json(Map.of()), String.class);
    Assertions.assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
    ResponseEntity<String> wrongPassword = http.withBasicAuth("no-such-user", "wrong").postForEntity(
        "/api/cases/" + caseRef + "/supervision-requests", json(Map.of()), String.class);
    Assertions.assertThat(wrongPassword.getStatusCode().value()).isEqualTo(401);
  }

  private static Map<String, Object> allocatedOn(String date) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(Pathway.Var.ALLOCATION_DATE.name(), date);
    variables.put(Pathway.Var.ALLOCATED_WORKER.name(), "worker");
    return variables;
  }

  /** What Tasklist submits: text fields, an ISO date, and the dynamic list as a Json variable. */
  private static Map<String, Object> supervisionOn(String date, String actionsJson) {
    Map<String, Object> form = new HashMap<>();
    form.put(Var.SUPERVISION_DATE.name(), date);
    form.put(Var.DISCUSSION.name(), "Attendance has improved; mother engaging");
    form.put(Var.DECISIONS.name(), "Continue the plan; no step up");
    form.put(Var.ACTIONS.name(), SpinValues.jsonValue(actionsJson).create());
    return form;
  }

  private static HttpEntity<Object> json(Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }

  private static JsonNode json(String text) throws Exception {
    return new ObjectMapper().readTree(text);
  }

  static Date at(String isoDateTime) {
    return Date.from(OffsetDateTime.parse(isoDateTime).toInstant());
  }
}
