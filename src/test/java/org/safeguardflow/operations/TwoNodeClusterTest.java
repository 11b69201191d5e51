package org.safeguardflow.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.safeguardflow.SafeguardFlowApplication;
import org.safeguardflow.intake.ContactProcess;
import org.safeguardflow.support.SampleContact;
import org.safeguardflow.support.TestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestTemplate;

/**
 * Two nodes of Safeguard Flow, each with its job executor and outbox sender, on one PostgreSQL, as a
 * council runs it around the clock: schools' contacts come in to both, nobody decides them in time,
 * and every decision deadline must be escalated exactly once and every referrer told exactly once,
 * whichever node does it. Then one node is stopped mid-run and must hand back the jobs it holds.
 *
 * <p>Scaled down to run in about a minute: {@value #CONTACTS} contacts, then {@value #MORE_CONTACTS}
 * more for the stop. Runs once, in the PostgreSQL run (on its own embedded server, so that the
 * figures are this test's alone), and prints its figures. Each node names its engine: two engines
 * of one name in one JVM would share Camunda's static engine registry.
 */
// Whole nodes leave Camunda's static engine registry changed for the shared test context: after every
// other test class, before ModelCoverageTest (Integer.MAX_VALUE).
@Order(Integer.MAX_VALUE - 1)
@Tag("database")
@Tag("cluster")
@EnabledIfSystemProperty(named = TestDatabase.PROPERTY, matches = "postgres")
class TwoNodeClusterTest {

  static final int CONTACTS = 500;
  static final int MORE_CONTACTS = 100;
  static final int SMTP_PORT = 3125;

  static EmbeddedPostgres postgres;
  static GreenMail smtp;
  static ConfigurableApplicationContext nodeA;
  static ConfigurableApplicationContext nodeB;
  static JdbcTemplate db;
  /** How far the engine clock (shared by both nodes, as they share one JVM) runs ahead of real time. */
  static Duration ahead = Duration.ZERO;

  @BeforeAll
  static void startTheClusterOnOnePostgres() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    smtp = new GreenMail(new ServerSetup(SMTP_PORT, "localhost", "smtp"));
    smtp.start();
    // The test reads the shared database on its own connection, which outlives either node.
    db = new JdbcTemplate(postgres.getPostgresDatabase());
    nodeA = node("node-a", true);
  }

  @AfterAll
  static void stopEverything() throws Exception {
    ClockUtil.reset();
    for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] {nodeB, nodeA}) {
      if (node != null && node.isActive()) {
        node.close();
      }
    }
    if (smtp != null) {
      smtp.stop();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  static ConfigurableApplicationContext node(String name, boolean deployChanges, String... more) {
    List<String> properties = new ArrayList<>(List.of(
        "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
        "--spring.datasource.username=postgres",
        "--spring.datasource.password=postgres",
        "--server.port=0",
        "--camunda.bpm.process-engine-name=" + name,
        "--camunda.bpm.job-execution.enabled=true",
        "--camunda.bpm.job-execution.max-wait=1000",
        "--camunda.bpm.webapp.enabled=false",
        "--safeguard.cluster.node-name=" + name,
        "--safeguard.models.deploy-changes=" + deployChanges,
        "--safeguard.notify.sender.enabled=true",
        "--safeguard.notify.poll-interval=PT0.5S",
        "--spring.mail.port=" + SMTP_PORT,
        "--logging.level.org.camunda.bpm.engine.jobexecutor=warn",
        "--logging.level.org.camunda.bpm.engine.context=off"));
    properties.addAll(List.of(more));
    return new SpringApplicationBuilder(SafeguardFlowApplication.class).run(properties.toArray(String[]::new));
  }

  @Test
  void twoNodesRunEveryDeadlineAndNotificationExactlyOnceAndAStoppedNodeHandsItsJobsBack() throws Exception {
    // A second node with another timescales table is refused before it deploys anything.
    long deployments = autoDeployments();
    Path changed = changedTimescales();
    assertThatThrownBy(() -> node("node-c", false,
        "--camunda.bpm.deployment-resource-pattern=classpath*:bpmn/**/*.bpmn,classpath*:bpmn/**/threshold.dmn,"
            + "file:" + changed + ",classpath*:forms/**/*.form"))
        .hasStackTraceContaining("statutory-timescales.dmn: differs from the deployed version")
        .hasStackTraceContaining("safeguard.models.deploy-changes=true");
    assertThat(autoDeployments()).isEqualTo(deployments);

    // The second node, same build, starts and deploys no new version.
    nodeB = node("node-b", false);
    assertThat(autoDeployments()).isEqualTo(deployments);

    long started = System.nanoTime();
    List<String> cases = postContacts(CONTACTS);
    // A week on, nobody has decided: every reminder and deadline timer of every case is due.
    moveClock(Duration.ofDays(7));
    untilDone(() -> count("select count(*) from act_ru_job") == 0
        && count("select count(*) from sf_timescale_breach") == CONTACTS);
    decideAll(cases);
    untilDone(() -> count("select count(*) from act_ru_execution") == 0
        && count("select count(*) from sf_notification where status <> 'DELIVERED'") == 0
        && smtp.getReceivedMessages().length >= CONTACTS);
    long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

    Map<String, Long> jobsPerNode = jobsPerNode();
    long duplicateJobs = count("select count(*) from (select job_id_ from act_hi_job_log where job_state_ = 2"
        + " group by job_id_ having count(*) > 1) d");
    Map<String, Long> emailsPerKey = emailsPerKey();
    long duplicateEmails = emailsPerKey.values().stream().filter(n -> n > 1).count();
    long lost = CONTACTS - count("select count(distinct case_ref) from sf_timescale_breach");
    System.out.printf("%nCLUSTER (2 nodes, one PostgreSQL): %d contacts, %d jobs run: %s; duplicate jobs %d;"
            + " clashes between nodes retried %d; breaches %d; escalation tasks %d; referrer emails %d (duplicates %d);"
            + " lost %d; %d s%n",
        CONTACTS, jobsPerNode.values().stream().mapToLong(Long::longValue).sum(), jobsPerNode, duplicateJobs, clashes(),
        count("select count(*) from sf_timescale_breach"), escalations(), emailsPerKey.size(), duplicateEmails, lost, seconds);

    assertThat(jobsPerNode).containsOnlyKeys("node-a", "node-b").allSatisfy((node, jobs) -> assertThat(jobs).isPositive());
    assertThat(duplicateJobs).isZero();
    assertThat(count("select count(*) from (select case_ref from sf_timescale_breach group by case_ref having count(*) = 1) b"))
        .as("cases with exactly one breach recorded").isEqualTo(CONTACTS);
    assertThat(count("select count(*) from (select proc_inst_id_ from act_hi_taskinst where task_def_key_ ="
        + " 'Task_ServiceManagerReviewsOverdueContact' group by proc_inst_id_ having count(*) = 1) e"))
        .as("cases with exactly one escalation task").isEqualTo(CONTACTS);
    assertThat(escalations()).isEqualTo(CONTACTS);
    assertThat(emailsPerKey).hasSize(CONTACTS).allSatisfy((key, n) -> assertThat(n).as(key).isEqualTo(1L));
    assertThat(emailsPerKey.keySet()).containsExactlyInAnyOrderElementsOf(
        cases.stream().map(c -> c + ":REFERRER_OUTCOME:1").toList());

    stoppedNodeHandsBackItsJobs();
  }

  /**
   * Node A is stopped (its context closed, as SIGTERM does) while both nodes work through due timers:
   * no job stays locked to it, and B runs the rest at once, none twice.
   */
  private void stoppedNodeHandsBackItsJobs() throws Exception {
    long breachesBefore = count("select count(*) from sf_timescale_breach");
    postContacts(MORE_CONTACTS);
    moveClock(Duration.ofDays(7));
    await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(5))
        .until(() -> count("select count(*) from act_ru_job where lock_owner_ = 'node-a'") > 0);
    long heldWhenStopped = count("select count(*) from act_ru_job where lock_owner_ = 'node-a'");
    long stopping = System.nanoTime();

    nodeA.close();

    long stopMillis = Duration.ofNanos(System.nanoTime() - stopping).toMillis();
    long stillLocked = count("select count(*) from act_ru_job where lock_owner_ = 'node-a'");
    untilDone(() -> count("select count(*) from act_ru_job") == 0
        && count("select count(*) from sf_timescale_breach") == breachesBefore + MORE_CONTACTS);
    long duplicateJobs = count("select count(*) from (select job_id_ from act_hi_job_log where job_state_ = 2"
        + " group by job_id_ having count(*) > 1) d");
    System.out.printf("GRACEFUL STOP of node-a: it held %d jobs when stopped, %d still locked to it after the stop"
            + " (%d ms); node-b finished the rest: %d breaches recorded, duplicate jobs %d; clashes retried (all"
            + " phases) %d; jobs run now %s%n%n",
        heldWhenStopped, stillLocked, stopMillis, count("select count(*) from sf_timescale_breach") - breachesBefore,
        duplicateJobs, clashes(), jobsPerNode());

    assertThat(stillLocked).as("jobs left locked to the stopped node").isZero();
    assertThat(duplicateJobs).isZero();
    assertThat(count("select count(*) from (select case_ref from sf_timescale_breach group by case_ref having count(*) > 1) b"))
        .isZero();
  }

  private static void moveClock(Duration by) {
    ahead = ahead.plus(by);
    ClockUtil.offset(ahead.toMillis());
  }

  /**
   * Waits for the nodes to finish. A job that clashed with the other node (an optimistic locking
   * failure: both changed the same case at once) is rolled back and retried by Camunda after its
   * retry interval (R3/PT5M, R5/PT10M); when only such jobs are left, the clock is moved on to them.
   */
  private static void untilDone(java.util.concurrent.Callable<Boolean> done) {
    await().atMost(Duration.ofMinutes(3)).conditionEvaluationListener(condition -> {
      if (condition.getRemainingTimeInMS() < 1000) {
        System.out.println("JOBS LEFT: " + db.queryForList("select job_def_id_, handler_type_, handler_cfg_, lock_owner_,"
            + " duedate_, retries_, exception_msg_ from act_ru_job"));
      }
    }).pollInterval(Duration.ofMillis(250)).until(() -> {
      if (done.call()) {
        return true;
      }
      Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
      boolean onlyRetriesLater = count("select count(*) from act_ru_job") > 0
          && db.queryForObject("select count(*) from act_ru_job where duedate_ is null or duedate_ <= ?"
              + " or lock_owner_ is not null", Long.class, now) == 0;
      if (onlyRetriesLater) {
        moveClock(Duration.ofMinutes(15));
      }
      return false;
    });
  }

  /** Job executions rolled back because the other node changed the same case at the same moment. */
  private static long clashes() {
    return count("select count(*) from act_hi_job_log where job_state_ = 1");
  }

  private List<String> postContacts(int n) throws Exception {
    RestTemplate a = client(nodeA);
    RestTemplate b = client(nodeB);
    // Received a few minutes ago by the engine's clock, so that nothing is due until the clock moves on.
    String receivedAt = ClockUtil.getCurrentTime().toInstant().atOffset(ZoneOffset.UTC).minusMinutes(5).toString();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> posted = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        RestTemplate node = i % 2 == 0 ? a : b;
        posted.add(pool.submit(() -> {
          ResponseEntity<Map> answer = node.postForEntity("/api/contacts", SampleContact.fromSchool(receivedAt).body(), Map.class);
          assertThat(answer.getStatusCode().value()).isEqualTo(201);
          return (String) answer.getBody().get("caseRef");
        }));
      }
      List<String> cases = new ArrayList<>();
      for (Future<String> f : posted) {
        cases.add(f.get());
      }
      return cases;
    } finally {
      pool.shutdown();
    }
  }

  /** The front-door managers decide every contact, late, half on each node. */
  private void decideAll(List<String> cases) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < cases.size(); i++) {
        TaskService tasks = (i % 2 == 0 ? nodeA : nodeB).getBean(TaskService.class);
        String caseRef = cases.get(i);
        done.add(pool.submit(() -> {
          Task decision = tasks.createTaskQuery().processInstanceBusinessKey(caseRef)
              .taskDefinitionKey(ContactProcess.Element.MANAGER_DECIDES_CONTACT).singleResult();
          tasks.complete(decision.getId(), Map.of(
              ContactProcess.Var.CONTACT_DECISION.name(), "NFA",
              ContactProcess.Var.CONTACT_DECISION_REASON.name(), "Advice given to the school",
              ContactProcess.Var.CONTACT_DECISION_LATE_REASON.name(), "Snow closed the office"));
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  private static RestTemplate client(ConfigurableApplicationContext node) {
    int port = ((WebServerApplicationContext) node).getWebServer().getPort();
    return new RestTemplateBuilder().rootUri("http://localhost:" + port).basicAuthentication("manager", "manager").build();
  }

  private static long count(String sql) {
    return db.queryForObject(sql, Long.class);
  }

  private static long autoDeployments() {
    return count("select count(*) from act_re_deployment where name_ = 'SpringAutoDeployment'");
  }

  private static long escalations() {
    return count("select count(*) from act_hi_taskinst where task_def_key_ = 'Task_ServiceManagerReviewsOverdueContact'");
  }

  private static Map<String, Long> jobsPerNode() {
    return db.queryForList("select hostname_, count(*) as jobs from act_hi_job_log where job_state_ = 2 group by hostname_")
        .stream().collect(Collectors.toMap(r -> (String) r.get("hostname_"), r -> ((Number) r.get("jobs")).longValue()));
  }

  private static Map<String, Long> emailsPerKey() throws Exception {
    List<String> keys = new ArrayList<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      keys.add(message.getHeader("X-Idempotency-Key", null));
    }
    return keys.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  /** The timescales table with the contact decision given 2 working days instead of 1. */
  private static Path changedTimescales() throws Exception {
    String table = Files.readString(Path.of("bpmn", "statutory-timescales.dmn"), StandardCharsets.UTF_8);
    String changed = table.replace("<outputEntry id=\"OutputEntry_CONTACT_DECISION_Amount\"><text>1</text>",
        "<outputEntry id=\"OutputEntry_CONTACT_DECISION_Amount\"><text>2</text>");
    assertThat(changed).isNotEqualTo(table);
    Path dir = Files.createTempDirectory("other-node-models");
    Path file = dir.resolve("statutory-timescales.dmn");
    Files.writeString(file, changed, StandardCharsets.UTF_8);
    return file;
  }
}
