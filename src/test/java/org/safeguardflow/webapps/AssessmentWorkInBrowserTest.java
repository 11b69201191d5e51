package org.safeguardflow.webapps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safeguardflow.support.Browser.command;
import static org.safeguardflow.support.Browser.fields;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.safeguardflow.casework.assessment.AssessmentProcess;
import org.safeguardflow.support.Browser;
import org.safeguardflow.support.CaseScenario;
import org.safeguardflow.support.EngineClock;
import org.safeguardflow.support.TestDatabase;
import org.safeguardflow.support.WebAppsRuntime;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/**
 * Ella's social worker writes two parts of her assessment in one sitting in Tasklist, in real
 * headless Chromium, and changes her mind about which parts she is working on: nothing she typed
 * is lost. In the 2026 try-out the parts were a radio choice, each part's fields hidden unless it
 * was chosen, and form-js does not submit hidden fields: the child's views, written before choosing
 * "Analysis", were silently dropped. The parts are now a checklist, and a part with anything typed
 * in it stays shown (and so submitted) whether or not it is ticked ({@code FormsKeepWhatIsTypedTest}
 * checks the rule over every form with Camunda's FEEL engine; this test checks that form-js reads
 * the same expressions the same way).
 *
 * <p>H2 only, as the other browser tests; the same context as {@code @SafeguardFlowTest}'s.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestDatabase.class)
@AutoConfigureObservability(tracing = false)
@ExtendWith({EngineClock.class, WebAppsRuntime.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssessmentWorkInBrowserTest {

  static final String CHILD_VIEWS = "Ella said: \"I do Mum's tablets before school, that's why I'm late.\"";

  @LocalServerPort int port;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired CaseScenario scenario;
  @Autowired org.camunda.bpm.engine.IdentityService identity;

  Browser browser;

  @BeforeAll
  void theJvmsBrowser() {
    WebAppsRuntime.restore();
    browser = Browser.on(port);
  }

  @Test
  void ellasViewsWrittenBeforeTickingAnalysisAndThenUntickingHerPartAreSaved() {
    EngineClock.setTo("2026-05-05T17:30:00+01:00");
    String ella = scenario.openCase("Ella");
    ProcessInstance assessment = scenario.start(AssessmentProcess.KEY, ella, Map.of("referralDate", "2026-05-01",
        "allocatedWorker", "worker", "childFirstName", "Ella", "childLastName", "Smith"));
    List<Task> open = tasks.createTaskQuery().processInstanceBusinessKey(ella).taskName("Record assessment work").list();
    assertThat(open).hasSize(1);

    Map<String, Object> answer = browser.send(command("work", "user", "worker", "filter", ListFormsInBrowserTest.MY_TEAMS_TASKS,
        "caseRef", ella, "task", "Record assessment work", "fields", fields(
            "The child's views, in their own words", CHILD_VIEWS,
            "How the child's views were gathered", "Seen alone at school.",
            "Which parts are you working on?", List.of("Analysis"),
            "Risks: what could harm the child", "Ella is missing school to care for Mum.",
            "Which parts are you working on?", List.of("untick Seeing the child and their views"))));

    String where = " (screenshot " + answer.get("screenshot") + ")";
    assertThat(answer.get("saveInBrowserShown")).as("Tasklist's Save, which keeps the form only in this browser")
        .isEqualTo(false);
    assertThat((List<?>) answer.get("invalid")).as("the form's own validation" + where).isEmpty();
    assertThat((List<?>) answer.get("errors")).as("Tasklist's error notices" + where).isEmpty();
    assertThat(tasks.createTaskQuery().taskId(open.get(0).getId()).count()).as("the save completed" + where).isZero();
    assertThat(runtime.getVariable(assessment.getId(), "assessmentChildViews"))
        .as("the child's views typed before the part was unticked" + where).isEqualTo(CHILD_VIEWS);
    assertThat(runtime.getVariable(assessment.getId(), "childViewsHowGathered")).isEqualTo("Seen alone at school.");
    assertThat(runtime.getVariable(assessment.getId(), "analysisRisks")).isEqualTo("Ella is missing school to care for Mum.");
  }

  /**
   * The manager's "Authorise the assessment" shows the census factors, the primary need and the
   * proposed outcome in words; in the try-out it showed {@code ["3B","3C","17A"]} and {@code CIN_PLAN}
   * and left the primary need out.
   */
  @Test
  void jaydensManagerReadsTheFactorsThePrimaryNeedAndTheRecommendationInWords() {
    EngineClock.setTo("2026-05-05T09:00:00+01:00");
    String jayden = scenario.openCase("Jayden");
    scenario.start(AssessmentProcess.KEY, jayden, Map.of("referralDate", "2026-05-01", "allocatedWorker", "worker"));
    Map<String, Object> sent = new java.util.HashMap<>(org.safeguardflow.support.Assessments.whole());
    sent.put("assessmentActualStartDate", "2026-05-05");
    sent.put("assessmentChildSeenDate", "2026-05-05");
    sent.put("assessmentChildSeenAlone", true);
    sent.put("assessmentChildViews", "I do Mum's tablets before school");
    sent.put("childViewsHowGathered", "Seen alone at school");
    sent.put("assessmentFactors", List.of("3B", "3C", "17A"));
    sent.put("primaryNeedCode", "N1");
    sent.put("assessmentOutcome", "CIN_PLAN");
    sent.put("assessmentOutcomeReason", "Jayden cares for his mother; a plan for her care and his schooling");
    identity.setAuthentication("worker", List.of("social-workers", "north-social-workers"));
    try {
      tasks.complete(scenario.task(jayden, "Task_CompleteSingleAssessment").getId(), sent);
    } finally {
      identity.clearAuthentication();
    }

    Map<String, Object> answer = browser.send(command("work", "user", "manager", "filter", ListFormsInBrowserTest.MY_TEAMS_TASKS,
        "caseRef", jayden, "task", "Authorise the assessment", "fields", fields(
            "Your decision", "Authorise the assessment")));

    assertThat((String) answer.get("form")).as("the form as the manager reads it (screenshot %s)", answer.get("screenshot"))
        .contains("3B Domestic abuse: the parent(s) or carer(s) are the subject",
            "3C Domestic abuse: another person in the household is the subject",
            "17A Abuse or neglect: emotional abuse", "N1 Abuse or neglect", "Child in need plan")
        .doesNotContain("[\"3B\"", "CIN_PLAN");
  }
}
