package org.safeguardflow.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.retry.support.MetricsRetryListener;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Work a caller asked for that only lost a race with other work on the same rows: the engine's
 * optimistic locking ({@link OptimisticLockingException}, {@code ENGINE-03005 ... updated by another
 * transaction concurrently}) when a timer job, another node or a person changed the same process
 * instance at that moment, or the database breaking a deadlock or a serialization conflict. The
 * caller did nothing wrong and nobody did their work for them, so the server tries it again in a
 * fresh transaction ({@link #inFreshTransactions}, Spring Retry's {@link RetryTemplate}: up to
 * {@link #ATTEMPTS} attempts, exponential back-off with jitter from 20 ms to 0.5 s), and only if
 * every attempt lost is answered {@code 503} with {@code Retry-After} ({@link TryAgain}), never a 409
 * that a partner's system would take as final.
 *
 * <p>Each call is timed in Micrometer's {@code spring_retry_seconds{name, retry_count, exception}}
 * timer ({@link MetricsRetryListener}), so operators see how often contacts had to be tried again.
 */
@Component
public class LostRaces {

  /** The engine's code for "Entity was updated by another transaction concurrently". */
  public static final String CONCURRENT_UPDATE = "ENGINE-03005";
  /** Attempts before a request that keeps losing is answered 503. */
  public static final int ATTEMPTS = 6;
  /** Our type word for the 503 after the last attempt. */
  public static final String TYPE = "TryAgain";
  /** Seconds a caller is asked to wait ({@code Retry-After}) before sending the same request again. */
  public static final int RETRY_AFTER_SECONDS = 5;
  /** What the caller is told: nothing was recorded, send the same request again. */
  public static final String MESSAGE = "The case was being changed by other work at the same moment, so nothing was"
      + " recorded by this request. Send it again in a few seconds (with the same Idempotency-Key for a contact);"
      + " it will be recorded once.";

  private static final SQLExceptionSubclassTranslator SPRING = new SQLExceptionSubclassTranslator();

  private final TransactionTemplate transactions;
  private final MeterRegistry meters;

  LostRaces(PlatformTransactionManager transactions, MeterRegistry meters) {
    this.transactions = new TransactionTemplate(transactions);
    this.meters = meters;
  }

  /**
   * The failure (or one of its causes) is a lost race: the engine's optimistic locking, or the
   * database's deadlock or serialization failure (Spring's {@link ConcurrencyFailureException}
   * classification of the SQLSTATE). The database being out of reach is not one ({@link DatabaseAway}).
   */
  public static boolean isCause(Throwable failure) {
    if (DatabaseAway.isCause(failure)) {
      return false;
    }
    for (Throwable cause = failure; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
      if (cause instanceof OptimisticLockingException || cause instanceof ConcurrencyFailureException
          || String.valueOf(cause.getMessage()).startsWith(CONCURRENT_UPDATE)) {
        return true;
      }
      if (cause instanceof SQLException sql && sql.getSQLState() != null) {
        DataAccessException translated = SPRING.translate("", null, sql);
        if (translated instanceof ConcurrencyFailureException) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Runs {@code work} in a transaction of its own; if it lost a race ({@link #isCause}) or
   * {@code alsoRetry} accepts the failure, rolls back and runs it again in a fresh transaction, up to
   * {@link #ATTEMPTS} times. The attempt number (0 first) is passed to {@code work}, which may find
   * that an earlier attempt's request was answered meanwhile (an {@code Idempotency-Key}).
   *
   * @param name the work, for the {@code spring_retry_seconds} timer's {@code name} tag (e.g. {@code contact})
   * @throws TryAgain every attempt lost a race
   * @throws RuntimeException anything else {@code work} threw, at once
   */
  public <T> T inFreshTransactions(String name, Predicate<Throwable> alsoRetry, Attempt<T> work) {
    Predicate<Throwable> retried = failure -> !DatabaseAway.isCause(failure)
        && (isCause(failure) || alsoRetry.test(failure));
    MetricsRetryListener metrics = new MetricsRetryListener(meters);
    metrics.setCustomTags(List.of(Tag.of("name", name)));
    RetryTemplate retry = RetryTemplate.builder()
        .maxAttempts(ATTEMPTS)
        .retryOn(retried)
        .exponentialBackoff(Duration.ofMillis(20), 2.0, Duration.ofMillis(500), true)
        .withListener(metrics)
        .build();
    try {
      return retry.execute(context -> transactions.execute((TransactionCallback<T>) status -> work.run(context.getRetryCount())));
    } catch (RuntimeException lost) {
      if (retried.test(lost)) {
        throw new TryAgain(lost);
      }
      throw lost;
    }
  }

  /** One attempt at the work, numbered from 0. */
  @FunctionalInterface
  public interface Attempt<T> {
    /** Does the work in the current transaction. */
    T run(int attempt);
  }

  /**
   * Every attempt lost a race (or the caller's own work lost it once and it was not retried): 503
   * {@link #TYPE} with {@code Retry-After: }{@value #RETRY_AFTER_SECONDS} ({@link ErrorAnswers}).
   */
  public static final class TryAgain extends RuntimeException {
    /** @param lost the last attempt's failure, for the log */
    public TryAgain(Throwable lost) {
      super("Lost the race with other work on the same case at every attempt", lost);
    }
  }
}
