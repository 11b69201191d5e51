package org.safeguardflow.casework.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safeguardflow.casework.CaseRecords;
import org.safeguardflow.security.SystemWork;
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

/**
 * The people around Ella. Her worker records her family network in Tasklist ("Record the family
 * network", started for her case), fathers not living with her included; her team's manager corrects it
 * through the API; nobody outside her team sees or changes it, and what is typed is kept as typed.
 */
@SafeguardFlowTest
class FamilyNetworkTest {

  static final List<String> WORKER = List.of("social-workers", "north-social-workers");
  static final List<String> SOUTH_WORKER = List.of("social-workers", "south-social-workers");
  static final ObjectMapper JSON = new ObjectMapper();

  @Autowired CaseScenario scenario;
  @Autowired CaseRecords cases;
  @Autowired FamilyNetwork network;
  @Autowired FormService forms;
  @Autowired TaskService tasks;
  @Autowired RepositoryService repository;
  @Autowired IdentityService identity;
  @Autowired TestRestTemplate http;

  String ellasCase;

  @BeforeEach
  void ellasCaseIsHeldByTeamNorth() {
    EngineClock.setTo("2026-05-11T10:00:00+01:00");
    ellasCase = ellasCase(scenario, cases);
  }

  @AfterEach
  void signOut() {
    identity.clearAuthentication();
  }

  /** Ella's case, allocated to team North's worker. */
  static String ellasCase(CaseScenario scenario, CaseRecords cases) {
    String caseRef = scenario.openCase("Ella");
    cases.allocate(caseRef, CaseScenario.NORTH, "worker", OffsetDateTime.parse("2026-04-06T10:00:00+01:00"));
    return caseRef;
  }

  /** Ella's mother (at home, no email), her father (lives elsewhere, email) and her grandmother (no parental responsibility). */
  static List<Map<String, Object>> ellasFamily() {
    List<Map<String, Object>> family = new ArrayList<>();
    family.add(member("Sarah <b>Smith</b> <script>alert(1)</script>", "MOTHER", true, true, null,
        "12 Elm Road\nNorthtown NT1 2AB"));
    family.add(member("Zoë O'Brien-Nguyễn", "FATHER", true, false, "dad@family.example", "3 Ash Close\nSouthtown ST9 9ZZ"));
    family.add(member("Margaret Smith", "GRANDPARENT", false, false, "nan@family.example", null));
    return family;
  }

  static Map<String, Object> member(String name, String relationship, boolean pr, boolean livesWithChild, String email,
      String address) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("relationship", relationship);
    m.put("parentalResponsibility", pr);
    m.put("livesWithChild", livesWithChild);
    m.put("email", email);
    m.put("address", address);
    m.put("tookPartInAssessment", true);
    m.put("tookPartInPlan", false);
    return m;
  }

  @Test
  void herWorkerRecordsTheNetworkInTasklistAndTheNextRecordingStartsFromIt() throws Exception {
    identity.setAuthentication("worker", WORKER);
    ProcessInstance started = startRecording(ellasCase);

    Task task = SystemWork.call(identity, () -> tasks.createTaskQuery().processInstanceId(started.getId()).singleResult());
    assertThat(task.getTaskDefinitionKey()).isEqualTo(RecordFamilyNetworkProcess.Element.RECORD_FAMILY_NETWORK);
    assertThat(task.getAssignee()).as("the person who asked").isEqualTo("worker");
    // Business key set once the case is checked, so the case's timeline shows the recording.
    assertThat(started.getBusinessKey()).isEqualTo(ellasCase);
    assertThat(forms.getTaskFormVariables(task.getId()).getValue("familyMembers", Object.class).toString())
        .isEqualTo("[]");

    // As Tasklist submits a dynamic list: a JSON variable.
    tasks.complete(task.getId(), Map.of("familyMembers", SpinValues.jsonValue(JSON.writeValueAsString(ellasFamily())).create()));

    assertThat(network.of(ellasCase)).extracting(FamilyMember::name).containsExactly(
        "Sarah <b>Smith</b> <script>alert(1)</script>", "Zoë O'Brien-Nguyễn", "Margaret Smith");
    assertThat(network.withParentalResponsibility(ellasCase)).extracting(FamilyMember::relationship)
        .containsExactly(Relationship.MOTHER, Relationship.FATHER);
    assertThat(network.of(ellasCase).get(0).address()).isEqualTo("12 Elm Road\nNorthtown NT1 2AB");

    // The next recording shows the list as it stands.
    ProcessInstance again = startRecording(ellasCase);
    Task second = SystemWork.call(identity, () -> tasks.createTaskQuery().processInstanceId(again.getId()).singleResult());
    SpinJsonNode shown = (SpinJsonNode) forms.getTaskFormVariables(second.getId()).getValue("familyMembers", Object.class);
    assertThat(shown.elements()).hasSize(3);
    assertThat(shown.elements().get(1).prop("name").stringValue()).isEqualTo("Zoë O'Brien-Nguyễn");
    assertThat(shown.elements().get(1).prop("livesWithChild").boolValue()).isFalse();
  }

  @Test
  void aBrokenEntryKeepsTheTaskOpenAndNothingIsRecorded() throws Exception {
    identity.setAuthentication("worker", WORKER);
    ProcessInstance started = startRecording(ellasCase);
    String taskId = SystemWork.call(identity, () -> tasks.createTaskQuery().processInstanceId(started.getId()).singleResult().getId());
    List<Map<String, Object>> family = ellasFamily();
    family.get(1).put("email", "not an address");
    family.get(2).put("relationship", "OTHER");
    family.get(2).put("name", "x".repeat(201));

    assertThatThrownBy(() -> tasks.complete(taskId, Map.of("familyMembers",
        SpinValues.jsonValue(JSON.writeValueAsString(family)).create())))
        // Rows counted from 1 as on the screen (the second and third people), and "Not recorded: " said once.
        .hasMessageContaining("familyMembers[2].email must be an email address")
        .hasMessageContaining("familyMembers[3].name must be at most 200 characters")
        .hasMessageContaining("familyMembers[3].relationshipDetail must say who they are")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Not recorded: Not recorded"));
    assertThat(network.of(ellasCase)).isEmpty();
    assertThat(SystemWork.call(identity, () -> tasks.createTaskQuery().taskId(taskId).count())).isEqualTo(1);
  }

  @Test
  void aWorkerOfAnotherTeamCannotOpenHerNetworkAndAnUnknownCaseIsRefused() {
    identity.setAuthentication("south-worker", SOUTH_WORKER);
    assertThatThrownBy(() -> startRecording(ellasCase)).hasMessageContaining("held by another team");
    identity.setAuthentication("worker", WORKER);
    assertThatThrownBy(() -> startRecording("CR-1999-999999")).hasMessageContaining("names no case");
    assertThatThrownBy(() -> startRecording("Ella's case")).hasMessageContaining("must be a case reference");
  }

  @Test
  void herTeamsManagerReadsAndReplacesItThroughTheApiOthersMayNot() throws Exception {
    ResponseEntity<Map> put = put("manager", ellasCase, Map.of("members", ellasFamily()));
    assertThat(put.getStatusCode().value()).isEqualTo(200);
    ResponseEntity<Map> read = http.withBasicAuth("auditor", "auditor").getForEntity(url(ellasCase), Map.class);
    assertThat(read.getStatusCode().value()).isEqualTo(200);
    assertThat((List<Map<String, Object>>) read.getBody().get("members")).extracting(m -> m.get("name"))
        .containsExactly("Sarah <b>Smith</b> <script>alert(1)</script>", "Zoë O'Brien-Nguyễn", "Margaret Smith");

    assertThat(put("south-manager", ellasCase, Map.of("members", List.of())).getStatusCode().value()).isEqualTo(403);
    assertThat(http.withBasicAuth("south-manager", "south-manager").getForEntity(url(ellasCase), Map.class)
        .getStatusCode().value()).isEqualTo(403);
    assertThat(put("auditor", ellasCase, Map.of("members", List.of())).getStatusCode().value()).isEqualTo(403);
    assertThat(put("partner", ellasCase, Map.of("members", List.of())).getStatusCode().value()).isEqualTo(403);
    assertThat(http.withBasicAuth("manager", "manager").getForEntity(url("CR-2026-999999"), Map.class)
        .getStatusCode().value()).isEqualTo(404);
    assertThat(http.withBasicAuth("manager", "manager").getForEntity(url("CR-26"), Map.class)
        .getStatusCode().value()).isEqualTo(400);
    assertThat(network.of(ellasCase)).hasSize(3);
  }

  @Test
  void badInputIsRefusedWholeNamingEachFieldAndNothingChanges() throws Exception {
    put("manager", ellasCase, Map.of("members", ellasFamily()));
    Map<String, Object> stringForBoolean = member("Tom Smith", "SIBLING", false, true, null, null);
    stringForBoolean.put("parentalResponsibility", "yes");
    Map<String, Object> unknownField = member("Tom Smith", "COUSIN", false, true, null, null);
    unknownField.put("shoeSize", 4);

    ResponseEntity<Map> refused = put("manager", ellasCase, Map.of("members", List.of(stringForBoolean, unknownField)));

    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    assertThat((List<Map<String, Object>>) refused.getBody().get("errors")).extracting(e -> e.get("field"))
        .contains("members[1].parentalResponsibility", "members[2].relationship", "members[2].shoeSize");
    assertThat(refused.getBody().toString()).doesNotContain("Exception", "sf_family_member");
    assertThat(network.of(ellasCase)).hasSize(3);
  }

  @Test
  void twoSavesAtOnceLeaveOneWholeListNeverAMixture() throws Exception {
    List<Map<String, Object>> mine = ellasFamily();
    List<Map<String, Object>> theirs = List.of(member("Only Person", "MOTHER", true, true, null, null));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 5; round++) {
        List<Callable<ResponseEntity<Map>>> saves = List.of(
            () -> put("manager", ellasCase, Map.of("members", mine)),
            () -> put("manager", ellasCase, Map.of("members", theirs)));
        for (Future<ResponseEntity<Map>> save : pool.invokeAll(saves)) {
          assertThat(save.get().getStatusCode().value()).isEqualTo(200);
        }
        List<String> names = network.of(ellasCase).stream().map(FamilyMember::name).toList();
        assertThat(names).isIn(List.of("Sarah <b>Smith</b> <script>alert(1)</script>", "Zoë O'Brien-Nguyễn",
            "Margaret Smith"), List.of("Only Person"));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private ProcessInstance startRecording(String caseRef) {
    String definition = SystemWork.call(identity, () -> repository.createProcessDefinitionQuery()
        .processDefinitionKey(RecordFamilyNetworkProcess.KEY).latestVersion().singleResult().getId());
    return forms.submitStartForm(definition, Map.of("familyNetworkCaseRef", caseRef));
  }

  private ResponseEntity<Map> put(String user, String caseRef, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.withBasicAuth(user, user).exchange(url(caseRef), HttpMethod.PUT, new HttpEntity<>(body, headers), Map.class);
  }

  private static String url(String caseRef) {
    return "/api/cases/" + caseRef + "/family-network";
  }
}
