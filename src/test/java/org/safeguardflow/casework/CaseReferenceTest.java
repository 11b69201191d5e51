package org.safeguardflow.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.safeguardflow.support.SafeguardFlowTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * New Year's night at the front door: the first contacts of a new year reach two nodes at the same
 * moment, and each must get its own case reference, none refused (on PostgreSQL a clash over starting
 * the year's counter used to abort the whole contact with a 500).
 */
@SafeguardFlowTest
class CaseReferenceTest {

  static final int CONTACTS_AT_ONCE = 8;

  @Autowired CaseRecords cases;
  @Autowired PlatformTransactionManager transactions;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

  @Test
  void theFirstContactsOfANewYearArrivingTogetherEachGetTheirOwnReference() throws Exception {
    int newYear = 3000 + (int) (System.nanoTime() % 5000);
    CountDownLatch together = new CountDownLatch(1);
    ExecutorService frontDoors = Executors.newFixedThreadPool(CONTACTS_AT_ONCE);
    try {
      List<Future<String>> references = new ArrayList<>();
      for (int i = 0; i < CONTACTS_AT_ONCE; i++) {
        references.add(frontDoors.submit(() -> {
          together.await();
          // Inside the contact's own transaction, as FrontDoor.record takes it.
          return new TransactionTemplate(transactions).execute(status -> cases.nextCaseRef(newYear));
        }));
      }
      together.countDown();
      List<String> taken = new ArrayList<>();
      for (Future<String> reference : references) {
        taken.add(reference.get());
      }

      assertThat(taken).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, CONTACTS_AT_ONCE)
          .mapToObj(n -> String.format("CR-%d-%06d", newYear, n)).toList());
    } finally {
      frontDoors.shutdown();
    }
  }

  /**
   * A busy Monday morning: one contact is still being recorded (its transaction open, e.g. waiting on
   * the register) when the next arrives. The second must get its reference at once, not wait for the
   * first to commit: a counter row locked to the end of the first transaction made every contact wait
   * for the one before it (bench/RESULTS.md).
   */
  @Test
  void aContactStillBeingRecordedDoesNotHoldUpTheNextOnesReference() throws Exception {
    int year = 3000 + (int) (System.nanoTime() % 5000);
    CountDownLatch firstHasItsReference = new CountDownLatch(1);
    CountDownLatch firstMayCommit = new CountDownLatch(1);
    ExecutorService frontDoor = Executors.newSingleThreadExecutor();
    try {
      Future<String> first = frontDoor.submit(() -> new TransactionTemplate(transactions).execute(status -> {
        String reference = cases.nextCaseRef(year);
        firstHasItsReference.countDown();
        try {
          firstMayCommit.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return reference;
      }));
      firstHasItsReference.await();

      // Without waiting for the first: a lock wait here fails (lock timeout) instead of hanging the test.
      String second = new TransactionTemplate(transactions).execute(status -> {
        if (postgres()) {
          jdbc.execute("set local lock_timeout = '2s'");
        }
        return cases.nextCaseRef(year);
      });
      firstMayCommit.countDown();

      assertThat(List.of(first.get(), second)).containsExactlyInAnyOrder(
          String.format("CR-%d-%06d", year, 1), String.format("CR-%d-%06d", year, 2));
    } finally {
      firstMayCommit.countDown();
      frontDoor.shutdown();
    }
  }

  /**
   * Eight front-door workers record contacts all day, and some contacts fail and are rolled back: every
   * reference given is given once, and a failed contact's number is simply not used again (a gap).
   */
  @Test
  void referencesTakenTogetherAreNeverGivenTwiceAndAFailedContactOnlyLeavesAGap() throws Exception {
    int year = 3000 + (int) (System.nanoTime() % 5000);
    int perWorker = 25;
    ExecutorService workers = Executors.newFixedThreadPool(CONTACTS_AT_ONCE);
    try {
      List<Future<List<String>>> given = new ArrayList<>();
      for (int w = 0; w < CONTACTS_AT_ONCE; w++) {
        given.add(workers.submit(() -> {
          List<String> mine = new ArrayList<>();
          for (int i = 0; i < perWorker; i++) {
            boolean fails = i % 5 == 4;
            String reference = new TransactionTemplate(transactions).execute(status -> {
              String taken = cases.nextCaseRef(year);
              if (fails) {
                status.setRollbackOnly();
              }
              return taken;
            });
            mine.add(reference);
          }
          return mine;
        }));
      }
      List<String> all = new ArrayList<>();
      for (Future<List<String>> worker : given) {
        all.addAll(worker.get());
      }

      assertThat(all).hasSize(CONTACTS_AT_ONCE * perWorker).doesNotHaveDuplicates()
          .allMatch(ref -> CaseRecords.CASE_REF.matcher(ref).matches());
      String afterTheDay = new TransactionTemplate(transactions).execute(status -> cases.nextCaseRef(year));
      assertThat(afterTheDay).isEqualTo(String.format("CR-%d-%06d", year, CONTACTS_AT_ONCE * perWorker + 1));
    } finally {
      workers.shutdown();
    }
  }

  private boolean postgres() {
    return Boolean.TRUE.equals(jdbc.execute((java.sql.Connection c) ->
        c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres")));
  }
}
