package org.safeguardflow.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.safeguardflow.SafeguardFlowApplication;
import org.safeguardflow.support.SampleContact;
import org.safeguardflow.support.TestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The council's only server dies ({@code kill -9}) while partner agencies send contacts and front-door
 * managers decide them, and is started again on the same PostgreSQL. The node runs as a process of its
 * own, as in production; the referrers' outcome emails go to a real SMTP receiver (GreenMail).
 *
 * <p>After the restart: every contact that was answered 201 is there with its process, and none is
 * half there (no contact without its case and process, no process without its contact); every
 * decision answered 204 is recorded on its contact, and no decision task is completed without its
 * decision recorded; every deadline and reminder timer that was due when the node died (the contacts
 * are a week old, so all of theirs are) fires after the restart, once; every referrer is emailed
 * exactly once per idempotency key (a second email with the same key is allowed only for a
 * notification whose send was in flight at the kill: at-least-once delivery, README). Finally the
 * restarted node is stopped with SIGTERM while it holds jobs and leaves none locked. PostgreSQL run
 * only, on its own embedded server.
 */
// Whole nodes leave Camunda's static engine registry changed for the shared test context: after every
// other test class, before ModelCoverageTest (Integer.MAX_VALUE).
@Order(Integer.MAX_VALUE - 1)
@Tag("database")
@Tag("cluster")
@EnabledIfSystemProperty(named = TestDatabase.PROPERTY, matches = "postgres")
class OnlyNodeCrashTest {

  /** Contacts accepted and decisions completed before the kill, at least. */
  static final int CONTACTS_BEFORE_KILL = 40;
  static final int DECISIONS_BEFORE_KILL = 15;
  static final int SMTP_PORT = 3126;
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * Answers to a decision other than 204 and 409 (lost a race with the case's timer), and failures of
   * the partners' and managers' calls other than the node being gone, for the assertions.
   */
  static final List<String> UNEXPECTED = new CopyOnWriteArrayList<>();

  static EmbeddedPostgres postgres;
  static GreenMail smtp;
  static Process node;

  @AfterAll
  static void stop() throws Exception {
    if (node != null && node.isAlive()) {
      node.destroyForcibly().waitFor();
    }
    if (smtp != null) {
      smtp.stop();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void afterAKillAndARestartEveryAcceptedContactAndDecisionIsWholeAndEveryTimerAndEmailHappensOnce() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    smtp = new GreenMail(new ServerSetup(SMTP_PORT, "localhost", "smtp"));
    smtp.start();
    JdbcTemplate db = new JdbcTemplate(postgres.getPostgresDatabase());
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String base = "http://localhost:" + port;
    long starting = System.nanoTime();
    node = start(port, "first");
    untilUp(base);
    long firstStartMillis = Duration.ofNanos(System.nanoTime() - starting).toMillis();

    // Schools send week-old contacts (every deadline and reminder of theirs is due at once); managers
    // decide them as they come, late. Both go on until the node is gone.
    String receivedAt = OffsetDateTime.now().minusDays(7).toString();
    List<String> accepted = new CopyOnWriteArrayList<>();
    List<String> decided = new CopyOnWriteArrayList<>();
    AtomicBoolean gone = new AtomicBoolean();
    ExecutorService people = Executors.newFixedThreadPool(4);
    for (int partner = 0; partner < 2; partner++) {
      people.submit(() -> {
        while (!gone.get()) {
          try {
            HttpResponse<String> answer = send("partner", HttpRequest.newBuilder(URI.create(base + "/api/contacts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(SampleContact.fromSchool(receivedAt).body()))));
            if (answer.statusCode() == 201) {
              accepted.add(JSON.readTree(answer.body()).get("caseRef").asText());
            } else {
              UNEXPECTED.add(answer.statusCode() + " " + answer.body());
            }
          } catch (java.io.IOException nodeGone) {
            gone.set(true);
          } catch (Exception unexpected) {
            UNEXPECTED.add(unexpected.toString());
          }
        }
        return null;
      });
    }
    for (int manager = 0; manager < 2; manager++) {
      int parity = manager;
      people.submit(() -> {
        while (!gone.get()) {
          try {
            decideOne(base, parity, decided);
          } catch (java.io.IOException nodeGone) {
            gone.set(true);
          } catch (Exception unexpected) {
            UNEXPECTED.add(unexpected.toString());
          }
        }
        return null;
      });
    }
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20))
        .until(() -> accepted.size() >= CONTACTS_BEFORE_KILL && decided.size() >= DECISIONS_BEFORE_KILL
            && db.queryForObject("select count(*) from act_ru_job where lock_owner_ is not null", Long.class) > 0);

    long heldWhenKilled = db.queryForObject("select count(*) from act_ru_job where lock_owner_ is not null", Long.class);
    node.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, nothing released
    long killed = System.nanoTime();
    gone.set(true);
    people.shutdown();
    await().atMost(Duration.ofMinutes(1)).until(people::isTerminated);
    long dueWhenKilled = db.queryForObject("select count(*) from act_ru_job where duedate_ is null or duedate_ <= now()",
        Long.class);
    // A referrer email claimed for sending when the node died may have reached the receiver unrecorded.
    Set<String> inFlight = new HashSet<>(db.queryForList("select idempotency_key from sf_notification"
        + " where status = 'RECORDED' and attempts = 0 and next_attempt_at > now()", String.class));
    long casesWhenKilled = db.queryForObject("select count(*) from sf_case", Long.class);

    node = start(port, "restarted");
    untilUp(base);
    long restartMillis = Duration.ofNanos(System.nanoTime() - killed).toMillis();
    // The timers and emails the dead node left: each done after the restart, once the dead node's
    // job locks (10 s here) and outbox claims (10 s here) have lapsed.
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(() ->
        db.queryForObject("select count(*) from act_ru_job where duedate_ is null or duedate_ <= now()", Long.class) == 0
            && db.queryForObject("select count(*) from sf_notification where status <> 'DELIVERED'", Long.class) == 0);
    long recoveredMillis = Duration.ofNanos(System.nanoTime() - killed).toMillis();

    // Then the managers decide what is left, on the restarted node.
    List<String> decidedAfter = new CopyOnWriteArrayList<>();
    while (decideOne(base, -1, decidedAfter)) {
      // one decision a round, until none is left
    }
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(() ->
        db.queryForObject("select count(*) from act_ru_job", Long.class) == 0
            && db.queryForObject("select count(*) from sf_notification where status <> 'DELIVERED'", Long.class) == 0
            && smtp.getReceivedMessages().length >= db.queryForObject("select count(*) from sf_case", Long.class));

    long cases = db.queryForObject("select count(*) from sf_case", Long.class);
    Map<String, Long> emailsPerKey = emailsPerKey();
    Set<String> resent = emailsPerKey.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
        .collect(Collectors.toSet());
    Map<String, Object> jobs = db.queryForMap("select"
        + " (select count(*) from act_hi_job_log where job_state_ = 2 and hostname_ = 'first') as before_kill,"
        + " (select count(*) from act_hi_job_log where job_state_ = 2 and hostname_ = 'restarted') as after_restart,"
        + " (select count(*) from (select job_id_ from act_hi_job_log where job_state_ = 2 group by job_id_"
        + "   having count(*) > 1) d) as duplicates");
    System.out.printf("%nONLY NODE KILLED (SIGKILL) AND RESTARTED: first start %d ms; %d contacts answered 201 and %d"
            + " decisions 204 before the kill (%d cases stored); when killed the node held %d job locks and %d jobs were"
            + " due, %d emails in flight; restarted and answering %d ms after the kill, everything left done %d ms after"
            + " the kill (job lock and outbox claim 10 s); jobs run before the kill %s, after %s, twice %s;"
            + " %d decided after the restart; %d cases, %d breaches, %d escalation tasks; %d referrer emails for %d keys,"
            + " %d sent again (in flight at the kill: %d)%n%n",
        firstStartMillis, accepted.size(), decided.size(), casesWhenKilled, heldWhenKilled, dueWhenKilled, inFlight.size(),
        restartMillis, recoveredMillis, jobs.get("before_kill"), jobs.get("after_restart"), jobs.get("duplicates"),
        decidedAfter.size(), cases, count(db, "select count(*) from sf_timescale_breach"),
        count(db, "select count(*) from act_hi_taskinst where task_def_key_ = 'Task_ServiceManagerReviewsOverdueContact'"),
        smtp.getReceivedMessages().length, emailsPerKey.size(), resent.size(), inFlight.size());

    assertThat(UNEXPECTED).as("decisions answered other than 204 or 409, calls failing otherwise than the node gone")
        .isEmpty();
    // Every 201 is there, whole; at most the contacts in flight at the kill committed without their answer.
    assertThat(db.queryForList("select case_ref from sf_case", String.class)).containsAll(accepted);
    assertThat(cases - accepted.size()).isBetween(0L, 2L);
    assertThat(count(db, "select count(*) from sf_case c where c.process_instance_id is null or not exists"
        + " (select 1 from act_hi_procinst p where p.id_ = c.process_instance_id)"
        + " or not exists (select 1 from sf_contact k where k.case_ref = c.case_ref)")).as("cases half there").isZero();
    assertThat(count(db, "select count(*) from act_hi_procinst p where p.proc_def_key_ = 'Process_Contact'"
        + " and not exists (select 1 from sf_case c where c.process_instance_id = p.id_)")).as("processes without a case")
        .isZero();
    // Every 204 is recorded on its contact; no decision task is completed without its decision.
    assertThat(db.queryForList("select case_ref from sf_contact where decision is not null", String.class))
        .containsAll(decided).containsAll(decidedAfter).hasSize((int) cases);
    assertThat(count(db, "select count(*) from act_hi_taskinst t join sf_case c on c.process_instance_id = t.proc_inst_id_"
        + " join sf_contact k on k.case_ref = c.case_ref where t.task_def_key_ = 'Task_ManagerDecidesContact'"
        + " and t.end_time_ is not null and t.delete_reason_ = 'completed' and k.decision is null"))
        .as("decision tasks completed without their decision").isZero();
    // Every timer once: one breach and one escalation per case, no job run twice.
    assertThat(((Number) jobs.get("duplicates")).longValue()).isZero();
    assertThat(count(db, "select count(*) from (select case_ref from sf_timescale_breach group by case_ref"
        + " having count(*) = 1) b")).isEqualTo(cases);
    assertThat(count(db, "select count(*) from sf_timescale_breach")).isEqualTo(cases);
    assertThat(count(db, "select count(*) from (select proc_inst_id_ from act_hi_taskinst where task_def_key_ ="
        + " 'Task_ServiceManagerReviewsOverdueContact' group by proc_inst_id_ having count(*) > 1) e")).isZero();
    // Every job that was due (or held by the dead node) when it was killed ran after the restart; the
    // kill may fall when none was.
    assertThat(((Number) jobs.get("after_restart")).longValue()).as("jobs the restarted node ran")
        .isGreaterThanOrEqualTo(dueWhenKilled);
    // Every referrer told once; a second email only where the send was in flight at the kill.
    assertThat(emailsPerKey.keySet()).containsExactlyInAnyOrderElementsOf(
        db.queryForList("select case_ref || ':REFERRER_OUTCOME:1' from sf_case", String.class));
    assertThat(inFlight).containsAll(resent);

    stoppedWithSigtermTheNodeHandsBackTheJobsItHolds(base, db, receivedAt);
  }

  /**
   * Stopped as systemd or an orchestrator stops it (SIGTERM) while it holds due jobs, the node leaves
   * none locked to itself: a node started after it need not wait out the lock time.
   */
  private static void stoppedWithSigtermTheNodeHandsBackTheJobsItHolds(String base, JdbcTemplate db, String receivedAt)
      throws Exception {
    for (int i = 0; i < 10; i++) {
      HttpResponse<String> answer = send("partner", HttpRequest.newBuilder(URI.create(base + "/api/contacts"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(SampleContact.fromSchool(receivedAt).body()))));
      assertThat(answer.statusCode()).isEqualTo(201);
    }
    await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(5))
        .until(() -> count(db, "select count(*) from act_ru_job where lock_owner_ = 'restarted'") > 0);
    long held = count(db, "select count(*) from act_ru_job where lock_owner_ = 'restarted'");
    long stopping = System.nanoTime();
    node.destroy(); // SIGTERM
    assertThat(node.waitFor()).as("exit status after SIGTERM").isIn(0, 143);
    long stillLocked = count(db, "select count(*) from act_ru_job where lock_owner_ = 'restarted'");
    System.out.printf("SIGTERM: the node held %d jobs, stopped in %d ms, %d left locked to it%n%n", held,
        Duration.ofNanos(System.nanoTime() - stopping).toMillis(), stillLocked);
    assertThat(stillLocked).as("jobs left locked to the node stopped with SIGTERM").isZero();
  }

  /**
   * A front-door manager takes the oldest undecided contact (of one parity of case, so that two
   * managers do not pick the same one; -1 for any) and decides it, late, as Tasklist does.
   *
   * @return whether there was one to decide
   */
  static boolean decideOne(String base, int parity, List<String> decided) throws Exception {
    HttpResponse<String> open = send("manager", HttpRequest.newBuilder(URI.create(base
        + "/engine-rest/task?taskDefinitionKey=Task_ManagerDecidesContact&sortBy=created&sortOrder=asc&maxResults=20")).GET());
    for (JsonNode task : JSON.readTree(open.body())) {
      String caseRef = caseOf(base, task.get("processInstanceId").asText());
      if (caseRef == null) {
        continue; // decided by the other manager meanwhile, and its process has ended
      }
      if (parity >= 0 && Math.floorMod(caseRef.hashCode(), 2) != parity) {
        continue;
      }
      String completion = JSON.writeValueAsString(Map.of("variables", Map.of(
          "contactDecision", Map.of("value", "NFA"),
          "contactDecisionReason", Map.of("value", "Advice given to the school"),
          "contactDecisionLateReason", Map.of("value", "The server was restarted"))));
      HttpResponse<String> done = send("manager", HttpRequest.newBuilder(URI.create(base + "/engine-rest/task/"
          + task.get("id").asText() + "/complete")).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(completion)));
      if (done.statusCode() == 204) {
        decided.add(caseRef);
      } else if (done.statusCode() != 409) { // 409: the deadline timer changed the case at that moment; decide again
        UNEXPECTED.add(done.statusCode() + " " + done.body());
      }
      return true;
    }
    return false;
  }

  private static String caseOf(String base, String processInstanceId) throws Exception {
    HttpResponse<String> process = send("manager", HttpRequest.newBuilder(URI.create(base
        + "/engine-rest/process-instance/" + processInstanceId)).GET());
    return process.statusCode() == 200 ? JSON.readTree(process.body()).get("businessKey").asText() : null;
  }

  /** The packaged application in a JVM of its own, on the test's PostgreSQL and GreenMail. */
  private static Process start(int port, String name) throws Exception {
    // Kept after the test (target/): a failure of the node is read in its own log.
    File log = new File("target", "only-node-crash-" + name + ".log");
    return new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
        "-XX:TieredStopAtLevel=1", "-cp", KilledNodeTest.classPath(), SafeguardFlowApplication.class.getName(),
        "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
        "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
        "--server.port=" + port, "--camunda.bpm.webapp.enabled=false",
        "--camunda.bpm.job-execution.enabled=true", "--camunda.bpm.job-execution.max-wait=1000",
        "--safeguard.cluster.node-name=" + name, "--safeguard.cluster.job-lock-time=PT10S",
        "--safeguard.notify.sender.enabled=true", "--safeguard.notify.poll-interval=PT0.5S",
        "--safeguard.notify.lease=PT10S", "--spring.mail.port=" + SMTP_PORT)
        .redirectErrorStream(true).redirectOutput(log).start();
  }

  /**
   * Until the node serves signed-in users: liveness is UP before the demo users exist (the first
   * partners' posts were refused 401), so an operator's health request must be let in (200 UP, or
   * 503 while the timers left by a crash are still due).
   */
  private static void untilUp(String base) {
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
        .until(() -> List.of(200, 503).contains(send("operator", HttpRequest.newBuilder(URI.create(base
            + "/actuator/health")).GET()).statusCode()));
  }

  private static HttpResponse<String> send(String user, HttpRequest.Builder request) throws Exception {
    if (user != null) {
      request.header("Authorization", "Basic "
          + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
    }
    return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static long count(JdbcTemplate db, String sql) {
    return db.queryForObject(sql, Long.class);
  }

  private static Map<String, Long> emailsPerKey() throws Exception {
    List<String> keys = new ArrayList<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      keys.add(message.getHeader("X-Idempotency-Key", null));
    }
    return keys.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }
}
