package org.safeguardflow.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.time.OffsetDateTime;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.safeguardflow.notify.Notifications.Notification;
import org.safeguardflow.support.CaseScenario;
import org.safeguardflow.support.EngineClock;
import org.safeguardflow.support.FrontDoorClient;
import org.safeguardflow.support.SafeguardFlowTest;
import org.safeguardflow.support.SampleContact;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * Decisions reach partner agencies through real protocol servers: GreenMail for SMTP, WireMock as
 * an agency's webhook receiver and as GOV.UK Notify. Never lost, never sent twice.
 */
@SafeguardFlowTest
class NotificationDeliveryTest {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(3025, "localhost", "smtp"));

  static final String SECRET = "police-webhook-secret-2026";

  @Autowired TestRestTemplate http;
  @Autowired CaseScenario scenario;
  @Autowired Notifications notifications;
  @Autowired NotificationSender sender;
  @Autowired WebhookChannel webhook;
  @Autowired Agencies agencies;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;

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
  void theManagersDecisionReachesTheReferrerByEmailExactlyOnce() throws Exception {
    String caseRef = new FrontDoorClient(http).recorded(SampleContact.fromSchool(OffsetDateTime.now().minusHours(1).toString()));
    scenario.complete(caseRef, "Task_ManagerDecidesContact",
        Map.of("contactDecision", "EARLY_HELP", "contactDecisionReason", "Family agree to early help"));
    scenario.runJobsDue(caseRef);

    assertThat(sender.deliverDue()).isGreaterThanOrEqualTo(1);
    assertThat(sender.deliverDue()).as("nothing is sent twice").isZero();

    MimeMessage[] received = smtp.getReceivedMessagesForDomain("oak-primary.example");
    assertThat(received).hasSize(1);
    assertThat(received[0].getSubject()).isEqualTo("Your contact " + caseRef + ": outcome");
    String body = received[0].getContent().toString();
    assertThat(body).contains(caseRef, "Step down to early help").doesNotContain("Amy", "bruise");
    assertThat(received[0].getHeader("X-Idempotency-Key")[0]).isEqualTo(caseRef + ":REFERRER_OUTCOME:1");
    assertThat(notifications.events(caseRef)).extracting(Notifications.Event::event)
        .containsSubsequence("RECORDED", "DELIVERED");
  }

  @Test
  void aWebhookReceiverThatIsDownForAWhileGetsTheMessageWhenItIsBackSignedAndWithTheSameKey() {
    EngineClock.setTo("2026-04-02T10:00:00+01:00");
    police.stubFor(post("/cases").inScenario("down").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503)).willSetStateTo("still down"));
    police.stubFor(post("/cases").inScenario("down").whenScenarioStateIs("still down")
        .willReturn(aResponse().withStatus(502)).willSetStateTo("up"));
    police.stubFor(post("/cases").inScenario("down").whenScenarioStateIs("up")
        .willReturn(aResponse().withStatus(202)));
    String caseRef = scenario.openCase("Leo");
    agencies.save(new Agency("POLICE_TEST_A", "Police (webhook)", Agency.Kind.POLICE, Agency.Channel.WEBHOOK, null,
        police.baseUrl() + "/cases", SECRET, true));
    String key = record(caseRef, "POLICE_TEST_A");

    sender.deliverDue();
    assertThat(notifications.byKey(key).status()).isEqualTo(Notifications.Status.RECORDED);
    EngineClock.setTo("2026-04-02T10:00:30+01:00");
    assertThat(sender.deliverDue()).as("not before the pause has passed").isZero();
    EngineClock.setTo("2026-04-02T10:01:01+01:00");
    sender.deliverDue();
    EngineClock.setTo("2026-04-02T10:06:02+01:00");
    sender.deliverDue();

    assertThat(notifications.byKey(key).status()).isEqualTo(Notifications.Status.DELIVERED);
    police.verify(3, postRequestedFor(urlEqualTo("/cases")).withHeader("Idempotency-Key", equalTo(key)));
    police.getAllServeEvents().forEach(event -> assertThat(event.getRequest().getHeader("X-Safeguard-Signature"))
        .isEqualTo("sha256=" + WebhookChannel.sign(event.getRequest().getBodyAsString(), SECRET)));
    assertThat(notifications.events(caseRef)).extracting(Notifications.Event::event)
        .containsExactly("RECORDED", "RETRY_SCHEDULED", "RETRY_SCHEDULED", "DELIVERED");
  }

  @Test
  void aSenderThatDiesBetweenSendingAndRecordingResendsWithTheSameKeyAndRecordsOneDelivery() {
    EngineClock.setTo("2026-04-02T11:00:00+01:00");
    police.stubFor(post("/cases").willReturn(aResponse().withStatus(200)));
    String caseRef = scenario.openCase("Mia");
    agencies.save(new Agency("POLICE_TEST_B", "Police (webhook)", Agency.Kind.POLICE, Agency.Channel.WEBHOOK, null,
        police.baseUrl() + "/cases", SECRET, true));
    String key = record(caseRef, "POLICE_TEST_B");

    // The sender claims and sends, then the node dies before it records the delivery.
    var now = ClockUtil.getCurrentTime().toInstant();
    assertThat(notifications.claim(key, now, now.plus(sender.lease()))).isTrue();
    Notification n = notifications.byKey(key);
    assertThat(webhook.send(n, sender.route(n))).isInstanceOf(Delivery.Delivered.class);
    assertThat(sender.deliverDue()).as("another node waits while the claim holds").isZero();

    EngineClock.setTo("2026-04-02T11:02:01+01:00");
    sender.deliverDue();

    police.verify(2, postRequestedFor(urlEqualTo("/cases")).withHeader("Idempotency-Key", equalTo(key)));
    assertThat(notifications.forCase(caseRef)).singleElement()
        .satisfies(row -> assertThat(row.status()).isEqualTo(Notifications.Status.DELIVERED));
  }

  @Test
  void aPermanentRefusalIsReportedAtOnceToManagersAndInCockpitAndCanBeSentAgain() {
    EngineClock.setTo("2026-04-02T12:00:00+01:00");
    police.stubFor(post("/cases").inScenario("refused").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(404)).willSetStateTo("fixed"));
    police.stubFor(post("/cases").inScenario("refused").whenScenarioStateIs("fixed")
        .willReturn(aResponse().withStatus(200)));
    String caseRef = scenario.openCase("Noah");
    agencies.save(new Agency("POLICE_TEST_C", "Police (webhook)", Agency.Kind.POLICE, Agency.Channel.WEBHOOK, null,
        police.baseUrl() + "/cases", SECRET, true));
    String key = record(caseRef, "POLICE_TEST_C");

    sender.deliverDue();

    assertThat(notifications.byKey(key).status()).isEqualTo(Notifications.Status.FAILED);
    police.verify(1, postRequestedFor(urlEqualTo("/cases")));
    ProcessInstance undeliverable = undeliverable(caseRef);
    assertThat(runtime.createIncidentQuery().processInstanceId(undeliverable.getId())
        .incidentType(UndeliverableNotifications.INCIDENT_TYPE).singleResult().getIncidentMessage())
        .contains("POLICE_TEST_C", "404");

    var task = tasks.createTaskQuery().processInstanceId(undeliverable.getId()).singleResult();
    assertThat(task.getTaskDefinitionKey()).isEqualTo(UndeliverableNotifications.TASK);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> tasks.complete(task.getId(),
            Map.of("undeliverableResolution", "HANDLED_OTHERWISE")))
        .hasMessageContaining("handledHow is required");
    tasks.complete(task.getId(), Map.of("undeliverableResolution", "RETRY"));

    assertThat(runtime.createIncidentQuery().processInstanceId(undeliverable.getId()).count()).isZero();
    sender.deliverDue();
    assertThat(notifications.byKey(key).status()).isEqualTo(Notifications.Status.DELIVERED);
    assertThat(notifications.events(caseRef)).extracting(Notifications.Event::event)
        .containsExactly("RECORDED", "FAILED", "RETRY_REQUESTED", "DELIVERED");
  }

  @Test
  void whenRetriesRunOutAManagerRecordsHowTheAgencyWasToldInstead() {
    EngineClock.setTo("2026-04-03T09:00:00+01:00");
    police.stubFor(post("/cases").willReturn(aResponse().withStatus(503)));
    String caseRef = scenario.openCase("Ava");
    agencies.save(new Agency("POLICE_TEST_D", "Police (webhook)", Agency.Kind.POLICE, Agency.Channel.WEBHOOK, null,
        police.baseUrl() + "/cases", SECRET, true));
    String key = record(caseRef, "POLICE_TEST_D");

    for (String at : new String[] {"2026-04-03T09:00:00+01:00", "2026-04-03T09:01:01+01:00", "2026-04-03T09:06:02+01:00",
        "2026-04-03T09:21:03+01:00", "2026-04-03T10:21:04+01:00", "2026-04-03T14:21:05+01:00"}) {
      EngineClock.setTo(at);
      sender.deliverDue();
    }

    assertThat(notifications.byKey(key).status()).isEqualTo(Notifications.Status.FAILED);
    police.verify(6, postRequestedFor(urlEqualTo("/cases")));
    var task = tasks.createTaskQuery().processInstanceId(undeliverable(caseRef).getId()).singleResult();
    tasks.complete(task.getId(), Map.of("undeliverableResolution", "HANDLED_OTHERWISE",
        "handledHow", "Phoned the police public protection unit at 14:30"));
    assertThat(notifications.events(caseRef)).extracting(Notifications.Event::event).last().isEqualTo("HANDLED_OTHERWISE");
  }

  @Test
  void anAgencyOnGovUkNotifyGetsTheMessageThroughNotifyWithOurKeyAsReference() {
    govukNotify.stubFor(post("/v2/notifications/email").willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"id\":\"740e5834-3a29-46b4-9a6f-16142fde533a\",\"reference\":\"r\",\"content\":{\"body\":\"b\","
            + "\"subject\":\"s\",\"from_email\":\"f@notify.example\"},\"template\":{\"id\":"
            + "\"0f7e5c7a-6f1d-4c7e-9d3e-6b2e1f0a9c11\",\"version\":1,\"uri\":\"http://x/t\"},\"uri\":\"http://x/n\"}")));
    String caseRef = scenario.openCase("Ivy");
    agencies.save(new Agency("HEALTH_TEST_E", "Health (Notify)", Agency.Kind.HEALTH, Agency.Channel.NOTIFY,
        "safeguarding@trust.example", null, null, true));
    String key = record(caseRef, "HEALTH_TEST_E");

    sender.deliverDue();

    assertThat(notifications.byKey(key).status()).isEqualTo(Notifications.Status.DELIVERED);
    govukNotify.verify(1, postRequestedFor(urlEqualTo("/v2/notifications/email"))
        .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.reference", equalTo(key)))
        .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.email_address",
            equalTo("safeguarding@trust.example"))));
  }

  private String record(String caseRef, String agency) {
    String key = Notification.key(caseRef, "STRATEGY_MINUTES_READY:" + agency, 1);
    notifications.record(new Notification(key, caseRef, "STRATEGY_MINUTES_READY", agency, "AGENCY",
        "Case " + caseRef + ": strategy discussion minutes", "The minutes are ready.", Notifications.Status.RECORDED));
    return key;
  }

  private ProcessInstance undeliverable(String caseRef) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseRef)
        .processDefinitionKey(UndeliverableNotifications.PROCESS_KEY).singleResult();
  }
}
