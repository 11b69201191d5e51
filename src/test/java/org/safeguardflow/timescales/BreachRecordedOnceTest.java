package org.safeguardflow.timescales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.safeguardflow.support.CaseScenario;
import org.safeguardflow.support.SafeguardFlowTest;
import org.safeguardflow.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Mia's contact decision is late. Her deadline timer records the breach at the very moment her
 * front-door manager decides the contact and gives the reason (as when a node restarted after a crash
 * ran the deadlines due meanwhile while managers were deciding): both transactions read "no breach
 * yet". The second to write waits for the first and then changes nothing; the manager's decision is
 * not refused, and the breach is recorded once, with the manager's reason.
 */
@SafeguardFlowTest
class BreachRecordedOnceTest {

  @Autowired CaseScenario scenario;
  @Autowired TimescaleBreaches breaches;
  @Autowired PlatformTransactionManager transactions;
  @Autowired JdbcTemplate jdbc;

  @Test
  void theTimerAndTheLateDecisionRecordingMiasBreachAtOnceRecordItOnce() throws Exception {
    String caseRef = scenario.openCase("Mia");
    OffsetDateTime due = OffsetDateTime.of(2026, 4, 2, 23, 59, 59, 0, ZoneOffset.UTC);
    OffsetDateTime now = due.plusDays(3);
    CountDownLatch timerWrote = new CountDownLatch(1);
    CountDownLatch managerWaits = new CountDownLatch(1);
    CountDownLatch managerFinished = new CountDownLatch(1);
    ExecutorService both = Executors.newFixedThreadPool(2);
    try {
      Future<?> timer = both.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
        breaches.record(caseRef, "CONTACT_DECISION", due, now);
        timerWrote.countDown();
        // Commits only once the manager's transaction, having read "no breach yet", waits on the timer's row.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
            .until(() -> managerWaits.getCount() == 0 && (sessionsWaitingForALock() > 0 || managerFinished.getCount() == 0));
      }));
      Future<?> manager = both.submit(() -> {
        timerWrote.await(30, TimeUnit.SECONDS);
        try {
          return new TransactionTemplate(transactions).execute(status -> {
            managerWaits.countDown();
            breaches.explain(caseRef, "CONTACT_DECISION", due, "The office was closed for snow", "manager", now);
            return null;
          });
        } finally {
          managerFinished.countDown();
        }
      });
      timer.get(1, TimeUnit.MINUTES);
      manager.get(1, TimeUnit.MINUTES);
    } finally {
      both.shutdown();
    }
    assertThat(jdbc.queryForObject("select count(*) from sf_timescale_breach where case_ref = ?", Long.class, caseRef))
        .isEqualTo(1);
    assertThat(jdbc.queryForList("select reason from sf_timescale_breach where case_ref = ?", String.class, caseRef))
        .containsExactly("The office was closed for snow");
  }

  private long sessionsWaitingForALock() {
    return jdbc.queryForObject(TestDatabase.postgres()
        ? "select count(*) from pg_locks where not granted"
        : "select count(*) from information_schema.sessions where lower(executing_statement) like 'insert into sf_timescale_breach%'",
        Long.class);
  }
}
