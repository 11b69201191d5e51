package org.safeguardflow.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safeguardflow.casework.StrategyDiscussionProcess;
import org.safeguardflow.support.CaseScenario;
import org.safeguardflow.support.EngineClock;
import org.safeguardflow.support.SafeguardFlowTest;
import org.safeguardflow.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/**
 * Ruby's strategy discussion is convened and the police are to be invited. The job that writes the
 * invitation to the outbox runs twice at the same moment: the job executor runs it while an operator
 * presses "execute job" (Cockpit, REST), or a second cluster node picks it up after the first node's
 * lock ran out. One invitation is recorded and delivered once; the operator meets a clean conflict,
 * never a server error with SQL in it, and Cockpit shows no incident.
 *
 * <p>So that the two runs really overlap, the test holds an uncommitted row with the invitation's key
 * while both start: each run reads the job, reaches the outbox and waits for the database there. Then
 * the test lets go and the database alone decides which run writes.
 */
@SafeguardFlowTest
class NotificationStepRunTwiceTest {

  @Autowired CaseScenario scenario;
  @Autowired ManagementService management;
  @Autowired RuntimeService runtime;
  @Autowired Notifications notifications;
  @Autowired NotificationSender sender;
  @Autowired Agencies agencies;
  @Autowired DataSource dataSource;
  @Autowired TestRestTemplate http;

  WireMockServer police;
  Agency policeAsSeeded;

  @BeforeEach
  void thePoliceTakeInvitationsByWebhook() {
    police = new WireMockServer(0);
    police.start();
    police.stubFor(post("/invitations").willReturn(aResponse().withStatus(202)));
    policeAsSeeded = agencies.find("POLICE").orElseThrow();
    agencies.save(new Agency("POLICE", policeAsSeeded.name(), Agency.Kind.POLICE, Agency.Channel.WEBHOOK, null,
        police.baseUrl() + "/invitations", "police-secret", true));
  }

  @AfterEach
  void putThePoliceBack() {
    agencies.save(policeAsSeeded);
    police.stop();
  }

  @Test
  void theJobExecutorAndAnOperatorInviteThePoliceAtTheSameMomentAndThePoliceAreInvitedOnce() throws Exception {
    EngineClock.setTo("2026-04-07T14:00:00+01:00");
    String caseRef = scenario.openCase("Ruby");
    ProcessInstance discussion = conveneWithThePolice(caseRef);
    String jobId = management.createJobQuery().processInstanceId(discussion.getId()).singleResult().getId();

    List<String> outcomes = runTwiceAtOnce(caseRef + ":STRATEGY_INVITE:1:POLICE",
        () -> asTheJobExecutor(jobId), () -> asAnOperatorInCockpit(jobId));

    assertThat(outcomes).containsExactlyInAnyOrder("done", "conflict");
    assertThat(notifications.forCase(caseRef)).singleElement()
        .satisfies(n -> assertThat(n.idempotencyKey()).isEqualTo(caseRef + ":STRATEGY_INVITE:1:POLICE"));
    assertThat(notifications.events(caseRef)).extracting(Notifications.Event::event).containsExactly("RECORDED");
    assertThat(management.createJobQuery().jobId(jobId).count()).as("the job is done").isZero();
    assertThat(runtime.createIncidentQuery().processInstanceId(discussion.getId()).count()).as("no incident").isZero();
    assertThat(scenario.openTasks(caseRef)).contains(StrategyDiscussionProcess.Element.RECORD);

    sender.deliverDue();
    police.verify(1, postRequestedFor(urlEqualTo("/invitations")));
  }

  @Test
  void twoClusterNodesRunningTheSameJobRecordOneInvitationAndTheLaterNodeMeetsAConflict() throws Exception {
    EngineClock.setTo("2026-04-07T15:00:00+01:00");
    String caseRef = scenario.openCase("Ruby");
    ProcessInstance discussion = conveneWithThePolice(caseRef);
    String jobId = management.createJobQuery().processInstanceId(discussion.getId()).singleResult().getId();

    List<String> outcomes = runTwiceAtOnce(caseRef + ":STRATEGY_INVITE:1:POLICE",
        () -> asTheJobExecutor(jobId), () -> asTheJobExecutor(jobId));

    assertThat(outcomes).containsExactlyInAnyOrder("done", "conflict");
    assertThat(notifications.forCase(caseRef)).hasSize(1);
    assertThat(runtime.createIncidentQuery().processInstanceId(discussion.getId()).count()).isZero();
    sender.deliverDue();
    police.verify(1, postRequestedFor(urlEqualTo("/invitations")));
  }

  private ProcessInstance conveneWithThePolice(String caseRef) {
    ProcessInstance discussion = scenario.start(StrategyDiscussionProcess.KEY, caseRef, Map.of("childFirstName", "Ruby",
        "childLastName", "Green", "contactDecision", "STRATEGY_DISCUSSION"));
    scenario.complete(caseRef, StrategyDiscussionProcess.Element.CONVENE, Map.of("strategyInvitees", List.of("POLICE"),
        "strategyPlannedFor", "Wednesday 8 April, 10:00, video call"));
    return discussion;
  }

  private String asTheJobExecutor(String jobId) {
    try {
      management.executeJob(jobId);
      return "done";
    } catch (OptimisticLockingException otherRunWon) {
      return "conflict";
    }
  }

  private String asAnOperatorInCockpit(String jobId) {
    ResponseEntity<String> answer = http.withBasicAuth("demo", "demo")
        .postForEntity("/engine-rest/job/" + jobId + "/execute", null, String.class);
    if (answer.getStatusCode().value() == 204) {
      return "done";
    }
    assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(409);
    assertThat(answer.getBody()).contains("at the same moment")
        .doesNotContainIgnoringCase("sql").doesNotContain("ENGINE-", "Entity", "Exception", "sf_notification");
    return "conflict";
  }

  /**
   * Starts both runs together (a barrier), holds them at the outbox with an uncommitted row of the
   * same key until both wait there, then rolls that row back and collects what each caller met.
   */
  private List<String> runTwiceAtOnce(String key, Callable<String> first, Callable<String> second) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try (Connection holder = dataSource.getConnection(); Connection observer = dataSource.getConnection()) {
      holder.setAutoCommit(false);
      holdKey(holder, key);
      CyclicBarrier together = new CyclicBarrier(2);
      List<Future<String>> runs = new ArrayList<>();
      for (Callable<String> run : List.of(first, second)) {
        runs.add(threads.submit(() -> {
          together.await();
          return run.call();
        }));
      }
      Awaitility.await().atMost(Duration.ofSeconds(30))
          .until(() -> waitingAtTheOutbox(observer) == 2 || runs.stream().anyMatch(Future::isDone));
      holder.rollback();
      List<String> outcomes = new ArrayList<>();
      for (Future<String> run : runs) {
        outcomes.add(run.get(60, TimeUnit.SECONDS));
      }
      return outcomes;
    } finally {
      threads.shutdownNow();
    }
  }

  private static void holdKey(Connection holder, String key) throws SQLException {
    String caseRef = key.substring(0, key.indexOf(':'));
    Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
    try (PreparedStatement insert = holder.prepareStatement("insert into sf_notification (idempotency_key, case_ref,"
        + " notification_type, recipient, channel, subject, body, status, created_at) values (?, ?, 'HELD', 'x', 'x',"
        + " 'x', 'x', 'RECORDED', ?)")) {
      insert.setString(1, key);
      insert.setString(2, caseRef);
      insert.setTimestamp(3, now);
      insert.executeUpdate();
    }
  }

  /**
   * How many sessions are inside the outbox insert, waiting for the database to let them on. Asked on
   * a connection of its own outside any transaction: PostgreSQL shows one transaction the same
   * snapshot of its activity view throughout.
   */
  private static int waitingAtTheOutbox(Connection observer) throws SQLException {
    observer.setAutoCommit(true);
    String sql = TestDatabase.postgres()
        ? "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query ilike 'insert into sf_notification%'"
        : "select count(*) from information_schema.sessions where lower(executing_statement) like 'insert into sf_notification%'";
    try (PreparedStatement query = observer.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
