package org.safeguardflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The database goes away for a while under a node: the outbox sender's rounds and the engine's job
 * acquisition fail every few seconds. The operator's log gets one WARN line when it goes, one INFO
 * line when it is back, and no stack traces in between; a real fault is still logged in full.
 */
@ExtendWith(OutputCaptureExtension.class)
class OutageLogTest {

  @AfterEach
  void theDatabaseIsBack() {
    OutageLog.back();
    DatabaseAway.reached();
  }

  @Test
  void theOutboxSenderLogsTheOutageOnceAndItsEndOnce(CapturedOutput log) {
    AtomicInteger rounds = new AtomicInteger();
    Runnable away = () -> {
      rounds.incrementAndGet();
      throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
          new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 2000ms"));
    };
    for (int round = 0; round < 6; round++) {
      OutageLog.run("partner notifications", away);
    }
    OutageLog.run("partner notifications", rounds::incrementAndGet);
    OutageLog.run("partner notifications", rounds::incrementAndGet);

    assertThat(rounds).hasValue(8);
    assertThat(log.getOut().lines().filter(l -> l.contains(" WARN ") && l.contains("The database is out of reach"))).hasSize(1);
    assertThat(log.getOut().lines().filter(l -> l.contains(" INFO ") && l.contains("The database is reachable again"))).hasSize(1);
    assertThat(log.getOut()).doesNotContain("\tat ", "ERROR");
  }

  @Test
  void anotherFaultOfTheOutboxIsNotHidden() {
    assertThatThrownBy(() -> OutageLog.run("partner notifications", () -> {
      throw new IllegalStateException("a bug");
    })).hasMessage("a bug");
  }

  @Test
  void theEnginesJobAcquisitionFailingOnTheDatabaseIsOneWarningNotAStackTraceEveryCycle(CapturedOutput log) {
    OutageLog.install();
    var jobExecutor = LoggerFactory.getLogger(OutageLog.JOB_EXECUTOR_LOGGER);
    for (int cycle = 0; cycle < 5; cycle++) {
      // As Camunda's JobExecutorLogger writes it: the code and message, the exception last.
      jobExecutor.error("ENGINE-14019 Exception during job acquisition {}", "Could not open JDBC Connection for transaction",
          new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
              new SQLTransientConnectionException("HikariPool-1 - Connection is not available")));
    }
    jobExecutor.error("ENGINE-14019 Exception during job acquisition {}", "a bug", new IllegalStateException("a bug"));

    assertThat(log.getOut().lines().filter(l -> l.contains("ENGINE-14019"))).hasSize(1)
        .allSatisfy(l -> assertThat(l).contains("a bug"));
    assertThat(log.getOut().lines().filter(l -> l.contains(" WARN ") && l.contains("job acquisition"))).hasSize(1);
  }
}
