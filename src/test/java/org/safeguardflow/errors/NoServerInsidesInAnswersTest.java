package org.safeguardflow.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.safeguardflow.casework.referral.ReferralEpisode;
import org.safeguardflow.security.SystemWork;
import org.safeguardflow.support.CaseScenario;
import org.safeguardflow.support.FrontDoorClient;
import org.safeguardflow.support.SafeguardFlowTest;
import org.safeguardflow.support.SampleContact;
import org.safeguardflow.support.WebAppSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Amy's contact is being decided when things go wrong, some by the manager's hand and some by the
 * server's. A rule the manager broke is answered 400 with the rule's own words, as Tasklist shows them;
 * a fault of the server (a table gone, a value the database cannot hold) is answered with a plain
 * sentence and a correlation id, and the SQL, the table names, the class names and the stack trace
 * are only in the log, under that id. No answer of any API shows the inside of the server.
 */
@SafeguardFlowTest
@ExtendWith(OutputCaptureExtension.class)
class NoServerInsidesInAnswersTest {

  /** What no answer may carry: SQL, our and the engine's tables, Java class and package names, stack frames. */
  private static final List<Pattern> INSIDES = List.of(
      Pattern.compile("(?i)insert\\s+into"), Pattern.compile("(?i)select\\s+\\S+.*\\s+from\\s"),
      Pattern.compile("(?i)sf_"), Pattern.compile("(?i)act_[a-z]{2}_"), Pattern.compile("Exception"),
      Pattern.compile("org\\."), Pattern.compile("java\\."), Pattern.compile("\\.java:\\d+"),
      Pattern.compile("\\bat [a-z]+\\.[\\w.$]+\\("), Pattern.compile("ENGINE-\\d+"),
      Pattern.compile("StreamReadFeature|fasterxml|Dto\\b"));

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired ManagementService management;
  @Autowired org.camunda.bpm.engine.IdentityService identity;
  @Autowired CaseScenario scenario;

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void aManagerWhoLeavesOutTheReasonIsToldTheRuleNotAServerError() throws Exception {
    String caseRef = contactAboutAmy();
    String decision = scenario.task(caseRef, "Task_ManagerDecidesContact").getId();
    String expected = "The decision was not recorded: contactDecisionReason is required: give the reason for the decision";

    for (String call : List.of("complete", "submit-form")) {
      ResponseEntity<String> refused = post("/engine-rest/task/" + decision + "/" + call, "manager",
          Map.of("variables", Map.of("contactDecision", Map.of("value", "EARLY_HELP"))));
      assertThat(refused.getStatusCode().value()).as(call + ": " + refused.getBody()).isEqualTo(400);
      Map<?, ?> body = json.readValue(refused.getBody(), Map.class);
      assertThat(body.get("message")).as(call).isEqualTo(expected);
      assertThat(body.get("type")).as(call).isEqualTo("RuleRefused");
      assertShowsNothingInside(refused);
    }
  }

  @Test
  void tasklistShowsTheRuleAsBeforeThroughTheWebAppsOwnApi() throws Exception {
    String caseRef = contactAboutAmy();
    String decision = scenario.task(caseRef, "Task_ManagerDecidesContact").getId();
    WebAppSession tasklist = WebAppSession.signIn(http, "manager", "tasklist");
    assertThat(tasklist.signInStatus()).isEqualTo(200);

    ResponseEntity<String> refused = tasklist.engine(HttpMethod.POST, "/task/" + decision + "/submit-form",
        Map.of("variables", Map.of("contactDecision", Map.of("value", "EARLY_HELP"))));

    assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(400);
    assertThat(json.readValue(refused.getBody(), Map.class).get("message"))
        .isEqualTo("The decision was not recorded: contactDecisionReason is required: give the reason for the decision");
    assertShowsNothingInside(refused);
  }

  @Test
  void aCaseRuleBrokenAtAllocationIsRefusedWithItsOwnMessage() throws Exception {
    String caseRef = contactAboutAmy();
    scenario.complete(caseRef, "Task_ManagerDecidesContact", Map.of(
        "contactDecision", "S17_ASSESSMENT", "contactDecisionReason", "Needs assessment"));
    scenario.runJobsDue(caseRef);
    String allocation = scenario.task(caseRef, ReferralEpisode.ALLOCATE_SOCIAL_WORKER).getId();

    ResponseEntity<String> refused = post("/engine-rest/task/" + allocation + "/complete", "manager",
        Map.of("variables", Map.of("allocatedTeam", Map.of("value", "north"), "allocatedWorker", Map.of("value", "manager"))));

    assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(400);
    assertThat((String) json.readValue(refused.getBody(), Map.class).get("message"))
        .startsWith("Not recorded: Qualified social worker (allocatedWorker) 'manager' is not a qualified social worker");
    assertShowsNothingInside(refused);
  }

  @Test
  void aNotificationJobThatFailsInTheDatabaseShowsNoSql(CapturedOutput log) throws Exception {
    String caseRef = contactAboutAmy();
    scenario.complete(caseRef, "Task_ManagerDecidesContact", Map.of(
        "contactDecision", "EARLY_HELP", "contactDecisionReason", "Family agree to early help"));
    Job tellTheReferrer = SystemWork.call(identity, () -> management.createJobQuery().processInstanceId(scenario.instance(caseRef, "Process_Contact").getId())
        .list().stream().findFirst().orElseThrow());

    ResponseEntity<String> failed;
    // The outbox table out of reach: the job's own insert into sf_notification fails in the database.
    jdbc.execute("alter table sf_notification rename to sf_notification_offline");
    try {
      failed = post("/engine-rest/job/" + tellTheReferrer.getId() + "/execute", "demo", Map.of());
    } finally {
      jdbc.execute("alter table sf_notification_offline rename to sf_notification");
    }

    assertThat(failed.getStatusCode().is2xxSuccessful()).as(failed.getBody()).isFalse();
    assertShowsNothingInside(failed);
    assertLoggedUnderItsId(failed, log);
  }

  @Test
  void aValueTheEngineTablesCannotHoldShowsNoSql(CapturedOutput log) throws Exception {
    ResponseEntity<String> failed = post("/engine-rest/task/create", "demo",
        Map.of("id", "call-the-school-".repeat(8), "name", "Call Oak Primary School"));

    assertThat(failed.getStatusCode().value()).as(failed.getBody()).isEqualTo(500);
    assertShowsNothingInside(failed);
    assertLoggedUnderItsId(failed, log);
  }

  @Test
  void ourApiFailingInTheDatabaseShowsNoSql(CapturedOutput log) throws Exception {
    ResponseEntity<String> failed;
    jdbc.execute("alter table sf_agency rename to sf_agency_offline");
    try {
      failed = http.withBasicAuth("senior", "senior").getForEntity("/api/agencies", String.class);
    } finally {
      jdbc.execute("alter table sf_agency_offline rename to sf_agency");
    }

    assertThat(failed.getStatusCode().value()).as(failed.getBody()).isEqualTo(500);
    assertShowsNothingInside(failed);
    assertLoggedUnderItsId(failed, log);
  }

  @Test
  void camundasOwnRefusalsKeepTheirStatusButNameNoClass() throws Exception {
    String caseRef = contactAboutAmy();
    String decision = scenario.task(caseRef, "Task_ManagerDecidesContact").getId();
    record Call(String what, HttpMethod method, String path, String user, Object body, int status) {}
    for (Call call : List.of(
        new Call("variables that are not an object", HttpMethod.POST, "/engine-rest/task/" + decision + "/complete",
            "manager", Map.of("variables", "yes"), 400),
        new Call("a value of the wrong type", HttpMethod.POST, "/engine-rest/task/" + decision + "/complete",
            "manager", Map.of("variables", Map.of("agenciesNeeded", Map.of("value", "three", "type", "Integer"))), 400),
        new Call("a body that is not JSON", HttpMethod.POST, "/engine-rest/task/" + decision + "/complete",
            "manager", "{\"variables\": {\"contactDecision\": ", 400),
        new Call("a query date that is not a date", HttpMethod.GET, "/engine-rest/task?dueBefore=tomorrow", "manager", null, 400),
        new Call("an unknown task", HttpMethod.GET, "/engine-rest/task/no-such-task", "manager", null, 404),
        new Call("an unknown path", HttpMethod.GET, "/engine-rest/no-such-resource", "manager", null, 404),
        new Call("an auditor completing a task", HttpMethod.POST, "/engine-rest/task/" + decision + "/complete",
            "auditor", Map.of(), 403),
        new Call("an unknown path of our API", HttpMethod.GET, "/api/no-such-resource", "senior", null, 404),
        new Call("a method our API does not take", HttpMethod.DELETE, "/api/agencies", "senior", null, 405))) {
      HttpHeaders headers = new HttpHeaders();
      headers.setContentType(MediaType.APPLICATION_JSON);
      headers.setBasicAuth(call.user(), call.user());
      ResponseEntity<String> answer = http.exchange(call.path(), call.method(), new HttpEntity<>(call.body(), headers), String.class);
      assertThat(answer.getStatusCode().value()).as(call.what() + ": " + answer.getBody()).isEqualTo(call.status());
      assertShowsNothingInside(answer);
      Object type = json.readValue(answer.getBody(), Map.class).get("type");
      assertThat(String.valueOf(type)).as(call.what()).doesNotEndWith("Exception").doesNotContain(".");
    }
  }

  @Test
  void aDecisionCompletedTwiceIsNotAServerError() throws Exception {
    String caseRef = contactAboutAmy();
    String decision = scenario.task(caseRef, "Task_ManagerDecidesContact").getId();
    Map<String, Object> nfa = Map.of("variables", Map.of("contactDecision", Map.of("value", "NFA"),
        "contactDecisionReason", Map.of("value", "Advice given to the school; no further action")));
    assertThat(post("/engine-rest/task/" + decision + "/complete", "manager", nfa).getStatusCode().value()).isEqualTo(204);

    ResponseEntity<String> again = post("/engine-rest/task/" + decision + "/complete", "manager", nfa);

    assertThat(again.getStatusCode().value()).as(again.getBody()).isEqualTo(404);
    assertThat(json.readValue(again.getBody(), Map.class).get("message").toString()).contains("No open task has this id");
    assertShowsNothingInside(again);
  }

  private String contactAboutAmy() {
    return new FrontDoorClient(http).recorded(SampleContact.fromSchool(OffsetDateTime.now().minusHours(1).toString()));
  }

  private ResponseEntity<String> post(String path, String user, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setBasicAuth(user, user);
    return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
  }

  private void assertShowsNothingInside(ResponseEntity<String> answer) throws Exception {
    String body = String.valueOf(answer.getBody());
    for (Pattern inside : INSIDES) {
      assertThat(inside.matcher(body).find()).as("%s shows %s", body, inside).isFalse();
    }
    Map<?, ?> parsed = json.readValue(body, Map.class);
    assertThat((String) parsed.get("correlationId")).as(body).isNotBlank();
  }

  private void assertLoggedUnderItsId(ResponseEntity<String> answer, CapturedOutput log) throws Exception {
    String id = (String) json.readValue(answer.getBody(), Map.class).get("correlationId");
    assertThat(answer.getHeaders().getFirst("X-Correlation-Id")).isEqualTo(id);
    assertThat(json.readValue(answer.getBody(), Map.class).get("type")).isEqualTo("ServerError");
    assertThat(log.getOut()).contains("Server error " + id);
  }
}
