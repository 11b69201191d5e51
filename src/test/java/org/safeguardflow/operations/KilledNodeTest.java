package org.safeguardflow.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.safeguardflow.intake.ContactProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.safeguardflow.SafeguardFlowApplication;
import org.safeguardflow.support.SampleContact;
import org.safeguardflow.support.TestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestTemplate;

/**
 * A node dies mid-run, without warning: node A runs in a JVM of its own and is killed with SIGKILL
 * while it holds jobs of week-old contacts whose decision deadlines have passed. Node B, in this JVM,
 * takes A's jobs once their lock runs out ({@code safeguard.cluster.job-lock-time}, 10 s here) and
 * every deadline is escalated exactly once. A front-door manager decides contacts on A meanwhile, and
 * the rest on B after the kill: every referrer is emailed (GreenMail) once per idempotency key, a
 * second time only for an email A was sending when it was killed. PostgreSQL run only, on its own
 * embedded server.
 */
// Whole nodes leave Camunda's static engine registry changed for the shared test context: after every
// other test class, before ModelCoverageTest (Integer.MAX_VALUE).
@Order(Integer.MAX_VALUE - 1)
@Tag("database")
@Tag("cluster")
@EnabledIfSystemProperty(named = TestDatabase.PROPERTY, matches = "postgres")
class KilledNodeTest {

  static final int CONTACTS = 60;
  static final int SMTP_PORT = 3127;

  static EmbeddedPostgres postgres;
  static Process nodeA;
  static ConfigurableApplicationContext nodeB;
  static GreenMail smtp;

  @AfterAll
  static void stop() throws Exception {
    if (nodeA != null && nodeA.isAlive()) {
      nodeA.destroyForcibly().waitFor();
    }
    if (nodeB != null) {
      nodeB.close();
    }
    if (smtp != null) {
      smtp.stop();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  /** The test's class path, each entry once (Spring's classpath*: would deploy a model twice otherwise). */
  static String classPath() {
    return String.join(File.pathSeparator, new java.util.LinkedHashSet<>(
        java.util.Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> entry.endsWith(".jar") || entry.endsWith("classes"))
            .map(entry -> new File(entry).getAbsolutePath())
            .toList()));
  }

  @Test
  void whenANodeIsKilledTheOtherRunsEveryDeadlineOnceAfterTheLockTime() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    smtp = new GreenMail(new ServerSetup(SMTP_PORT, "localhost", "smtp"));
    smtp.start();
    JdbcTemplate db = new JdbcTemplate(postgres.getPostgresDatabase());
    String url = postgres.getJdbcUrl("postgres", "postgres");
    int portA;
    try (ServerSocket free = new ServerSocket(0)) {
      portA = free.getLocalPort();
    }
    File log = File.createTempFile("node-a", ".log");
    log.deleteOnExit();
    nodeA = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
        "-XX:TieredStopAtLevel=1", "-cp", classPath(),
        SafeguardFlowApplication.class.getName(),
        "--spring.datasource.url=" + url, "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
        "--server.port=" + portA, "--camunda.bpm.webapp.enabled=false",
        "--camunda.bpm.job-execution.enabled=true", "--camunda.bpm.job-execution.max-wait=1000",
        "--safeguard.cluster.node-name=node-a", "--safeguard.cluster.job-lock-time=PT10S",
        "--safeguard.notify.sender.enabled=true", "--safeguard.notify.poll-interval=PT0.5S",
        "--safeguard.notify.lease=PT10S", "--spring.mail.port=" + SMTP_PORT)
        .redirectErrorStream(true).redirectOutput(log).start();
    RestTemplate a = new RestTemplateBuilder().rootUri("http://localhost:" + portA)
        .basicAuthentication("manager", "manager").build();
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
        .until(() -> a.getForEntity("/actuator/health/liveness", String.class).getStatusCode().is2xxSuccessful());

    nodeB = new SpringApplicationBuilder(SafeguardFlowApplication.class).run(
        "--spring.datasource.url=" + url, "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
        "--server.port=0", "--camunda.bpm.process-engine-name=node-b", "--camunda.bpm.webapp.enabled=false",
        "--camunda.bpm.job-execution.enabled=true", "--camunda.bpm.job-execution.max-wait=1000",
        "--safeguard.cluster.node-name=node-b", "--safeguard.cluster.job-lock-time=PT10S",
        // A job normally runs in milliseconds: a lock held 2 s (of the 10) belongs to a node that died holding it.
        "--safeguard.operations.job-lock-grace=PT2S",
        "--safeguard.models.deploy-changes=false", "--logging.level.org.camunda.bpm.engine.context=off",
        "--safeguard.notify.sender.enabled=true", "--safeguard.notify.poll-interval=PT0.5S",
        "--safeguard.notify.lease=PT10S", "--spring.mail.port=" + SMTP_PORT);

    // Schools keep sending week-old contacts to A: their deadline timers are due the moment each is
    // recorded, so A is busy with them when it is killed, mid-request.
    String receivedAt = OffsetDateTime.now().minusDays(7).toString();
    List<String> recorded = java.util.Collections.synchronizedList(new ArrayList<>());
    Thread schools = new Thread(() -> {
      for (int i = 0; i < CONTACTS; i++) {
        try {
          recorded.add((String) a.postForEntity("/api/contacts", SampleContact.fromSchool(receivedAt).body(), Map.class)
              .getBody().get("caseRef"));
        } catch (RuntimeException nodeGone) {
          return;
        }
      }
    });
    schools.start();
    // A front-door manager decides them on A as they come (late): each decision emails the referrer.
    List<String> decided = new CopyOnWriteArrayList<>();
    Thread manager = new Thread(() -> {
      while (nodeA.isAlive()) {
        try {
          OnlyNodeCrashTest.decideOne("http://localhost:" + portA, -1, decided);
        } catch (java.io.IOException nodeGone) {
          return;
        } catch (Exception unexpected) {
          OnlyNodeCrashTest.UNEXPECTED.add(unexpected.toString());
        }
      }
    });
    manager.start();
    await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(5))
        .until(() -> recorded.size() >= 10 && decided.size() >= 3
            && db.queryForObject("select count(*) from act_ru_job where lock_owner_ = 'node-a'", Long.class) > 0);
    long heldWhenKilled = db.queryForObject("select count(*) from act_ru_job where lock_owner_ = 'node-a'", Long.class);
    long killed = System.nanoTime();
    nodeA.destroyForcibly().waitFor();
    schools.join();
    manager.join();
    List<String> cases = List.copyOf(recorded);
    // An email A had claimed when it died may have reached the receiver unrecorded: B sends it again.
    Set<String> inFlight = new HashSet<>(db.queryForList("select idempotency_key from sf_notification"
        + " where status = 'RECORDED' and attempts = 0 and next_attempt_at > now()", String.class));

    // The operator on node B sees the jobs the dead node still holds, and whose they are, until their lock ends.
    OperationsFigures figures = nodeB.getBean(OperationsFigures.class);
    long stillHeld = db.queryForObject("select count(*) from act_ru_job where lock_owner_ = 'node-a'"
        + " and lock_exp_time_ > current_timestamp", Long.class);
    if (stillHeld > 0) {
      OperationsFigures.Snapshot held = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
          .until(() -> {
            figures.forget();
            return figures.current();
          }, snapshot -> snapshot.lockOwnersHoldingTooLong().contains("node-a"));
      assertThat(held.jobsLockedTooLong()).isPositive();
      assertThat(held.longestLockSeconds()).isGreaterThanOrEqualTo(2);
      System.out.printf("%nKILLED NODE: node B's figures show %d jobs locked too long by %s, the longest for %d s%n",
          held.jobsLockedTooLong(), held.lockOwnersHoldingTooLong(), held.longestLockSeconds());
    }
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(() ->
        db.queryForObject("select count(*) from act_ru_job", Long.class) == 0
            && db.queryForObject("select count(*) from sf_timescale_breach", Long.class)
                == db.queryForObject("select count(*) from sf_case", Long.class));
    long recoveredSeconds = Duration.ofNanos(System.nanoTime() - killed).toSeconds();
    figures.forget();
    assertThat(figures.current().jobsLockedTooLong()).as("locks held too long once node B ran everything").isZero();
    // Then the managers decide the rest on B.
    TaskService tasks = nodeB.getBean(TaskService.class);
    for (Task decision : tasks.createTaskQuery().taskDefinitionKey(ContactProcess.Element.MANAGER_DECIDES_CONTACT).list()) {
      tasks.complete(decision.getId(), Map.of(
          ContactProcess.Var.CONTACT_DECISION.name(), "NFA",
          ContactProcess.Var.CONTACT_DECISION_REASON.name(), "Advice given to the school",
          ContactProcess.Var.CONTACT_DECISION_LATE_REASON.name(), "The server died"));
    }
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(() ->
        db.queryForObject("select count(*) from act_ru_job", Long.class) == 0
            && db.queryForObject("select count(*) from sf_notification where status <> 'DELIVERED'", Long.class) == 0
            && smtp.getReceivedMessages().length >= db.queryForObject("select count(*) from sf_case", Long.class));
    Map<String, Object> jobs = db.queryForMap("select"
        + " (select count(*) from act_hi_job_log where job_state_ = 2 and hostname_ = 'node-a') as node_a,"
        + " (select count(*) from act_hi_job_log where job_state_ = 2 and hostname_ = 'node-b') as node_b,"
        + " (select count(*) from (select job_id_ from act_hi_job_log where job_state_ = 2 group by job_id_"
        + "   having count(*) > 1) d) as duplicates");
    long stored = db.queryForObject("select count(*) from sf_case", Long.class);
    Map<String, Long> emailsPerKey = java.util.Arrays.stream(smtp.getReceivedMessages())
        .map(KilledNodeTest::idempotencyKey)
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    Set<String> resent = emailsPerKey.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
        .collect(Collectors.toSet());
    long lost = cases.stream().filter(c -> db.queryForObject(
        "select count(*) from sf_timescale_breach where case_ref = ?", Long.class, c) != 1).count();
    System.out.printf("%nKILLED NODE (SIGKILL): %d contacts answered 201 before node-a was killed (%d cases stored);"
            + " node-a held %d jobs when killed; jobs run: node-a %s, node-b %s; duplicate jobs %s; lost %d;"
            + " all done %d s after the kill (lock time 10 s); %d decided on node-a before the kill; referrer emails %d"
            + " for %d keys, %d sent twice (in flight at the kill: %d)%n%n",
        cases.size(), stored, heldWhenKilled, jobs.get("node_a"), jobs.get("node_b"), jobs.get("duplicates"), lost,
        recoveredSeconds, decided.size(), smtp.getReceivedMessages().length, emailsPerKey.size(), resent.size(),
        inFlight.size());

    assertThat(((Number) jobs.get("duplicates")).longValue()).isZero();
    assertThat(lost).as("contacts answered 201 without exactly one breach recorded").isZero();
    // A contact is whole or absent: at most the one in flight at the kill committed without its answer.
    assertThat(stored - cases.size()).isBetween(0L, 1L);
    assertThat(db.queryForObject("select count(*) from sf_case where process_instance_id is null", Long.class)).isZero();
    assertThat(db.queryForObject("select count(*) from (select case_ref from sf_timescale_breach group by case_ref"
        + " having count(*) > 1) b", Long.class)).isZero();
    // One escalation per case whose deadline fired before its manager decided it; never two.
    assertThat(db.queryForObject("select count(*) from act_hi_taskinst where task_def_key_ ="
        + " 'Task_ServiceManagerReviewsOverdueContact'", Long.class)).isBetween(stored - decided.size(), stored);
    assertThat(db.queryForObject("select count(*) from (select proc_inst_id_ from act_hi_taskinst where task_def_key_ ="
        + " 'Task_ServiceManagerReviewsOverdueContact' group by proc_inst_id_ having count(*) > 1) e", Long.class)).isZero();
    assertThat(cases).doesNotHaveDuplicates();
    // Every referrer told, once per key; twice only where A was sending when it died.
    assertThat(emailsPerKey.keySet()).containsExactlyInAnyOrderElementsOf(
        db.queryForList("select case_ref || ':REFERRER_OUTCOME:1' from sf_case", String.class));
    assertThat(inFlight).containsAll(resent);
    assertThat(OnlyNodeCrashTest.UNEXPECTED).as("decisions answered other than 204 or 409").isEmpty();
  }

  private static String idempotencyKey(MimeMessage message) {
    try {
      return message.getHeader("X-Idempotency-Key", null);
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
