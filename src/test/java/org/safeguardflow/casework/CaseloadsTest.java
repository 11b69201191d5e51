package org.safeguardflow.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safeguardflow.support.CaseScenario;
import org.safeguardflow.support.EngineClock;
import org.safeguardflow.support.SafeguardFlowTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A team manager about to allocate a new referral looks at the team's caseloads: Casey holds two
 * open cases (a third has closed) and two tasks, one of them past its due date; Robin has nothing yet.
 */
@SafeguardFlowTest
class CaseloadsTest {

  @Autowired Caseloads caseloads;
  @Autowired CaseScenario scenario;
  @Autowired CaseRecords cases;
  @Autowired IdentityService identity;
  @Autowired RuntimeService runtime;
  @Autowired RepositoryService repository;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate http;

  // A team of its own, so that other tests' cases and tasks never change these figures.
  final String suffix = Long.toString(System.nanoTime(), 36);
  final String team = "caseload-team-" + suffix;
  final String casey = "casey" + suffix;
  final String robin = "robin" + suffix;
  String fixtureDeployment;

  @BeforeEach
  void aTeamOfTwoWorkers() {
    var group = identity.newGroup(team);
    group.setName("Caseload test team");
    identity.saveGroup(group);
    for (String[] person : List.of(new String[] {casey, "Casey", "Worker"}, new String[] {robin, "Robin", "Newstart"})) {
      var user = identity.newUser(person[0]);
      user.setFirstName(person[1]);
      user.setLastName(person[2]);
      user.setPassword(person[0]);
      identity.saveUser(user);
      identity.createMembership(person[0], team);
    }
  }

  @AfterEach
  void removeTheTeamAndTheFixtureModel() {
    if (fixtureDeployment != null) {
      repository.deleteDeployment(fixtureDeployment, true);
    }
    identity.deleteUser(casey);
    identity.deleteUser(robin);
    identity.deleteGroup(team);
  }

  @Test
  void aWorkersOpenCasesOpenTasksAndOverdueTasksAreCounted() {
    givenCaseyHoldsTwoOpenCasesAndOneOverdueTask();

    List<Caseloads.WorkerCaseload> team = caseloads.forGroup(this.team);

    // Lightest caseload first: the order a manager reads when choosing whom to allocate to.
    assertThat(team).containsExactly(
        new Caseloads.WorkerCaseload(robin, "Robin Newstart", 0, 0, 0),
        new Caseloads.WorkerCaseload(casey, "Casey Worker", 2, 2, 1));
  }

  @Test
  void managersReadCaseloadsOverHttpForAnyTeamAndTheSocialWorkersByDefault() {
    givenCaseyHoldsTwoOpenCasesAndOneOverdueTask();

    ResponseEntity<Map> answer = http.withBasicAuth("manager", "manager")
        .getForEntity("/api/caseloads?group=" + team, Map.class);
    assertThat(answer.getStatusCode().value()).isEqualTo(200);
    assertThat(answer.getBody()).containsEntry("group", team);
    assertThat((List<Map<String, Object>>) answer.getBody().get("workers")).last().isEqualTo(Map.of(
        "worker", casey, "name", "Casey Worker", "openCases", 2, "openTasks", 2, "overdueTasks", 1));

    ResponseEntity<Map> socialWorkers = http.withBasicAuth("manager", "manager")
        .getForEntity("/api/caseloads", Map.class);
    assertThat(socialWorkers.getStatusCode().value()).isEqualTo(200);
    assertThat(socialWorkers.getBody()).containsEntry("group", "social-workers");
    assertThat(socialWorkers.getBody().get("workers").toString()).contains("worker=worker");
  }

  @Test
  void anUnknownTeamIsRefusedNamingTheFieldAndAnonymousCallersAreNotServed() {
    ResponseEntity<Map> unknown = http.withBasicAuth("manager", "manager")
        .getForEntity("/api/caseloads?group=no-such-team", Map.class);
    assertThat(unknown.getStatusCode().value()).isEqualTo(400);
    assertThat(unknown.getBody().toString()).contains("field=group", "rule=unknown-group");

    ResponseEntity<Map> malformed = http.withBasicAuth("manager", "manager")
        .getForEntity("/api/caseloads?group=<script>", Map.class);
    assertThat(malformed.getStatusCode().value()).isEqualTo(400);

    ResponseEntity<String> anonymous = http.getForEntity("/api/caseloads?group=social-workers", String.class);
    assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
  }

  @Test
  void anAllocationTaskShowsTheTeamsCaseloadsWhenItOpens() {
    givenCaseyHoldsTwoOpenCasesAndOneOverdueTask();
    // The allocation task belongs to the referral episode; this stand-in carries the same listener.
    BpmnModelInstance allocation = Bpmn.createExecutableProcess("Process_CaseloadListenerFixture")
        .camundaHistoryTimeToLive(1)
        .startEvent("StartEvent_ReferralAccepted")
        .userTask("Task_AllocateSocialWorker")
        .camundaInputParameter("caseloadGroup", team)
        .camundaTaskListenerDelegateExpression("create", "${showCaseloads}")
        .endEvent("EndEvent_Allocated")
        .done();
    fixtureDeployment = repository.createDeployment().addModelInstance("caseload-listener-fixture.bpmn", allocation)
        .deploy().getId();

    var instance = runtime.startProcessInstanceByKey("Process_CaseloadListenerFixture");

    String summary = (String) runtime.getVariable(instance.getId(), Pathway.Var.CASELOAD_SUMMARY.name());
    assertThat(summary).isEqualTo("| Worker | Open cases | Open tasks | Overdue |\n|---|---:|---:|---:|\n"
        + "| Robin Newstart (" + robin + ") | 0 | 0 | 0 |\n"
        + "| Casey Worker (" + casey + ") | 2 | 2 | 1 |\n");
  }

  /**
   * Casey holds Ben's and Mia's open cases (and Leo's, now closed). Ben's child in need plan started
   * on Monday 20 April (its start task due Tuesday 21), Mia's on Wednesday 22 (due Thursday 23); on
   * Wednesday morning only Ben's is overdue.
   */
  private void givenCaseyHoldsTwoOpenCasesAndOneOverdueTask() {
    EngineClock.setTo("2026-04-20T09:30:00+01:00");
    String ben = allocatedToCasey("Ben");
    String mia = allocatedToCasey("Mia");
    String leo = allocatedToCasey("Leo");
    cases.close(leo, "NFA", OffsetDateTime.parse("2026-04-20T08:00:00Z"));
    scenario.start(Pathway.Process.CIN_PLAN, ben, Map.of(Pathway.Var.ALLOCATED_WORKER.name(), casey));
    EngineClock.setTo("2026-04-22T09:00:00+01:00");
    scenario.start(Pathway.Process.CIN_PLAN, mia, Map.of(Pathway.Var.ALLOCATED_WORKER.name(), casey));
    EngineClock.setTo("2026-04-22T10:00:00+01:00");
  }

  private String allocatedToCasey(String child) {
    String caseRef = scenario.openCase(child);
    jdbc.update("update sf_case set allocated_worker = ?, allocated_team = ? where case_ref = ?", casey, team, caseRef);
    return caseRef;
  }
}
