package org.safeguardflow.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.safeguardflow.SafeguardFlowApplication;
import org.safeguardflow.support.SampleContact;
import org.safeguardflow.support.TestDatabase;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestTemplate;

/**
 * The council's database server goes away under a running node and comes back: the node says DOWN
 * meanwhile (and stays alive for its orchestrator), refuses contacts rather than half-recording them,
 * and takes contacts again once the database is back, without a restart. PostgreSQL run only, on
 * its own embedded server, stopped and started again on the same data directory and port.
 */
// Whole nodes leave Camunda's static engine registry changed for the shared test context: after every
// other test class, before ModelCoverageTest (Integer.MAX_VALUE).
@Order(Integer.MAX_VALUE - 1)
@Tag("database")
@EnabledIfSystemProperty(named = TestDatabase.PROPERTY, matches = "postgres")
class DatabaseOutageTest {

  static EmbeddedPostgres postgres;
  static ConfigurableApplicationContext node;

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

  @Test
  void theNodeSaysDownWhileTheDatabaseIsAwayAndTakesContactsAgainWhenItIsBack() throws Exception {
    Path data = Files.createTempDirectory("outage-pg");
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    postgres = startPostgres(data, port);
    node = new SpringApplicationBuilder(SafeguardFlowApplication.class).run(
        "--spring.datasource.url=jdbc:postgresql://localhost:" + port + "/postgres",
        "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
        // A health check or request must not hang for Hikari's default 30 s while the database is away.
        "--spring.datasource.hikari.connection-timeout=2000",
        "--server.port=0", "--camunda.bpm.process-engine-name=outage", "--camunda.bpm.webapp.enabled=false",
        "--logging.level.org.camunda.bpm.engine.context=off");
    RestTemplate manager = client("manager");
    RestTemplate anonymous = client(null);
    HealthEndpoint health = node.getBean(HealthEndpoint.class);
    JdbcTemplate db = node.getBean(JdbcTemplate.class);
    String receivedAt = OffsetDateTime.now().minusHours(1).toString();
    assertThat(post(manager, receivedAt)).isEqualTo(201);

    postgres.close();

    assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
    assertThat(anonymous.getForEntity("/actuator/health/liveness", String.class).getBody()).isEqualTo("{\"status\":\"UP\"}");
    assertThat(post(manager, receivedAt)).as("a contact sent while the database is away").isNotEqualTo(201);

    postgres = startPostgres(data, port);

    await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
        .until(() -> health.health().getStatus().equals(Status.UP));
    assertThat(post(manager, receivedAt)).isEqualTo(201);
    // The refused contact left nothing behind; the two recorded ones each have their case and process.
    assertThat(db.queryForObject("select count(*) from sf_contact", Long.class)).isEqualTo(2);
    assertThat(db.queryForObject("select count(*) from sf_case where process_instance_id is not null", Long.class)).isEqualTo(2);
    assertThat(db.queryForObject("select count(*) from act_ru_task where task_def_key_ = 'Task_ManagerDecidesContact'",
        Long.class)).isEqualTo(2);
  }

  private static int post(RestTemplate client, String receivedAt) {
    try {
      ResponseEntity<Map> answer = client.postForEntity("/api/contacts", SampleContact.fromSchool(receivedAt).body(), Map.class);
      return answer.getStatusCode().value();
    } catch (org.springframework.web.client.RestClientResponseException refused) {
      return refused.getStatusCode().value();
    }
  }

  private static RestTemplate client(String user) {
    int port = ((WebServerApplicationContext) node).getWebServer().getPort();
    RestTemplateBuilder builder = new RestTemplateBuilder().rootUri("http://localhost:" + port);
    return (user == null ? builder : builder.basicAuthentication(user, user)).build();
  }
}
