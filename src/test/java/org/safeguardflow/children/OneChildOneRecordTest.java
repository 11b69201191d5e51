package org.safeguardflow.children;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safeguardflow.support.FrontDoorClient;
import org.safeguardflow.support.SafeguardFlowTest;
import org.safeguardflow.support.SampleContact;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One child, one record (issue 12): contacts about Lena, Ava and Kai, and a child with a
 * double-barrelled surname, sent by partners as their systems send them, one at a time and all at once.
 */
@SafeguardFlowTest
class OneChildOneRecordTest {

  private static final Random NAMES = new Random();

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired org.camunda.bpm.engine.RuntimeService runtime;
  @Autowired org.camunda.bpm.engine.IdentityService identity;
  FrontDoorClient frontDoor;
  ExecutorService partners;

  @BeforeEach
  void setUp() {
    frontDoor = new FrontDoorClient(http);
    partners = Executors.newFixedThreadPool(10);
  }

  @AfterEach
  void tearDown() {
    partners.shutdownNow();
  }

  static String anHourAgo() {
    return OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString();
  }

  /** A surname no other test (or earlier run on the same database) uses, and not one letter from another. */
  static String surname(String base) {
    return base + "-" + SampleContact.letters(NAMES.nextInt(1 << 30)) + "-" + SampleContact.letters(NAMES.nextInt(1 << 30));
  }

  static SampleContact about(String firstName, String lastName, String dateOfBirth, String sex) {
    return SampleContact.fromSchool(anHourAgo()).with("child.firstName", firstName).with("child.lastName", lastName)
        .with("child.dateOfBirth", dateOfBirth).with("child.sex", sex).without("child.nhsNumber");
  }

  @Test
  void lenaWithAndWithoutHerNhsNumberIsOneChildWithOneOpenCase() {
    String lastName = surname("Lena");
    String nhsNumber = SampleContact.newNhsNumber();
    ResponseEntity<Map> first = frontDoor.submit(about("Lena", lastName, "2019-05-01", "F"), "partner");
    ResponseEntity<Map> withNhsNumber = frontDoor.submit(about("Lena", lastName, "2019-05-01", "F")
        .with("child.nhsNumber", nhsNumber), "partner");
    // Typed again by someone else: capitals, spaces and an accent, the NHS number left out.
    ResponseEntity<Map> retyped = frontDoor.submit(about(" LÉNA ", lastName.toUpperCase().replace("-", " - "),
        "2019-05-01", "F"), "partner");

    assertThat(first.getStatusCode().value()).isEqualTo(201);
    assertThat(first.getBody()).containsEntry("joinedOpenCase", false);
    for (ResponseEntity<Map> later : List.of(withNhsNumber, retyped)) {
      assertThat(later.getStatusCode().value()).isEqualTo(201);
      assertThat(later.getBody()).containsEntry("caseRef", first.getBody().get("caseRef")).containsEntry("joinedOpenCase", true);
    }
    String caseRef = (String) first.getBody().get("caseRef");
    assertThat(jdbc.queryForObject("select count(*) from sf_contact where case_ref = ?", Integer.class, caseRef)).isEqualTo(3);
    // The NHS number the second contact knew is now on her record: a contact with it alone finds her.
    assertThat(jdbc.queryForObject("select ch.nhs_number from sf_child ch join sf_case c on c.child_id = ch.id"
        + " where c.case_ref = ?", String.class, caseRef)).isEqualTo(nhsNumber);
    ResponseEntity<Map> byNhsNumberOnly = frontDoor.submit(about("Léna", lastName.toLowerCase(), "2019-05-01", "F")
        .with("child.nhsNumber", nhsNumber), "partner");
    assertThat(byNhsNumberOnly.getBody()).containsEntry("caseRef", caseRef).containsEntry("joinedOpenCase", true);
    // Under another surname the NHS number alone is contradicted: a manager decides (see Oscar and Felix).
    ResponseEntity<Map> underAnotherSurname = frontDoor.submit(about("Lena", surname("Married"), "2019-05-01", "F")
        .with("child.nhsNumber", nhsNumber), "partner");
    assertThat(underAnotherSurname.getBody()).containsEntry("joinedOpenCase", false);
    assertThat(possibleMatchOf((String) underAnotherSurname.getBody().get("caseRef"))).isEqualTo(childOf(caseRef));
  }

  @Test
  void felixSentWithHisTwinOscarsNhsNumberIsNotJoinedToOscarSilently() {
    String bell = surname("Bell");
    String oscarsNumber = SampleContact.newNhsNumber();
    String oscar = frontDoor.recorded(about("Oscar", bell, "2019-03-12", "M").with("child.nhsNumber", oscarsNumber));
    String felix = frontDoor.recorded(about("Felix", bell, "2019-03-12", "M")
        .with("child.nhsNumber", SampleContact.newNhsNumber()));

    ResponseEntity<Map> mixedUp = frontDoor.submit(about("Felix", bell, "2019-03-12", "M")
        .with("child.nhsNumber", oscarsNumber), "partner");
    ResponseEntity<Map> harvey = frontDoor.submit(about("Harvey", surname("Lyle"), "2019-03-12", "M")
        .with("child.nhsNumber", oscarsNumber), "partner");

    for (ResponseEntity<Map> contact : List.of(mixedUp, harvey)) {
      assertThat(contact.getStatusCode().value()).isEqualTo(201);
      assertThat(contact.getBody()).containsEntry("joinedOpenCase", false);
      assertThat(contact.getBody().get("caseRef")).isNotIn(oscar, felix);
      // Recorded as another child until a manager says whose contact it is, with the evidence shown.
      assertThat(possibleMatchOf((String) contact.getBody().get("caseRef"))).isEqualTo(childOf(oscar));
    }
    // The manager sees both contradictions: Oscar's NHS number, and Felix's own name, birth and sex.
    String evidence = (String) contactVariable((String) mixedUp.getBody().get("caseRef"), "possibleMatchEvidence");
    assertThat(evidence).contains("NHS number SAME · name DIFFERENT").contains("Also possibly Felix " + bell)
        .contains(felix).contains("NHS number DIFFERENT · name SAME");
    assertThat(openCasesOfChild(childOf(oscar))).isEqualTo(1);
    assertThat(jdbc.queryForObject("select count(*) from sf_contact where case_ref = ?", Integer.class, oscar)).isEqualTo(1);
  }

  @Test
  void johnJoinedByHisNhsNumberAsJonIsJoinedWhenTypedAgainWithoutIt() {
    String cole = surname("Cole");
    String nhsNumber = SampleContact.newNhsNumber();
    String caseRef = frontDoor.recorded(about("Jon", cole, "2014-10-10", "M").with("child.nhsNumber", nhsNumber));
    ResponseEntity<Map> asJohn = frontDoor.submit(about("John", cole, "2014-10-10", "M")
        .with("child.nhsNumber", nhsNumber), "partner");
    assertThat(asJohn.getBody()).containsEntry("caseRef", caseRef).containsEntry("joinedOpenCase", true);

    // The details John was sent with are his now: typed again, without the NHS number, they join him.
    for (SampleContact again : List.of(about("John", cole, "2014-10-10", "M"),
        about(" JOHN ", cole.toUpperCase().replace("-", " "), "2014-10-10", "M"))) {
      ResponseEntity<Map> answer = frontDoor.submit(again, "partner");
      assertThat(answer.getStatusCode().value()).isEqualTo(201);
      assertThat(answer.getBody()).containsEntry("caseRef", caseRef).containsEntry("joinedOpenCase", true);
    }
    assertThat(openCasesOfChild(childOf(caseRef))).isEqualTo(1);
    assertThat(jdbc.queryForObject("select count(*) from sf_contact where case_ref = ?", Integer.class, caseRef)).isEqualTo(4);
  }

  @Test
  void twoChildrenOfUnknownSexWithOneNameAndDateAreForAManagerToJoin() {
    String quinn = surname("Quinn");
    String alex = frontDoor.recorded(about("Alex", quinn, "2012-01-01", "U"));
    ResponseEntity<Map> anotherAlex = frontDoor.submit(about("Alex", quinn, "2012-01-01", "U"), "partner");
    String kowalczyk = surname("Kowalczyk");
    // Due in three months, whatever day the test runs (a fixed date becomes "before the contact" and is refused).
    String due = java.time.LocalDate.now(java.time.ZoneId.of("Europe/London")).plusMonths(3).toString();
    String unborn = frontDoor.recorded(unborn(kowalczyk, due));
    ResponseEntity<Map> anotherUnborn = frontDoor.submit(unborn(kowalczyk, due), "partner");

    assertThat(anotherAlex.getBody()).containsEntry("joinedOpenCase", false);
    assertThat(possibleMatchOf((String) anotherAlex.getBody().get("caseRef"))).isEqualTo(childOf(alex));
    assertThat(anotherUnborn.getBody()).containsEntry("joinedOpenCase", false);
    assertThat(possibleMatchOf((String) anotherUnborn.getBody().get("caseRef"))).isEqualTo(childOf(unborn));
  }

  @Test
  void aLatePreBirthContactAboutABabyBornThatDayIsAPossibleMatchOfTheBabyKnown() {
    String receivedAt = anHourAgo();
    String day = OffsetDateTime.parse(receivedAt).atZoneSameInstant(java.time.ZoneId.of("Europe/London")).toLocalDate().toString();
    String kowalczyk = surname("Kowalczyk");
    String zofia = frontDoor.recorded(about("Zofia", kowalczyk, day, "F").with("receivedAt", receivedAt));
    ResponseEntity<Map> late = frontDoor.submit(unborn(kowalczyk, day).with("receivedAt", receivedAt), "partner");

    assertThat(late.getStatusCode().value()).isEqualTo(201);
    assertThat(late.getBody()).containsEntry("joinedOpenCase", false);
    assertThat(possibleMatchOf((String) late.getBody().get("caseRef"))).isEqualTo(childOf(zofia));
    assertThat((String) contactVariable((String) late.getBody().get("caseRef"), "possibleMatchEvidence"))
        .contains("name SURNAME_ONLY");
  }

  @Test
  void lucyWithAndWithoutHerMiddleNameIsAPossibleMatch() {
    String hart = surname("Hart");
    String lucyMay = frontDoor.recorded(about("Lucy May", hart, "2012-11-02", "F"));
    ResponseEntity<Map> lucy = frontDoor.submit(about("Lucy", hart, "2012-11-02", "F"), "partner");

    assertThat(lucy.getBody()).containsEntry("joinedOpenCase", false);
    assertThat(possibleMatchOf((String) lucy.getBody().get("caseRef"))).isEqualTo(childOf(lucyMay));
    assertThat((String) contactVariable((String) lucy.getBody().get("caseRef"), "possibleMatchEvidence"))
        .contains("name WORDS_LEFT_OUT");
  }

  @Test
  void surnamesWithTypographicPunctuationAreAcceptedAndMatchedAsTyped() {
    String tail = SampleContact.letters(NAMES.nextInt(1 << 30)) + SampleContact.letters(NAMES.nextInt(1 << 30));
    String caseRef = frontDoor.recorded(about("Priya", "Smith-Jones" + tail, "2013-04-05", "F"));
    for (String typed : List.of("Smith\u2013Jones", "Smith\u2011Jones", "Smith\u00a0Jones", "Smith\u2010Jones")) {
      ResponseEntity<Map> answer = frontDoor.submit(about("Priya", typed + tail, "2013-04-05", "F"), "partner");
      assertThat(answer.getStatusCode().value()).as(typed).isEqualTo(201);
      assertThat(answer.getBody()).as(typed).containsEntry("caseRef", caseRef).containsEntry("joinedOpenCase", true);
    }
    String dSouza = "D`Souza" + tail.toLowerCase();
    ResponseEntity<Map> grave = frontDoor.submit(about("Ravi", dSouza, "2011-02-03", "M"), "partner");
    assertThat(grave.getStatusCode().value()).isEqualTo(201);
    // Stored as sent; matched as D'Souza.
    assertThat(jdbc.queryForObject("select last_name from sf_child where id = ?", String.class,
        childOf((String) grave.getBody().get("caseRef")))).isEqualTo(dSouza);
    assertThat(frontDoor.submit(about("Ravi", "D\u2019Souza" + tail.toLowerCase(), "2011-02-03", "M"), "partner").getBody())
        .containsEntry("caseRef", grave.getBody().get("caseRef"));
  }

  @Test
  void nhsNumbersWrittenWithSpacesOrDashesAreAcceptedAndAnEmptyOneIsNotKnown() {
    String nhsNumber = SampleContact.newNhsNumber();
    String spaced = nhsNumber.substring(0, 3) + " " + nhsNumber.substring(3, 6) + " " + nhsNumber.substring(6);
    String dashed = spaced.replace(' ', '-');
    String eden = surname("Eden");
    ResponseEntity<Map> first = frontDoor.submit(about("Mo", eden, "2015-05-05", "M").with("child.nhsNumber", spaced), "partner");
    assertThat(first.getStatusCode().value()).isEqualTo(201);
    String caseRef = (String) first.getBody().get("caseRef");
    assertThat(jdbc.queryForObject("select nhs_number from sf_child where id = ?", String.class, childOf(caseRef)))
        .isEqualTo(nhsNumber);
    assertThat(frontDoor.submit(about("Mo", eden, "2015-05-05", "M").with("child.nhsNumber", dashed), "partner").getBody())
        .containsEntry("caseRef", caseRef).containsEntry("joinedOpenCase", true);
    assertThat(search(dashed)).contains(caseRef);
    ResponseEntity<Map> empty = frontDoor.submit(about("Nia", surname("Eden"), "2016-06-06", "F").with("child.nhsNumber", ""),
        "partner");
    assertThat(empty.getStatusCode().value()).isEqualTo(201);
    assertThat(jdbc.queryForObject("select nhs_number from sf_child where id = ?", String.class,
        childOf((String) empty.getBody().get("caseRef")))).isNull();
  }

  static SampleContact unborn(String lastName, String expected) {
    return SampleContact.fromSchool(anHourAgo()).without("child.firstName").without("child.dateOfBirth")
        .without("child.nhsNumber").with("child.lastName", lastName).with("child.sex", "U")
        .with("child.expectedDateOfBirth", expected);
  }

  /** The known child a case's contact may be about, as the manager's decision form shows them. */
  private Long possibleMatchOf(String caseRef) {
    return jdbc.queryForList("select candidate_child_id from sf_possible_match where case_ref = ?", Long.class, caseRef)
        .stream().findFirst().orElse(null);
  }

  private Object contactVariable(String caseRef, String name) {
    return org.safeguardflow.security.SystemWork.call(identity, () -> {
      var instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseRef)
          .processDefinitionKey(org.safeguardflow.intake.ContactProcess.KEY).singleResult();
      return runtime.getVariable(instance.getId(), name);
    });
  }

  @Test
  void avaAndKaiSentWithTheNotKnownNhsNumberAreTwoChildren() {
    ResponseEntity<Map> ava = frontDoor.submit(about("Ava", surname("Brown"),
        OffsetDateTime.now().minusYears(5).toLocalDate().toString(), "F").with("child.nhsNumber", "9999999999"), "partner");
    ResponseEntity<Map> kai = frontDoor.submit(about("Kai", surname("Nowak"),
        OffsetDateTime.now().minusYears(12).toLocalDate().toString(), "M").with("child.nhsNumber", "9999999999"), "partner");

    assertThat(kai.getStatusCode().value()).isEqualTo(201);
    assertThat(kai.getBody()).containsEntry("joinedOpenCase", false);
    assertThat(kai.getBody().get("caseRef")).isNotEqualTo(ava.getBody().get("caseRef"));
    assertThat(childOf((String) kai.getBody().get("caseRef"))).isNotEqualTo(childOf((String) ava.getBody().get("caseRef")));
  }

  @Test
  void twoChildrenWithTheSameTestRangeNhsNumberAreTwoChildren() {
    ResponseEntity<Map> first = frontDoor.submit(about("Mia", surname("Evans"), "2016-02-03", "F")
        .with("child.nhsNumber", "9990000018"), "partner");
    ResponseEntity<Map> second = frontDoor.submit(about("Leo", surname("Khan"), "2012-07-08", "M")
        .with("child.nhsNumber", "9990000018"), "partner");
    assertThat(second.getBody()).containsEntry("joinedOpenCase", false);
    assertThat(second.getBody().get("caseRef")).isNotEqualTo(first.getBody().get("caseRef"));
  }

  @Test
  void fiveSimultaneousPostsAboutANewChildOpenOneCase() throws Exception {
    String lastName = surname("Walsh");
    SampleContact contact = about("Noah", lastName, "2015-09-10", "M");
    List<ResponseEntity<Map>> answers = allAtOnce(5, () -> frontDoor.submit(contact, "partner"));

    assertThat(answers).allSatisfy(a -> assertThat(a.getStatusCode().value()).isEqualTo(201));
    assertThat(answers.stream().map(a -> a.getBody().get("caseRef")).distinct()).hasSize(1);
    assertThat(answers.stream().filter(a -> Boolean.FALSE.equals(a.getBody().get("joinedOpenCase")))).hasSize(1);
    String caseRef = (String) answers.get(0).getBody().get("caseRef");
    assertThat(openCasesOfChild(childOf(caseRef))).isEqualTo(1);
    assertThat(jdbc.queryForObject("select count(*) from sf_child where name_key = ?", Integer.class,
        ChildNames.nameKey("Noah", lastName))).isEqualTo(1);
  }

  @Test
  void tenPartnersPostingTheSameChildAtOnceGiveOneChildAndOneOpenCase() throws Exception {
    String lastName = surname("Okoro");
    String nhsNumber = SampleContact.newNhsNumber();
    List<ResponseEntity<Map>> answers = allAtOnce(10, () -> frontDoor.submit(
        about("Tia", lastName, "2017-11-12", "F").with("child.nhsNumber", nhsNumber), "partner"));

    assertThat(answers).allSatisfy(a -> assertThat(a.getStatusCode().value()).isEqualTo(201));
    assertThat(answers.stream().map(a -> a.getBody().get("caseRef")).distinct()).hasSize(1);
    String caseRef = (String) answers.get(0).getBody().get("caseRef");
    assertThat(jdbc.queryForObject("select count(*) from sf_child where nhs_number = ?", Integer.class, nhsNumber)).isEqualTo(1);
    assertThat(openCasesOfChild(childOf(caseRef))).isEqualTo(1);
    assertThat(jdbc.queryForObject("select count(*) from sf_contact where case_ref = ?", Integer.class, caseRef)).isEqualTo(10);
  }

  @Test
  void aRetriedPostWithItsIdempotencyKeyIsAnsweredAsTheFirstAndRecordedOnce() throws Exception {
    SampleContact contact = about("Ella", surname("Price"), "2014-01-15", "F");
    String key = "retry-" + java.util.UUID.randomUUID();
    ResponseEntity<Map> first = post(contact, "partner", key);
    ResponseEntity<Map> retried = post(contact, "partner", key);
    List<ResponseEntity<Map>> atOnce = allAtOnce(5, () -> post(contact, "partner", key));

    assertThat(first.getStatusCode().value()).isEqualTo(201);
    for (ResponseEntity<Map> again : concat(List.of(retried), atOnce)) {
      assertThat(again.getStatusCode().value()).isEqualTo(201);
      assertThat(again.getBody()).isEqualTo(first.getBody());
      assertThat(again.getHeaders().getLocation()).isEqualTo(first.getHeaders().getLocation());
    }
    String caseRef = (String) first.getBody().get("caseRef");
    assertThat(jdbc.queryForObject("select count(*) from sf_contact where case_ref = ?", Integer.class, caseRef)).isEqualTo(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aRetryLaidOutDifferentlyIsTheSameRequest() throws Exception {
    SampleContact contact = about("Ezra", surname("Lowe"), "2014-02-15", "M");
    String key = "layout-" + java.util.UUID.randomUUID();
    ResponseEntity<Map> first = post(contact, "partner", key);

    // The partner's retry: pretty-printed, fields in reverse order, receivedAt written +00:00 for Z.
    Map<String, Object> reordered = new java.util.LinkedHashMap<>();
    List<String> keys = new ArrayList<>(contact.body().keySet());
    java.util.Collections.reverse(keys);
    for (String field : keys) {
      Object value = contact.body().get(field);
      if (value instanceof Map<?, ?> inner) {
        Map<String, Object> reversedInner = new java.util.LinkedHashMap<>();
        List<String> innerKeys = new ArrayList<>((java.util.Set<String>) inner.keySet());
        java.util.Collections.reverse(innerKeys);
        innerKeys.forEach(k -> reversedInner.put(k, inner.get(k)));
        value = reversedInner;
      }
      reordered.put(field, value);
    }
    reordered.put("receivedAt", OffsetDateTime.parse((String) contact.body().get("receivedAt"))
        .withOffsetSameInstant(ZoneOffset.UTC).toString().replace("Z", "+00:00"));
    String pretty = new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
        .writeValueAsString(reordered);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setBasicAuth("partner", "partner");
    headers.set("Idempotency-Key", key);
    ResponseEntity<Map> retried = http.postForEntity("/api/contacts", new HttpEntity<>(pretty, headers), Map.class);

    assertThat(retried.getStatusCode().value()).isEqualTo(201);
    assertThat(retried.getBody()).isEqualTo(first.getBody());
    String caseRef = (String) first.getBody().get("caseRef");
    assertThat(jdbc.queryForObject("select count(*) from sf_contact where case_ref = ?", Integer.class, caseRef)).isEqualTo(1);
  }

  @Test
  void simultaneousPostsWithOneNewIdempotencyKeyRecordOneContact() throws Exception {
    SampleContact contact = about("Ruby", surname("Hart"), "2013-06-20", "F");
    String key = "burst-" + java.util.UUID.randomUUID();
    List<ResponseEntity<Map>> answers = allAtOnce(5, () -> post(contact, "partner", key));

    assertThat(answers).allSatisfy(a -> assertThat(a.getStatusCode().value()).isEqualTo(201));
    assertThat(answers.stream().map(ResponseEntity::getBody).distinct()).hasSize(1);
    String caseRef = (String) answers.get(0).getBody().get("caseRef");
    assertThat(jdbc.queryForObject("select count(*) from sf_contact where case_ref = ?", Integer.class, caseRef)).isEqualTo(1);
  }

  @Test
  void theSameKeyFromAnotherSenderIsAnotherRequest() {
    String key = "shared-" + java.util.UUID.randomUUID();
    ResponseEntity<Map> fromPartner = post(about("Zara", surname("Ali"), "2012-03-03", "F"), "partner", key);
    ResponseEntity<Map> fromManager = post(about("Omar", surname("Ali"), "2011-04-04", "M"), "manager", key);
    assertThat(fromManager.getStatusCode().value()).isEqualTo(201);
    assertThat(fromManager.getBody().get("caseRef")).isNotEqualTo(fromPartner.getBody().get("caseRef"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aKeyUsedAgainForAnotherContactIsRefusedNamingTheHeader() {
    String key = "reused-" + java.util.UUID.randomUUID();
    post(about("Isla", surname("Reid"), "2012-03-03", "F"), "partner", key);
    long contactsBefore = jdbc.queryForObject("select count(*) from sf_contact", Long.class);
    ResponseEntity<Map> other = post(about("Finn", surname("Reid"), "2011-04-04", "M"), "partner", key);
    ResponseEntity<Map> malformed = post(about("Finn", surname("Reid"), "2011-04-04", "M"), "partner", "has spaces in it");

    assertThat(other.getStatusCode().value()).isEqualTo(400);
    assertThat((List<Map<String, Object>>) other.getBody().get("errors")).singleElement()
        .satisfies(e -> assertThat(e).containsEntry("field", "Idempotency-Key").containsEntry("rule", "same-request"));
    assertThat(malformed.getStatusCode().value()).isEqualTo(400);
    assertThat((List<Map<String, Object>>) malformed.getBody().get("errors")).singleElement()
        .satisfies(e -> assertThat(e).containsEntry("field", "Idempotency-Key").containsEntry("rule", "format"));
    assertThat(jdbc.queryForObject("select count(*) from sf_contact", Long.class)).isEqualTo(contactsBefore);
  }

  @Test
  void aChildWithADoubleBarrelledSurnameIsFoundByAnyPartOfIt() {
    String tail = SampleContact.letters(NAMES.nextInt(1 << 30)) + SampleContact.letters(NAMES.nextInt(1 << 30));
    String nhsNumber = SampleContact.newNhsNumber();
    String caseRef = frontDoor.recorded(about("Zoë", "Grant-Okafor" + tail.toLowerCase(), "2016-08-09", "F")
        .with("child.lastName", "O'Brien-Grant Okafor" + tail.toLowerCase()).with("child.nhsNumber", nhsNumber));

    for (String query : List.of("okafor" + tail.toLowerCase(), "OKAFOR" + tail, "zoe okafor" + tail, "grant okafor" + tail,
        "grant-okafor" + tail, "obrien okafor" + tail, "o’brien okafor" + tail, "Zoë " + "okafor" + tail)) {
      assertThat(search(query)).as(query).contains(caseRef);
    }
    String spaced = nhsNumber.substring(0, 3) + " " + nhsNumber.substring(3, 6) + " " + nhsNumber.substring(6);
    assertThat(search(nhsNumber)).contains(caseRef);
    assertThat(search(spaced)).contains(caseRef);
    assertThat(search("kafor" + tail)).doesNotContain(caseRef);
  }

  private List<String> search(String child) {
    ResponseEntity<Map<String, Object>> answer = http.withBasicAuth("senior", "senior").exchange(
        "/api/cases?child={child}", HttpMethod.GET, null, new ParameterizedTypeReference<Map<String, Object>>() {}, child);
    assertThat(answer.getStatusCode().value()).isEqualTo(200);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> cases = (List<Map<String, Object>>) answer.getBody().get("cases");
    return cases.stream().map(c -> (String) c.get("caseRef")).toList();
  }

  private ResponseEntity<Map> post(SampleContact contact, String user, String idempotencyKey) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setBasicAuth(user, user);
    headers.set("Idempotency-Key", idempotencyKey);
    return http.postForEntity("/api/contacts", new HttpEntity<>(contact.body(), headers), Map.class);
  }

  /** Every call starts together (a gate opens once all are ready), as a partner system's retries do. */
  private <T> List<T> allAtOnce(int times, java.util.concurrent.Callable<T> call) throws Exception {
    CountDownLatch ready = new CountDownLatch(times);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      futures.add(partners.submit(() -> {
        ready.countDown();
        go.await();
        return call.call();
      }));
    }
    ready.await();
    go.countDown();
    List<T> results = new ArrayList<>();
    for (Future<T> future : futures) {
      results.add(future.get());
    }
    return results;
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private long childOf(String caseRef) {
    return jdbc.queryForObject("select child_id from sf_case where case_ref = ?", Long.class, caseRef);
  }

  private int openCasesOfChild(long childId) {
    return jdbc.queryForObject("select count(*) from sf_case where child_id = ? and status <> 'CLOSED'", Integer.class, childId);
  }
}
