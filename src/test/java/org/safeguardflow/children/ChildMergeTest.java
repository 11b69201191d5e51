package org.safeguardflow.children;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safeguardflow.intake.ContactProcess;
import org.safeguardflow.security.SystemWork;
import org.safeguardflow.support.CaseScenario;
import org.safeguardflow.support.FrontDoorClient;
import org.safeguardflow.support.SafeguardFlowTest;
import org.safeguardflow.support.SampleContact;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A child who may be a child already known: the manager sees the candidate and the evidence on the
 * contact decision and confirms (the records merge) or rejects it; and two records of one child merged
 * and unmerged through the API, with the timeline telling it.
 */
@SafeguardFlowTest
class ChildMergeTest {

  private static final Random NAMES = new Random();
  static final String DECIDE = ContactProcess.Element.MANAGER_DECIDES_CONTACT;
  static final String CHILD_RECORDS = "Process_CorrectChildRecords";

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired CaseScenario scenario;
  @Autowired org.camunda.bpm.engine.ProcessEngine engine;
  @Autowired org.safeguardflow.notify.Notifications notifications;
  FrontDoorClient frontDoor;

  @BeforeEach
  void setUp() {
    frontDoor = new FrontDoorClient(http);
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init(engine);
    // The front door's manager decides contacts in Tasklist, signed in with their groups.
    identity.setAuthentication("manager", List.of("team-managers", "front-door-team-managers", "north-team-managers"));
  }

  @AfterEach
  void signOut() {
    identity.clearAuthentication();
  }

  static String surname(String base) {
    return base + "-" + SampleContact.letters(NAMES.nextInt(1 << 30)) + "-" + SampleContact.letters(NAMES.nextInt(1 << 30));
  }

  static SampleContact about(String firstName, String lastName, String dateOfBirth, String sex) {
    return SampleContact.fromSchool(OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString())
        .with("child.firstName", firstName).with("child.lastName", lastName)
        .with("child.dateOfBirth", dateOfBirth).with("child.sex", sex).without("child.nhsNumber");
  }

  @Test
  void lenaWithHerBirthDateOneDigitOffIsAPossibleMatchTheManagerConfirms() {
    String lastName = surname("Lena");
    String first = frontDoor.recorded(about("Lena", lastName, "2019-05-01", "F"));
    ResponseEntity<Map> second = frontDoor.submit(about("Lena", lastName, "2019-05-10", "F"), "partner");

    // Not merged silently: recorded on a case of its own, with the candidate and evidence for the manager.
    assertThat(second.getBody()).containsEntry("joinedOpenCase", false);
    String secondRef = (String) second.getBody().get("caseRef");
    assertThat(secondRef).isNotEqualTo(first);
    Map<String, Object> shown = formVariables(secondRef);
    assertThat(ContactProcess.Var.POSSIBLE_MATCH.from(shown)).isTrue();
    assertThat(ContactProcess.Var.POSSIBLE_MATCH_CHILD.from(shown)).contains("Lena", "born 2019-05-01");
    assertThat(ContactProcess.Var.POSSIBLE_MATCH_CASES.from(shown)).contains(first);
    assertThat(ContactProcess.Var.POSSIBLE_MATCH_EVIDENCE.from(shown)).contains("date of birth ONE_DIGIT_OFF");

    // Unanswered, or answered "same child" with a referral while her case is open: refused, task stays.
    assertThatThrownBy(() -> scenario.complete(secondRef, DECIDE, Map.of("contactDecision", "NFA",
        "contactDecisionReason", "Known to us"))).hasMessageContaining("possibleMatchVerdict");
    assertThatThrownBy(() -> scenario.complete(secondRef, DECIDE, Map.of("contactDecision", "S17_ASSESSMENT",
        "contactDecisionReason", "Known to us", "possibleMatchVerdict", "SAME_CHILD")))
        .hasMessageContaining("contactDecision must close this case").hasMessageContaining(first);

    scenario.complete(secondRef, DECIDE, Map.of("contactDecision", "NFA",
        "contactDecisionReason", "The same Lena: her open case weighs this concern", "possibleMatchVerdict", "SAME_CHILD"));
    scenario.runJobsDue(secondRef);

    // Handed to her open case as a contact certainly about her would be: reviewed there as a further
    // contact within the contact decision's working day, and the referrer is told it joined that case.
    var review = scenario.task(first, ContactProcess.Element.REVIEW_FURTHER_CONTACT);
    assertThat(review).isNotNull();
    assertThat(SystemWork.call(identity, () -> tasks.getVariable(review.getId(), "furtherContactConcerns")))
        .isEqualTo(SampleContact.fromSchool("2026-01-01T00:00:00Z").body().get("concerns"));
    assertThat(notifications.forCase(secondRef)).filteredOn(n -> n.type().equals("REFERRER_OUTCOME"))
        .singleElement().satisfies(n -> assertThat(n.body()).contains("Joined the child's open case " + first)
            .doesNotContain("no further action"));

    assertThat(childOf(secondRef)).isEqualTo(childOf(first));
    assertThat(jdbc.queryForObject("select count(*) from sf_case where child_id = ? and status <> 'CLOSED'", Integer.class,
        childOf(first))).isEqualTo(1);
    assertThat(jdbc.queryForObject("select closure_outcome from sf_case where case_ref = ?", String.class, secondRef))
        .isEqualTo("JOINED " + first);
    assertThat(timelineNames(first)).contains("Child records merged");
    // A later contact typed as in the second contact finds her through the merged record.
    ResponseEntity<Map> third = frontDoor.submit(about("Lena", lastName, "2019-05-10", "F"), "partner");
    assertThat(third.getBody()).containsEntry("caseRef", first).containsEntry("joinedOpenCase", true);
  }

  @Test
  void theSameNhsNumberWithAnotherSexIsAPossibleMatchTheManagerRejects() {
    String nhsNumber = SampleContact.newNhsNumber();
    String first = frontDoor.recorded(about("Sam", surname("Lee"), "2015-02-02", "M").with("child.nhsNumber", nhsNumber));
    ResponseEntity<Map> second = frontDoor.submit(about("Sam", surname("Lee"), "2015-02-02", "F")
        .with("child.nhsNumber", nhsNumber), "partner");
    String secondRef = (String) second.getBody().get("caseRef");

    assertThat(second.getBody()).containsEntry("joinedOpenCase", false);
    assertThat(ContactProcess.Var.POSSIBLE_MATCH_EVIDENCE.from(formVariables(secondRef)))
        .contains("NHS number SAME", "sex DIFFERENT");

    scenario.complete(secondRef, DECIDE, Map.of("contactDecision", "S17_ASSESSMENT",
        "contactDecisionReason", "Another child: the school mistyped the NHS number", "possibleMatchVerdict", "DIFFERENT_CHILD"));

    assertThat(childOf(secondRef)).isNotEqualTo(childOf(first));
    assertThat(jdbc.queryForObject("select status from sf_possible_match where case_ref = ?", String.class, secondRef))
        .isEqualTo("REJECTED");
  }

  @Test
  @SuppressWarnings("unchecked")
  void twoRecordsOfOneChildAreMergedAndUnmergedThroughTheApi() {
    String first = frontDoor.recorded(about("Maya", surname("Ross"), "2013-03-13", "F"));
    String second = frontDoor.recorded(about("Maya", surname("Rose"), "2013-03-13", "F"));
    long firstChild = childOf(first);
    long secondChild = childOf(second);

    ResponseEntity<Map> bothOpen = merge("manager", Map.of("from", second, "into", first, "reason", "One child"));
    assertThat(bothOpen.getStatusCode().value()).isEqualTo(409);
    assertThat((String) bothOpen.getBody().get("message")).contains(first, second, "open");

    scenario.complete(second, DECIDE, Map.of("contactDecision", "NFA", "contactDecisionReason", "Passed to the open case"));
    scenario.runJobsDue(second);

    for (String user : List.of("worker", "south-manager", "auditor")) {
      assertThat(merge(user, Map.of("from", second, "into", first, "reason", "One child")).getStatusCode().value())
          .as(user).isEqualTo(403);
    }
    ResponseEntity<Map> noReason = merge("manager", Map.of("from", second, "into", first));
    assertThat(noReason.getStatusCode().value()).isEqualTo(400);
    assertThat((List<Map<String, Object>>) noReason.getBody().get("errors"))
        .anySatisfy(e -> assertThat(e).containsEntry("field", "reason").containsEntry("rule", "required"));

    ResponseEntity<Map> merged = merge("senior", Map.of("from", second, "into", first,
        "reason", "Ross and Rose: the same Maya, surname misspelt by the school"));
    assertThat(merged.getStatusCode().value()).isEqualTo(201);
    Map<String, Object> merge = (Map<String, Object>) merged.getBody().get("merge");
    // Both episodes are now one child's: the census and Annex A count children through their cases.
    assertThat(childOf(second)).isEqualTo(firstChild);
    assertThat(jdbc.queryForObject("select count(distinct child_id) from sf_case where case_ref in (?, ?)", Integer.class,
        first, second)).isEqualTo(1);
    assertThat(timelineNames(second)).contains("Child records merged");
    assertThat(merge("manager", Map.of("from", second, "into", first, "reason", "Again")).getStatusCode().value())
        .isEqualTo(409);

    ResponseEntity<Map> unmerged = http.withBasicAuth("manager", "manager").postForEntity(
        "/api/children/merges/" + merge.get("id") + "/unmerge", Map.of("reason", "Two Mayas after all: twins"), Map.class);
    assertThat(unmerged.getStatusCode().value()).isEqualTo(200);
    assertThat(childOf(second)).isEqualTo(secondChild);
    assertThat(childOf(first)).isEqualTo(firstChild);
    assertThat(timelineNames(second)).contains("Child records merged", "Child records unmerged");
    assertThat(http.withBasicAuth("manager", "manager").postForEntity("/api/children/merges/" + merge.get("id") + "/unmerge",
        Map.of("reason", "Twice"), Map.class).getStatusCode().value()).isEqualTo(409);
  }

  @Test
  void aManagerMergesAndUnmergesFromTasklistsStartForm() {
    String first = frontDoor.recorded(about("Oliver", surname("Dunn"), "2014-10-10", "M"));
    String second = frontDoor.recorded(about("Olly", surname("Dunne"), "2014-10-10", "M"));
    scenario.complete(second, DECIDE, Map.of("contactDecision", "NFA", "contactDecisionReason", "Passed to the open case"));
    scenario.runJobsDue(second);

    // A social worker is not offered the process, and the engine refuses it.
    identity.setAuthentication("worker", List.of("social-workers", "north-social-workers"));
    assertThatThrownBy(() -> runtime.startProcessInstanceByKey(CHILD_RECORDS, Map.of("recordCorrection", "MERGE",
        "mergeFromCaseRef", second, "mergeIntoCaseRef", first, "correctionReason", "One boy")))
        .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
    identity.setAuthentication("manager", List.of("team-managers", "front-door-team-managers", "north-team-managers"));
    assertThatThrownBy(() -> runtime.startProcessInstanceByKey(CHILD_RECORDS, Map.of("recordCorrection", "MERGE",
        "mergeFromCaseRef", "CR-1", "mergeIntoCaseRef", first, "correctionReason", " ")))
        .hasMessageContaining("mergeFromCaseRef must be a case reference").hasMessageContaining("correctionReason is required");

    var merged = runtime.startProcessInstanceByKey(CHILD_RECORDS, Map.of("recordCorrection", "MERGE",
        "mergeFromCaseRef", second, "mergeIntoCaseRef", first, "correctionReason", "Olly is Oliver: same school, same address"));
    identity.clearAuthentication(); // the narrator reads the history
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat(merged).hasPassed("EndEvent_RecordsMerged").isEnded();
    assertThat(childOf(second)).isEqualTo(childOf(first));

    identity.setAuthentication("senior", List.of("service-managers"));
    var unmerged = runtime.startProcessInstanceByKey(CHILD_RECORDS, Map.of("recordCorrection", "UNMERGE",
        "unmergeCaseRef", second, "correctionReason", "Two boys after all"));
    identity.clearAuthentication();
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat(unmerged).hasPassed("EndEvent_RecordsUnmerged").isEnded();
    assertThat(childOf(second)).isNotEqualTo(childOf(first));
    assertThat(timelineNames(second)).contains("Child records merged", "Child records unmerged");
  }

  private ResponseEntity<Map> merge(String user, Map<String, Object> body) {
    return http.withBasicAuth(user, user).postForEntity("/api/children/merges", new HttpEntity<>(body), Map.class);
  }

  private Map<String, Object> formVariables(String caseRef) {
    return SystemWork.call(identity, () -> tasks.getVariables(scenario.task(caseRef, DECIDE).getId()));
  }

  private long childOf(String caseRef) {
    return jdbc.queryForObject("select child_id from sf_case where case_ref = ?", Long.class, caseRef);
  }

  @SuppressWarnings("unchecked")
  private List<String> timelineNames(String caseRef) {
    ResponseEntity<Map<String, Object>> answer = http.withBasicAuth("senior", "senior").exchange(
        "/api/cases/" + caseRef + "/timeline", HttpMethod.GET, null, new ParameterizedTypeReference<Map<String, Object>>() {});
    assertThat(answer.getStatusCode().value()).isEqualTo(200);
    List<Map<String, Object>> entries = (List<Map<String, Object>>) answer.getBody().get("entries");
    // A merge changes the child's record: shown with the people's steps on the audit page, not hidden
    // among the engine's own operations.
    assertThat(entries).filteredOn(e -> String.valueOf(e.get("name")).startsWith("Child records "))
        .allSatisfy(e -> assertThat(e).containsEntry("kind", "RECORD_CHANGE"));
    return entries.stream().map(e -> (String) e.get("name")).toList();
  }
}
