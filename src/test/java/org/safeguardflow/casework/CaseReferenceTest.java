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
}
