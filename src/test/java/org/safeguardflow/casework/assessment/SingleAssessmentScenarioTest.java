package org.safeguardflow.casework.assessment;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.safeguardflow.casework.assessment.AssessmentProcess.Element.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safeguardflow.documents.CaseDocument;
import org.safeguardflow.documents.CaseDocument.Entry;
import org.safeguardflow.documents.CaseDocument.Sharing;
import org.safeguardflow.documents.DocumentSource;
import org.safeguardflow.support.CaseScenario;
import org.safeguardflow.support.EngineClock;
import org.safeguardflow.support.SafeguardFlowTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Ella Smith's single assessment. Ella, 7, was referred by her school on Friday 1 May 2026; Sam
 * ({@code worker}) writes her assessment under the Assessment Framework over two weeks, from the
 * office and from home: three saves, one refused because a name was too long, an early attempt to
 * send it that is refused for what it still lacks, then sent; the manager ({@code manager}) reads it
 * whole and authorises it. Every save is a version in history, the census items are those the
 * worker recorded, and the assessment becomes a document in which what the family may not read is
 * marked.
 */
@SafeguardFlowTest
class SingleAssessmentScenarioTest {

  static final String CHILD_VIEWS = "I like school. I don't like it when Mum cries 😢 <b>and</b> **Dad** isn't here";
  static final List<String> WORKER_GROUPS = List.of("social-workers", "north-social-workers");
  static final List<String> MANAGER_GROUPS = List.of("team-managers", "north-team-managers");

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired FormService forms;
  @Autowired IdentityService identity;
  @Autowired CaseScenario scenario;
  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired List<DocumentSource> documents;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
  }

  @AfterEach
  void signOut() {
    identity.clearAuthentication();
  }

  @Test
  void ellasAssessmentIsWrittenOverTwoWeeksSavedThreeTimesAndAuthorisedByAManagerWhoReadsItWhole() {
    EngineClock.setTo("2026-05-05T09:00:00+01:00");
    String caseRef = scenario.openCase("Ella");
    ProcessInstance assessment = startAssessment(caseRef);

    // Both tasks are Sam's from the start: writing the assessment, and sending it when it is ready.
    assertThat(assessment).isWaitingAt(RECORD_WORK, COMPLETE_SINGLE);
    Task work = scenario.task(caseRef, RECORD_WORK);
    assertThat(work).isAssignedTo("worker").hasDueDate(scenario.task(caseRef, COMPLETE_SINGLE).getDueDate());

    // Tuesday 5 May, after a home visit: seeing Ella and her views, in her own words.
    EngineClock.setTo("2026-05-05T17:30:00+01:00");
    save(caseRef, Map.of("assessmentWorkParts", List.of("SEEING_THE_CHILD"), "assessmentWorkNote", "Home visit; saw Ella alone in her room",
        "assessmentActualStartDate", "2026-05-05", "assessmentChildSeenDate", "2026-05-05", "assessmentChildSeenAlone", true,
        "assessmentChildViews", CHILD_VIEWS, "childViewsHowGathered", "Alone in her bedroom, with drawings of her family"));
    assertThat(assessment).hasPassed(RECORD_WORK).isWaitingAt(RECORD_WORK, COMPLETE_SINGLE);
    Assertions.assertThat(tasks.getVariables(scenario.task(caseRef, RECORD_WORK).getId()))
        .as("the draft is on the server: opened again anywhere, it holds what was saved")
        .containsEntry("assessmentChildViews", CHILD_VIEWS).containsEntry("assessmentWorkParts", List.of("SEEING_THE_CHILD"));

    // Tuesday 12 May, from home: the three sides of the triangle.
    EngineClock.setTo("2026-05-12T20:15:00+01:00");
    Map<String, Object> triangle = new HashMap<>();
    triangle.put("assessmentWorkParts", List.of("DEVELOPMENTAL_NEEDS", "PARENTING_CAPACITY", "FAMILY_AND_ENVIRONMENT"));
    triangle.put("needsHealthStrengths", "Healthy; immunisations up to date");
    triangle.put("needsEducationConcerns", "Late on 9 days this term; often hungry on Mondays");
    triangle.put("parentingBasicCareConcerns", "Little food in the house on two visits; the flat is cold");
    triangle.put("parentingWarmthStrengths", "Ella and her mum are close and affectionate");
    triangle.put("familyWiderFamilyStrengths", "Grandmother Jean lives nearby and collects Ella on Fridays");
    triangle.put("familyIncomeConcerns", "Rent arrears of £1,200; Universal Credit sanctioned in March");
    save(caseRef, triangle);

    // Thursday 14 May: the father's name, pasted with his address, is too long, and one of the
    // agency's answers is no yes/no. Refused, naming each field and rule; nothing of it is kept.
    EngineClock.setTo("2026-05-14T11:00:00+01:00");
    String zoe = "Zoe\u0308"; // "Zoë" typed with a combining diaeresis: 3 characters, 4 UTF-16 units
    String fathersName = zoe.repeat(66) + "Jo"; // 200 characters as a person counts them (266 units)
    Map<String, Object> refused = new HashMap<>(Map.of("assessmentWorkParts", List.of("PARENTS_AND_CARERS", "AGENCIES"),
        "parentsViews", List.of(Map.of("name", fathersName + "n", "relationship", "FATHER", "views", "Wants contact")),
        "agenciesConsulted", List.of(Map.of("agency", "Police", "said", "No trace", "thirdParty", "maybe"))));
    refusedSave(caseRef, refused, "parentsViews[1].name must be at most 200 characters (it has 201)",
        "agenciesConsulted[1].thirdParty must be yes (true) or no (false)");
    Assertions.assertThat(runtime.getVariable(assessment.getId(), "parentsViews")).as("nothing of a refused save is kept").isNull();

    // Sam tries to send it now: refused for each part it still lacks, so none is hidden from her.
    refusedSend(caseRef, census("CIN_PLAN"), "analysisRisks is required", "analysisProtectiveFactors is required",
        "analysisIfNothingChanges is required", "parentsViews is required: record each parent's or carer's views",
        "fatherNotIncludedReason is required", "identityEthnicity is required",
        "identityInterpreterNeeded is required: answer yes or no", "agenciesNotConsultedReason is required");

    // Tuesday 19 May: the parents (her father lives in Leeds), identity, agencies and the analysis.
    // A name of 200 characters as a person counts them is kept, whatever its UTF-16 length.
    EngineClock.setTo("2026-05-19T10:00:00+01:00");
    Map<String, Object> people = new HashMap<>();
    people.put("assessmentWorkParts", List.of("PARENTS_AND_CARERS", "IDENTITY", "AGENCIES", "ANALYSIS"));
    people.put("assessmentWorkNote", "Phone call with Ella's father; school and GP consulted");
    people.put("parentsViews", List.of(
        Map.of("name", "Sarah Smith", "relationship", "MOTHER", "livesWithChild", true,
            "views", "I need help with money and my mood", "howGathered", "Home visit, 5 May"),
        Map.of("name", fathersName, "relationship", "FATHER", "livesWithChild", false,
            "views", "I want to see Ella every other weekend", "howGathered", "Phone call; he lives in Leeds")));
    people.put("identityEthnicity", "White British");
    people.put("identityReligion", "None");
    people.put("identityLanguage", "English");
    people.put("identityInterpreterNeeded", "false");
    people.put("identityDisability", "NONE");
    people.put("agenciesConsulted", List.of(
        Map.of("agency", "Oak Primary School", "contact", "Ms Patel, safeguarding lead", "said", "Attendance 91%; hungry on Mondays",
            "thirdParty", false),
        Map.of("agency", "Police", "contact", "PC Jones", "said", "Mum's new partner has a caution for assault in 2021",
            "thirdParty", true)));
    people.put("analysisRisks", "Neglect of Ella's basic care when her mother's depression is at its worst");
    people.put("analysisProtectiveFactors", "A warm bond with her mother; her grandmother; school notices and acts");
    people.put("analysisIfNothingChanges", "Ella will go hungry and cold this winter and fall behind at school");
    save(caseRef, people);

    // Wednesday 20 May: the census items and the recommendation; sent to the manager.
    EngineClock.setTo("2026-05-20T12:00:00+01:00");
    as("worker", WORKER_GROUPS, () -> scenario.complete(caseRef, COMPLETE_SINGLE, census("CIN_PLAN")));
    assertThat(assessment).hasPassed("EndEvent_SingleAssessmentCompleted").isWaitingAt(AUTHORISE).isNotWaitingAt(RECORD_WORK);

    // The manager's form shows the whole assessment, read-only, carrying the recorded text.
    Task authorise = scenario.task(caseRef, AUTHORISE);
    identity.setAuthentication("manager", MANAGER_GROUPS);
    Map<String, Object> shown = new HashMap<>(forms.getTaskFormVariables(authorise.getId()));
    identity.clearAuthentication();
    Assertions.assertThat(shown).containsEntry("assessmentChildViews", CHILD_VIEWS)
        .containsEntry("parentingBasicCareConcerns", "Little food in the house on two visits; the flat is cold")
        .containsEntry("analysisIfNothingChanges", "Ella will go hungry and cold this winter and fall behind at school")
        .containsEntry("identityDisability", "NONE");
    Assertions.assertThat(String.valueOf(shown.get("parentsViews"))).contains(fathersName, "I want to see Ella every other weekend");

    // Replacing what the form only shows is refused: the manager decides, the worker's record stands.
    as("manager", MANAGER_GROUPS, () -> Assertions.assertThatThrownBy(() -> tasks.complete(authorise.getId(), Map.of(
            "assessmentAuthorisation", "AUTHORISE", "assessmentManagerComments", "Agreed",
            "parentsViews", List.of(Map.of("name", "Sarah Smith", "relationship", "MOTHER", "views", "All fine")))))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("parentsViews is shown read-only"));

    EngineClock.setTo("2026-05-21T09:30:00+01:00");
    as("manager", MANAGER_GROUPS, () -> scenario.complete(caseRef, AUTHORISE, Map.of("assessmentAuthorisation", "AUTHORISE",
        "assessmentManagerComments", "Agreed: a child in need plan for food, warmth and mum's mood")));

    // The census reads the same recorded fields as ever.
    assertThat(assessment).hasPassed(AUTHORISED).isEnded().variables()
        .containsEntry("assessmentFactors", List.of("16A", "4B"))
        .containsEntry("primaryNeedCode", "N1")
        .containsEntry("assessmentOutcome", "CIN_PLAN")
        .containsEntry("assessmentChildSeenAlone", true)
        .containsEntry("assessmentActualStartDate", "2026-05-05")
        .containsEntry("assessmentAuthorisationDate", "2026-05-21");

    // Every save is a version in history, read back as it was.
    List<Map<String, Object>> versions = versions(caseRef);
    Assertions.assertThat(versions).extracting(v -> v.get("number"), v -> v.get("savedAt"), v -> v.get("savedBy"),
        v -> v.get("parts"), v -> v.get("note"), v -> v.get("sentToManager")).containsExactly(
            Assertions.tuple(1, "2026-05-05T16:30:00Z", "worker", List.of("SEEING_THE_CHILD"), "Home visit; saw Ella alone in her room", false),
            Assertions.tuple(2, "2026-05-12T19:15:00Z", "worker", List.of("DEVELOPMENTAL_NEEDS", "PARENTING_CAPACITY", "FAMILY_AND_ENVIRONMENT"), null, false),
            Assertions.tuple(3, "2026-05-19T09:00:00Z", "worker", List.of("PARENTS_AND_CARERS", "IDENTITY", "AGENCIES", "ANALYSIS"), "Phone call with Ella's father; school and GP consulted", false),
            Assertions.tuple(4, "2026-05-20T11:00:00Z", "worker", List.of(), null, true));
    Map<String, Object> first = version(caseRef, 1);
    Assertions.assertThat((Map<String, Object>) first.get("fields")).containsEntry("assessmentChildViews", CHILD_VIEWS)
        .containsEntry("parentsViews", null).containsEntry("parentingBasicCareConcerns", null);
    Assertions.assertThat((Map<String, Object>) version(caseRef, 2).get("fields"))
        .containsEntry("familyIncomeConcerns", "Rent arrears of £1,200; Universal Credit sanctioned in March")
        .containsEntry("analysisRisks", null);
    Assertions.assertThat(String.valueOf(((Map<String, Object>) version(caseRef, 3).get("fields")).get("parentsViews")))
        .contains("Phone call; he lives in Leeds");
    Assertions.assertThat(http.exchange("/api/cases/" + caseRef + "/assessment-versions/5", HttpMethod.GET,
        new HttpEntity<>(headers("manager")), String.class).getStatusCode().value()).isEqualTo(404);
    Assertions.assertThat(http.exchange("/api/cases/" + caseRef + "/assessment-versions", HttpMethod.GET,
        new HttpEntity<>(headers("south-manager")), String.class).getStatusCode().value())
        .as("another team's manager reads none of it").isEqualTo(403);

    // The case's timeline (as the auditor reads it) shows each save as work Sam did.
    String timeline = http.exchange("/api/cases/" + caseRef + "/timeline", HttpMethod.GET,
        new HttpEntity<>(headers("auditor")), String.class).getBody();
    Assertions.assertThat(timeline.split("Record assessment work", -1).length - 1)
        .as("three saves and the task still open at sending: " + timeline).isEqualTo(4);
  }

  @Test
  void ellasAssessmentAsADocumentKeepsHerWordsAsTypedAndMarksWhatTheFamilyMayNotRead() {
    EngineClock.setTo("2026-05-05T09:00:00+01:00");
    String caseRef = scenario.openCase("Ella");
    jdbc.update("insert into sf_contact (case_ref, received_at, referral_source, referrer_name, referrer_organisation,"
        + " concerns, immediate_danger, significant_harm_suspected, needs_met_by_universal_services, agencies_needed,"
        + " family_consents, submitted_by, created_at) values (?, current_timestamp, '2A', 'Ms Patel', 'Oak Primary School',"
        + " 'Ella is often hungry', false, false, false, 2, true, 'partner', current_timestamp)", caseRef);
    DocumentSource source = documents.stream().filter(d -> d.kind().equals("single-assessment")).findFirst().orElseThrow();
    Assertions.assertThat(source.build(caseRef)).as("no assessment yet").isEmpty();
    startAssessment(caseRef);
    Assertions.assertThat(source.build(caseRef)).as("nothing saved yet").isEmpty();

    Map<String, Object> whole = new HashMap<>(org.safeguardflow.support.Assessments.whole());
    whole.put("assessmentChildViews", CHILD_VIEWS);
    whole.put("agenciesConsulted", List.of(
        Map.of("agency", "Police", "contact", "PC Jones", "said", "Mum's new partner has a caution for assault", "thirdParty", true),
        Map.of("agency", "Oak Primary School", "contact", "Ms Patel", "said", "Often hungry on Mondays", "thirdParty", false)));
    whole.putAll(census("CIN_PLAN"));
    EngineClock.setTo("2026-05-20T12:00:00+01:00");
    as("worker", WORKER_GROUPS, () -> scenario.complete(caseRef, COMPLETE_SINGLE, whole));
    as("manager", MANAGER_GROUPS, () -> scenario.complete(caseRef, AUTHORISE, Map.of("assessmentAuthorisation", "AUTHORISE",
        "assessmentManagerComments", "Agreed; watch the new partner")));

    CaseDocument document = source.build(caseRef).orElseThrow();
    Assertions.assertThat(document.kind()).isEqualTo("single-assessment");
    Assertions.assertThat(document.caseRef()).isEqualTo(caseRef);
    Assertions.assertThat(document.title()).startsWith("Single assessment for Ella");
    Assertions.assertThat(document.sections()).extracting(CaseDocument.Section::heading).containsExactly(
        "About this assessment", "The child's views", "The child's developmental needs", "Parenting capacity",
        "Family and environmental factors", "Parents' and carers' views", "Identity and diversity", "Agencies consulted",
        "Analysis", "Recommendation", "The manager's authorisation");

    Assertions.assertThat(entry(document, e -> e.label().equals("In their own words")))
        .isEqualTo(new Entry("In their own words", CHILD_VIEWS, Sharing.EVERYONE));
    Assertions.assertThat(entry(document, e -> e.label().equals("Referred by")))
        .isEqualTo(new Entry("Referred by", "Ms Patel, Oak Primary School", Sharing.RECORD_ONLY));
    Assertions.assertThat(entry(document, e -> e.label().equals("Police: what they said")))
        .isEqualTo(new Entry("Police: what they said", "Mum's new partner has a caution for assault", Sharing.RECORD_ONLY));
    Assertions.assertThat(entry(document, e -> e.label().equals("Oak Primary School: what they said")).sharing())
        .isEqualTo(Sharing.PROFESSIONALS);
    Assertions.assertThat(entry(document, e -> e.label().startsWith("Tom Smith (father, lives elsewhere)")))
        .isEqualTo(new Entry("Tom Smith (father, lives elsewhere): views", "Wants to see the children every weekend", Sharing.EVERYONE));
    Assertions.assertThat(entry(document, e -> e.label().equals("Proposed outcome")).text()).isEqualTo("A child in need plan");
    Assertions.assertThat(entry(document, e -> e.label().equals("Census assessment factors")))
        .isEqualTo(new Entry("Census assessment factors", "16A, 4B", Sharing.PROFESSIONALS));
    Assertions.assertThat(entry(document, e -> e.label().equals("The manager's comments")).sharing()).isEqualTo(Sharing.PROFESSIONALS);
    Assertions.assertThat(allEntries(document)).as("blank answers are left out")
        .noneMatch(e -> e.text().isBlank()).noneMatch(e -> e.label().equals("Education: strengths"));
  }

  @Test
  void theParentsListTasklistSubmitsIsKeptAsJsonAndTheManagerMaySendItBackOnlyUnchanged() {
    EngineClock.setTo("2026-05-05T09:00:00+01:00");
    String caseRef = scenario.openCase("Ella");
    ProcessInstance assessment = startAssessment(caseRef);
    String parents = "[{\"name\":\"Sarah Smith\",\"relationship\":\"MOTHER\",\"livesWithChild\":true,"
        + "\"views\":\"I need help\",\"howGathered\":\"Home visit\"}]";

    // Tasklist submits a Camunda Forms dynamic list as a JSON variable.
    ResponseEntity<String> saved = http.exchange("/engine-rest/task/" + scenario.task(caseRef, RECORD_WORK).getId() + "/submit-form",
        HttpMethod.POST, new HttpEntity<>(Map.of("variables", Map.of(
            "assessmentWorkParts", Map.of("type", "Json", "value", "[\"PARENTS_AND_CARERS\"]"),
            "parentsViews", Map.of("type", "Json", "value", parents))), headers("worker")), String.class);
    Assertions.assertThat(saved.getStatusCode().value()).as(String.valueOf(saved.getBody())).isEqualTo(204);
    Assertions.assertThat(runtime.getVariableTyped(assessment.getId(), "parentsViews").getType().getName()).isEqualTo("json");

    // A list that is not a list of entries is refused by name, as the API answers every refusal.
    ResponseEntity<String> broken = http.exchange("/engine-rest/task/" + scenario.task(caseRef, RECORD_WORK).getId() + "/submit-form",
        HttpMethod.POST, new HttpEntity<>(Map.of("variables", Map.of(
            "parentsViews", Map.of("type", "Json", "value", "{\"name\":\"not a list\"}"))), headers("worker")), String.class);
    Assertions.assertThat(broken.getStatusCode().value()).isEqualTo(400);
    Assertions.assertThat(broken.getBody()).contains("(parentsViews) must be a list of entries").doesNotContain("Exception");

    Map<String, Object> whole = new HashMap<>(org.safeguardflow.support.Assessments.whole());
    whole.remove("parentsViews");
    whole.put("fatherNotIncludedReason", "Father not known: Sarah has not named him");
    whole.putAll(census("CIN_PLAN"));
    as("worker", WORKER_GROUPS, () -> scenario.complete(caseRef, COMPLETE_SINGLE, whole));

    // The manager's form shows the list read-only: sent back as it is, it is accepted; changed, refused.
    String authorise = scenario.task(caseRef, AUTHORISE).getId();
    ResponseEntity<String> changed = http.exchange("/engine-rest/task/" + authorise + "/submit-form", HttpMethod.POST,
        new HttpEntity<>(Map.of("variables", Map.of("assessmentAuthorisation", Map.of("value", "AUTHORISE"),
            "assessmentManagerComments", Map.of("value", "Agreed"),
            "parentsViews", Map.of("type", "Json", "value", parents.replace("I need help", "All is well")))), headers("manager")),
        String.class);
    Assertions.assertThat(changed.getStatusCode().value()).isEqualTo(400);
    Assertions.assertThat(changed.getBody()).contains("(parentsViews) is shown read-only");
    ResponseEntity<String> unchanged = http.exchange("/engine-rest/task/" + authorise + "/submit-form", HttpMethod.POST,
        new HttpEntity<>(Map.of("variables", Map.of("assessmentAuthorisation", Map.of("value", "AUTHORISE"),
            "assessmentManagerComments", Map.of("value", "Agreed"),
            "parentsViews", Map.of("type", "Json", "value", parents))), headers("manager")), String.class);
    Assertions.assertThat(unchanged.getStatusCode().value()).as(String.valueOf(unchanged.getBody())).isEqualTo(204);
    assertThat(assessment).isEnded();
  }

  private ProcessInstance startAssessment(String caseRef) {
    return scenario.start(AssessmentProcess.KEY, caseRef, Map.of("referralDate", "2026-05-01", "allocatedWorker", "worker",
        "childFirstName", "Ella", "childLastName", "Smith"));
  }

  /** The census items and the recommendation Sam records when she sends the assessment. */
  static Map<String, Object> census(String outcome) {
    Map<String, Object> form = new HashMap<>();
    form.put("assessmentActualStartDate", "2026-05-05");
    form.put("assessmentChildSeenDate", "2026-05-05");
    form.put("assessmentChildSeenAlone", true);
    form.put("assessmentChildViews", CHILD_VIEWS);
    form.put("childViewsHowGathered", "Alone in her bedroom, with drawings of her family");
    form.put("assessmentFactors", List.of("16A", "4B"));
    form.put("primaryNeedCode", "N1");
    form.put("assessmentOutcome", outcome);
    form.put("assessmentOutcomeReason", "Ella's needs are met by a plan her mother agrees to: food, warmth, help with her mood");
    return form;
  }

  private void save(String caseRef, Map<String, Object> form) {
    as("worker", WORKER_GROUPS, () -> scenario.complete(caseRef, RECORD_WORK, form));
  }

  private void refusedSave(String caseRef, Map<String, Object> form, String... messages) {
    String taskId = scenario.task(caseRef, RECORD_WORK).getId();
    refused(taskId, form, messages);
  }

  private void refusedSend(String caseRef, Map<String, Object> form, String... messages) {
    refused(scenario.task(caseRef, COMPLETE_SINGLE).getId(), form, messages);
  }

  private void refused(String taskId, Map<String, Object> form, String... messages) {
    int versionsBefore = versions(scenarioCase(taskId)).size();
    as("worker", WORKER_GROUPS, () -> {
      var thrown = Assertions.assertThatThrownBy(() -> tasks.complete(taskId, form)).isInstanceOf(ProcessEngineException.class)
          .hasMessageContaining("Not recorded: ");
      for (String message : messages) {
        thrown.hasMessageContaining(message);
      }
    });
    Assertions.assertThat(tasks.createTaskQuery().taskId(taskId).count()).as("task stays open").isOne();
    Assertions.assertThat(versions(scenarioCase(taskId))).as("no version was saved").hasSize(versionsBefore);
  }

  private String scenarioCase(String taskId) {
    String instanceId = tasks.createTaskQuery().taskId(taskId).singleResult().getProcessInstanceId();
    return runtime.createProcessInstanceQuery().processInstanceId(instanceId).singleResult().getBusinessKey();
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> versions(String caseRef) {
    ResponseEntity<Map> answer = http.exchange("/api/cases/" + caseRef + "/assessment-versions", HttpMethod.GET,
        new HttpEntity<>(headers("manager")), Map.class);
    Assertions.assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(200);
    return (List<Map<String, Object>>) answer.getBody().get("versions");
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> version(String caseRef, int number) {
    ResponseEntity<Map> answer = http.exchange("/api/cases/" + caseRef + "/assessment-versions/" + number, HttpMethod.GET,
        new HttpEntity<>(headers("manager")), Map.class);
    Assertions.assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(200);
    return answer.getBody();
  }

  private void as(String user, List<String> groups, Runnable work) {
    identity.setAuthentication(user, groups);
    try {
      work.run();
    } finally {
      identity.clearAuthentication();
    }
  }

  private static Entry entry(CaseDocument document, Predicate<Entry> which) {
    return allEntries(document).stream().filter(which).findFirst()
        .orElseThrow(() -> new AssertionError("no such entry in " + allEntries(document)));
  }

  private static List<Entry> allEntries(CaseDocument document) {
    List<Entry> entries = new ArrayList<>();
    document.sections().forEach(section -> entries.addAll(section.entries()));
    return entries;
  }

  private static HttpHeaders headers(String user) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, user);
    headers.setContentType(MediaType.APPLICATION_JSON);
    return headers;
  }
}
