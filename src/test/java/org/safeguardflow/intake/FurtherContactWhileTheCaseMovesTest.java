package org.safeguardflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safeguardflow.support.SafeguardFlowTest;
import org.safeguardflow.support.SampleContact;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Maya already has an open case; schools, the GP and the police all send further contacts about her
 * while the front-door managers review the ones already in, each review changing the case's process
 * as the next contact joins it (the same engine race as a deadline timer firing on her case). A contact that only lost the engine's race with that work did nothing wrong: it is
 * recorded (the server tries it again in a fresh transaction), never answered 409 as if final
 * (issue 16, a partner treating 4xx as final would have dropped a safeguarding contact).
 */
@SafeguardFlowTest
class FurtherContactWhileTheCaseMovesTest {

  private static final int PARTNERS = 6;
  private static final int CONTACTS_EACH = 4;
  private static final Random NAMES = new Random();

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired TaskService tasks;
  ExecutorService threads;

  @BeforeEach
  void setUp() {
    threads = Executors.newFixedThreadPool(PARTNERS + 2);
  }

  @AfterEach
  void tearDown() {
    threads.shutdownNow();
  }

  @Test
  void everyFurtherContactSentWhileTheEngineChangesTheCaseIsRecorded() throws Exception {
    String lastName = "Race-" + SampleContact.letters(NAMES.nextInt(1 << 30)) + SampleContact.letters(NAMES.nextInt(1 << 30));
    ResponseEntity<Map> first = post(maya(lastName, OffsetDateTime.now(ZoneOffset.UTC).minusDays(8)), "first-" + lastName);
    assertThat(first.getStatusCode().value()).isEqualTo(201);
    String caseRef = (String) first.getBody().get("caseRef");
    String processInstanceId = (String) first.getBody().get("processInstanceId");
    long contactsBefore = contactsOf(caseRef);

    // Two front-door managers (each her share) review the further contacts as they arrive: each review ends a part of
    // the process instance the next contact joins, the engine's work on the case at the same moment.
    AtomicBoolean partnersDone = new AtomicBoolean();
    AtomicInteger reviews = new AtomicInteger();
    List<Future<?>> managers = new ArrayList<>();
    for (int manager = 0; manager < 2; manager++) {
      int share = manager;
      managers.add(threads.submit(() -> {
        while (!partnersDone.get()) {
          for (Task review : tasks.createTaskQuery().processInstanceId(processInstanceId)
              .taskDefinitionKey(ContactProcess.Element.REVIEW_FURTHER_CONTACT).list()) {
            if (Math.floorMod(review.getId().hashCode(), 2) != share) {
              continue;
            }
            try {
              tasks.complete(review.getId(), Map.of("furtherContactReview", "Read; no change to the decision"));
              reviews.incrementAndGet();
            } catch (OptimisticLockingException aContactWasFirst) {
              // The manager's own clash: Tasklist tells her to reload (409); not what this test is about.
            }
          }
        }
        return null;
      }));
    }

    CountDownLatch go = new CountDownLatch(1);
    ConcurrentLinkedQueue<String> keysAnswered201 = new ConcurrentLinkedQueue<>();
    List<Future<List<ResponseEntity<Map>>>> partners = new ArrayList<>();
    for (int partner = 0; partner < PARTNERS; partner++) {
      int p = partner;
      partners.add(threads.submit(() -> {
        go.await();
        List<ResponseEntity<Map>> answers = new ArrayList<>();
        for (int n = 0; n < CONTACTS_EACH; n++) {
          String key = "further-" + lastName + "-" + p + "-" + n;
          ResponseEntity<Map> answer = post(maya(lastName, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5)), key);
          if (answer.getStatusCode().value() == 201) {
            keysAnswered201.add(key);
          }
          answers.add(answer);
        }
        return answers;
      }));
    }
    go.countDown();
    List<ResponseEntity<Map>> answers = new ArrayList<>();
    try {
      for (Future<List<ResponseEntity<Map>>> partner : partners) {
        answers.addAll(partner.get());
      }
    } finally {
      partnersDone.set(true);
    }
    for (Future<?> manager : managers) {
      manager.get();
    }

    assertThat(reviews.get()).as("the case moved on while the contacts came in").isPositive();
    assertThat(answers).as("no contact answered as lost (409) or failed")
        .allSatisfy(a -> assertThat(a.getStatusCode().value()).as(String.valueOf(a.getBody())).isEqualTo(201));
    assertThat(answers).allSatisfy(a -> assertThat(a.getBody()).containsEntry("caseRef", caseRef)
        .containsEntry("joinedOpenCase", true));
    assertThat(contactsOf(caseRef)).isEqualTo(contactsBefore + PARTNERS * CONTACTS_EACH);
    for (String key : keysAnswered201) {
      assertThat(jdbc.queryForObject("select count(*) from sf_contact_request where idempotency_key = ? and case_ref = ?",
          Integer.class, key, caseRef)).as(key).isEqualTo(1);
    }
    assertThat(jdbc.queryForObject("select count(*) from act_hi_taskinst where proc_inst_id_ = ? and task_def_key_ = ?",
        Integer.class, processInstanceId, ContactProcess.Element.REVIEW_FURTHER_CONTACT)).isEqualTo(PARTNERS * CONTACTS_EACH);
  }

  private static SampleContact maya(String lastName, OffsetDateTime receivedAt) {
    return SampleContact.fromSchool(receivedAt.toString()).with("child.firstName", "Maya").with("child.lastName", lastName)
        .with("child.dateOfBirth", "2016-05-05").with("child.sex", "F").without("child.nhsNumber");
  }

  private long contactsOf(String caseRef) {
    return jdbc.queryForObject("select count(*) from sf_contact where case_ref = ?", Long.class, caseRef);
  }

  private ResponseEntity<Map> post(SampleContact contact, String idempotencyKey) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setBasicAuth("partner", "partner");
    headers.set("Idempotency-Key", idempotencyKey);
    return http.postForEntity("/api/contacts", new HttpEntity<>(contact.body(), headers), Map.class);
  }
}
