package org.safeguardflow.casework.protectionplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.safeguardflow.casework.CaseRecords;
import org.safeguardflow.casework.family.FamilyMember;
import org.safeguardflow.casework.family.FamilyNetwork;
import org.safeguardflow.casework.family.Relationship;
import org.safeguardflow.notify.NotificationSender;
import org.safeguardflow.notify.Notifications;
import org.safeguardflow.notify.Notifications.Notification;
import org.safeguardflow.support.CaseScenario;
import org.safeguardflow.support.EngineClock;
import org.safeguardflow.support.SafeguardFlowTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/**
 * Ella's letter before proceedings. Her plan's review on 16 July 2026 entered pre-proceedings; her
 * team's manager writes the letter in Tasklist. Written in legal language it reads far above the
 * council's threshold (reading age 11), so it comes back with its hardest sentences until it is plain
 * or kept with a reason; the letter the family and partners download is generated from the record, to
 * her mother and to her father who lives elsewhere, each copy showing only what its reader may see.
 */
@SafeguardFlowTest
class LetterBeforeProceedingsTest {

  static final List<String> MANAGER = List.of("team-managers", "front-door-team-managers", "north-team-managers");
  static final String SEND = ChildProtectionPlanProcess.Element.SEND_LETTER_BEFORE_PROCEEDINGS;
  static final String MAKE_PLAINER = "Task_MakeLetterPlainer";
  static final String HOLD_MEETING = ChildProtectionPlanProcess.Element.HOLD_PRE_PROCEEDINGS_MEETING;
  static final String SEND_TO_PARENTS = ChildProtectionPlanProcess.Element.SEND_LETTER_TO_PARENTS;

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(3025, "localhost", "smtp"));

  static final String LEGAL_LETTER = "Dear Ms Smith and Mr O'Brien-Nguyễn,\n"
      + "The local authority is contemplating the initiation of care proceedings pursuant to section 31 of the"
      + " Children Act 1989 in consideration of the continuing concerns regarding the neglect of Ella.\n"
      + "Notwithstanding the implementation of the child protection plan, insufficient improvement has been"
      + " demonstrated regarding the supervision, nutrition and accommodation provided.";
  static final String STILL_LEGAL = "Dear Ms Smith,\nThe authority is considering initiating proceedings in"
      + " consideration of the continuing deficiencies identified in the parenting assessment.";
  static final String PLAIN_LETTER = "Dear Ms Smith and Mr O'Brien-Nguyễn,\n"
      + "We are still worried about Ella. Her home is often cold and she misses meals. We may ask a court to"
      + " decide what is best for her. Before that we want to meet you both. Please come on 29 July at 10 am."
      + " Bring this letter to a solicitor. Their advice is free.";

  @Autowired CaseScenario scenario;
  @Autowired CaseRecords cases;
  @Autowired FamilyNetwork family;
  @Autowired LettersToFamilies letters;
  @Autowired RuntimeService runtime;
  @Autowired IdentityService identity;
  @Autowired ProcessEngine engine;
  @Autowired TestRestTemplate http;
  @Autowired Notifications notifications;
  @Autowired NotificationSender sender;
  @Autowired FormService forms;

  String ellasCase;
  ProcessInstance plan;

  @BeforeEach
  void ellasPlanEntersPreProceedings() {
    BpmnAwareTests.init(engine);
    EngineClock.setTo("2026-04-20T17:00:00+01:00");
    ellasCase = scenario.openCase("Ella");
    cases.allocate(ellasCase, CaseScenario.NORTH, "worker", OffsetDateTime.parse("2026-04-06T10:00:00+01:00"));
    family.replace(ellasCase, List.of(
        new FamilyMember("Sarah <b>Smith</b> <script>alert(1)</script>", Relationship.MOTHER, null, true, true, null, null,
            "12 Elm Road, Northtown NT1 2AB", true, true),
        new FamilyMember("Zoë O'Brien-Nguyễn", Relationship.FATHER, null, true, false, "dad@family.example", null,
            "3 Ash Close, Southtown ST9 9ZZ", false, false),
        new FamilyMember("Margaret Smith", Relationship.GRANDPARENT, null, false, false, null, null,
            "The Cottage, Westby", true, false)), "worker", OffsetDateTime.parse("2026-04-21T10:00:00+01:00"));
    Map<String, Object> vars = new HashMap<>();
    vars.put("referralDate", "2026-03-23");
    vars.put("allocatedWorker", "worker");
    vars.put("dateOfInitialCpc", "2026-04-20");
    vars.put("initialCategoryOfAbuse", "NEG");
    plan = scenario.start(ChildProtectionPlanProcess.KEY, ellasCase, vars);
    EngineClock.setTo("2026-07-16T16:00:00+01:00");
    Map<String, Object> review = ChildProtectionPlanScenarioTest.review("2026-07-16", "NEG", "PRE_PROCEEDINGS");
    review.put("reviewNotes", "No sustained change in the home conditions");
    scenario.complete(ellasCase, ChildProtectionPlanProcess.Element.RECORD_REVIEW_CONFERENCE, review);
    EngineClock.setTo("2026-07-20T12:00:00+01:00");
  }

  /** Completes a task as Ella's team manager does in Tasklist, signed in with their groups; the test reads as narrator. */
  private void managerCompletes(String task, Map<String, Object> answers) {
    identity.setAuthentication("manager", MANAGER);
    try {
      scenario.complete(ellasCase, task, answers);
    } finally {
      identity.clearAuthentication();
    }
  }

  @AfterEach
  void signOut() {
    identity.clearAuthentication();
  }

  @Test
  void aLetterInLegalLanguageComesBackWithItsHardestSentencesUntilItIsPlainThenTheFamilyGetsIt() throws IOException {
    managerCompletes(SEND, Map.of("letterBeforeProceedingsDate", "2026-07-20",
        "letterBeforeProceedingsText", LEGAL_LETTER));

    BpmnAwareTests.assertThat(plan).hasPassed("Gateway_IsTheLetterPlainEnough").isWaitingAt(MAKE_PLAINER);
    Task followUp = scenario.task(ellasCase, MAKE_PLAINER);
    assertThat(followUp.getAssignee()).as("the letter's writer").isEqualTo("manager");
    Map<String, Object> shown = runtime.getVariables(plan.getId());
    assertThat(Double.parseDouble((String) shown.get("letterReadingAge"))).isGreaterThan(11);
    assertThat(shown).containsEntry("letterReadingAgeThreshold", "11.0");
    assertThat((String) shown.get("letterHardestSentences"))
        .startsWith("Reading age").contains("The local authority is contemplating the initiation of care proceedings");
    assertThat(letters.latest(ellasCase, LettersToFamilies.LETTER_BEFORE_PROCEEDINGS)).as("not kept while too hard").isEmpty();
    assertThat(get("manager", docs(ellasCase) + "/letter-before-proceedings.pdf?for=family").getStatusCode().value())
        .isEqualTo(404);

    // A revision still too hard comes back again, measured anew.
    managerCompletes(MAKE_PLAINER, Map.of("letterBeforeProceedingsText", STILL_LEGAL, "letterRevision", "REVISED"));
    BpmnAwareTests.assertThat(plan).isWaitingAt(MAKE_PLAINER);
    assertThat((String) runtime.getVariable(plan.getId(), "letterHardestSentences"))
        .contains("continuing deficiencies");

    managerCompletes(MAKE_PLAINER, Map.of("letterBeforeProceedingsText", PLAIN_LETTER, "letterRevision", "REVISED"));
    scenario.runJobsOf(ellasCase, SEND_TO_PARENTS);
    BpmnAwareTests.assertThat(plan).hasPassed("Gateway_LetterMeasured", SEND_TO_PARENTS).isWaitingAt(HOLD_MEETING);
    var kept = letters.latest(ellasCase, LettersToFamilies.LETTER_BEFORE_PROCEEDINGS).orElseThrow();
    assertThat(kept.text()).isEqualTo(PLAIN_LETTER);
    assertThat(kept.readingAge()).isLessThanOrEqualTo(11);
    assertThat(kept.keptAboveReason()).isNull();

    ResponseEntity<Map> listed = http.withBasicAuth("manager", "manager").getForEntity(docs(ellasCase), Map.class);
    assertThat(listed.getStatusCode().value()).isEqualTo(200);
    assertThat((List<Map<String, Object>>) listed.getBody().get("documents")).extracting(d -> d.get("kind"))
        .contains("letter-before-proceedings");

    String familysCopy = pdfText("manager", ellasCase, "family");
    assertThat(familysCopy).contains("Letter before proceedings", "We are still worried about Ella.",
        "Sarah <b>Smith</b> <script>alert(1)</script>", "Zoë O'Brien-Nguyễn", "2026-07-20", "Father", "Mother");
    assertThat(familysCopy).as("one parent's address is a third party's details to the other")
        .doesNotContain("12 Elm Road", "3 Ash Close");
    assertThat(familysCopy).doesNotContain("Reading age", "Margaret Smith", "The Cottage");

    String partnersCopy = pdfText("auditor", ellasCase, "professionals");
    assertThat(partnersCopy).contains("12 Elm Road, Northtown NT1 2AB", "3 Ash Close, Southtown ST9 9ZZ", "Reading age",
        "We are still worried about Ella.");
  }

  @Test
  void theLetterGoesToEachParentWithItsPdfAndTheMeetingShowsWhoItWentTo() throws Exception {
    managerCompletes(SEND, Map.of("letterBeforeProceedingsDate", "2026-07-20", "letterBeforeProceedingsText", PLAIN_LETTER));
    Assertions.assertThat(notifications.forCase(ellasCase)).as("not before the job executor sends it")
        .noneMatch(n -> n.type().equals("LETTER_BEFORE_PROCEEDINGS"));
    scenario.runJobsOf(ellasCase, SEND_TO_PARENTS);
    scenario.runJobsOf(ellasCase, SEND_TO_PARENTS); // nothing left to run: a retry would record nothing twice

    List<Notification> sent = notifications.forCase(ellasCase).stream()
        .filter(n -> n.type().equals("LETTER_BEFORE_PROCEEDINGS")).toList();
    assertThat(sent).extracting(Notification::idempotencyKey).containsExactly(
        ellasCase + ":LETTER_BEFORE_PROCEEDINGS:1:1", ellasCase + ":LETTER_BEFORE_PROCEEDINGS:1:2");
    assertThat(sent).extracting(Notification::recipient).containsExactly(
        "post:Sarah <b>Smith</b> <script>alert(1)</script>, 12 Elm Road, Northtown NT1 2AB", "dad@family.example");
    assertThat(sent).extracting(Notification::status).containsExactly(Notifications.Status.NO_ROUTE,
        Notifications.Status.RECORDED);
    assertThat(sent).allSatisfy(n -> assertThat(n.body()).contains("letter before proceedings", "solicitor", ellasCase)
        .doesNotContain("Elm Road", "Ash Close"));
    // The letter to post is kept with the PDF the worker prints: the family's copy.
    String posted = text(notifications.attachmentOf(ellasCase + ":LETTER_BEFORE_PROCEEDINGS:1:1").orElseThrow().content());
    assertThat(posted).contains("We are still worried about Ella.", "Zoë O'Brien-Nguyễn").doesNotContain("3 Ash Close");

    // The worker sees at the meeting who it went to, and how.
    Task meeting = scenario.task(ellasCase, HOLD_MEETING);
    assertThat(forms.getTaskFormVariables(meeting.getId()).getValue("letterBeforeProceedingsSentTo", String.class))
        .isEqualTo("Mother: Sarah <b>Smith</b> <script>alert(1)</script>, to post to 12 Elm Road, Northtown NT1 2AB\n"
            + "Father: Zoë O'Brien-Nguyễn, by email to dad@family.example");

    sender.deliverDue();
    MimeMessage[] toFather = smtp.getReceivedMessagesForDomain("family.example");
    assertThat(toFather).hasSize(1);
    assertThat(toFather[0].getSubject()).isEqualTo("Letter before proceedings " + ellasCase);
    MimeMultipart parts = (MimeMultipart) toFather[0].getContent();
    String body = null;
    byte[] pdf = null;
    for (int i = 0; i < parts.getCount(); i++) {
      BodyPart part = parts.getBodyPart(i);
      if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
        assertThat(part.getFileName()).isEqualTo(ellasCase + "-letter-before-proceedings-family.pdf");
        pdf = part.getInputStream().readAllBytes();
      } else {
        body = bodyText(part);
      }
    }
    assertThat(body).contains("Dear Zoë O'Brien-Nguyễn", "attached").doesNotContain("Sarah", "Elm Road");
    assertThat(text(pdf)).contains("Letter before proceedings", "We are still worried about Ella.",
        "Sarah <b>Smith</b> <script>alert(1)</script>").doesNotContain("12 Elm Road", "3 Ash Close", "Reading age");
    assertThat(notifications.byKey(ellasCase + ":LETTER_BEFORE_PROCEEDINGS:1:2").status())
        .isEqualTo(Notifications.Status.DELIVERED);
  }

  private static String bodyText(BodyPart part) throws Exception {
    Object content = part.getContent();
    if (content instanceof MimeMultipart inner) {
      return bodyText(inner.getBodyPart(0));
    }
    return content.toString();
  }

  private static String text(byte[] pdf) throws IOException {
    try (PDDocument read = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(read);
    }
  }

  @Test
  void parentsWhoWriteTheirNamesInArabicAndChineseFindThemInTheirLetterNotQuestionMarks() throws IOException {
    // Ella's parents as her family network records them in their own scripts; her words carry emoji.
    family.replace(ellasCase, List.of(
        new FamilyMember("عائشة رحمن", Relationship.MOTHER, null, true, true, null, null, "12 Elm Road", true, true),
        new FamilyMember("王芳", Relationship.FATHER, null, true, false, null, null, "3 Ash Close", false, false)),
        "worker", OffsetDateTime.parse("2026-07-17T10:00:00+01:00"));
    managerCompletes(SEND, Map.of("letterBeforeProceedingsDate", "2026-07-20",
        "letterBeforeProceedingsText", PLAIN_LETTER + "\nElla told us: I feel 😢 at 🏠."));

    String familysCopy = pdfText("manager", ellasCase, "family");

    assertThat(familysCopy).contains("عائشة رحمن", "王芳", "Ella told us: I feel [crying face] at [house building].");
    assertThat(familysCopy).as("no character became a question mark").doesNotContain("?");
  }

  @Test
  void aLetterKeptAsWrittenNeedsAReasonWhichStaysOnTheRecordOnly() throws IOException {
    managerCompletes(SEND, Map.of("letterBeforeProceedingsDate", "2026-07-20",
        "letterBeforeProceedingsText", LEGAL_LETTER));
    String followUp = scenario.task(ellasCase, MAKE_PLAINER).getId();

    assertThatThrownBy(() -> managerCompletes(MAKE_PLAINER, Map.of("letterBeforeProceedingsText", LEGAL_LETTER,
        "letterRevision", "KEPT_AS_WRITTEN"))).hasMessageContaining("letterKeptAboveReason is required");
    assertThatThrownBy(() -> managerCompletes(MAKE_PLAINER, Map.of("letterBeforeProceedingsText", LEGAL_LETTER,
        "letterRevision", "SENT_ANYWAY"))).hasMessageContaining("letterRevision must be REVISED or KEPT_AS_WRITTEN");
    assertThat(scenario.task(ellasCase, MAKE_PLAINER).getId()).isEqualTo(followUp);

    managerCompletes(MAKE_PLAINER, Map.of("letterBeforeProceedingsText", LEGAL_LETTER,
        "letterRevision", "KEPT_AS_WRITTEN", "letterKeptAboveReason", "Counsel's wording: approved by legal services"));

    scenario.runJobsOf(ellasCase, SEND_TO_PARENTS);
    BpmnAwareTests.assertThat(plan).isWaitingAt(HOLD_MEETING);
    var kept = letters.latest(ellasCase, LettersToFamilies.LETTER_BEFORE_PROCEEDINGS).orElseThrow();
    assertThat(kept.keptAboveReason()).isEqualTo("Counsel's wording: approved by legal services");
    assertThat(kept.readingAge()).isGreaterThan(11);
    assertThat(pdfText("manager", ellasCase, "professionals")).contains("The local authority is contemplating")
        .doesNotContain("Counsel's wording", "Kept above");
    assertThat(pdfText("manager", ellasCase, "family")).doesNotContain("Counsel's wording", "Kept above");
  }

  @Test
  void theDocumentsApiIsGuardedAsEveryCaseApiAndNamesWhatIsWrong() {
    managerCompletes(SEND, Map.of("letterBeforeProceedingsDate", "2026-07-20",
        "letterBeforeProceedingsText", PLAIN_LETTER));
    String letter = docs(ellasCase) + "/letter-before-proceedings.pdf";

    ResponseEntity<Map> badReader = http.withBasicAuth("manager", "manager").getForEntity(letter + "?for=neighbours", Map.class);
    assertThat(badReader.getStatusCode().value()).isEqualTo(400);
    assertThat((List<Map<String, Object>>) badReader.getBody().get("errors")).extracting(e -> e.get("field"))
        .containsExactly("for");
    assertThat(http.withBasicAuth("manager", "manager").getForEntity(letter, Map.class).getBody().toString())
        .contains("field=for", "rule=required");
    assertThat(get("manager", docs(ellasCase) + "/unknown-kind.pdf?for=family").getStatusCode().value()).isEqualTo(404);
    assertThat(get("manager", docs("CR-2026-999999") + "/letter-before-proceedings.pdf?for=family").getStatusCode().value())
        .isEqualTo(404);
    assertThat(get("manager", docs("CR-2026-999999")).getStatusCode().value()).isEqualTo(404);
    assertThat(get("manager", docs("not-a-case")).getStatusCode().value()).isEqualTo(400);
    assertThat(get("south-manager", letter + "?for=family").getStatusCode().value()).isEqualTo(403);
    assertThat(get("south-worker", letter + "?for=family").getStatusCode().value()).as("a worker of another team")
        .isEqualTo(403);
    assertThat(get("south-worker", docs(ellasCase)).getStatusCode().value()).isEqualTo(403);
    assertThat(get("partner", letter + "?for=professionals").getStatusCode().value()).isEqualTo(403);
    ResponseEntity<byte[]> pdf = http.withBasicAuth("senior", "senior").getForEntity(letter + "?for=family", byte[].class);
    assertThat(pdf.getStatusCode().value()).isEqualTo(200);
    assertThat(pdf.getHeaders().getContentType().toString()).isEqualTo("application/pdf");
    assertThat(pdf.getHeaders().getContentDisposition().getFilename())
        .isEqualTo(ellasCase + "-letter-before-proceedings-family.pdf");
  }

  @Test
  void herAllocatedWorkerDownloadsTheDocumentsToGiveTheFamilyTheirCopyUntilTheCaseIsReallocated() throws IOException {
    managerCompletes(SEND, Map.of("letterBeforeProceedingsDate", "2026-07-20", "letterBeforeProceedingsText", PLAIN_LETTER));
    String letter = docs(ellasCase) + "/letter-before-proceedings.pdf";

    // Sam, the social worker Ella's case is allocated to, lists and downloads both copies.
    ResponseEntity<Map> listed = http.withBasicAuth("worker", "worker").getForEntity(docs(ellasCase), Map.class);
    assertThat(listed.getStatusCode().value()).isEqualTo(200);
    assertThat((List<Map<String, Object>>) listed.getBody().get("documents")).extracting(d -> d.get("kind"))
        .contains("letter-before-proceedings");
    assertThat(pdfText("worker", ellasCase, "family")).contains("We are still worried about Ella.")
        .doesNotContain("12 Elm Road");
    assertThat(pdfText("worker", ellasCase, "professionals")).contains("12 Elm Road, Northtown NT1 2AB");
    // Being allocated opens the documents only, not the rest of the case's record.
    assertThat(get("worker", "/api/cases/" + ellasCase + "/family-network").getStatusCode().value()).isEqualTo(403);
    assertThat(get("worker", "/api/cases/" + ellasCase + "/notifications").getStatusCode().value()).isEqualTo(403);

    // Another case of team North, allocated to someone else: Sam is refused it, as is a worker of team South.
    String leosCase = scenario.openCase("Leo");
    cases.allocate(leosCase, CaseScenario.NORTH, "casey", OffsetDateTime.parse("2026-07-01T10:00:00+01:00"));
    assertThat(get("worker", docs(leosCase)).getStatusCode().value()).isEqualTo(403);
    assertThat(get("south-worker", letter + "?for=family").getStatusCode().value()).isEqualTo(403);

    // Ella's case moves to another worker: Sam's access ends with it.
    cases.allocate(ellasCase, CaseScenario.NORTH, "casey", OffsetDateTime.parse("2026-07-21T10:00:00+01:00"));
    assertThat(get("worker", letter + "?for=family").getStatusCode().value()).isEqualTo(403);
    assertThat(get("worker", docs(ellasCase)).getStatusCode().value()).isEqualTo(403);
  }

  private String pdfText(String user, String caseRef, String reader) throws IOException {
    ResponseEntity<byte[]> pdf = http.withBasicAuth(user, user)
        .getForEntity(docs(caseRef) + "/letter-before-proceedings.pdf?for=" + reader, byte[].class);
    assertThat(pdf.getStatusCode().value()).isEqualTo(200);
    try (PDDocument read = Loader.loadPDF(pdf.getBody())) {
      return new PDFTextStripper().getText(read);
    }
  }

  private ResponseEntity<String> get(String user, String url) {
    return http.withBasicAuth(user, user).getForEntity(url, String.class);
  }

  private static String docs(String caseRef) {
    return "/api/cases/" + caseRef + "/documents";
  }
}
