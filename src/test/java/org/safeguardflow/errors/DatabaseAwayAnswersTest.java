package org.safeguardflow.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.camunda.bpm.engine.ProcessEnginePersistenceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.safeguardflow.web.DatabaseAway;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.TransactionSystemException;

/**
 * What a partner is told when the database goes away under their request: each way the failure was
 * seen when PostgreSQL was stopped under load ({@code DatabaseOutageTest}) is a 503 asking them to
 * send again, never a 500; a real fault of the server stays a 500, and a rule or a duplicate stays
 * what it was.
 */
class DatabaseAwayAnswersTest {

  /** The node remembers that it saw the database away; tests that follow in this JVM must not inherit it. */
  @AfterEach
  void theDatabaseIsBack() {
    DatabaseAway.reached();
  }

  @Test
  void theDatabaseOutOfReachIsAnsweredServiceUnavailableHoweverItWasWrapped() {
    SQLException adminShutdown = new SQLException("FATAL: terminating connection due to administrator command", "57P01");
    SQLException refused = new SQLException("Connection to localhost:5432 refused", "08001");
    var cases = new Throwable[] {
        // Hikari: no connection within connection-timeout while the server is down.
        new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 2000ms"),
        // Camunda wraps the statement that lost its connection.
        new ProcessEnginePersistenceException("An exception occurred in the persistence layer", new RuntimeException("### Error updating database", adminShutdown)),
        new IllegalStateException("could not start the process", refused),
        // The rollback failed on a connection the pool had already closed; the work's own failure is hidden in it.
        new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed")),
        new ProcessEnginePersistenceException("An exception occurred in the persistence layer", new TransactionSystemException("JDBC rollback failed",
            new SQLException("Connection is closed"))),
        new DataAccessResourceFailureException("PreparedStatementCallback", adminShutdown)};
    for (Throwable failure : cases) {
      ErrorAnswers.Answer answer = ErrorAnswers.decide(failure);
      assertThat(answer.status()).as(failure.toString()).isEqualTo(503);
      assertThat(answer.type()).isEqualTo("ServiceUnavailable");
      assertThat(answer.message()).isEqualTo(DatabaseAway.MESSAGE);
      assertThat(ErrorAnswers.leaks(answer.message())).isFalse();
    }
  }

  @Test
  void theLogLineNamesWhoSentTheRequestEvenWhenTheirSignInNeededTheDatabase() {
    var basic = new org.springframework.mock.web.MockHttpServletRequest("POST", "/api/contacts");
    basic.addHeader("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("partner:secret".getBytes()));
    var key = new org.springframework.mock.web.MockHttpServletRequest("POST", "/api/contacts");
    key.addHeader("Authorization", "Bearer sfk_AbCdEfGh12345678901234567890");
    var signedIn = new org.springframework.mock.web.MockHttpServletRequest("GET", "/api/cases");
    signedIn.setRemoteUser("manager");

    assertThat(DatabaseAwayAnswers.caller(basic)).isEqualTo("partner (not signed in)").doesNotContain("secret");
    assertThat(DatabaseAwayAnswers.caller(key)).isEqualTo("API key sfk_AbCdEfGh… (not signed in)");
    assertThat(DatabaseAwayAnswers.caller(signedIn)).isEqualTo("manager");
    assertThat(DatabaseAwayAnswers.caller(new org.springframework.mock.web.MockHttpServletRequest())).isNull();
  }

  @Test
  void otherDatabaseFailuresAreNotMistakenForAnOutage() {
    assertThat(DatabaseAway.isCause(new ProcessEnginePersistenceException("An exception occurred in the persistence layer", 
        new RuntimeException("### Error", new SQLException("duplicate key value", "23505"))))).isFalse();
    assertThat(DatabaseAway.isCause(new SQLException("syntax error at or near", "42601"))).isFalse();
    assertThat(DatabaseAway.isCause(new IllegalArgumentException("no such team"))).isFalse();
    assertThat(ErrorAnswers.decide(new IllegalStateException("a bug")).status()).isEqualTo(500);
  }
}
