package org.safeguardflow.webapps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safeguardflow.support.Browser.command;
import static org.safeguardflow.support.Browser.fields;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.safeguardflow.casework.Pathway;
import org.safeguardflow.casework.conference.InitialConferenceProcess;
import org.safeguardflow.casework.supervision.CaseSupervisions;
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
 * Forms with a repeating list (a form-js dynamic list) completed in Tasklist, in real headless
 * Chromium: a team manager records Mia's case supervision with a dated action; Ella's conference
 * sets her child protection plan (danger statement, safety goal, outcome and action: four lists);
 * Ella's social worker sets her child in need plan with an outcome and an action. Each date is
 * typed dd/mm/yyyy into the list row's date picker.
 *
 * <p>form-js as bundled with Camunda 7.24 left Complete disabled, with no message, as soon as any
 * field of a list row was filled (bpmn-io/form-js#1494: an empty error entry left behind, which
 * Tasklist counts); {@code WebAppBranding}'s Tasklist custom script mends it. The form's own
 * validation inside a list must still show and block Complete, which the first step checks.
 *
 * <p>H2 only, as the other browser tests (what a browser shows does not depend on the database); the
 * same context as {@code @SafeguardFlowTest}'s and the JVM's one Chromium.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestDatabase.class)
@AutoConfigureObservability(tracing = false)
@ExtendWith({EngineClock.class, WebAppsRuntime.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListFormsInBrowserTest {

  static final String MY_TEAMS_TASKS = "My team's tasks";

  @LocalServerPort int port;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;
  @Autowired CaseScenario scenario;
  @Autowired CaseSupervisions supervisions;

  Browser browser;

  @BeforeAll
  void theJvmsBrowser() {
    WebAppsRuntime.restore();
    browser = Browser.on(port);
  }

  @Test
  void miasManagerRecordsASupervisionWithADatedActionInTasklist() {
    EngineClock.setTo("2026-04-20T09:30:00+01:00");
    String mia = scenario.openCase("Mia");
    Map<String, Object> allocated = new HashMap<>();
    allocated.put(Pathway.Var.ALLOCATION_DATE.name(), "2026-04-20");
    allocated.put(Pathway.Var.ALLOCATED_WORKER.name(), "worker");
    scenario.start(Pathway.Process.CASE_SUPERVISION, mia, allocated);
    EngineClock.setTo("2026-05-12T14:00:00+01:00");
    Object[] supervision = {"Date of the supervision", "12/05/2026",
        "What was discussed", "Attendance has improved; mother engaging",
        "Management decisions and their reasons", "Continue the plan; no step up",
        "Action (who does what)", "Visit Mia at school and see her alone"};

    // The action's row filled but its date not: the form itself says what is missing, the task stays.
    Map<String, Object> withoutDate = work("manager", mia, "Record case supervision", supervision);
    assertThat(withoutDate.get("completeDisabled")).as("Complete disabled with no message (form-js#1494)").isEqualTo(false);
    assertThat((List<Map<String, Object>>) withoutDate.get("invalid")).as("the form's own validation")
        .anySatisfy(e -> assertThat(e.get("label")).isEqualTo("Due by"));
    assertThat(withoutDate.get("stillListed")).isEqualTo(true);

    Map<String, Object> done = work("manager", mia, "Record case supervision", concat(supervision, "Due by", "19/05/2026"));
    completed(done, "the supervision");
    assertThat(supervisions.forCase(mia)).singleElement()
        .satisfies(s -> assertThat(s.actions()).contains("Visit Mia at school and see her alone", "\"2026-05-19\""));
  }

  @Test
  void ellasSocialWorkerSetsHerChildInNeedPlanWithADatedOutcomeAndActionInTasklist() {
    EngineClock.setTo("2027-01-18T10:00:00Z");
    String ella = scenario.openCase("Ella");
    Map<String, Object> afterStepDown = new HashMap<>();
    afterStepDown.put("referralDate", "2026-03-23");
    afterStepDown.put("allocatedWorker", "worker");
    ProcessInstance plan = scenario.start(Pathway.Process.CIN_PLAN, ella, afterStepDown);

    Map<String, Object> done = work("worker", ella, "Record the start of the plan and its aims",
        "Date the plan started", "18/01/2027",
        "What the plan aims to achieve for the child", "Ella stays safe at home and keeps going to school",
        "What will be different for the child", "Ella keeps going to school every day",
        "How it will be measured", "Attendance above 95%",
        "By when", "30/04/2027",
        "For outcome number", 1,
        "Who", "Family support worker",
        "What they will do", "Help with mornings twice a week",
        "By when#2", "26/02/2027");
    completed(done, "the plan's start");
    assertThat(recorded(plan, "planOutcomes")).contains("Ella keeps going to school every day", "2027-04-30");
    assertThat(recorded(plan, "planActions")).contains("Family support worker", "2027-02-26");
  }

  @Test
  void ellasConferenceSetsHerChildProtectionPlanWithItsFourListsInTasklist() {
    EngineClock.setTo("2026-04-16T10:00:00+01:00");
    String ella = scenario.openCase("Ella");
    Map<String, Object> afterEnquiry = new HashMap<>();
    afterEnquiry.put("referralDate", "2026-03-23");
    afterEnquiry.put("allocatedWorker", "worker");
    afterEnquiry.put("strategyDiscussionDate", "2026-03-30");
    afterEnquiry.put("s47ActualStartDate", "2026-03-30");
    afterEnquiry.put("strategyInvitees", List.of("POLICE", "EDUCATION"));
    ProcessInstance conference = scenario.start(InitialConferenceProcess.KEY, ella, afterEnquiry);
    scenario.complete(ella, InitialConferenceProcess.Element.SCHEDULE_CONFERENCE, Map.of("conferencePlannedDate", "2026-04-20",
        "conferenceVenue", "Civic Centre", "conferenceInvitees", List.of("POLICE", "EDUCATION")));
    EngineClock.setTo("2026-04-20T17:00:00+01:00");
    scenario.runJobsDue(ella);

    Map<String, Object> done = work("manager", ella, "Record the conference outcome",
        "Date the conference was held", "20/04/2026",
        "The child attended the conference", true,
        "What did the conference decide?", "Child protection plan",
        "Category of abuse", "Physical abuse",
        "The conference's reasons", "Bruising Ella explained as her father's doing; father's drinking",
        "Danger statement", "Ella's father may hit her when he has been drinking, and she could be badly hurt.",
        "Safety goal", "Ella is looked after by an adult who is sober whenever she is at home.",
        "What will be different for the child", "Ella is at school every day, on time",
        "How it will be measured", "School attendance above 95% each half term",
        "By when", "31/07/2026",
        "For outcome number", 1,
        "Who", "Mrs Smith (mother)",
        "What they will do", "Walk Ella to school each morning",
        "By when#2", "08/05/2026");
    completed(done, "the conference's outcome");
    assertThat(recorded(conference, "planOutcomes")).contains("Ella is at school every day, on time", "2026-07-31");
    assertThat(recorded(conference, "planActions")).contains("Mrs Smith (mother)", "2026-05-08");
  }

  // ---------------------------------------------------------------------------------------------

  /** One person opens the case's task in the team's tasks, fills each field by its label, presses Complete. */
  Map<String, Object> work(String user, String caseRef, String taskName, Object... labelsAndValues) {
    List<Task> open = tasks.createTaskQuery().processInstanceBusinessKey(caseRef).taskName(taskName).list();
    assertThat(open).as("open \"%s\" on %s", taskName, caseRef).hasSize(1);
    Map<String, Object> answer = browser.send(command("work", "user", user, "filter", MY_TEAMS_TASKS, "caseRef", caseRef,
        "task", taskName, "fields", fields(labelsAndValues)));
    answer.put("taskId", open.get(0).getId());
    return answer;
  }

  void completed(Map<String, Object> answer, String what) {
    String where = what + " (screenshot " + answer.get("screenshot") + ")";
    assertThat(answer.get("completeDisabled")).as("Complete disabled with no message on %s", where).isEqualTo(false);
    assertThat((List<?>) answer.get("invalid")).as("the form's own validation on %s", where).isEmpty();
    assertThat((List<?>) answer.get("errors")).as("Tasklist's error notices on %s", where).isEmpty();
    assertThat(answer.get("stillListed")).as("the task still listed after Complete on %s", where).isEqualTo(false);
    assertThat(tasks.createTaskQuery().taskId((String) answer.get("taskId")).count()).as("the task open on %s", where)
        .isZero();
  }

  String recorded(ProcessInstance process, String variable) {
    return history.createHistoricVariableInstanceQuery().processInstanceId(process.getId()).variableName(variable)
        .list().stream().map(v -> String.valueOf(v.getValue())).findFirst().orElse("(not recorded)");
  }

  static Object[] concat(Object[] first, Object... more) {
    Object[] all = java.util.Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }
}
