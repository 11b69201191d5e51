package org.safeguardflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.safeguardflow.intake.ContactProcess;
import org.safeguardflow.support.CaseScenario;
import org.safeguardflow.support.EngineClock;
import org.safeguardflow.support.FrontDoorClient;
import org.safeguardflow.support.SafeguardFlowTest;
import org.safeguardflow.support.SampleContact;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/**
 * The on-call operator's view of the service: a load balancer asks whether the app lives and learns
 * nothing else; the operator signs in and sees the database, the engine and the job executor, and the
 * Prometheus figures of the front door move as a school's contact about a child comes in and its
 * decision deadline passes unmet.
 */
@SafeguardFlowTest
class OperationsEndpointsTest {

  @Autowired TestRestTemplate http;
  @Autowired OperationsFigures figures;
  @Autowired CaseScenario scenario;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

  @Test
  void aLoadBalancerLearnsOnlyThatTheAppIsAlive() {
    ResponseEntity<String> liveness = http.getForEntity("/actuator/health/liveness", String.class);

    assertThat(liveness.getStatusCode().value()).isEqualTo(200);
    assertThat(liveness.getBody()).isEqualTo("{\"status\":\"UP\"}");
  }

  @Test
  void nobodyWithoutTheOperatorsRoleReadsHealthDetailsOrMetrics() {
    for (String door : new String[] {"/actuator/health", "/actuator/health/readiness", "/actuator/prometheus", "/actuator"}) {
      assertThat(http.getForEntity(door, String.class).getStatusCode().value()).as("anonymous " + door).isEqualTo(401);
      for (String user : new String[] {"worker", "manager", "auditor", "owner", "partner"}) {
        ResponseEntity<String> answer = http.withBasicAuth(user, user).getForEntity(door, String.class);
        assertThat(answer.getStatusCode().value()).as(user + " " + door).isEqualTo(403);
        assertThat(answer.getBody()).doesNotContain("jobExecutor", "safeguard_");
      }
    }
  }

  @Test
  void anOperatorSeesTheDatabaseTheEngineAndTheJobExecutor() {
    // Before anything of the tests is due, nothing waits for a job executor.
    EngineClock.setTo("2000-01-03T09:00:00Z");
    figures.forget();

    ResponseEntity<Map> health = http.withBasicAuth("operator", "operator").getForEntity("/actuator/health", Map.class);

    assertThat(health.getStatusCode().value()).as("%s", health.getBody()).isEqualTo(200);
    Map<String, Map<String, Object>> components = (Map<String, Map<String, Object>>) health.getBody().get("components");
    assertThat(components).containsKeys("db", "processEngine", "jobExecutor");
    assertThat(components.get("db")).containsEntry("status", "UP");
    assertThat(components.get("processEngine")).containsEntry("status", "UP");
    assertThat(components.get("jobExecutor")).containsEntry("status", "UP");
    assertThat((Map<String, Object>) components.get("jobExecutor").get("details"))
        .containsEntry("jobsDueNotTaken", 0)
        .containsKeys("thisNode", "lockOwner", "failedJobs", "openIncidents", "oldestDueSeconds");
  }

  @Test
  void aContactPostedAndItsDeadlineMissedMoveTheOperatorsFigures() {
    EngineClock.setTo("2031-03-04T09:00:00Z");
    figures.forget();
    String before = prometheus();

    String caseRef = new FrontDoorClient(http).recorded(SampleContact.fromSchool("2031-03-04T08:30:00Z"));
    figures.forget();
    String afterContact = prometheus();

    assertThat(value(afterContact, "safeguard_contacts_received_total", ""))
        .isEqualTo(value(before, "safeguard_contacts_received_total", "") + 1);
    assertThat(value(afterContact, "safeguard_database_reachable", "")).isEqualTo(1.0);
    // Camunda's own counters, live: the contact's process started its activities and asked the threshold table.
    assertThat(value(afterContact, "camunda_activity_instance_start_total", ""))
        .isGreaterThan(value(before, "camunda_activity_instance_start_total", ""));
    assertThat(value(afterContact, "camunda_executed_decision_instances_total", ""))
        .isGreaterThan(value(before, "camunda_executed_decision_instances_total", ""));
    assertThat(afterContact).contains("camunda_job_acquisition_attempt_total", "camunda_job_successful_total",
        "camunda_root_process_instance_start_total", "camunda_job_acquired_success_total",
        "camunda_job_failed_total", "safeguard_notifications{", "state=\"retrying\"", "safeguard_jobs_failed",
        "safeguard_incidents_open");

    // The decision was due by the end of the next working day (Wednesday 5 March 2031); on Friday
    // nobody has decided and no job executor has fired the reminder or the deadline timer.
    EngineClock.setTo("2031-03-07T12:00:00Z");
    figures.forget();
    String deadlineMissed = prometheus();

    assertThat(value(deadlineMissed, "safeguard_tasks_overdue", "group=\"front-door-team-managers\""))
        .isEqualTo(value(afterContact, "safeguard_tasks_overdue", "group=\"front-door-team-managers\"") + 1);
    assertThat(value(deadlineMissed, "safeguard_jobs_due_not_taken", ""))
        .isEqualTo(value(afterContact, "safeguard_jobs_due_not_taken", "") + 2);
    ResponseEntity<Map> health = http.withBasicAuth("operator", "operator").getForEntity("/actuator/health", Map.class);
    assertThat(health.getStatusCode().value()).isEqualTo(503);
    Map<String, Map<String, Object>> components = (Map<String, Map<String, Object>>) health.getBody().get("components");
    assertThat(components.get("jobExecutor")).containsEntry("status", "DOWN");

    // The timers fire at last: the breach is recorded and counted; the late decision is counted late.
    scenario.runJobsDue(caseRef);
    scenario.complete(caseRef, ContactProcess.Element.MANAGER_DECIDES_CONTACT, Map.of(
        ContactProcess.Var.CONTACT_DECISION.name(), "NFA",
        ContactProcess.Var.CONTACT_DECISION_REASON.name(), "Advice given to the school",
        ContactProcess.Var.CONTACT_DECISION_LATE_REASON.name(), "The duty manager was off sick"));
    scenario.runJobsDue(caseRef);
    figures.forget();
    String fired = prometheus();

    assertThat(value(fired, "safeguard_jobs_due_not_taken", "")).isEqualTo(value(afterContact, "safeguard_jobs_due_not_taken", ""));
    assertThat(valueOrZero(fired, "safeguard_timescale_breaches_recorded_total", "step=\"CONTACT_DECISION\""))
        .isEqualTo(valueOrZero(deadlineMissed, "safeguard_timescale_breaches_recorded_total", "step=\"CONTACT_DECISION\"") + 1);
    String lateDecisions = "step=\"CONTACT_DECISION\",timeliness=\"late\"";
    assertThat(valueOrZero(fired, "safeguard_statutory_steps_completed_total", lateDecisions))
        .isEqualTo(valueOrZero(deadlineMissed, "safeguard_statutory_steps_completed_total", lateDecisions) + 1);
    // Two messages wait in the outbox for the sender: the front-door managers' reminder and the school's outcome email.
    assertThat(value(fired, "safeguard_notifications", "state=\"pending\""))
        .isEqualTo(value(deadlineMissed, "safeguard_notifications", "state=\"pending\"") + 2);
  }

  /**
   * A node killed (kill -9) just after it locked a child's deadline timers: the jobs stay locked to it
   * for the job lock time (5 minutes) and no other node may run them. The operator sees them as
   * "locked too long", with the dead node's name, not as nothing waiting.
   */
  @Test
  @SuppressWarnings("unchecked")
  void jobsLockedByANodeThatDiedShowUntilTheirLockEnds() {
    EngineClock.setTo("2032-05-04T09:00:00Z");
    figures.forget();
    String before = prometheus();
    String caseRef = new FrontDoorClient(http).recorded(SampleContact.fromSchool("2032-04-26T09:00:00Z"));
    String processInstanceId = jdbc.queryForObject("select process_instance_id from sf_case where case_ref = ?",
        String.class, caseRef);
    // What node-killed's job executor wrote when it acquired them, moments before it was killed.
    int locked = jdbc.update("update act_ru_job set lock_owner_ = 'node-killed', lock_exp_time_ = ?"
        + " where process_instance_id_ = ? and retries_ > 0",
        java.sql.Timestamp.from(java.time.Instant.parse("2032-05-04T09:05:00Z")), processInstanceId);
    assertThat(locked).isPositive();

    EngineClock.setTo("2032-05-04T09:02:30Z");
    figures.forget();
    String twoAndAHalfMinutesOn = prometheus();
    Map<String, Object> details = jobExecutorDetails();

    assertThat(value(twoAndAHalfMinutesOn, "safeguard_jobs_locked_too_long", ""))
        .isEqualTo(valueOrZero(before, "safeguard_jobs_locked_too_long", "") + locked);
    assertThat(value(twoAndAHalfMinutesOn, "safeguard_jobs_longest_lock_seconds", "")).isGreaterThanOrEqualTo(150);
    assertThat(details).containsEntry("jobsLockedTooLong", locked)
        .containsEntry("jobLockGrace", "PT1M");
    assertThat((java.util.List<String>) details.get("lockOwnersHoldingTooLong")).contains("node-killed");
    assertThat(((Number) details.get("longestLockSeconds")).longValue()).isGreaterThanOrEqualTo(150);

    // The lock has ended: the jobs are no longer held, any node may run them, and they count as due.
    EngineClock.setTo("2032-05-04T09:06:00Z");
    figures.forget();
    String lockEnded = prometheus();
    assertThat(value(lockEnded, "safeguard_jobs_locked_too_long", ""))
        .isEqualTo(valueOrZero(before, "safeguard_jobs_locked_too_long", ""));
    assertThat((java.util.List<String>) jobExecutorDetails().get("lockOwnersHoldingTooLong")).doesNotContain("node-killed");
    assertThat(scenario.runJobsDue(caseRef)).isGreaterThanOrEqualTo(locked);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> jobExecutorDetails() {
    ResponseEntity<Map> health = http.withBasicAuth("operator", "operator").getForEntity("/actuator/health", Map.class);
    Map<String, Map<String, Object>> components = (Map<String, Map<String, Object>>) health.getBody().get("components");
    return (Map<String, Object>) components.get("jobExecutor").get("details");
  }

  static double valueOrZero(String prometheusText, String name, String labels) {
    try {
      return value(prometheusText, name, labels);
    } catch (AssertionError none) {
      return 0;
    }
  }

  private String prometheus() {
    ResponseEntity<String> answer = http.withBasicAuth("operator", "operator").getForEntity("/actuator/prometheus", String.class);
    assertThat(answer.getStatusCode().value()).isEqualTo(200);
    return answer.getBody();
  }

  /** The value of the first sample of {@code name} whose labels contain {@code labels}. */
  static double value(String prometheusText, String name, String labels) {
    Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)").matcher(prometheusText);
    while (sample.find()) {
      if (sample.group(1).contains(labels)) {
        return Double.parseDouble(sample.group(2));
      }
    }
    throw new AssertionError("No sample " + name + "{" + labels + "} in\n" + prometheusText);
  }
}
