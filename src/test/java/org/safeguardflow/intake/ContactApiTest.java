package org.safeguardflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.safeguardflow.support.FrontDoorClient;
import org.safeguardflow.support.SafeguardFlowTest;
import org.safeguardflow.support.SampleContact;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code POST /api/contacts} as partners' systems and front-door staff use it. */
@SafeguardFlowTest
class ContactApiTest {

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  FrontDoorClient frontDoor;

  @BeforeEach
  void setUp() {
    frontDoor = new FrontDoorClient(http);
  }

  static String anHourAgo() {
    return OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString();
  }

  @Test
  void aRecordedContactAnswersWithItsCaseReferenceAndTheDecisionDeadline() {
    ResponseEntity<Map> answer = frontDoor.submit(SampleContact.fromSchool("2026-04-02T10:15:00+01:00"), "partner");

    assertThat(answer.getStatusCode().value()).isEqualTo(201);
    String caseRef = (String) answer.getBody().get("caseRef");
    assertThat(caseRef).matches("CR-\\d{4}-\\d{6}");
    assertThat(answer.getHeaders().getLocation()).hasToString("/api/contacts/" + caseRef);
    assertThat(OffsetDateTime.parse((String) answer.getBody().get("decisionDueBy")))
        .isEqualTo(OffsetDateTime.parse("2026-04-07T23:59:59+01:00"));
    String processInstanceId = (String) answer.getBody().get("processInstanceId");
    var task = tasks.createTaskQuery().processInstanceId(processInstanceId).singleResult();
    assertThat(task.getDueDate().toInstant()).isEqualTo(OffsetDateTime.parse("2026-04-07T23:59:59+01:00").toInstant());
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult().getBusinessKey())
        .isEqualTo(caseRef);
    assertThat(jdbc.queryForObject("select submitted_by from sf_contact where case_ref = ?", String.class, caseRef))
        .isEqualTo("partner");
  }

  @Test
  void anUnbornChildNeedsNoFirstNameAndAnAnonymousReferrerNoName() {
    String caseRef = frontDoor.recorded(SampleContact.fromSchool(anHourAgo())
        .without("child.firstName").without("child.dateOfBirth").without("child.nhsNumber")
        .with("child.expectedDateOfBirth", OffsetDateTime.now().plusMonths(3).toLocalDate().toString())
        .with("child.sex", "U").with("source", "9").without("referrer.name").without("referrer.email"));

    assertThat(jdbc.queryForObject("select c.first_name from sf_child c join sf_case k on k.child_id = c.id"
        + " where k.case_ref = ?", String.class, caseRef)).isEqualTo("Unborn");
    assertThat(jdbc.queryForObject("select referrer_name from sf_contact where case_ref = ?", String.class, caseRef))
        .isEqualTo("Anonymous");
  }

  /**
   * DfE CIN census rules 8750 and 8606, the examples: a midwife's contact about an unborn
   * baby sent as a girl is refused naming child.sex and rule 8750 (never silently changed to U); an
   * expected date of birth 290 days after the contact is refused naming rule 8606; 280 days (40
   * weeks) with sex U is accepted.
   */
  @Test
  void anUnbornChildIsReturnedAsSexUnknownAndNoMoreThan40WeeksBeforeBirth() {
    String receivedAt = anHourAgo();
    LocalDate receivedOn = OffsetDateTime.parse(receivedAt).atZoneSameInstant(ZoneId.of("Europe/London")).toLocalDate();
    UnaryOperator<SampleContact> unborn = c -> c.without("child.firstName").without("child.dateOfBirth")
        .without("child.nhsNumber");
    Map<String, Long> before = footprint();

    ResponseEntity<Map> girl = frontDoor.submit(unborn.apply(SampleContact.fromSchool(receivedAt))
        .with("child.expectedDateOfBirth", receivedOn.plusDays(100).toString()).with("child.sex", "F"), "manager");
    assertThat(girl.getStatusCode().value()).isEqualTo(400);
    assertThat(errors(girl)).singleElement().satisfies(e -> {
      assertThat(e).containsEntry("field", "child.sex").containsEntry("rule", "cin-8750");
      assertThat((String) e.get("message")).contains("rule 8750");
    });
    ResponseEntity<Map> tooEarly = frontDoor.submit(unborn.apply(SampleContact.fromSchool(receivedAt))
        .with("child.expectedDateOfBirth", receivedOn.plusDays(290).toString()).with("child.sex", "U"), "manager");
    assertThat(tooEarly.getStatusCode().value()).isEqualTo(400);
    assertThat(errors(tooEarly)).singleElement().satisfies(e -> {
      assertThat(e).containsEntry("field", "child.expectedDateOfBirth").containsEntry("rule", "cin-8606");
      assertThat((String) e.get("message")).contains("rule 8606", "40 weeks");
    });
    assertThat(frontDoor.submit(unborn.apply(SampleContact.fromSchool(receivedAt))
        .with("child.expectedDateOfBirth", receivedOn.plusDays(281).toString()).with("child.sex", "U"), "manager")
        .getStatusCode().value()).isEqualTo(400);
    assertThat(footprint()).isEqualTo(before);

    String caseRef = frontDoor.recorded(unborn.apply(SampleContact.fromSchool(receivedAt))
        .with("child.expectedDateOfBirth", receivedOn.plusDays(280).toString()).with("child.sex", "U"));
    assertThat(jdbc.queryForObject("select c.sex from sf_child c join sf_case k on k.child_id = c.id"
        + " where k.case_ref = ?", String.class, caseRef)).isEqualTo("U");
  }

  /**
   * DfE CIN census rules 8520 (a date of birth not after the census date) and 8525 (a date of birth or
   * an expected date of birth, not both): kept at intake, the refusal naming the rule.
   */
  @Test
  void aChildHasOneBirthDateAndItIsNotAfterTheContact() {
    ResponseEntity<Map> future = frontDoor.submit(SampleContact.fromSchool(anHourAgo()).with("child.dateOfBirth", "2099-01-01"),
        "manager");
    assertThat(errors(future)).anySatisfy(e -> assertThat((String) e.get("message")).contains("rule 8520"));
    ResponseEntity<Map> both = frontDoor.submit(SampleContact.fromSchool(anHourAgo())
        .with("child.expectedDateOfBirth", "2027-01-01"), "manager");
    assertThat(errors(both)).anySatisfy(e -> assertThat((String) e.get("message")).contains("rule 8525"));
    ResponseEntity<Map> neither = frontDoor.submit(SampleContact.fromSchool(anHourAgo()).without("child.dateOfBirth"),
        "manager");
    assertThat(errors(neither)).anySatisfy(e -> assertThat((String) e.get("message")).contains("rule 8525"));
  }

  @Test
  void aSecondContactAboutTheSameChildFindsTheSameChildRecord() {
    // The same child: her name, date of birth and sex, and her NHS number (another name with it would be
    // a possible match for a manager, issue 12).
    String lastName = "Smith-" + SampleContact.letters(System.nanoTime() % (1 << 30));
    String nhsNumber = SampleContact.newNhsNumber();
    String first = frontDoor.recorded(SampleContact.fromSchool(anHourAgo()).with("child.lastName", lastName)
        .with("child.nhsNumber", nhsNumber));
    String second = frontDoor.recorded(SampleContact.fromSchool(anHourAgo()).with("child.lastName", lastName)
        .with("child.nhsNumber", nhsNumber));
    String childOf = "select child_id from sf_case where case_ref = ?";
    assertThat(jdbc.queryForObject(childOf, Long.class, second)).isEqualTo(jdbc.queryForObject(childOf, Long.class, first));
  }

  @Test
  void nobodyGetsInWithoutCredentials() {
    assertThat(frontDoor.submitRaw(SampleContact.fromSchool(anHourAgo()).body(), null, null).getStatusCode().value())
        .isEqualTo(401);
    // A user of its own: Camunda delays the next login of a user after a wrong password.
    if (identity.createUserQuery().userId("mistyped").count() == 0) {
      var user = identity.newUser("mistyped");
      user.setPassword("right-password");
      identity.saveUser(user);
    }
    assertThat(frontDoor.submitRaw(SampleContact.fromSchool(anHourAgo()).body(), "mistyped", "wrong").getStatusCode().value())
        .isEqualTo(401);
    assertThat(http.getForEntity("/engine-rest/task", String.class).getStatusCode().value()).isEqualTo(401);
    assertThat(http.withBasicAuth("manager", "manager").getForEntity("/engine-rest/task", String.class)
        .getStatusCode().value()).isEqualTo(200);
  }

  static Stream<Arguments> brokenRules() {
    String future = OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).toString();
    return Stream.of(
        broken("receivedAt missing", c -> c.without("receivedAt"), "receivedAt", "required"),
        broken("receivedAt in the future", c -> c.with("receivedAt", future), "receivedAt", "not-in-future"),
        broken("receivedAt without offset", c -> c.with("receivedAt", "2026-04-02T10:15:00"), "receivedAt", "type"),
        broken("receivedAt not a date", c -> c.with("receivedAt", "yesterday"), "receivedAt", "type"),
        broken("source missing", c -> c.without("source"), "source", "required"),
        broken("source not a CIN code", c -> c.with("source", "2C"), "source", "code-list"),
        broken("referrer missing", c -> c.without("referrer"), "referrer", "required"),
        broken("referrer name missing", c -> c.without("referrer.name"), "referrer.name", "required"),
        broken("referrer name too long", c -> c.with("referrer.name", "x".repeat(201)), "referrer.name", "max-length"),
        broken("referrer email malformed", c -> c.with("referrer.email", "not-an-email"), "referrer.email", "email"),
        broken("child missing", c -> c.without("child"), "child", "required"),
        broken("child last name blank", c -> c.with("child.lastName", "  "), "child.lastName", "required"),
        broken("child first name too long", c -> c.with("child.firstName", "A".repeat(101)), "child.firstName", "max-length"),
        broken("no date of birth", c -> c.without("child.dateOfBirth"), "child.dateOfBirth", "one-of-required"),
        broken("born and unborn", c -> c.with("child.expectedDateOfBirth", "2027-01-01"), "child.expectedDateOfBirth", "only-one-of"),
        broken("born after the contact", c -> c.with("child.dateOfBirth", "2099-01-01"), "child.dateOfBirth", "not-after-contact"),
        broken("an adult", c -> c.with("child.dateOfBirth", "1990-01-01"), "child.dateOfBirth", "under-18"),
        broken("impossible date", c -> c.with("child.dateOfBirth", "2019-02-30"), "child.dateOfBirth", "type"),
        broken("expected birth already past", c -> c.without("child.dateOfBirth").with("child.expectedDateOfBirth", "2020-01-01"),
            "child.expectedDateOfBirth", "not-before-contact"),
        broken("sex missing", c -> c.without("child.sex"), "child.sex", "required"),
        broken("sex not M/F/U", c -> c.with("child.sex", "X"), "child.sex", "code-list"),
        broken("ethnicity not a CIN code", c -> c.with("child.ethnicity", "BRIT"), "child.ethnicity", "code-list"),
        broken("NHS number with a wrong check digit", c -> c.with("child.nhsNumber", "9434765918"), "child.nhsNumber", "nhs-number"),
        broken("NHS number too short", c -> c.with("child.nhsNumber", "943476591"), "child.nhsNumber", "nhs-number"),
        broken("concerns missing", c -> c.without("concerns"), "concerns", "required"),
        broken("concerns too long", c -> c.with("concerns", "x".repeat(10_001)), "concerns", "max-length"),
        broken("screening missing", c -> c.without("screening"), "screening", "required"),
        broken("screening answer missing", c -> c.without("screening.familyConsents"), "screening.familyConsents", "required"),
        broken("screening answer as text", c -> c.with("screening.immediateDanger", "yes"), "screening.immediateDanger", "type"),
        broken("agencies as a fraction", c -> c.with("screening.agenciesNeeded", 1.5), "screening.agenciesNeeded", "type"),
        broken("agencies negative", c -> c.with("screening.agenciesNeeded", -1), "screening.agenciesNeeded", "range"),
        broken("a misspelt field", c -> c.with("child.dateofbirth", "2018-03-04"), "child.dateofbirth", "unknown-field"),
        broken("a name given as a number", c -> c.with("child.lastName", 42), "child.lastName", "type"));
  }

  static Arguments broken(String what, UnaryOperator<SampleContact> change, String field, String rule) {
    return Arguments.of(what, change, field, rule);
  }

  @ParameterizedTest(name = "{0}: 400 on {2} ({3})")
  @MethodSource("brokenRules")
  void aContactThatBreaksARuleIsRefusedAndLeavesNothingBehind(String what, UnaryOperator<SampleContact> change,
      String field, String rule) {
    Map<String, Long> before = footprint();

    ResponseEntity<Map> answer = frontDoor.submit(change.apply(SampleContact.fromSchool(anHourAgo())), "manager");

    assertThat(answer.getStatusCode().value()).isEqualTo(400);
    assertThat(errors(answer)).anySatisfy(error -> {
      assertThat(error).containsEntry("field", field).containsEntry("rule", rule);
      assertThat((String) error.get("message")).contains(field.startsWith("$") ? "" : field);
    });
    assertThat(footprint()).isEqualTo(before);
  }

  @Test
  void whatIsNotAContactAtAllIsRefusedAndLeavesNothingBehind() {
    Map<String, Long> before = footprint();

    assertThat(errors(send("{\"source\": \"2A\",", MediaType.APPLICATION_JSON)))
        .singleElement().satisfies(e -> assertThat(e).containsEntry("field", "$").containsEntry("rule", "json"));
    assertThat(errors(send("[1, 2]", MediaType.APPLICATION_JSON)))
        .singleElement().satisfies(e -> assertThat(e).containsEntry("rule", "json"));
    assertThat(errors(send("", MediaType.APPLICATION_JSON)))
        .singleElement().satisfies(e -> assertThat(e).containsEntry("rule", "required"));
    assertThat(errors(send("{\"concerns\": \"" + "x".repeat(70_000) + "\"}", MediaType.APPLICATION_JSON)))
        .singleElement().satisfies(e -> assertThat(e).containsEntry("field", "$").containsEntry("rule", "max-size"));
    ResponseEntity<Map> text = send("receivedAt=today", MediaType.TEXT_PLAIN);
    assertThat(text.getStatusCode().value()).isEqualTo(415);
    assertThat(errors(text)).singleElement().satisfies(e -> assertThat(e).containsEntry("field", "Content-Type"));

    assertThat(footprint()).isEqualTo(before);
  }

  @Test
  void everyBrokenRuleIsReportedAtOnce() {
    ResponseEntity<Map> answer = frontDoor.submit(SampleContact.fromSchool(anHourAgo())
        .with("source", "99").with("child.sex", "X").without("concerns"), "manager");
    assertThat(errors(answer)).extracting(e -> e.get("field")).containsExactly("source", "child.sex", "concerns");
  }

  private ResponseEntity<Map> send(String body, MediaType type) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(type);
    headers.setBasicAuth("manager", "manager");
    ResponseEntity<Map> answer = http.exchange("/api/contacts", HttpMethod.POST, new HttpEntity<>(body, headers), Map.class);
    assertThat(answer.getStatusCode().value()).isIn(400, 415);
    return answer;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> errors(ResponseEntity<Map> answer) {
    return (List<Map<String, Object>>) answer.getBody().get("errors");
  }

  /** Everything a recorded contact would leave: our rows, running and historic process instances. */
  private Map<String, Long> footprint() {
    return Map.of(
        "children", count("sf_child"),
        "cases", count("sf_case"),
        "contacts", count("sf_contact"),
        "running", runtime.createProcessInstanceQuery().count(),
        "history", history.createHistoricProcessInstanceQuery().count(),
        "variables", history.createHistoricVariableInstanceQuery().count());
  }

  private long count(String table) {
    return jdbc.queryForObject("select count(*) from " + table, Long.class);
  }
}
