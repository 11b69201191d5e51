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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safeguardflow.casework.strategy.StrategyDiscussionProcess;
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
 * <p>So that the two runs really overlap, the test holds the first run just before it commits (a lock
 * on the job's row) while the second reads the same job and writes the same invitation; then it lets
 * go, and the database alone decides what the second write comes to.
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

    List<String> outcomes = runWhileTheFirstIsAboutToCommit(jobId,
        () -> asTheJobExecutor(jobId), () -> asAnOperatorInCockpit(jobId));

    assertThat(outcomes).as("job executor, then the operator").containsExactly("done", "conflict");
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

    List<String> outcomes = runWhileTheFirstIsAboutToCommit(jobId,
        () -> asTheJobExecutor(jobId), () -> asTheJobExecutor(jobId));

    assertThat(outcomes).as("the first node, then the node whose lock ran out").containsExactly("done", "conflict");
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
   * The first run goes ahead and is held just before it commits: the test locks the job's row, which
   * the first run deletes last. The second run then starts, reads the same job (reading takes no
   * lock), writes the same invitation and waits at the outbox for the first. Then the test lets go:
   * the first commits, and the database alone decides what the second's write comes to.
   */
  private List<String> runWhileTheFirstIsAboutToCommit(String jobId, Callable<String> first, Callable<String> second)
      throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try (Connection holder = dataSource.getConnection(); Connection observer = dataSource.getConnection()) {
      holder.setAutoCommit(false);
      try (PreparedStatement lock = holder.prepareStatement("select id_ from act_ru_job where id_ = ? for update")) {
        lock.setString(1, jobId);
        lock.executeQuery().close();
      }
      Future<String> firstRun = threads.submit(first);
      Awaitility.await().atMost(Duration.ofSeconds(30))
          .until(() -> waiting(observer, JOB_ROW) == 1 || firstRun.isDone());
      Future<String> secondRun = threads.submit(second);
      Awaitility.await().atMost(Duration.ofSeconds(30))
          .until(() -> waiting(observer, OUTBOX) == 1 || secondRun.isDone());
      holder.rollback();
      return List.of(firstRun.get(60, TimeUnit.SECONDS), secondRun.get(60, TimeUnit.SECONDS));
    } finally {
      threads.shutdownNow();
    }
  }

  static final String JOB_ROW = "(lower(%s) like '%%delete from act_ru_job%%' or lower(%s) like '%%update act_ru_job%%')";
  static final String OUTBOX = "lower(%s) like 'insert into sf_notification%%'";

  /**
   * How many sessions are held by the database inside a statement of that kind. Asked on a connection
   * of its own outside any transaction: PostgreSQL shows one transaction the same snapshot of its
   * activity view throughout.
   */
  private static int waiting(Connection observer, String statement) throws SQLException {
    observer.setAutoCommit(true);
    String sql = TestDatabase.postgres()
        ? "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and " + statement.formatted("query", "query")
        : "select count(*) from information_schema.sessions where session_id <> session_id() and "
            + statement.formatted("executing_statement", "executing_statement");
    try (PreparedStatement query = observer.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
