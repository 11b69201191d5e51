package org.safeguardflow.security.partners;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.safeguardflow.support.EngineClock;
import org.safeguardflow.support.SafeguardFlowTest;
import org.safeguardflow.support.SampleContact;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The police force's case management system sends contacts with the force's API key. A stranger who
 * knows that the force's user is called {@code partner} tries to shut the force out: a wrong password
 * or key every second, or twelve wrong passwords. The force's contacts keep arriving; the stranger's
 * address is slowed down, and every failure is in the log without the key. Time is the engine clock,
 * moved a second at a time, never waited for.
 */
@SafeguardFlowTest
@ExtendWith(OutputCaptureExtension.class)
class PartnerApiKeyTest {

  static final String FORCE_ADDRESS = "198.51.100.7";

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identity;
  @Autowired JdbcTemplate jdbc;
  @Autowired SignInThrottle throttle;

  Instant start;
  int testsCapacity;
  Duration testsRefill;

  /** The brake at its production setting (10 failures, then one every 6 s) for this class only. */
  @BeforeEach
  void setUp() {
    testsCapacity = throttle.capacity();
    testsRefill = throttle.refillEvery();
    throttle.setLimits(10, Duration.ofSeconds(6));
    start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    EngineClock.setTo(start.toString());
  }

  @AfterEach
  void theOtherTestsBrakeAgain() {
    throttle.setLimits(testsCapacity, testsRefill);
  }

  @Test
  void theForcesContactsArriveWhileAStrangerGuessesOnceASecond(CapturedOutput log) {
    String key = issueKey("partner");
    String stranger = "203.0.113.66";
    List<Integer> forceAnswers = new ArrayList<>();
    List<Integer> strangerAnswers = new ArrayList<>();
    try {
      for (int second = 0; second < 90; second++) {
        EngineClock.setTo(start.plusSeconds(second).toString());
        HttpHeaders guess = from(stranger);
        if (second % 2 == 0) {
          guess.setBasicAuth("partner", "guess-" + second);
        } else {
          guess.setBearerAuth("sfk_guessed-key-" + second);
        }
        ResponseEntity<String> refused = postContact(guess);
        strangerAnswers.add(refused.getStatusCode().value());
        if (refused.getStatusCode().value() == 429) {
          assertThat(Integer.parseInt(refused.getHeaders().getFirst("Retry-After"))).isBetween(1, 6);
        }
        if (second % 3 == 0) {
          HttpHeaders force = from(FORCE_ADDRESS);
          force.setBearerAuth(key);
          forceAnswers.add(postContact(force).getStatusCode().value());
        }
      }
    } finally {
      identity.unlockUser("partner");
    }

    assertThat(forceAnswers).hasSize(30).containsOnly(201);
    assertThat(strangerAnswers).containsOnly(401, 429);
    assertThat(strangerAnswers.subList(0, 10)).as("ten tries, as for someone who mistyped").containsOnly(401);
    assertThat(strangerAnswers.stream().filter(code -> code == 401).count())
        .as("then one every six seconds").isLessThanOrEqualTo(10 + 90 / 6);
    assertThat(log.getOut()).contains("Sign-in failed from " + stranger + " on POST /api/contacts: wrong user or password (user partner)")
        .contains("Partner API key refused from " + stranger + " on POST /api/contacts: unknown key")
        .contains("Sign-in refused from " + stranger + " on POST /api/contacts: too many failed attempts")
        .doesNotContain(key).doesNotContain("guess-4").doesNotContain("sfk_guessed-key-5");
  }

  /**
   * The stranger sits behind the same address as the force (a shared proxy or NAT that sends no
   * X-Forwarded-For) and uses up the address's failed sign-ins: the force's valid key still works,
   * while the stranger's next guesses are braked.
   */
  @Test
  void aStrangerBehindTheForcesOwnAddressCannotShutTheForceOut() {
    String key = issueKey("partner");
    String shared = "192.0.2.77";
    for (int attempt = 0; attempt < 12; attempt++) {
      HttpHeaders guess = from(shared);
      guess.setBearerAuth("sfk_guessed-key-" + attempt);
      postContact(guess);
    }
    HttpHeaders another = from(shared);
    another.setBearerAuth("sfk_guessed-key-again");
    assertThat(postContact(another).getStatusCode().value()).isEqualTo(429);
    HttpHeaders password = from(shared);
    password.setBasicAuth("partner", "a-guess");
    assertThat(postContact(password).getStatusCode().value()).isEqualTo(429);

    HttpHeaders force = from(shared);
    force.setBearerAuth(key);
    assertThat(postContact(force).getStatusCode().value()).isEqualTo(201);
  }

  @Test
  void twelveWrongPasswordsLockThePersonStyleLoginButNotTheForcesKey() {
    String key = issueKey("partner");
    try {
      for (int attempt = 0; attempt < 12; attempt++) {
        // A minute apart: the brake is not what keeps the force working here.
        EngineClock.setTo(start.plus(attempt, ChronoUnit.MINUTES).toString());
        HttpHeaders wrong = from("192.0.2.12");
        wrong.setBasicAuth("partner", "wrong-" + attempt);
        assertThat(postContact(wrong).getStatusCode().value()).isEqualTo(401);
      }
      HttpHeaders password = from(FORCE_ADDRESS);
      password.setBasicAuth("partner", "partner");
      assertThat(postContact(password).getStatusCode().value())
          .as("Camunda has locked the user's password, as it does for people").isEqualTo(401);

      HttpHeaders byKey = from(FORCE_ADDRESS);
      byKey.setBearerAuth(key);
      assertThat(postContact(byKey).getStatusCode().value()).isEqualTo(201);
    } finally {
      identity.unlockUser("partner");
    }
  }

  @Test
  void aRotatedKeyWorksUntilTheChosenTimeAndARevokedKeyStopsAtOnce() {
    Map<?, ?> first = issue("partner").getBody();
    String oldKey = (String) first.get("key");
    assertThat(oldKey).startsWith("sfk_").hasSizeGreaterThanOrEqualTo(40);
    assertThat(jdbc.queryForObject("select key_hash from sf_partner_credential where id = ?", String.class, first.get("id")))
        .isEqualTo(PartnerCredentials.hash(oldKey)).doesNotContain(oldKey.substring(4));

    ResponseEntity<Map> rotated = asSeniorManager(HttpMethod.POST, "/api/partner-credentials/" + first.get("id") + "/rotate",
        Map.of("oldKeyExpiresAt", start.plus(2, ChronoUnit.HOURS).toString()));
    assertThat(rotated.getStatusCode().value()).isEqualTo(201);
    String newKey = (String) rotated.getBody().get("key");
    assertThat(newKey).isNotEqualTo(oldKey);
    assertThat(signsIn(oldKey)).as("during the overlap").isTrue();
    assertThat(signsIn(newKey)).isTrue();

    EngineClock.setTo(start.plus(2, ChronoUnit.HOURS).toString());
    assertThat(signsIn(oldKey)).as("after the overlap").isFalse();
    assertThat(signsIn(newKey)).isTrue();
    assertThat(asSeniorManager(HttpMethod.POST, "/api/partner-credentials/" + first.get("id") + "/rotate",
        Map.of("oldKeyExpiresAt", start.plus(3, ChronoUnit.HOURS).toString())).getStatusCode().value())
        .as("an expired key is not rotated").isEqualTo(409);

    assertThat(asSeniorManager(HttpMethod.DELETE, "/api/partner-credentials/" + rotated.getBody().get("id"), null)
        .getStatusCode().value()).isEqualTo(204);
    assertThat(signsIn(newKey)).as("revoked").isFalse();

    ResponseEntity<String> listed = http.withBasicAuth("senior", "senior").getForEntity("/api/partner-credentials", String.class);
    assertThat(listed.getBody()).contains((String) first.get("id"), "\"EXPIRED\"", "\"REVOKED\"")
        .doesNotContain(oldKey.substring(4), newKey.substring(4), PartnerCredentials.hash(oldKey));
  }

  @Test
  void twoManagersRotatingTheSameKeyAtOnceMakeOneNewKey() throws Exception {
    String id = (String) issue("partner").getBody().get("id");
    Integer before = jdbc.queryForObject("select count(*) from sf_partner_credential", Integer.class);
    var together = new java.util.concurrent.CyclicBarrier(2);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
      for (int manager = 0; manager < 2; manager++) {
        answers.add(pool.submit(() -> {
          together.await();
          return asSeniorManager(HttpMethod.POST, "/api/partner-credentials/" + id + "/rotate",
              Map.of("oldKeyExpiresAt", start.plus(1, ChronoUnit.HOURS).toString())).getStatusCode().value();
        }));
      }
      List<Integer> statuses = new ArrayList<>();
      for (var answer : answers) {
        statuses.add(answer.get(30, java.util.concurrent.TimeUnit.SECONDS));
      }
      assertThat(statuses).containsExactlyInAnyOrder(201, 409);
    } finally {
      pool.shutdownNow();
    }
    assertThat(jdbc.queryForObject("select count(*) from sf_partner_credential", Integer.class)).isEqualTo(before + 1);
    assertThat(jdbc.queryForObject("select count(*) from sf_partner_credential p join sf_partner_credential n"
        + " on n.id = p.replaced_by where p.id = ?", Integer.class, id)).isEqualTo(1);
  }

  @Test
  void aKeySignsInAsItsAgencyAndNothingMore() {
    String key = issueKey("partner");
    HttpHeaders byKey = from(FORCE_ADDRESS);
    byKey.setBearerAuth(key);
    ResponseEntity<String> sent = postContact(byKey);
    assertThat(sent.getStatusCode().value()).isEqualTo(201);
    String caseRef = sent.getHeaders().getLocation().getPath().replace("/api/contacts/", "");

    assertThat(http.exchange("/api/contacts/" + caseRef, HttpMethod.GET, new HttpEntity<>(byKey), Map.class).getBody())
        .containsEntry("caseRef", caseRef).containsEntry("decision", null);
    for (String path : List.of("/engine-rest/task", "/api/agencies", "/api/partner-credentials", "/api/caseloads")) {
      assertThat(http.exchange(path, HttpMethod.GET, new HttpEntity<>(byKey), String.class).getStatusCode().value())
          .as(path).isEqualTo(403);
    }
    // The same case asked for by another agency's key: the same 404 as for a case that does not exist.
    if (identity.createUserQuery().userId("ambulance-trust").count() == 0) {
      var user = identity.newUser("ambulance-trust");
      user.setPassword("a-long-passphrase-nobody-types");
      identity.saveUser(user);
      identity.createMembership("ambulance-trust", "partner-agencies");
    }
    HttpHeaders otherAgency = from(FORCE_ADDRESS);
    otherAgency.setBearerAuth(issueKey("ambulance-trust"));
    assertThat(http.exchange("/api/contacts/" + caseRef, HttpMethod.GET, new HttpEntity<>(otherAgency), String.class)
        .getStatusCode().value()).isEqualTo(404);

    // An agency taken out of partner-agencies in Camunda Admin is cut off, key or no key.
    identity.deleteMembership("ambulance-trust", "partner-agencies");
    try {
      assertThat(http.exchange("/api/contacts/" + caseRef, HttpMethod.GET, new HttpEntity<>(otherAgency), String.class)
          .getStatusCode().value()).isEqualTo(401);
    } finally {
      identity.createMembership("ambulance-trust", "partner-agencies");
    }
  }

  @Test
  void onlyServiceManagersAndAdministratorsManageKeys() {
    for (String user : List.of("partner", "worker", "manager", "auditor", "owner")) {
      assertThat(http.withBasicAuth(user, user).exchange("/api/partner-credentials", HttpMethod.POST,
          json(Map.of("agency", "partner")), String.class).getStatusCode().value()).as(user).isEqualTo(403);
    }
    assertThat(http.withBasicAuth("demo", "demo").exchange("/api/partner-credentials", HttpMethod.POST,
        json(Map.of("agency", "partner")), String.class).getStatusCode().value()).isEqualTo(201);
  }

  static Stream<Arguments> badInput() {
    return Stream.of(
        Arguments.of("no agency", "", "{}", "agency", "required"),
        Arguments.of("agency not text", "", "{\"agency\": 5}", "agency", "type"),
        Arguments.of("unknown user", "", "{\"agency\": \"nobody-here\"}", "agency", "partner-agency"),
        Arguments.of("a member of staff", "", "{\"agency\": \"manager\"}", "agency", "partner-agency"),
        Arguments.of("agency too long", "", "{\"agency\": \"" + "p".repeat(65) + "\"}", "agency", "max-length"),
        Arguments.of("an unknown field", "", "{\"agency\": \"partner\", \"expires\": \"never\"}", "expires", "unknown-field"),
        Arguments.of("not an object", "", "[\"partner\"]", "$", "required"),
        Arguments.of("not JSON", "", "agency=partner", "$", "json"),
        Arguments.of("rotation without an end", "/rotate", "{}", "oldKeyExpiresAt", "required"),
        Arguments.of("rotation end not a date", "/rotate", "{\"oldKeyExpiresAt\": \"tomorrow\"}", "oldKeyExpiresAt", "type"),
        Arguments.of("rotation end in the past", "/rotate", "{\"oldKeyExpiresAt\": \"2020-01-01T00:00:00Z\"}", "oldKeyExpiresAt", "not-in-past"),
        Arguments.of("rotation overlap over 30 days", "/rotate", "{\"oldKeyExpiresAt\": \"2099-01-01T00:00:00Z\"}", "oldKeyExpiresAt", "max-overlap"));
  }

  @ParameterizedTest(name = "{0}: 400 {3} {4}")
  @MethodSource("badInput")
  void badInputIsRefusedNamingTheFieldAndRuleAndNothingIsWritten(String what, String rotate, String body, String field,
      String rule) {
    String path = "/api/partner-credentials";
    if (!rotate.isEmpty()) {
      path += "/" + issue("partner").getBody().get("id") + rotate;
    }
    Integer before = jdbc.queryForObject("select count(*) from sf_partner_credential", Integer.class);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setBasicAuth("senior", "senior");
    ResponseEntity<Map> refused = http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), Map.class);

    assertThat(refused.getStatusCode().value()).as(String.valueOf(refused.getBody())).isEqualTo(400);
    assertThat((List<Map<String, String>>) refused.getBody().get("errors"))
        .anySatisfy(error -> assertThat(error).containsEntry("field", field).containsEntry("rule", rule));
    assertThat(jdbc.queryForObject("select count(*) from sf_partner_credential", Integer.class)).isEqualTo(before);
  }

  private boolean signsIn(String key) {
    HttpHeaders headers = from(FORCE_ADDRESS);
    headers.setBearerAuth(key);
    int status = http.exchange("/api/contacts/CR-1999-999999", HttpMethod.GET, new HttpEntity<>(headers), String.class)
        .getStatusCode().value();
    assertThat(status).isIn(401, 404);
    return status == 404;
  }

  private String issueKey(String agency) {
    return (String) issue(agency).getBody().get("key");
  }

  private ResponseEntity<Map> issue(String agency) {
    ResponseEntity<Map> issued = asSeniorManager(HttpMethod.POST, "/api/partner-credentials", Map.of("agency", agency));
    assertThat(issued.getStatusCode().value()).as(String.valueOf(issued.getBody())).isEqualTo(201);
    return issued;
  }

  private ResponseEntity<Map> asSeniorManager(HttpMethod method, String path, Object body) {
    return http.withBasicAuth("senior", "senior").exchange(path, method, json(body), Map.class);
  }

  private static HttpEntity<Object> json(Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }

  /** A request from that address, as the council's reverse proxy forwards it. */
  private static HttpHeaders from(String address) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.add("X-Forwarded-For", address);
    return headers;
  }

  private ResponseEntity<String> postContact(HttpHeaders headers) {
    return http.exchange("/api/contacts", HttpMethod.POST,
        new HttpEntity<>(SampleContact.fromSchool(start.minusSeconds(3600).toString()).body(), headers), String.class);
  }
}
