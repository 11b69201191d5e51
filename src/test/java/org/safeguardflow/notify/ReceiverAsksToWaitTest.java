package org.safeguardflow.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safeguardflow.notify.Notifications.Notification;
import org.safeguardflow.support.CaseScenario;
import org.safeguardflow.support.EngineClock;
import org.safeguardflow.support.SafeguardFlowTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/**
 * A partner's system says "slow down": a police webhook answering 429 or 503 with {@code Retry-After},
 * or GOV.UK Notify at its limit. The strategy minutes for the child's case are not sent again before
 * the receiver is ready; a receiver that asks for more than a day becomes a manager's task at once;
 * the case's notification history says how long we wait and why.
 */
@SafeguardFlowTest
class ReceiverAsksToWaitTest {

  @Autowired CaseScenario scenario;
  @Autowired Notifications notifications;
  @Autowired NotificationSender sender;
  @Autowired Agencies agencies;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired TestRestTemplate http;

  WireMockServer police;
  WireMockServer govukNotify;

  @BeforeEach
  void startReceivers() {
    police = new WireMockServer(0);
    police.start();
    govukNotify = new WireMockServer(18089);
    govukNotify.start();
  }

  @AfterEach
  void stopReceivers() {
    police.stop();
    govukNotify.stop();
  }

  @Test
  void aPoliceWebhookThatAsksForAnHourIsNotTriedAgainBeforeTheHourIsUp() {
    EngineClock.setTo("2026-04-02T10:00:00+01:00");
    police.stubFor(post("/cases").inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")).willSetStateTo("ready"));
    police.stubFor(post("/cases").inScenario("busy").whenScenarioStateIs("ready").willReturn(aResponse().withStatus(202)));
    String caseRef = scenario.openCase("Zara");
    String key = record(caseRef, webhookAgency("POLICE_WAIT_A"));

    sender.deliverDue();
    assertThat(delivery(caseRef)).containsEntry("status", "RECORDED").containsEntry("attempts", 1)
        .containsEntry("nextAttemptAt", "2026-04-02T10:00:00Z");
    assertThat((String) delivery(caseRef).get("lastError")).contains("receiver asked to wait 3600 s (429 Retry-After)");
    EngineClock.setTo("2026-04-02T10:01:01+01:00");
    assertThat(sender.deliverDue()).as("not at the usual one minute").isZero();
    EngineClock.setTo("2026-04-02T10:59:59+01:00");
    assertThat(sender.deliverDue()).as("not before the hour the receiver asked for").isZero();
    police.verify(1, postRequestedFor(urlEqualTo("/cases")));

    EngineClock.setTo("2026-04-02T11:00:00+01:00");
    sender.deliverDue();

    assertThat(notifications.byKey(key).status()).isEqualTo(Notifications.Status.DELIVERED);
    police.verify(2, postRequestedFor(urlEqualTo("/cases")));
    assertThat(historyDetail(caseRef, "RETRY_SCHEDULED"))
        .contains("answered 429", "receiver asked to wait 3600 s (429 Retry-After)", "next attempt 2026-04-02T10:00:00Z");
  }

  @Test
  void aPoliceWebhookDownForMaintenanceUntilAnHttpDateIsTriedAtThatTime() {
    EngineClock.setTo("2026-04-02T11:00:00+01:00");
    // 12:30 GMT is 13:30 in London (British Summer Time): two and a half hours away.
    police.stubFor(post("/cases").inScenario("maintenance").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "Thu, 02 Apr 2026 12:30:00 GMT"))
        .willSetStateTo("back"));
    police.stubFor(post("/cases").inScenario("maintenance").whenScenarioStateIs("back")
        .willReturn(aResponse().withStatus(200)));
    String caseRef = scenario.openCase("Omar");
    String key = record(caseRef, webhookAgency("POLICE_WAIT_B"));

    sender.deliverDue();
    for (String tooSoon : new String[] {"2026-04-02T11:01:01+01:00", "2026-04-02T11:06:02+01:00",
        "2026-04-02T12:21:03+01:00", "2026-04-02T13:29:59+01:00"}) {
      EngineClock.setTo(tooSoon);
      assertThat(sender.deliverDue()).as("nothing sent at %s", tooSoon).isZero();
    }
    EngineClock.setTo("2026-04-02T13:30:00+01:00");
    sender.deliverDue();

    assertThat(notifications.byKey(key).status()).isEqualTo(Notifications.Status.DELIVERED);
    police.verify(2, postRequestedFor(urlEqualTo("/cases")));
    assertThat(historyDetail(caseRef, "RETRY_SCHEDULED"))
        .contains("answered 503", "receiver asked to wait 9000 s (503 Retry-After)", "next attempt 2026-04-02T12:30:00Z");
  }

  @Test
  void aPoliceWebhookAskingForLessThanOurBackoffIsTriedAfterTheBackoffAndTheHistorySaysSo() {
    EngineClock.setTo("2026-04-02T10:00:00+01:00");
    police.stubFor(post("/cases").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(500)).willSetStateTo("busy"));
    police.stubFor(post("/cases").inScenario("flaky").whenScenarioStateIs("busy")
        .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "149")).willSetStateTo("ready"));
    police.stubFor(post("/cases").inScenario("flaky").whenScenarioStateIs("ready").willReturn(aResponse().withStatus(202)));
    String caseRef = scenario.openCase("Priya");
    record(caseRef, webhookAgency("POLICE_WAIT_E"));
    sender.deliverDue();
    EngineClock.setTo("2026-04-02T10:01:00+01:00");

    sender.deliverDue();

    assertThat(delivery(caseRef)).containsEntry("attempts", 2).containsEntry("nextAttemptAt", "2026-04-02T09:06:00Z");
    assertThat((String) delivery(caseRef).get("lastError")).contains("receiver asked to wait 149 s (503 Retry-After);"
        + " our backoff after attempt 2 is longer: waiting 300 s (safeguard.notify.backoff)");
    EngineClock.setTo("2026-04-02T10:06:00+01:00");
    sender.deliverDue();
    assertThat(delivery(caseRef)).containsEntry("status", "DELIVERED");
  }

  @Test
  void aRetryAfterThatIsNeitherSecondsNorADateIsNamedAndOurBackoffApplies() {
    EngineClock.setTo("2026-04-02T10:00:00+01:00");
    police.stubFor(post("/cases").inScenario("vague").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "soon")).willSetStateTo("ready"));
    police.stubFor(post("/cases").inScenario("vague").whenScenarioStateIs("ready").willReturn(aResponse().withStatus(202)));
    String caseRef = scenario.openCase("Lena");
    record(caseRef, webhookAgency("POLICE_WAIT_F"));

    sender.deliverDue();

    assertThat(delivery(caseRef)).containsEntry("nextAttemptAt", "2026-04-02T09:01:00Z");
    assertThat((String) delivery(caseRef).get("lastError")).contains("answered 429",
        "Retry-After \"soon\" is neither seconds nor an HTTP date, so our backoff applies (safeguard.notify.backoff)");
    EngineClock.setTo("2026-04-02T10:01:00+01:00");
    sender.deliverDue();
    assertThat(delivery(caseRef)).containsEntry("status", "DELIVERED");
  }

  /** The receiver's answer comes a moment after the round began; its date still stands to the second. */
  @Test
  void aRetryAfterDateIsNeverScheduledBeforeTheReceiversTime() {
    EngineClock.setTo("2026-04-02T11:00:00+01:00");
    police.stubFor(post("/cases").inScenario("maintenance").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "Thu, 02 Apr 2026 12:30:00 GMT"))
        .willSetStateTo("back"));
    police.stubFor(post("/cases").inScenario("maintenance").whenScenarioStateIs("back").willReturn(aResponse().withStatus(200)));
    police.addMockServiceRequestListener((request, response) -> EngineClock.setTo("2026-04-02T11:00:00.016+01:00"));
    String caseRef = scenario.openCase("Tom");
    record(caseRef, webhookAgency("POLICE_WAIT_G"));

    sender.deliverDue();

    assertThat(delivery(caseRef)).containsEntry("nextAttemptAt", "2026-04-02T12:30:00Z");
    police.resetAll(); // the receiver's clock no longer moves ours
    police.stubFor(post("/cases").willReturn(aResponse().withStatus(200)));
    EngineClock.setTo("2026-04-02T13:30:00+01:00");
    sender.deliverDue();
    assertThat(delivery(caseRef)).containsEntry("status", "DELIVERED");
  }

  @Test
  void aReceiverThatAsksForTwoDaysIsNotWaitedForAManagerMakesSureTheAgencyIsTold() {
    EngineClock.setTo("2026-04-02T12:00:00+01:00");
    police.stubFor(post("/cases").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "172800")));
    String caseRef = scenario.openCase("Nina");
    String key = record(caseRef, webhookAgency("POLICE_WAIT_C"));

    sender.deliverDue();

    assertThat(notifications.byKey(key).status()).isEqualTo(Notifications.Status.FAILED);
    ProcessInstance undeliverable = runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseRef)
        .processDefinitionKey(UndeliverableNotifications.PROCESS_KEY).singleResult();
    assertThat(tasks.createTaskQuery().processInstanceId(undeliverable.getId()).singleResult().getTaskDefinitionKey())
        .isEqualTo(UndeliverableNotifications.TASK);
    assertThat(runtime.getVariable(undeliverable.getId(), "deliveryFailure").toString())
        .contains("receiver asked to wait 172800 s (429 Retry-After)", "longest wait allowed (86400 s");
    assertThat(historyDetail(caseRef, "FAILED")).contains("172800 s");
  }

  @Test
  void govUkNotifyAtItsDailyLimitIsNotTriedAgainBeforeItsDayEnds() {
    EngineClock.setTo("2026-04-02T20:00:00+01:00");
    govukNotify.stubFor(post("/v2/notifications/email").inScenario("daily limit").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
            .withBody("{\"errors\":[{\"error\":\"TooManyRequestsError\",\"message\":\"Exceeded send limits (250000) for today\"}],"
                + "\"status_code\":429}"))
        .willSetStateTo("new day"));
    govukNotify.stubFor(post("/v2/notifications/email").inScenario("daily limit").whenScenarioStateIs("new day")
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
            .withBody("{\"id\":\"740e5834-3a29-46b4-9a6f-16142fde533a\",\"reference\":\"r\",\"content\":{\"body\":\"b\","
                + "\"subject\":\"s\",\"from_email\":\"f@notify.example\"},\"template\":{\"id\":"
                + "\"0f7e5c7a-6f1d-4c7e-9d3e-6b2e1f0a9c11\",\"version\":1,\"uri\":\"http://x/t\"},\"uri\":\"http://x/n\"}")));
    String caseRef = scenario.openCase("Ian");
    agencies.save(new Agency("HEALTH_WAIT_D", "Health (Notify)", Agency.Kind.HEALTH, Agency.Channel.NOTIFY,
        "safeguarding@trust.example", null, null, true));
    String key = record(caseRef, "HEALTH_WAIT_D");

    sender.deliverDue();
    EngineClock.setTo("2026-04-02T20:01:01+01:00");
    assertThat(sender.deliverDue()).isZero();
    EngineClock.setTo("2026-04-03T00:59:59+01:00");
    assertThat(sender.deliverDue()).as("Notify's day ends at midnight UTC, 01:00 in London").isZero();
    govukNotify.verify(1, postRequestedFor(urlEqualTo("/v2/notifications/email")));

    EngineClock.setTo("2026-04-03T01:00:00+01:00");
    sender.deliverDue();

    assertThat(notifications.byKey(key).status()).isEqualTo(Notifications.Status.DELIVERED);
    assertThat(historyDetail(caseRef, "RETRY_SCHEDULED"))
        .contains("receiver asked to wait 18000 s (429 TooManyRequestsError, the daily limit)");
  }

  @Test
  void govUkNotifyAtItsPerMinuteLimitIsWaitedOutForAtLeastAMinute() {
    Delivery limited = GovUkNotifyChannel.rateLimited("Status code: 429 {\"errors\":[{\"error\":\"RateLimitError\","
        + "\"message\":\"Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds\"}]}");

    assertThat(limited).isInstanceOfSatisfying(Delivery.TryAgain.class, again -> {
      assertThat(again.receiverAskedToWait()).isEqualTo(GovUkNotifyChannel.RATE_LIMIT_WINDOW);
      assertThat(again.reason()).contains("receiver asked to wait 60 s (429 RateLimitError, the per-minute limit)");
    });
  }

  private String webhookAgency(String code) {
    agencies.save(new Agency(code, "Police (webhook)", Agency.Kind.POLICE, Agency.Channel.WEBHOOK, null,
        police.baseUrl() + "/cases", "police-secret", true));
    return code;
  }

  private String record(String caseRef, String agency) {
    String key = Notification.key(caseRef, "STRATEGY_MINUTES_READY:" + agency, 1);
    notifications.record(new Notification(key, caseRef, "STRATEGY_MINUTES_READY", agency, "AGENCY",
        "Case " + caseRef + ": strategy discussion minutes", "The minutes are ready.", Notifications.Status.RECORDED));
    return key;
  }

  /** Where the case's one notification stands, as the API shows it. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> delivery(String caseRef) {
    ResponseEntity<Map> history = http.withBasicAuth("senior", "senior")
        .getForEntity("/api/cases/" + caseRef + "/notifications", Map.class);
    return ((java.util.List<Map<String, Object>>) history.getBody().get("deliveries")).get(0);
  }

  /** What the case's notification history (as a service manager reads it over the API) says of that step. */
  @SuppressWarnings("unchecked")
  private String historyDetail(String caseRef, String event) {
    ResponseEntity<Map> history = http.withBasicAuth("senior", "senior")
        .getForEntity("/api/cases/" + caseRef + "/notifications", Map.class);
    assertThat(history.getStatusCode().value()).isEqualTo(200);
    return ((java.util.List<Map<String, Object>>) history.getBody().get("events")).stream()
        .filter(e -> event.equals(e.get("event"))).map(e -> String.valueOf(e.get("detail"))).findFirst()
        .orElseThrow(() -> new AssertionError("no " + event + " in " + history.getBody()));
  }
}
