package org.safeguardflow.children;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.Assertions;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safeguardflow.intake.ContactProcess;
import org.safeguardflow.support.CaseScenario;
import org.safeguardflow.support.EngineClock;
import org.safeguardflow.support.FrontDoorClient;
import org.safeguardflow.support.SafeguardFlowTest;
import org.safeguardflow.support.SampleContact;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Baby Nowak is referred before birth, expected on Monday 20 April 2026. Once that date has passed the
 * front door's managers are asked to record the birth within 10 working days (due the end of Wednesday
 * 6 May: the early May bank holiday falls between), reminded, then escalated when it is late; the
 * birth they record is what the census returns from then on.
 */
@SafeguardFlowTest
class RecordBirthScenarioTest {

  static final String MANAGER = "manager";
  static final List<String> MANAGER_GROUPS = List.of("team-managers", "front-door-team-managers", "north-team-managers");
  static final String RECORD = RecordBirthProcess.Element.RECORD_CHILDS_BIRTH;

  @Autowired ProcessEngine engine;
  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired CaseScenario scenario;
  FrontDoorClient frontDoor;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    frontDoor = new FrontDoorClient(http);
  }

  @AfterEach
  void signOut() {
    identity.clearAuthentication();
  }

  @Test
  void theBirthOfAChildReferredBeforeBirthIsRecordedAndTheCensusReturnsIt() {
    EngineClock.setTo("2026-03-02T10:00:00Z");
    String lastName = "Nowak-" + SampleContact.letters(new Random().nextInt(1 << 30));
    String caseRef = frontDoor.recorded(SampleContact.fromSchool("2026-03-02T09:00:00Z")
        .without("child.firstName").without("child.dateOfBirth").without("child.nhsNumber")
        .with("child.lastName", lastName).with("child.sex", "U").with("child.expectedDateOfBirth", "2026-04-20"));
    as(MANAGER, MANAGER_GROUPS, () -> scenario.complete(caseRef, ContactProcess.Element.MANAGER_DECIDES_CONTACT,
        Map.of("contactDecision", "S17_ASSESSMENT",
            "contactDecisionReason", "Mother's previous children were on plans: assess before the birth")));
    scenario.runJobsDue(caseRef);
    var birth = scenario.instance(caseRef, RecordBirthProcess.KEY);
    assertThat(birth).isWaitingAt(RecordBirthProcess.Element.EXPECTED_BIRTH_PASSED);
    Assertions.assertThat(census2027()).contains("<ExpectedPersonBirthDate>2026-04-20</ExpectedPersonBirthDate>");

    // Nothing to record on the expected date itself; the next morning the task is there.
    EngineClock.setTo("2026-04-20T23:00:00+01:00");
    scenario.runJobsDue(caseRef);
    Assertions.assertThat(scenario.openTasks(caseRef)).doesNotContain(RECORD);
    EngineClock.setTo("2026-04-21T08:00:00+01:00");
    scenario.runJobsDue(caseRef);
    var task = scenario.task(caseRef, RECORD);
    Assertions.assertThat(task.getDueDate().toInstant()).isEqualTo(OffsetDateTime.parse("2026-05-06T23:59:59+01:00").toInstant());
    Assertions.assertThat(tasks.getIdentityLinksForTask(task.getId())).anySatisfy(link ->
        Assertions.assertThat(link.getGroupId()).isEqualTo("front-door-team-managers"));

    EngineClock.setTo("2026-05-05T10:00:00+01:00");
    scenario.runJobsDue(caseRef);
    assertThat(birth).hasPassed(RecordBirthProcess.Element.REMIND_TEAM);
    EngineClock.setTo("2026-05-07T09:00:00+01:00");
    scenario.runJobsDue(caseRef);
    assertThat(birth).hasPassed(RecordBirthProcess.Element.RECORD_BREACH);
    as("senior", List.of("service-managers"), () -> scenario.complete(caseRef,
        RecordBirthProcess.Element.SERVICE_MANAGER_FOLLOWS_UP, Map.of("escalationNote", "Asked the front door to record it today")));

    Map<String, Object> typed = new HashMap<>(Map.of("birthDate", "2026-05-08", "birthFirstName", "<b>Mia</b>",
        "birthSex", "X", "birthNhsNumber", "4010232138"));
    assertThatThrownBy(() -> as(MANAGER, MANAGER_GROUPS, () -> scenario.complete(caseRef, RECORD, typed))).hasMessageContaining("birthDate must not be in the future")
        .hasMessageContaining("birthFirstName may hold only").hasMessageContaining("birthSex must be M, F or U")
        .hasMessageContaining("birthNhsNumber must be 10 digits");
    String nhsNumber = SampleContact.newNhsNumber();
    typed.putAll(Map.of("birthDate", "2026-04-22", "birthFirstName", "Mia", "birthSex", "F", "birthNhsNumber", nhsNumber));
    assertThatThrownBy(() -> as(MANAGER, MANAGER_GROUPS, () -> scenario.complete(caseRef, RECORD, typed))).hasMessageContaining("recordBirthLateReason");
    Assertions.assertThat(jdbc.queryForObject("select count(*) from sf_child where nhs_number = ?", Integer.class, nhsNumber)).isZero();

    typed.put("recordBirthLateReason", "The hospital told us only this week");
    as(MANAGER, MANAGER_GROUPS, () -> scenario.complete(caseRef, RECORD, typed));

    assertThat(birth).hasPassed(RecordBirthProcess.Element.BIRTH_ON_RECORD).isEnded();
    List<String> child = jdbc.queryForObject("select ch.first_name, ch.sex, ch.nhs_number, ch.birth_recorded_by,"
        + " ch.date_of_birth from sf_child ch join sf_case c on c.child_id = ch.id where c.case_ref = ?",
        (rs, row) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)), caseRef);
    Assertions.assertThat(child).containsExactly("Mia", "F", nhsNumber, MANAGER, "2026-04-22");
    Assertions.assertThat(census2027()).contains("<PersonBirthDate>2026-04-22</PersonBirthDate>")
        .doesNotContain("<ExpectedPersonBirthDate>2026-04-20</ExpectedPersonBirthDate>");
    // From now on a contact about Mia, born, finds her case.
    ResponseEntity<Map> later = frontDoor.submit(SampleContact.fromSchool("2026-05-07T08:30:00+01:00")
        .with("child.firstName", "Mia").with("child.lastName", lastName).with("child.dateOfBirth", "2026-04-22")
        .with("child.sex", "F").without("child.nhsNumber"), "partner");
    Assertions.assertThat(later.getBody()).containsEntry("caseRef", caseRef).containsEntry("joinedOpenCase", true);
  }

  /**
   * Zofia Kowalczyk, born 30 November, is known already on a case of her own; the birth of the baby
   * Kowalczyk referred before birth cannot be recorded with her name, date and sex: one identity, one
   * record. The form names the fields and her case, and nothing changes.
   */
  @Test
  void aBirthWithAnotherChildsNameDateAndSexIsRefusedNamingTheirCase() {
    EngineClock.setTo("2026-11-02T10:00:00Z");
    String lastName = "Kowalczyk-" + SampleContact.letters(new Random().nextInt(1 << 30));
    String unborn = frontDoor.recorded(SampleContact.fromSchool("2026-11-02T09:00:00Z")
        .without("child.firstName").without("child.dateOfBirth").without("child.nhsNumber")
        .with("child.lastName", lastName).with("child.sex", "U").with("child.expectedDateOfBirth", "2026-11-30"));
    as(MANAGER, MANAGER_GROUPS, () -> scenario.complete(unborn, ContactProcess.Element.MANAGER_DECIDES_CONTACT,
        Map.of("contactDecision", "S17_ASSESSMENT", "contactDecisionReason", "Assess before the birth")));
    EngineClock.setTo("2026-12-01T10:00:00Z");
    String zofia = frontDoor.recorded(SampleContact.fromSchool("2026-12-01T09:00:00Z").with("child.firstName", "Zofia")
        .with("child.lastName", lastName).with("child.dateOfBirth", "2026-11-30").with("child.sex", "F")
        .without("child.nhsNumber"));
    scenario.runJobsDue(unborn);

    assertThatThrownBy(() -> as(MANAGER, MANAGER_GROUPS, () -> scenario.complete(unborn, RECORD,
        Map.of("birthDate", "2026-11-30", "birthFirstName", "Zofia", "birthSex", "F"))))
        .hasMessageContaining("birthFirstName, birthDate and birthSex are those of another child")
        .hasMessageContaining(zofia);
    Assertions.assertThat(jdbc.queryForObject("select ch.date_of_birth from sf_child ch join sf_case c on c.child_id = ch.id"
        + " where c.case_ref = ?", java.time.LocalDate.class, unborn)).isNull();
  }

  /** Work done as a user signed in to Tasklist; the test itself reads the case as its narrator. */
  private void as(String user, List<String> groups, Runnable work) {
    identity.setAuthentication(user, groups);
    try {
      work.run();
    } finally {
      identity.clearAuthentication();
    }
  }

  private String census2027() {
    ResponseEntity<String> answer = http.withBasicAuth("auditor", "auditor")
        .getForEntity("/api/returns/cin-census?year=2027", String.class);
    Assertions.assertThat(answer.getStatusCode().value()).isEqualTo(200);
    return answer.getBody();
  }
}
