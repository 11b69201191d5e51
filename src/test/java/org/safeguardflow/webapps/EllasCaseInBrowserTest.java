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
import java.util.HashMap;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.camunda.bpm.engine.FormService;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.safeguardflow.casework.Pathway;
import org.safeguardflow.notify.Notifications;
import org.safeguardflow.support.Browser;
import org.safeguardflow.support.PlanAnswers;
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
 * social worker concludes the section 47 enquiry, records the family network (Tasklist's Start
 * process), writes the assessment over two saves and sends it; the manager authorises it, schedules
 * the conference and records its plan; the plan's visit and core groups, the late supervision and an
 * extra one, the overdue action chased, pre-proceedings with a letter made plainer, two review
 * conferences; the step down to a child in need plan across the October clock change; the closure.
 * Every form is filled by its labels (dates typed dd/mm/yyyy, list rows added with Add new),
 * submitted with Tasklist's own Complete, and the next task looked for where the next person looks.
 * On seven forms a rule is broken first, on purpose: the refusal is seen and the task stays open.
 *
 * <p>The tests after the walk reach the forms Ella's case never meets (assessments before 2013, the
 * other escalations, a further contact, a birth, a merge of child records, care proceedings, an
 * undeliverable notice) on cases set up through the API up to the task, each task then worked in the
 * browser; the last test reads {@code forms/} and fails naming each form never rendered and
 * submitted in the browser (a self-authorisation is refused on the way).
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

  /** The forms of Ella's pathway: the walk fails unless each (still in forms/) was rendered and submitted in the browser. */
  static final List<String> ELLAS_FORMS = List.of("manager-decides-contact", "service-manager-follows-up-overdue-step",
      "allocate-social-worker", "convene-strategy-discussion", "record-strategy-discussion", "record-strategy-minutes",
      "conclude-section-47-enquiry", "choose-family-network-case", "record-family-network", "record-assessment-work",
      "schedule-review-conference",
      "complete-single-assessment", "authorise-assessment", "schedule-conference", "record-conference-outcome",
      "record-statutory-visit", "record-first-core-group",
      "record-case-supervision", "record-ad-hoc-supervision", "manager-follows-up-plan-action", "chase-plan-action",
      "record-core-group", "record-review-conference", "send-letter-before-proceedings", "make-letter-plainer",
      "hold-pre-proceedings-meeting", "review-pre-proceedings",
      "start-child-in-need-plan", "review-child-in-need-plan", "close-episode");

  /** A letter before proceedings in the law's language: above the council's reading age, it comes back. */
  static final String LEGAL_LETTER = "Dear Ms Smith and Mr Smith, The local authority is contemplating the initiation of care"
      + " proceedings pursuant to section 31 of the Children Act 1989 in consideration of the continuing concerns regarding"
      + " the emotional harm to Ella. Notwithstanding the implementation of the child protection plan, insufficient"
      + " improvement has been demonstrated regarding the supervision and emotional warmth provided.";
  static final String PLAIN_LETTER = "Dear Ms Smith and Mr Smith, We are still worried about Ella. There is a lot of"
      + " shouting at home and it upsets her. We may ask a court to decide what is best for her. Before that we want to"
      + " meet you both. Please come on 29 July at 10 am. Bring this letter to a solicitor. Their advice is free.";

  @LocalServerPort int port;
  @Autowired TestRestTemplate http;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;
  @Autowired RuntimeService runtime;
  @Autowired RepositoryService repository;
  @Autowired IdentityService identity;
  @Autowired CaseScenario scenario;
  @Autowired FormService forms;
  @Autowired Notifications notifications;

  Browser browser;
  String caseRef;
  /** Ella's case, kept when the tests after the walk work cases of their own. */
  String ellasCaseRef;
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
    System.out.println("Forms not reached in the browser: " + notReached);
    System.out.println("Refusals seen in the browser: " + refusalsSeen);
    ClockUtil.reset();
  }

  @Test
  @Order(1)
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

    // The social worker concludes the enquiry, writes the assessment over two saves (the parents'
    // views a repeating list: the mother at home, the father in Leeds), and sends it; "no factors"
    // with a factor is refused.
    at("2026-04-15T14:00:00+01:00");
    work("worker", MY_TASKS, "Conclude the section 47 enquiry", null,
        "What did the enquiry find?", "Concerns are substantiated and the child may continue to suffer significant harm:"
            + " an initial child protection conference is required",
        "Reasons", "Injuries and disclosure substantiated by the medical");
    // The people around Ella, recorded from Tasklist's Start process (the letters and invitations go to them).
    started("worker", "Record the family network", "Case reference", caseRef);
    work("worker", MY_TEAMS_TASKS, "Record the family network", null,
        "+People around the child", null, "Name", "Sarah Smith", "Relationship to the child", "Mother", "Holds parental responsibility", true,
        "Lives with the child", true, "Postal address", "12 Elm Road, Northtown NT1 2AB",
        "Took part in the assessment", true,
        "+People around the child", null,
        "Name#2", "Tom Smith", "Relationship to the child#2", "Father", "Holds parental responsibility#2", true,
        "Postal address#2", "3 Ash Close, Leeds LS9 9ZZ");
    work("worker", MY_TASKS, "Record assessment work", null,
        "Which parts are you working on?", List.of("Seeing the child and their views"),
        "What you did for this save (optional)", "Saw Ella alone at school on 8 April",
        "Date the assessment started", "08/04/2026", "Date the child was seen", "08/04/2026",
        "The child was seen alone", true,
        "The child's views, in their own words", "I want to feel safe at home and stay at my school",
        "How the child's views were gathered", "Seen alone at school, with drawings");
    work("worker", MY_TASKS, "Record assessment work", "tasklist-assessment-work",
        "Which parts are you working on?", List.of("Parents' and carers' views"),
        "Name", "Sarah Smith", "Relationship to the child", "Mother", "Lives with the child", true,
        "Their views", "Wants help with her low mood and with her partner's temper", "How their views were gathered", "Home visit",
        "+Each parent and carer, fathers not living with the child included", null,
        "Name#2", "Tom Smith", "Relationship to the child#2", "Father",
        "Their views#2", "Wants Ella to stay with him at weekends", "How their views were gathered#2", "Phone call; he lives in Leeds");
    assertThat(variable("parentsViews")).as("the parents' views saved from the list")
        .asString().contains("Sarah Smith", "MOTHER", "Tom Smith", "FATHER");
    Object[] assessment = {
        "Health: strengths", "Registered with a GP; immunisations up to date",
        "Basic care: concerns", "Ella is often hungry on Mondays",
        "Housing: concerns", "Two-bedroom flat, damp",
        "Wider family: strengths", "Maternal grandmother nearby collects Ella from school",
        "Ethnicity", "White British", "Religion or belief", "None stated", "First language", "English",
        "Is an interpreter needed?", "No", "Does the child have a disability?", "No",
        "Agency", "Oak Primary School", "Who you spoke to (name and role)", "Ms Patel, designated safeguarding lead",
        "What they said", "Attendance 96%; marks on her legs seen on 2 April",
        "Risks: what could harm the child", "Physical harm from her stepfather when he is angry",
        "Protective factors: what keeps the child safe and well", "A warm bond with her mother; school attendance",
        "What happens to the child if nothing changes", "Ella will be hurt again",
        "Factors identified at the end of the assessment", null,
        "The child's primary need", "N1 Abuse or neglect",
        "Your recommendation: the proposed outcome", "Initial child protection conference (only when a section 47 enquiry is running)",
        "Reasons for the proposed outcome", "Physical abuse by a carer; mother's low mood"};
    int factors = java.util.Arrays.asList(assessment).indexOf("Factors identified at the end of the assessment") + 1;
    assessment[factors] = List.of("21 No factors identified", "3A Domestic abuse: the child is the subject");
    refused("worker", MY_TASKS, "Complete and send the single assessment", null, "assessmentFactors", assessment);
    assessment[factors] = List.of("3A Domestic abuse: the child is the subject", "4B Mental health: the parent(s) or carer(s)");
    work("worker", MY_TASKS, "Complete and send the single assessment", null, assessment);
    work("manager", MY_TEAMS_TASKS, "Authorise the assessment", null,
        "Your decision", "Authorise the assessment", "Your comments", "Agreed: initial child protection conference");

    // The initial conference on Monday 27 April: not on a Saturday; a plan for neglect, written in its four lists.
    at("2026-04-16T10:00:00+01:00");
    work("manager", MY_TEAMS_TASKS, "Schedule the conference and choose the invitees", null,
        "Date booked for the conference", "27/04/2026", "Venue", "Civic Centre, room 2",
        "Who is invited", List.of("Police", "Health (GP, health visitor, school nurse)", "School or education setting",
            "Parents and carers (invited in person by the allocated worker)"));
    at("2026-04-27T16:00:00+01:00");
    Object[] conference = {"Date the conference was held", "25/04/2026", "The child attended the conference", true,
        "What did the conference decide?", "Child protection plan", "Category of abuse", "Physical abuse",
        "The conference's reasons", "Ella is likely to suffer significant harm without a plan",
        "Danger statement", "Ella's stepfather may hit her when he is angry, and she could be badly hurt.",
        "Safety goal", "Ella is never alone at home with an adult who has hurt her.",
        "What will be different for the child", "Ella is at school every day, on time",
        "How it will be measured", "School attendance above 95% each half term",
        "By when", "31/07/2026",
        "For outcome number", 1,
        "Who", "Sarah Smith (mother)",
        "What they will do", "Walk Ella to school each morning",
        "By when#2", "08/05/2026"};
    refused("manager", MY_TEAMS_TASKS, "Record the conference outcome", null, "working day", conference);
    conference[1] = "27/04/2026";
    work("manager", MY_TEAMS_TASKS, "Record the conference outcome", "tasklist-conference-plan", conference);

    // May: the plan's first visit and first core group (the outcome rated, the child heard).
    at("2026-05-01T12:00:00+01:00");
    work("worker", MY_TASKS, "Visit the child and record the visit", null,
        "Date of the visit", "01/05/2026", "The child was seen", true, "The child was seen alone", true,
        "What you saw and heard, and the child's views", "Ella showed me her room; she says home is calmer");
    work("worker", MY_TASKS, "Record the first core group meeting", null,
        "Date of the meeting", "01/05/2026",
        "Progress now", "Amber", "Evidence for the rating", "Attendance 92% since the conference",
        "The child's views", "I like it when mum walks me to school",
        "How the child's views were gathered", "Seen alone at school before the meeting",
        "The child was offered an advocate", true,
        "Notes of the meeting: what was discussed and agreed", "School nurse to see Ella weekly; parenting course");
    // The first review is booked now, within 3 months of the conference; her parents are invited by the family network.
    work("manager", MY_TEAMS_TASKS, "Schedule the review conference and choose the invitees", null,
        "Date booked for the review conference", "20/07/2026", "Venue", "Civic Centre, room 2",
        "Who is invited", List.of("Police", "School or education setting",
            "Parents and carers (everyone with parental responsibility in the family network)"));

    // July, morning: what went overdue since May is worked. Supervision first escalated, then recorded
    // late; an extra supervision asked for; the mother's action chased; the next core group.
    at("2026-07-20T09:00:00+01:00");
    work("senior", MY_TEAMS_TASKS, "Overdue supervision: service manager follows up", null,
        "What have you done about it?", "Team manager's diary cleared for Ella's supervision today");
    work("manager", MY_TEAMS_TASKS, "Record case supervision", null,
        "Why is this supervision late?", "Team manager on leave in June; cover not arranged",
        "Date of the supervision", "20/07/2026", "What was discussed", "Plan progress; mother's engagement",
        "Management decisions and their reasons", "Plan continues; consider pre-proceedings at the review",
        "Action (who does what)", "Worker to see Ella alone at school", "Due by", "24/07/2026");
    ResponseEntity<Map> extra = http.withBasicAuth("manager", "manager").postForEntity("/api/cases/" + caseRef
        + "/supervision-requests", Map.of("reason", "Police report of shouting at home last night"), Map.class);
    assertThat(extra.getStatusCode().value()).as("an extra supervision asked for: %s", extra.getBody()).isEqualTo(201);
    work("manager", MY_TEAMS_TASKS, "Record an extra case supervision", null,
        "Date of the supervision", "20/07/2026", "What was discussed", "Police report of shouting; Ella seen at school, safe",
        "Management decisions and their reasons", "Raise at today's review",
        "Action (who does what)", "Worker to visit the home tomorrow", "Due by", "21/07/2026");
    work("manager", MY_TEAMS_TASKS, "Overdue plan action: team manager follows up", null,
        "What have you done about it?", "Asked the worker to check with the school today");
    work("worker", MY_TASKS, "Chase overdue plan action", null,
        "Is the action done?", "Yes, it is done", "The day it was done", "08/05/2026");
    work("worker", MY_TASKS, "Record the next core group meeting", null,
        "Date of the meeting", "20/07/2026",
        "Progress now", "Amber", "Evidence for the rating", "Attendance 94%",
        "The child's views", "Mum walks me to school", "How the child's views were gathered", "Seen alone at school",
        "The child was offered an advocate", true,
        "Notes of the meeting: what was discussed and agreed", "Concerns about shouting at home; review today");

    // July, afternoon: the first review keeps the plan and starts pre-proceedings (Public Law Outline);
    // the letter before proceedings comes back until it is plain; a visit had gone overdue.
    at("2026-07-20T16:00:00+01:00");
    Object[] review = {"Date of the review conference", "20/07/2026",
        "Progress now", "Amber", "Evidence for the rating", "Attendance 94%; two late marks",
        "The child's views", "Home is calmer; I want mum at the meetings",
        "How the child's views were gathered", "Seen alone at school before the review",
        "The child was offered an advocate", true,
        "Latest category of abuse", "Emotional abuse",
        "What did the review decide?", "The plan continues and pre-proceedings start (Public Law Outline)",
        "The conference's reasons and changes to the plan", "Progress, but emotional harm persists"};
    work("manager", MY_TEAMS_TASKS, "Record the review conference", null, review);
    work("manager", MY_TEAMS_TASKS, "Send the letter before proceedings", null,
        "Date of the letter", "20/07/2026", "The letter", LEGAL_LETTER);
    work("manager", MY_TEAMS_TASKS, "Make the letter before proceedings plainer", null,
        "The letter", PLAIN_LETTER, "What have you done?", "Made it plainer: measure it again");
    work("senior", MY_TEAMS_TASKS, "Overdue visit: service manager follows up", null,
        "What have you done about it?", "Visits rebooked weekly; the team manager checks each one");

    at("2026-07-29T11:00:00+01:00");
    work("manager", MY_TEAMS_TASKS, "Hold the pre-proceedings meeting", null,
        "Date of the meeting", "29/07/2026", "What was agreed", "Stepfather to leave the home; mother to attend a parenting course");

    // Monday 19 October (British Summer Time): the pre-proceedings end without court, and the second
    // review steps the plan down to a child in need plan.
    at("2026-10-19T10:00:00+01:00");
    work("manager", MY_TEAMS_TASKS, "Review the pre-proceedings", null,
        "Date of the review", "19/10/2026", "Decision", "Enough has changed: continue the plan without proceedings",
        "Reasons for the decision", "Stepfather left in August; course completed");
    at("2026-10-19T16:00:00+01:00");
    review[1] = "19/10/2026";
    review[3] = "Green";
    review[5] = "Attendance 98% this term";
    review[review.length - 3] = "End the plan: step down to a child in need plan";
    review[review.length - 1] = "Risks reduced; support continues as a child in need";
    work("manager", MY_TEAMS_TASKS, "Record the review conference", null, review);
    // A child in need plan may not start while the child protection plan is still open (DfE rule 4016).
    Object[] cinPlan = {"Date the plan started", "16/10/2026",
        "What the plan aims to achieve for the child", "Ella settled at school and home",
        "What will be different for the child", "Ella keeps going to school every day",
        "How it will be measured", "Attendance above 95%", "By when", "19/01/2027",
        "For outcome number", 1, "Who", "Family support worker", "What they will do", "Help with mornings twice a week",
        "By when#2", "30/11/2026"};
    refused("worker", MY_TASKS, "Record the start of the plan and its aims", null, "child protection plan", cinPlan);
    cinPlan[1] = "19/10/2026";
    work("worker", MY_TASKS, "Record the start of the plan and its aims", null, cinPlan);

    // Friday 30 October, after the clocks went back (Greenwich Mean Time): the plan ends, the case closes.
    at("2026-10-30T16:00:00Z");
    work("worker", MY_TASKS, "Review the child in need plan", null,
        "Date of the review", "30/10/2026",
        "Progress now", "Green", "Evidence for the rating", "Attendance 99% since the plan started",
        "The child's views", "I don't need the meetings any more",
        "How the child's views were gathered", "Seen alone at home",
        "The child was offered an advocate", true,
        "Progress against the plan", "All aims met",
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
    // Only the forms still in forms/ (escalation forms may be folded into one).
    assertThat(formsSubmitted).as("the forms of Ella's pathway rendered and submitted in the browser")
        .containsAll(ELLAS_FORMS.stream().filter(formFiles::containsValue).toList());
    assertThat(refusalsSeen).as("forms on which a refusal was seen").hasSizeGreaterThanOrEqualTo(5);
    ellasCaseClosed = true;
    ellasCaseRef = caseRef;
  }

  /** The auditor finds Ella by name, replays the timeline and the path, and downloads the returns. */
  @Test
  @Order(2)
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

  /**
   * Found by a newcomer: the census check links each failure to "/audit/#CR-...", but opened in a new
   * tab the page showed the sign-in and then the search, never the case.
   */
  @Test
  @Order(5)
  void aCensusCheckLinkOpensTheCaseOnTheAuditPageAfterSigningIn() {
    Map<String, Object> seen = browser.send(command("auditLink", "user", "auditor", "caseRef", aCase()));
    assertThat(seen.get("title")).isEqualTo("Case " + aCase());
    assertThat((List<?>) seen.get("timeline")).as("the linked case's timeline").isNotEmpty();
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


  // --- The forms Ella's case never meets: cases set up through the API up to the task, the task then
  // --- found, filled and completed in Tasklist by the person whose turn it is. ---------------------

  /**
   * Mia, referred in May 2012 (before Working Together 2013): an initial assessment, then a core
   * assessment, each gone past its deadline and followed up by the service manager, each explaining
   * why it is late. Her worker, in a small team, is also a team manager: he may not authorise his own.
   */
  @Test
  @Order(10)
  void miasAssessmentsBeforeApril2013AreLateFollowedUpAndNotAuthorisedByTheirAuthor() {
    // Lee manages team North and holds a few of its cases himself.
    String lee = "lee";
    if (identity.createUserQuery().userId(lee).count() == 0) {
      var user = identity.newUser(lee);
      user.setFirstName("Lee");
      user.setLastName("Manager-Worker");
      user.setPassword(lee);
      identity.saveUser(user);
      for (String group : List.of("social-workers", "north-social-workers", "team-managers", "north-team-managers")) {
        identity.createMembership(lee, group);
      }
    }
    newCase("2012-06-01T10:00:00+01:00", "Mia");
    scenario.start(Pathway.Process.ASSESSMENT, caseRef, Map.of("referralDate", "2012-05-31", "allocatedWorker", lee,
        "childFirstName", "Mia", "childLastName", "Khan"));
    at("2012-06-14T09:00:00+01:00");
    work("senior", MY_TEAMS_TASKS, "Overdue initial assessment: service manager follows up", null,
        "What have you done about it?", "Agreed completion by Friday with the worker");
    work(lee, MY_TASKS, "Complete the initial assessment", null,
        "Date the assessment started", "01/06/2012", "Date the child was seen", "06/06/2012", "The child was seen alone", true,
        "The child's views", "Mia says she wants her dad to stop drinking",
        "Factors identified at the end of the assessment", List.of("1B Alcohol misuse: the parent(s) or carer(s)"),
        "A core assessment is needed", true,
        "Why is this assessment late?", "Family did not engage until the half-term holiday ended");
    at("2012-08-06T09:00:00+01:00");
    work("senior", MY_TEAMS_TASKS, "Overdue core assessment: service manager follows up", null,
        "What have you done about it?", "Agreed completion this week; the worker's caseload reduced");
    work(lee, MY_TASKS, "Complete the core assessment", null,
        "Date the assessment started", "15/06/2012", "Date the child was seen", "20/06/2012", "The child was seen alone", true,
        "The child's views", "Mia feels better now her dad goes to the alcohol service",
        "Factors identified at the end of the assessment", List.of("1B Alcohol misuse: the parent(s) or carer(s)"),
        "The child's primary need", "N4 Family in acute stress", "Proposed outcome", "Child in need plan",
        "Reasons for the proposed outcome", "Needs are met by a plan the family agrees to",
        "Why is this assessment late?", "Father's treatment dates moved the last home visit");
    refused(lee, MY_TEAMS_TASKS, "Authorise the assessment", null, "may not authorise their own",
        "Your decision", "Authorise the assessment", "Your comments", "Agreed");
  }

  /** Noah's strategy discussion minutes, section 47 enquiry and single assessment all go past their deadlines. */
  @Test
  @Order(11)
  void noahsLateMinutesEnquiryAndAssessmentAreFollowedUpByTheServiceManager() {
    newCase("2026-04-07T14:00:00+01:00", "Noah");
    scenario.start(Pathway.Process.STRATEGY_DISCUSSION, caseRef, Map.of("referralDate", "2026-04-02", "childFirstName", "Noah",
        "childLastName", "Brown", "contactDecision", "STRATEGY_DISCUSSION"));
    scenario.complete(caseRef, "Task_ConveneStrategyDiscussion", Map.of("strategyInvitees", List.of("POLICE", "HEALTH", "EDUCATION"),
        "strategyPlannedFor", "Wednesday 8 April, 10:00"));
    at("2026-04-08T15:00:00+01:00");
    scenario.complete(caseRef, "Task_RecordStrategyDiscussion", Map.of("strategyDiscussionDate", "2026-04-08",
        "strategyAttendees", "Police, health, school", "s47Started", "false", "strategyDecisionReason", "Single assessment instead"));
    at("2026-04-10T09:00:00+01:00");
    work("senior", MY_TEAMS_TASKS, "Overdue minutes: service manager follows up", null,
        "What have you done about it?", "Chair off sick; deputy writing them up this morning");

    newCase("2026-04-08T16:00:00+01:00", "Noah");
    scenario.start(Pathway.Process.ASSESSMENT, caseRef, Map.of("referralDate", "2026-04-02", "allocatedWorker", "worker",
        "childFirstName", "Noah", "childLastName", "Brown", "s47Started", true, "strategyDiscussionDate", "2026-04-08",
        "s47ActualStartDate", "2026-04-08"));
    at("2026-04-23T09:00:00+01:00");
    work("senior", MY_TEAMS_TASKS, "Overdue section 47 enquiry: service manager follows up", null,
        "What have you done about it?", "Medical report chased with the hospital");
    at("2026-06-11T09:00:00+01:00");
    work("senior", MY_TEAMS_TASKS, "Overdue single assessment: service manager follows up", null,
        "What have you done about it?", "Worker given two protected days to finish it");
  }

  /** Leo's contact waits past its decision deadline; a second agency then calls about him. */
  @Test
  @Order(12)
  void leosLateContactDecisionAndAFurtherContactAreWorked() {
    String nhsNumber = SampleContact.newNhsNumber();
    caseRef = null;
    at("2026-04-02T10:20:00+01:00");
    FrontDoorClient frontDoor = new FrontDoorClient(http);
    caseRef = frontDoor.recorded(SampleContact.fromSchool("2026-04-02T10:15:00+01:00").with("child.firstName", "Leo")
        .with("child.nhsNumber", nhsNumber));
    at("2026-04-08T09:30:00+01:00");
    ResponseEntity<Map> further = frontDoor.submit(SampleContact.fromSchool("2026-04-08T09:15:00+01:00").with("child.firstName", "Leo")
        .with("child.nhsNumber", nhsNumber).with("source", "3B").with("referrer.name", "Health visitor")
        .with("concerns", "Home conditions have worsened."), "partner");
    assertThat(further.getBody()).as("the health visitor's contact").containsEntry("caseRef", caseRef);
    scenario.runJobsDue(caseRef);
    work("senior", MY_TEAMS_TASKS, "Overdue contact decision: service manager follows up", null,
        "What have you done about it?", "Front door manager deciding it this morning");
    work("manager", MY_TEAMS_TASKS, "Review the further contact on the open case", null,
        "What this contact changes, and what you have asked the allocated worker to do",
        "Added to the information for the decision; home visit today");
  }

  /** Isla's initial conference is not held within 15 working days of the strategy discussion. */
  @Test
  @Order(13)
  void islasOverdueConferenceIsFollowedUp() {
    newCase("2026-03-31T09:00:00+01:00", "Isla");
    Map<String, Object> vars = new HashMap<>();
    vars.put("referralDate", "2026-03-23");
    vars.put("allocatedWorker", "worker");
    vars.put("strategyDiscussionDate", "2026-03-30");
    vars.put("s47ActualStartDate", "2026-03-30");
    vars.put("strategyInvitees", List.of("POLICE", "EDUCATION"));
    scenario.start(Pathway.Process.INITIAL_CPC, caseRef, vars);
    scenario.complete(caseRef, "Task_ScheduleConference", Map.of("conferencePlannedDate", "2026-04-21",
        "conferenceVenue", "Online", "conferenceInvitees", List.of("POLICE")));
    at("2026-04-24T09:00:00+01:00");
    work("senior", MY_TEAMS_TASKS, "Overdue conference: service manager follows up", null,
        "What have you done about it?", "Chair booked for Monday; police report chased");
  }

  /** Theo's plan: the first review is late; the pre-proceedings that follow end in care proceedings. */
  @Test
  @Order(14)
  void theosLateReviewIsFollowedUpAndHisCareProceedingsAreRecorded() {
    newCase("2026-04-20T17:00:00+01:00", "Theo");
    Map<String, Object> vars = new HashMap<>();
    vars.put("referralDate", "2026-03-23");
    vars.put("allocatedWorker", "worker");
    vars.put("dateOfInitialCpc", "2026-04-20");
    vars.put("initialCategoryOfAbuse", "NEG");
    scenario.start(Pathway.Process.CP_PLAN, caseRef, vars);
    at("2026-07-22T09:00:00+01:00");
    work("senior", MY_TEAMS_TASKS, "Overdue review: service manager follows up", null,
        "What have you done about it?", "Review booked for tomorrow with the chair");
    Map<String, Object> review = PlanAnswers.with(PlanAnswers.childsVoice(), Map.of("reviewDate", "2026-07-22",
        "latestCategoryOfAbuse", "NEG", "reviewDecision", "PRE_PROCEEDINGS", "reviewNotes", "No sustained change",
        "firstReviewCpcLateReason", "Chair unavailable"));
    scenario.complete(caseRef, "Task_RecordReviewConference", review);
    scenario.complete(caseRef, "Task_SendLetterBeforeProceedings", Map.of("letterBeforeProceedingsDate", "2026-07-22",
        "letterBeforeProceedingsText", PLAIN_LETTER));
    at("2026-07-29T12:00:00+01:00");
    scenario.complete(caseRef, "Task_HoldPreProceedingsMeeting", Map.of("preProceedingsMeetingDate", "2026-07-29",
        "preProceedingsAgreement", "Parents to engage with the parenting assessment"));
    at("2026-10-20T12:00:00+01:00");
    scenario.complete(caseRef, "Task_ReviewPreProceedings", Map.of("preProceedingsReviewDate", "2026-10-20",
        "preProceedingsDecision", "ISSUE_CARE_PROCEEDINGS", "preProceedingsReviewReasons", "No sustained change"));
    at("2026-10-23T16:00:00+01:00");
    work("manager", MY_TEAMS_TASKS, "Record that care proceedings were issued", null,
        "Date the proceedings were issued", "23/10/2026");
  }

  /** Ben's child in need plan misses its first review. */
  @Test
  @Order(15)
  void bensOverdueChildInNeedPlanReviewIsFollowedUp() {
    newCase("2026-04-20T09:30:00+01:00", "Ben");
    scenario.start(Pathway.Process.CIN_PLAN, caseRef, Map.of("referralDate", "2026-04-02", "allocatedWorker", "worker"));
    scenario.complete(caseRef, "Task_StartChildInNeedPlan", PlanAnswers.with(Map.of("cinPlanStartDate", "2026-04-20",
        "cinPlanAims", "Ben attends school every day"), PlanAnswers.smallestCinPlan("2026-04-20")));
    at("2026-05-07T09:00:00+01:00");
    work("senior", MY_TEAMS_TASKS, "Overdue plan review: service manager follows up", null,
        "What have you done about it?", "Review booked for Friday");
  }

  /** A baby referred before birth: the front door records her birth once she is born. */
  @Test
  @Order(16)
  void anUnbornChildsBirthIsRecordedByTheFrontDoor() {
    caseRef = null;
    at("2026-03-02T10:00:00Z");
    caseRef = new FrontDoorClient(http).recorded(SampleContact.fromSchool("2026-03-02T09:00:00Z")
        .without("child.firstName").without("child.dateOfBirth").without("child.nhsNumber")
        .with("child.lastName", "Nowak-" + SampleContact.letters(System.nanoTime() % (1 << 30))).with("child.sex", "U")
        .with("child.expectedDateOfBirth", "2026-04-20"));
    identity.setAuthentication("manager", List.of("team-managers", "front-door-team-managers", "north-team-managers"));
    try {
      scenario.complete(caseRef, "Task_ManagerDecidesContact", Map.of("contactDecision", "S17_ASSESSMENT",
          "contactDecisionReason", "Mother's previous children were on plans: assess before the birth"));
    } finally {
      identity.clearAuthentication();
    }
    at("2026-04-21T08:00:00+01:00");
    work("manager", MY_TEAMS_TASKS, "Record the child's birth", null,
        "Date of birth", "20/04/2026", "First name", "Maja", "Sex", "Female (F)");
  }

  /**
   * The records of one boy, recorded twice by the front door, merged from Tasklist's Start process
   * by a front-door manager; and a notification of Ella's case that could not be delivered, which her
   * team manager makes sure the agency gets another way.
   */
  @Test
  @Order(17)
  void aFrontDoorManagerMergesTwoRecordsOfOneBoyAndAnUndeliverableNoticeIsResolved() {
    caseRef = null;
    at("2026-11-03T10:00:00Z");
    FrontDoorClient frontDoor = new FrontDoorClient(http);
    String surname = "Dunn-" + SampleContact.letters(System.nanoTime() % (1 << 30));
    String first = frontDoor.recorded(SampleContact.fromSchool("2026-11-03T09:00:00Z").with("child.firstName", "Oliver")
        .with("child.lastName", surname).without("child.nhsNumber"));
    String second = frontDoor.recorded(SampleContact.fromSchool("2026-11-03T09:30:00Z").with("child.firstName", "Olly")
        .with("child.lastName", surname + "e").without("child.nhsNumber"));
    // Olly's contact is closed as information for Oliver's case: one child has one open episode.
    identity.setAuthentication("manager", List.of("team-managers", "front-door-team-managers", "north-team-managers"));
    try {
      scenario.complete(second, "Task_ManagerDecidesContact", Map.of("contactDecision", "NFA",
          "contactDecisionReason", "Passed to the open case"));
    } finally {
      identity.clearAuthentication();
    }
    scenario.runJobsDue(second);
    started("manager", "Merge or unmerge child records", "What needs correcting?", "Merge two records of one child",
        "Case of the record to merge away", second, "Case of the record that stays", first,
        "Why?", "Olly is Oliver: same school, same address");
    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("Process_CorrectChildRecords").finished()
        .variableValueEquals("mergeFromCaseRef", second).count()).as("the merge of %s into %s done", second, first).isOne();

    String ellas = ellasCaseRef;
    assertThat(ellas).as("Ella's case (the walk above)").isNotNull();
    var notice = notifications.forCase(ellas).get(0);
    caseRef = ellas;
    runtime.createProcessInstanceByKey("Process_UndeliverableNotification").businessKey(ellas)
        .setVariable("caseRef", ellas).setVariable("notificationKey", notice.idempotencyKey())
        .setVariable("notificationType", notice.type()).setVariable("notificationRecipient", notice.recipient())
        .setVariable("notificationSubject", notice.subject())
        .setVariable("deliveryFailure", "550 mailbox unavailable").execute();
    work("manager", MY_TEAMS_TASKS, "Make sure the agency is told", null,
        "What now?", "I told the agency another way",
        "How was the agency told, when, and by whom?", "Telephoned the police safeguarding unit, 3 November, Alex Manager");
  }

  /**
   * Every form in {@code forms/}, read when the test runs: each must have been rendered and submitted
   * in the browser by the walk or the tests after it. The forms reached are listed in the output.
   */
  @Test
  @Order(99)
  void everyFormInFormsWasRenderedAndSubmittedInTheBrowser() {
    TreeSet<String> never = new TreeSet<>(formFiles.values());
    never.removeAll(formsSubmitted);
    assertThat(never).as("forms never rendered and submitted in the browser (reached %s of %s: %s)", formsSubmitted.size(),
        formFiles.size(), formsSubmitted).isEmpty();
  }

  /** A case of its own for a test, opened at {@code moment} (the earlier case's jobs are left alone). */
  void newCase(String moment, String childFirstName) {
    caseRef = null;
    at(moment);
    caseRef = scenario.openCase(childFirstName);
  }

  /**
   * A process started from Tasklist's Start process by {@code user}, its start form filled by labels:
   * Tasklist must show no error and close the dialogue, and the engine must have one more such process.
   */
  void started(String user, String processName, Object... labelsAndValues) {
    var definition = repository.createProcessDefinitionQuery().processDefinitionName(processName).latestVersion()
        .singleResult();
    assertThat(definition).as("a process named \"%s\"", processName).isNotNull();
    var formRef = forms.getStartFormData(definition.getId()).getCamundaFormRef();
    String form = formRef == null ? "(no form)" : formFiles.getOrDefault(formRef.getKey(), formRef.getKey());
    long before = history.createHistoricProcessInstanceQuery().processDefinitionId(definition.getId()).count();
    Map<String, Object> answer = browser.sendExpectingAnything(command("start", "user", user, "process", processName,
        "fields", fields(labelsAndValues)));
    if (!Boolean.TRUE.equals(answer.get("ok"))) {
      throw new AssertionError("Form " + form + " (Start process \"" + processName + "\", " + user + "): " + answer.get("error")
          + " (screenshot: " + answer.get("screenshot") + ")");
    }
    String where = "form " + form + " (Start process \"" + processName + "\", " + user + "; seen: " + answer.get("invalid")
        + " " + answer.get("errors") + (Boolean.TRUE.equals(answer.get("startDisabled")) ? ", Start disabled" : "")
        + "; screenshot " + answer.get("screenshot") + ")";
    assertThat((List<?>) answer.get("errors")).as("Tasklist's error notices on %s", where).isEmpty();
    assertThat((List<?>) answer.get("invalid")).as("the form's own validation on %s", where).isEmpty();
    assertThat(answer.get("modalOpen")).as("the Start process dialogue still open on %s", where).isEqualTo(false);
    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionId(definition.getId()).count())
        .as("processes started by %s", where).isEqualTo(before + 1);
    formsSubmitted.add(form);
    if (caseRef != null) {
      scenario.runJobsDue(caseRef);
    }
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
    Map<String, Object> answer = inTasklist(form, user, filter, taskName, readmeShot, labelsAndValues);
    String where = "form " + form + " (" + taskName + ", " + user + " in " + filter + "; seen: " + answer.get("invalid")
        + " " + answer.get("errors") + (Boolean.TRUE.equals(answer.get("completeDisabled")) ? ", Complete disabled" : "")
        + "; screenshot " + answer.get("screenshot") + ")";
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
    Map<String, Object> answer = inTasklist(form, user, filter, taskName, null, labelsAndValues);
    String where = "form " + form + " (" + taskName + ", " + user + "; seen: " + answer.get("invalid") + " "
        + answer.get("errors") + "; screenshot " + answer.get("screenshot") + ")";
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

  /**
   * The browser's part of a task: found, claimed, filled, Complete pressed. A field the form does not
   * have, an option a select does not offer, a page that never came: the failure names the form, the
   * field and what the page showed, with the screenshot's path.
   */
  Map<String, Object> inTasklist(String form, String user, String filter, String taskName, String readmeShot,
      Object... labelsAndValues) {
    Map<String, Object> answer = browser.sendExpectingAnything(command("work", "user", user, "filter", filter,
        "caseRef", caseRef, "task", taskName, "fields", fields(labelsAndValues), "shot", readmeShot));
    if (!Boolean.TRUE.equals(answer.get("ok"))) {
      throw new AssertionError("Form " + form + " (\"" + taskName + "\", " + user + " in " + filter + " on " + caseRef
          + "): " + answer.get("error") + " (screenshot: " + answer.get("screenshot") + ")");
    }
    return answer;
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
