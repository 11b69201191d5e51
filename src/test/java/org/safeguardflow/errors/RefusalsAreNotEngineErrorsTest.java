package org.safeguardflow.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.safeguardflow.casework.CaseRuleException;
import org.safeguardflow.casework.assessment.AssessmentProcess;
import org.safeguardflow.support.CaseScenario;
import org.safeguardflow.support.EngineClock;
import org.safeguardflow.support.SafeguardFlowTest;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A refused form is logged once, at INFO, as a refusal, not as an engine error with a stack trace:
 * in the 2026 try-out every refused form wrote ENGINE-16004 at ERROR (13 times in one afternoon).
 * An engine error that is not a refusal is still logged at ERROR with its stack.
 */
@SafeguardFlowTest
@ExtendWith(OutputCaptureExtension.class)
class RefusalsAreNotEngineErrorsTest {

  @Autowired CaseScenario scenario;
  @Autowired TestRestTemplate http;

  ch.qos.logback.classic.Level testsLevel;

  /** The tests' configuration silences Camunda's command context; here it logs as in production. */
  @org.junit.jupiter.api.BeforeEach
  void theEngineLogsAsInProduction() {
    var context = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(RefusalsAreNotEngineErrors.COMMAND_CONTEXT_LOGGER);
    testsLevel = context.getLevel();
    context.setLevel(ch.qos.logback.classic.Level.INFO);
  }

  @org.junit.jupiter.api.AfterEach
  void theTestsLevelAgain() {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(RefusalsAreNotEngineErrors.COMMAND_CONTEXT_LOGGER))
        .setLevel(testsLevel);
  }

  @Test
  void ellasWorkerSavingAnAnalysisTooLongIsRefusedAtInfoWithoutAnEngineErrorInTheLog(CapturedOutput log) {
    EngineClock.setTo("2026-05-05T09:00:00+01:00");
    String ella = scenario.openCase("Ella");
    scenario.start(AssessmentProcess.KEY, ella, Map.of("allocatedWorker", "worker", "referralDate", "2026-05-01"));
    String work = scenario.task(ella, "Task_RecordAssessmentWork").getId();
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth("worker", "worker");
    headers.setContentType(MediaType.APPLICATION_JSON);

    int before = log.getOut().length();
    ResponseEntity<String> refused = http.exchange("/engine-rest/task/" + work + "/submit-form", HttpMethod.POST,
        new HttpEntity<>(Map.of("variables", Map.of("analysisRisks", Map.of("value", "x".repeat(4001)))), headers),
        String.class);

    assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(400);
    // The answer Tasklist shows names the field by its label on the form, the key in brackets.
    assertThat(refused.getBody()).contains("Not recorded: Risks: what could harm the child (analysisRisks) must be at most"
        + " 4000 characters (it has 4001)");
    String written = log.getOut().substring(before);
    assertThat(written).contains("INFO").contains("Refused").contains("must be at most 4000 characters")
        .doesNotContain("ENGINE-16004").doesNotContain(" ERROR ").doesNotContain("\tat org.camunda");
  }

  @Test
  void aRefusedReadingSaysNothingCouldBeReadAndARefusedFormSaysNotRecordedOnce() {
    EngineClock.setTo("2026-05-05T09:00:00+01:00");
    String ella = scenario.openCase("Ella");
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth("manager", "manager");
    ResponseEntity<String> read = http.exchange("/api/cases/" + ella + "/assessment-versions/first", HttpMethod.GET,
        new HttpEntity<>(headers), String.class);
    assertThat(read.getStatusCode().value()).as(read.getBody()).isEqualTo(400);
    assertThat(read.getBody()).contains("Nothing could be read").doesNotContain("recorded");

    assertThat(new CaseRuleException(new CaseRuleException("familyMembers[2].email must be an email address").getMessage())
        .getMessage()).isEqualTo("Not recorded: familyMembers[2].email must be an email address");
  }

  @Test
  void anEngineErrorThatIsNoRefusalIsStillLoggedAtError(CapturedOutput log) {
    org.slf4j.Logger context = LoggerFactory.getLogger(RefusalsAreNotEngineErrors.COMMAND_CONTEXT_LOGGER);
    context.error("ENGINE-16004 Exception while closing command context: {}", "a listener failed",
        new ProcessEngineException("ENGINE-03051 listener failed", new IllegalStateException("a bug in a listener")));
    context.error("ENGINE-16004 Exception while closing command context: {}", "a refusal",
        new ProcessEngineException("ENGINE-03051 listener failed", new CaseRuleException("analysisRisks is required")));

    assertThat(log.getOut()).contains("a listener failed").contains("a bug in a listener").doesNotContain("a refusal");
  }
}
