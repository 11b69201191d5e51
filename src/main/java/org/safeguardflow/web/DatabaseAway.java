package org.safeguardflow.web;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * The case records' database is out of reach (stopped, restarting, the network to it cut, every
 * connection refused): a failure that is nobody's mistake and passes by itself, so every API answers
 * it with 503 Service Unavailable and {@code Retry-After} ({@link #RETRY_AFTER_SECONDS}), never 500,
 * and the caller sends the same request again later (with its {@code Idempotency-Key}, so a contact
 * whose commit reached the database just before the connection broke is not recorded twice).
 *
 * <p>Which failures count is Spring's classification of JDBC errors, not ours: a
 * {@link SQLException} anywhere in the causes that Spring's {@link SQLExceptionSubclassTranslator}
 * turns into a {@link DataAccessResourceFailureException} or {@link TransientDataAccessResourceException}
 * (SQLSTATE classes 08 connection exception, 53 insufficient resources, 57 operator intervention such
 * as an administrator's shutdown, 58 system error; Hikari's "connection is not available" timeout),
 * or Spring's own "could not get a connection" and "could not begin a transaction", or a commit or
 * rollback that failed on the connection itself (Spring's {@link TransactionSystemException} over a
 * JDBC failure: the pool had already closed the broken connection, "Connection is closed", which
 * carries no SQLSTATE) or that hid a failure of the work which is one of these.
 *
 * <p>It also remembers when such a failure was last seen in this node ({@link #noticed()}), so that
 * work that would only wait out the connection pool's timeout again (the operators' health figures,
 * an operator's sign-in) can answer at once while the database is known to be away.
 */
public final class DatabaseAway {

  /** What an API answers (503): plain words, no SQL, no class name. */
  public static final String MESSAGE = "The case records cannot be reached at the moment, so nothing was recorded or"
      + " changed by this request. Send it again in a minute (with the same Idempotency-Key for a contact).";
  /** Seconds a caller is asked to wait before sending again ({@code Retry-After}). */
  public static final int RETRY_AFTER_SECONDS = 30;
  /** Our type word for the answer. */
  public static final String TYPE = "ServiceUnavailable";

  private static final SQLExceptionSubclassTranslator SPRING = new SQLExceptionSubclassTranslator();
  private static volatile Instant lastNoticed = Instant.EPOCH;

  private DatabaseAway() {}

  /** Says whether {@code failure}, or one of its causes, is the database being out of reach. */
  public static boolean isCause(Throwable failure) {
    for (Throwable cause = failure; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
      if (cause instanceof DataAccessResourceFailureException || cause instanceof TransientDataAccessResourceException
          || cause instanceof CannotCreateTransactionException) {
        return true;
      }
      if (cause instanceof TransactionSystemException transaction
          && (transaction.getCause() instanceof SQLException || isCause(transaction.getOriginalException()))) {
        return true;
      }
      if (cause instanceof SQLException sql) {
        DataAccessException translated = SPRING.translate("", null, sql);
        if (translated instanceof DataAccessResourceFailureException
            || translated instanceof TransientDataAccessResourceException) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@link #isCause}, and if so remembers that the database was seen away now. */
  public static boolean noticedIn(Throwable failure) {
    if (isCause(failure)) {
      noticed();
      return true;
    }
    return false;
  }

  /** Records that the database was out of reach just now. */
  public static void noticed() {
    lastNoticed = Instant.now();
  }

  /** Records that the database answered just now: it is no longer known to be away. */
  public static void reached() {
    lastNoticed = Instant.EPOCH;
  }

  /** Whether the database was seen out of reach less than {@code window} ago. */
  public static boolean seenWithin(Duration window) {
    return lastNoticed.plus(window).isAfter(Instant.now());
  }
}
