package org.safeguardflow.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.safeguardflow.SafeguardFlowApplication;
import org.safeguardflow.errors.ErrorAnswers;
import org.safeguardflow.support.SampleContact;
import org.safeguardflow.support.TestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The council's database server goes away for {@value #OUTAGE_SECONDS} seconds under a running node
 * while partner agencies keep sending contacts, and comes back. Meanwhile every contact is answered
 * 503 with {@code Retry-After} and plain words (never 500, no SQL, no class name), the operator reads
 * {@code /actuator/health} (DOWN, naming {@code db} and {@code jobExecutor}) without it hanging on the
 * connection pool, and the node stays alive for its orchestrator. The partners send each refused
 * contact again with its {@code Idempotency-Key} until it is accepted; once the database is back the
 * node takes contacts again without a restart, and all {@value #CONTACTS} are recorded once each,
 * whole (case, process, decision task). PostgreSQL run only, on its own embedded server, stopped and
 * started again on the same data directory and port.
 */
// Whole nodes leave Camunda's static engine registry changed for the shared test context: after every
// other test class, before ModelCoverageTest (Integer.MAX_VALUE).
@Order(Integer.MAX_VALUE - 1)
@Tag("database")
@EnabledIfSystemProperty(named = TestDatabase.PROPERTY, matches = "postgres")
class DatabaseOutageTest {

  static final int CONTACTS = 200;
  /** Accepted before the database goes away. */
  static final int BEFORE_OUTAGE = 100;
  static final int OUTAGE_SECONDS = 30;
  static final int PARTNERS = 4;
  static final ObjectMapper JSON = new ObjectMapper();

  static EmbeddedPostgres postgres;
  static ConfigurableApplicationContext node;
  static HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static int port;

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      node.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  static EmbeddedPostgres startPostgres(Path data, int port) throws Exception {
    return EmbeddedPostgres.builder().setCleanDataDirectory(false).setDataDirectory(data).setPort(port).start();
  }

  /** One answer as the caller saw it. */
  record Answer(int status, String body, String retryAfter, long millis) {}

  @Test
  void partnersAreAskedToRetryWhileTheDatabaseIsAwayOperatorsSeeWhyAndNothingIsLost() throws Exception {
    Path data = Files.createTempDirectory("outage-pg");
    int dbPort;
    try (ServerSocket free = new ServerSocket(0)) {
      dbPort = free.getLocalPort();
    }
    postgres = startPostgres(data, dbPort);
    // The pool's connection timeout is application.yaml's (2 s), as in production.
    node = new SpringApplicationBuilder(SafeguardFlowApplication.class).run(
        "--spring.datasource.url=jdbc:postgresql://localhost:" + dbPort + "/postgres",
        "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
        "--server.port=0", "--camunda.bpm.process-engine-name=outage", "--camunda.bpm.webapp.enabled=false",
        "--logging.level.org.camunda.bpm.engine.context=off", "--logging.level.com.zaxxer.hikari=off",
        "--logging.level.org.camunda.bpm.engine.jobexecutor=off", "--logging.level.org.safeguardflow.notify=off");
    port = ((WebServerApplicationContext) node).getWebServer().getPort();
    JdbcTemplate db = node.getBean(JdbcTemplate.class);
    assertThat(get("operator", "/actuator/health").status()).isEqualTo(200);

    // Partners send contacts, each with its Idempotency-Key, and send a refused one again until it is accepted.
    String receivedAt = OffsetDateTime.now().minusHours(1).toString();
    AtomicInteger next = new AtomicInteger();
    Map<String, String> accepted = new ConcurrentHashMap<>(); // Idempotency-Key -> case reference
    List<Answer> refusals = new CopyOnWriteArrayList<>();
    List<Long> acceptedAt = new CopyOnWriteArrayList<>();
    ExecutorService partners = Executors.newFixedThreadPool(PARTNERS);
    List<Future<?>> sending = new ArrayList<>();
    for (int p = 0; p < PARTNERS; p++) {
      sending.add(partners.submit(() -> {
        for (int i = next.getAndIncrement(); i < CONTACTS; i = next.getAndIncrement()) {
          String key = UUID.randomUUID().toString();
          String body = JSON.writeValueAsString(SampleContact.fromSchool(receivedAt).body());
          while (true) {
            Answer answer = postContact(body, key);
            if (answer.status() == 201) {
              accepted.put(key, JSON.readTree(answer.body()).get("caseRef").asText());
              acceptedAt.add(System.nanoTime());
              break;
            }
            // Sent again at once: while the database is away each refusal itself takes the pool's connection timeout.
            refusals.add(answer);
          }
        }
        return null;
      }));
    }
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50)).until(() -> accepted.size() >= BEFORE_OUTAGE);

    long away = System.nanoTime();
    postgres.close();
    int acceptedWhenAway = accepted.size();

    // Operators read health meanwhile; a team manager, who may not, is told the records are out of reach.
    List<Answer> healthAnswers = new ArrayList<>();
    List<Answer> othersAnswers = new ArrayList<>();
    List<Answer> metricsAnswers = new ArrayList<>();
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).until(() -> {
      healthAnswers.add(get("operator", "/actuator/health"));
      metricsAnswers.add(get("operator", "/actuator/prometheus"));
      othersAnswers.add(get("manager", "/actuator/health"));
      othersAnswers.add(get(null, "/actuator/health/liveness"));
      return Duration.ofNanos(System.nanoTime() - away).toSeconds() >= OUTAGE_SECONDS;
    });
    long refusedDuringOutage = refusals.size();

    postgres = startPostgres(data, dbPort);
    long back = System.nanoTime();
    long outageMillis = Duration.ofNanos(back - away).toMillis();
    await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
        .until(() -> get("operator", "/actuator/health").status() == 200);
    long healthUpMillis = Duration.ofNanos(System.nanoTime() - back).toMillis();
    await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
        .until(() -> acceptedAt.stream().anyMatch(t -> t > back));
    long firstAcceptedMillis = Duration.ofNanos(acceptedAt.stream().filter(t -> t > back).min(Long::compare).orElseThrow() - back)
        .toMillis();
    for (Future<?> partner : sending) {
      partner.get();
    }
    partners.shutdown();

    LongStats health = LongStats.of(healthAnswers.stream().mapToLong(Answer::millis).toArray());
    LongStats metrics = LongStats.of(metricsAnswers.stream().mapToLong(Answer::millis).toArray());
    System.out.printf("%nDATABASE OUTAGE: %d s (PostgreSQL stopped with %d of %d contacts accepted); %d contacts"
            + " answered 503 meanwhile and sent again; operator health read %d times while away, %d-%d ms each"
            + " (Prometheus %d-%d ms);"
            + " after the restart of the database: health UP in %d ms, first contact accepted in %d ms;"
            + " contacts accepted %d, stored %d%n%n",
        outageMillis / 1000, acceptedWhenAway, CONTACTS, refusedDuringOutage, healthAnswers.size(), health.min(),
        health.max(), metrics.min(), metrics.max(), healthUpMillis, firstAcceptedMillis, accepted.size(),
        db.queryForObject("select count(*) from sf_contact", Long.class));

    // While away: a clear 503 asking to send again, never 500, nothing of the inside of the server.
    assertThat(refusedDuringOutage).as("contacts refused while the database was away").isPositive();
    assertThat(refusals).allSatisfy(refused -> {
      assertThat(refused.status()).as(refused.body()).isEqualTo(503);
      assertThat(refused.retryAfter()).isNotBlank();
      JsonNode body = JSON.readTree(refused.body());
      assertThat(body.get("type").asText()).isEqualTo("ServiceUnavailable");
      assertThat(body.get("message").asText()).contains("cannot be reached").contains("nothing was recorded");
      assertThat(ErrorAnswers.leaks(refused.body())).as(refused.body()).isFalse();
    });
    assertThat(healthAnswers).allSatisfy(answer -> {
      assertThat(answer.status()).as(answer.body()).isEqualTo(503);
      JsonNode components = JSON.readTree(answer.body()).get("components");
      assertThat(components.get("db").get("status").asText()).isEqualTo("DOWN");
      assertThat(components.get("db").get("details").get("database").asText()).startsWith("out of reach");
      assertThat(components.get("jobExecutor").get("status").asText()).isEqualTo("DOWN");
      assertThat(components.get("processEngine").get("status").asText()).isEqualTo("UP");
      assertThat(ErrorAnswers.leaks(answer.body())).as(answer.body()).isFalse();
    });
    // Prometheus still scrapes: the node's own figures (pool, JVM) are there, the database's are not a
    // number, and the database being away is a number an alert can fire on.
    assertThat(metricsAnswers).allSatisfy(answer -> {
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.body()).contains("hikaricp_connections_pending").contains("safeguard_jobs_due_not_taken");
    });
    assertThat(OperationsEndpointsTest.value(metricsAnswers.get(metricsAnswers.size() - 1).body(),
        "safeguard_database_reachable", "")).isEqualTo(0.0);
    assertThat(OperationsEndpointsTest.value(get("operator", "/actuator/prometheus").body(), "safeguard_database_reachable", ""))
        .isEqualTo(1.0);
    // The request metrics record what the callers were sent: 503s, not 500s nobody received.
    var requests = node.getBean(io.micrometer.core.instrument.MeterRegistry.class).find("http.server.requests").timers();
    assertThat(requests).as("http.server.requests answered 500").noneSatisfy(timer ->
        assertThat(timer.getId().getTag("status")).isEqualTo("500"));
    assertThat(requests.stream().filter(timer -> "503".equals(timer.getId().getTag("status")))
        .mapToLong(io.micrometer.core.instrument.Timer::count).sum())
        .as("http.server.requests answered 503").isGreaterThanOrEqualTo(refusedDuringOutage);
    assertThat(othersAnswers).allSatisfy(answer -> {
      assertThat(answer.status()).as(answer.body()).isIn(200, 503);
      assertThat(answer.status() == 200 ? answer.body() : JSON.readTree(answer.body()).get("type").asText())
          .isIn("{\"status\":\"UP\"}", "ServiceUnavailable");
    });

    // Nothing lost, nothing twice, nothing half there.
    assertThat(accepted).hasSize(CONTACTS);
    assertThat(accepted.values()).doesNotHaveDuplicates();
    assertThat(db.queryForObject("select count(*) from sf_contact", Long.class)).isEqualTo(CONTACTS);
    assertThat(db.queryForList("select case_ref from sf_case where process_instance_id is not null", String.class))
        .containsExactlyInAnyOrderElementsOf(accepted.values());
    assertThat(db.queryForObject("select count(distinct proc_inst_id_) from act_ru_task where task_def_key_ ="
        + " 'Task_ManagerDecidesContact'", Long.class)).isEqualTo(CONTACTS);
  }

  record LongStats(long min, long max) {
    static LongStats of(long[] values) {
      return new LongStats(java.util.Arrays.stream(values).min().orElse(0), java.util.Arrays.stream(values).max().orElse(0));
    }
  }

  private static Answer postContact(String body, String idempotencyKey) throws Exception {
    return send("partner", HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/contacts"))
        .header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static Answer get(String user, String path) throws Exception {
    return send(user, HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET());
  }

  private static Answer send(String user, HttpRequest.Builder request) throws Exception {
    if (user != null) {
      request.header("Authorization", "Basic "
          + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
    }
    long started = System.nanoTime();
    HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body(), response.headers().firstValue("Retry-After").orElse(""),
        Duration.ofNanos(System.nanoTime() - started).toMillis());
  }
}
