package org.safeguardflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

/**
 * What a careless or hostile partner system might send to {@code POST /api/contacts}, beyond the
 * rule-by-rule cases of {@code intake.ContactApiTest}: nulls, wrong shapes, impossible dates, control
 * characters, oversized bodies. Each is refused with the field it broke and leaves nothing behind.
 */
@SafeguardFlowTest
class ContactInputCorpusTest {

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  FrontDoorClient frontDoor;

  @BeforeEach
  void setUp() {
    frontDoor = new FrontDoorClient(http);
  }

  static String anHourAgo() {
    return OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString();
  }

  static Stream<Arguments> hostileContacts() {
    return Stream.of(
        // Nulls where a value is needed: the same "required" as a missing field, never a 500.
        broken("receivedAt null", c -> c.with("receivedAt", null), "receivedAt", "required"),
        broken("source null", c -> c.with("source", null), "source", "required"),
        broken("referrer null", c -> c.with("referrer", null), "referrer", "required"),
        broken("child null", c -> c.with("child", null), "child", "required"),
        broken("child last name null", c -> c.with("child.lastName", null), "child.lastName", "required"),
        broken("child sex null", c -> c.with("child.sex", null), "child.sex", "required"),
        broken("concerns null", c -> c.with("concerns", null), "concerns", "required"),
        broken("screening null", c -> c.with("screening", null), "screening", "required"),
        broken("a screening answer null", c -> c.with("screening.immediateDanger", null), "screening.immediateDanger", "required"),
        broken("agencies null", c -> c.with("screening.agenciesNeeded", null), "screening.agenciesNeeded", "required"),
        // Wrong shapes.
        broken("child as an array", c -> c.with("child", List.of(Map.of("lastName", "Smith"))), "child", "type"),
        broken("screening as an array", c -> c.with("screening", List.of(true, false)), "screening", "type"),
        broken("referrer as text", c -> c.with("referrer", "Ms Patel"), "referrer", "type"),
        broken("concerns as an object", c -> c.with("concerns", Map.of("text", "bruise")), "concerns", "type"),
        broken("NHS number as a JSON number", c -> c.with("child.nhsNumber", 4010232137L), "child.nhsNumber", "type"),
        broken("an unknown field inside child", c -> c.with("child.school", "Oak Primary"), "child.school", "unknown-field"),
        // Impossible or absurd dates.
        broken("birth in month 13", c -> c.with("child.dateOfBirth", "2026-13-01"), "child.dateOfBirth", "type"),
        broken("birth in year 0", c -> c.with("child.dateOfBirth", "0000-01-01"), "child.dateOfBirth", "under-18"),
        broken("birth given as a date-time", c -> c.with("child.dateOfBirth", "2018-03-04T00:00:00Z"), "child.dateOfBirth", "type"),
        broken("received in month 13", c -> c.with("receivedAt", "2026-13-01T10:00:00Z"), "receivedAt", "type"),
        broken("received in year 0", c -> c.with("receivedAt", "0000-01-01T00:00:00Z"), "receivedAt", "too-old"),
        // NHS numbers that are not.
        broken("NHS number of 30 digits", c -> c.with("child.nhsNumber", "4010232137".repeat(3)), "child.nhsNumber", "nhs-number"),
        broken("NHS number of 5,000 digits", c -> c.with("child.nhsNumber", "9".repeat(5_000)), "child.nhsNumber", "nhs-number"),
        // Spaces and dashes as people group the digits are accepted (issue 12); the digits must still check.
        broken("NHS number with spaces and a wrong check digit", c -> c.with("child.nhsNumber", "401 023 2138"), "child.nhsNumber", "nhs-number"),
        broken("NHS number with a letter among spaced digits", c -> c.with("child.nhsNumber", "401 023 213O"), "child.nhsNumber", "nhs-number"),
        broken("NHS number in Arabic-Indic digits", c -> c.with("child.nhsNumber", "٤٠١٠٢٣٢١٣٧"), "child.nhsNumber", "nhs-number"),
        // Numbers out of range.
        broken("agencies far below zero", c -> c.with("screening.agenciesNeeded", -2_000_000), "screening.agenciesNeeded", "range"),
        broken("agencies above 20", c -> c.with("screening.agenciesNeeded", 21), "screening.agenciesNeeded", "range"),
        broken("agencies beyond a whole number's range", c -> c.with("screening.agenciesNeeded", 99_999_999_999L), "screening.agenciesNeeded", "type"),
        // Control characters.
        broken("a NUL in the first name", c -> c.with("child.firstName", "Am\u0000y"), "child.firstName", "control-character"),
        broken("a right-to-left override in the last name", c -> c.with("child.lastName", "Smith\u202Ethgir"), "child.lastName", "control-character"),
        broken("an escape sequence in the referrer's name", c -> c.with("referrer.name", "Ms \u001B[2JPatel"), "referrer.name", "control-character"),
        broken("a bell in the concerns", c -> c.with("concerns", "Worried \u0007 about Amy"), "concerns", "control-character"),
        broken("a header injected into the email", c -> c.with("referrer.email", "dsl@oak.example\r\nBcc: all@x.example"), "referrer.email", "control-character"),
        broken("a lower-case sex code", c -> c.with("child.sex", "f"), "child.sex", "code-list"),
        // Markup in a name: names stand in every form's heading, where Markdown and HTML are read.
        broken("an image tag as the first name", c -> c.with("child.firstName", "<img src=x onerror=alert(1)>"),
            "child.firstName", "name-characters"),
        broken("Markdown emphasis in the last name", c -> c.with("child.lastName", "**Smith**"), "child.lastName", "name-characters"),
        broken("a link as the referrer's organisation", c -> c.with("referrer.organisation", "[Oak](http://evil.example)"),
            "referrer.organisation", "name-characters"),
        broken("a script tag as the referrer's name", c -> c.with("referrer.name", "Ms <script>x</script>"),
            "referrer.name", "name-characters"),
        broken("markup in the referrer's email", c -> c.with("referrer.email", "<b>dsl</b>@oak.example"), "referrer.email", "email"),
        broken("digits in the last name", c -> c.with("child.lastName", "Smith2"), "child.lastName", "name-characters"));
  }

  @ParameterizedTest(name = "{0} {1} from {2} is accepted")
  @CsvSource(delimiter = '|', value = {
      "Zoë | O'Brien-Nguyễn | St Mary's C of E Primary School (VA)",
      "Siobhán | Ó Súilleabháin | Smith & Jones Surgery, 2/4 High St.",
      "Jean-Luc | St. John | 3rd Kidderminster Scouts",
      "Aarav | Śarmā | Child & Adolescent Mental Health Services"})
  void namesAsPeopleAndOrganisationsWriteThemAreAccepted(String first, String last, String organisation) {
    ResponseEntity<Map> answer = frontDoor.submit(SampleContact.fromSchool(anHourAgo()).with("child.firstName", first)
        .with("child.lastName", last).with("referrer.organisation", organisation), "partner");

    assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(201);
  }

  static Arguments broken(String what, UnaryOperator<SampleContact> change, String field, String rule) {
    return Arguments.of(what, change, field, rule);
  }

  @ParameterizedTest(name = "{0}: 400 on {2} ({3})")
  @MethodSource("hostileContacts")
  void aHostileContactIsRefusedByFieldAndLeavesNothingBehind(String what, UnaryOperator<SampleContact> change,
      String field, String rule) {
    Map<String, Long> before = footprint();

    ResponseEntity<Map> answer = frontDoor.submit(change.apply(SampleContact.fromSchool(anHourAgo())), "partner");

    assertThat(answer.getStatusCode().value()).as(what).isEqualTo(400);
    assertThat(errors(answer)).anySatisfy(error ->
        assertThat(error).containsEntry("field", field).containsEntry("rule", rule));
    assertThat(footprint()).isEqualTo(before);
  }

  static Stream<Arguments> notAContact() {
    return Stream.of(
        Arguments.of("JSON null", "null", "$", "required"),
        Arguments.of("a JSON string", "\"a concern about Amy\"", "$", "json"),
        Arguments.of("a list of contacts", "[" + json(SampleContact.fromSchool(anHourAgo()).body()) + "]", "$", "json"),
        Arguments.of("two contacts one after the other",
            json(SampleContact.fromSchool(anHourAgo()).body()) + json(SampleContact.fromSchool(anHourAgo()).body()), "$", "json"),
        Arguments.of("a broken unicode escape in the concerns", "{\"concerns\": \"\\uZZZZ\"}", "concerns", "type"));
  }

  @ParameterizedTest(name = "{0}: 400 on {2} ({3})")
  @MethodSource("notAContact")
  void aBodyThatIsNotOneContactIsRefusedAndLeavesNothingBehind(String what, String body, String field, String rule) {
    Map<String, Long> before = footprint();

    ResponseEntity<Map> answer = send(body, MediaType.APPLICATION_JSON);

    assertThat(answer.getStatusCode().value()).as(what).isEqualTo(400);
    assertThat(errors(answer)).anySatisfy(error ->
        assertThat(error).containsEntry("field", field).containsEntry("rule", rule));
    assertThat(footprint()).isEqualTo(before);
  }

  @Test
  void wrongContentTypesAreRefusedNamingTheHeader() {
    Map<String, Long> before = footprint();
    String contact = json(SampleContact.fromSchool(anHourAgo()).body());
    for (MediaType type : List.of(MediaType.APPLICATION_XML, MediaType.APPLICATION_FORM_URLENCODED, MediaType.TEXT_HTML,
        MediaType.APPLICATION_OCTET_STREAM)) {
      ResponseEntity<Map> answer = send(contact, type);
      assertThat(answer.getStatusCode().value()).as(type.toString()).isEqualTo(415);
      assertThat(errors(answer)).singleElement().satisfies(e ->
          assertThat(e).containsEntry("field", "Content-Type").containsEntry("rule", "media-type"));
    }
    assertThat(footprint()).isEqualTo(before);
  }

  @Test
  void aBodyOfMegabytesIsRefusedBeforeItIsReadAndOneJustOverTheContactLimitByField() {
    Map<String, Long> before = footprint();

    ResponseEntity<Map> huge = send("{\"concerns\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}", MediaType.APPLICATION_JSON);
    assertThat(huge.getStatusCode().value()).isEqualTo(413);
    assertThat(errors(huge)).singleElement().satisfies(e ->
        assertThat(e).containsEntry("field", "$").containsEntry("rule", "max-size"));

    ResponseEntity<Map> overContactLimit = send("{\"concerns\": \"" + "x".repeat(65 * 1024) + "\"}", MediaType.APPLICATION_JSON);
    assertThat(overContactLimit.getStatusCode().value()).isEqualTo(400);
    assertThat(errors(overContactLimit)).singleElement().satisfies(e ->
        assertThat(e).containsEntry("field", "$").containsEntry("rule", "max-size"));

    assertThat(footprint()).isEqualTo(before);
  }

  @Test
  void markupInTheConcernsIsKeptAsTheTextTheReferrerTypedAndNeverServedAsMarkup() {
    String concerns = "Amy said <script>alert('x')</script> and <b>mum</b> & \"dad\" shout.\nSecond line.";
    ResponseEntity<Map> answer = frontDoor.submit(SampleContact.fromSchool(anHourAgo()).with("concerns", concerns), "partner");

    assertThat(answer.getStatusCode().value()).isEqualTo(201);
    assertThat(answer.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
    assertThat(answer.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    String caseRef = (String) answer.getBody().get("caseRef");
    assertThat(jdbc.queryForObject("select concerns from sf_contact where case_ref = ?", String.class, caseRef))
        .isEqualTo(concerns);
    String processInstanceId = (String) answer.getBody().get("processInstanceId");
    ResponseEntity<Map> variable = http.withBasicAuth("demo", "demo").getForEntity(
        "/engine-rest/process-instance/" + processInstanceId + "/variables/concerns", Map.class);
    assertThat(variable.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
    assertThat(variable.getBody()).containsEntry("type", "String").containsEntry("value", concerns);
  }

  private ResponseEntity<Map> send(String body, MediaType type) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(type);
    headers.setBasicAuth("partner", "partner");
    return http.exchange("/api/contacts", HttpMethod.POST, new HttpEntity<>(body, headers), Map.class);
  }

  private static String json(Object body) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
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
