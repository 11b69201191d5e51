package org.safeguardflow.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.safeguardflow.web.DatabaseAway;
import org.safeguardflow.web.LostRaces;

/**
 * What a partner is told when their contact kept losing the engine's race with other work on the
 * child's case: 503 with {@code Retry-After} and "send it again", never a 409 that reads as final.
 */
class LostRacesTest {

  @AfterEach
  void theDatabaseIsBack() {
    DatabaseAway.reached();
  }

  @Test
  void theEnginesOptimisticLockingAndTheDatabasesDeadlocksAreLostRaces() {
    assertThat(LostRaces.isCause(new OptimisticLockingException(
        "ENGINE-03005 Execution of 'UPDATE ExecutionEntity[06220bc2]' failed. Entity was updated by another transaction concurrently."))).isTrue();
    assertThat(LostRaces.isCause(new ProcessEngineException("ENGINE-03005 Execution of 'UPDATE ExecutionEntity[1]' failed."))).isTrue();
    assertThat(LostRaces.isCause(new ProcessEngineException("flush failed",
        new SQLException("ERROR: deadlock detected", "40P01")))).isTrue();
    assertThat(LostRaces.isCause(new ProcessEngineException("flush failed",
        new SQLException("could not serialize access due to concurrent update", "40001")))).isTrue();
  }

  @Test
  void theDatabaseAwayOrABugIsNoRace() {
    assertThat(LostRaces.isCause(new SQLTransientConnectionException("HikariPool-1 - Connection is not available"))).isFalse();
    assertThat(LostRaces.isCause(new ProcessEngineException("x", new SQLException("duplicate key value", "23505")))).isFalse();
    assertThat(LostRaces.isCause(new IllegalStateException("a bug"))).isFalse();
  }

  @Test
  void aContactThatKeptLosingIsAskedToBeSentAgainWithItsKey() {
    ErrorAnswers.Reply reply = ErrorAnswers.reply(new LostRaces.TryAgain(new OptimisticLockingException(
        "ENGINE-03005 Execution of 'UPDATE ExecutionEntity[1]' failed.")), "POST /api/contacts", "partner");
    assertThat(reply.status()).isEqualTo(503);
    assertThat(reply.body()).containsEntry("type", "TryAgain");
    assertThat((String) reply.body().get("message")).contains("Send it again").contains("same Idempotency-Key");
    assertThat(ErrorAnswers.leaks((String) reply.body().get("message"))).isFalse();
    assertThat(reply.retryAfterSeconds()).isEqualTo(LostRaces.RETRY_AFTER_SECONDS);
  }

  @Test
  void anyCallOfOurApiThatLostARaceIsAskedToBeSentAgainNotToldItConflicted() throws Exception {
    var request = new org.springframework.mock.web.MockHttpServletRequest("POST", "/api/cases/SF-2026-000123/transfers");
    var response = new org.springframework.mock.web.MockHttpServletResponse();
    new ApiErrors.UnexpectedFailures().resolveException(request, response, null, new OptimisticLockingException(
        "ENGINE-03005 Execution of 'UPDATE ExecutionEntity[1]' failed. Entity was updated by another transaction concurrently."));

    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeader("Retry-After")).isEqualTo(String.valueOf(LostRaces.RETRY_AFTER_SECONDS));
    assertThat(response.getContentAsString()).contains("\"type\":\"TryAgain\"").doesNotContain("ENGINE-03005", "Exception");
  }
}
