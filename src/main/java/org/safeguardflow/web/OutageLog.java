package org.safeguardflow.web;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * What this node's background work (the engine's job acquisition, the partner outbox's sender) logs
 * while the database is out of reach: one WARN line when it is first found away, one INFO line when
 * it is reached again, no stack traces in between. Without it each node wrote an ERROR with a full
 * stack trace every few seconds from both (about 1,400 lines per node in 30 s), burying the one line
 * an operator needs.
 *
 * <p>The engine's own job acquisition is not ours to change: Camunda logs each failed acquisition as
 * {@code ENGINE-14019} at ERROR on {@code org.camunda.bpm.engine.jobexecutor}, with no setting to
 * quieten it, and retries after its idle wait ({@code camunda.bpm.job-execution.max-wait}, 5 s). What
 * its logging (SLF4J over Logback) allows is a filter: {@link #install()} adds a Logback turbo filter
 * that drops {@code ENGINE-14019} only when its cause is the database being away ({@link DatabaseAway})
 * and reports it here instead; every other job executor message is logged as before.
 */
public final class OutageLog {

  /** Camunda's logger for the job executor, and its code for a failed acquisition cycle. */
  static final String JOB_EXECUTOR_LOGGER = "org.camunda.bpm.engine.jobexecutor";
  static final String ACQUISITION_FAILED = "ENGINE-14019";

  private static final Logger log = LoggerFactory.getLogger(OutageLog.class);
  private static final AtomicBoolean away = new AtomicBoolean();

  private OutageLog() {}

  /**
   * Runs one round of background {@code work} (e.g. "partner notifications"): if the database is out
   * of reach the round is given up quietly (the work runs again on its schedule), logged once per
   * outage; any other failure is thrown as before.
   */
  public static void run(String work, Runnable round) {
    try {
      round.run();
    } catch (RuntimeException failure) {
      if (!awayFor(work, failure)) {
        throw failure;
      }
      return;
    }
    back();
  }

  /**
   * Reports a failure of background {@code work}: when it is the database out of reach, logs the
   * outage's one WARN line (if not yet logged) and answers {@code true}; otherwise {@code false}.
   */
  public static boolean awayFor(String work, Throwable failure) {
    if (!DatabaseAway.noticedIn(failure)) {
      return false;
    }
    if (away.compareAndSet(false, true)) {
      log.warn("The database is out of reach ({}: {}). Timers, partner notifications and other background work"
          + " wait on this node and try again by themselves every few seconds; requests are answered 503."
          + " Logged once; a line follows when the database is back.", work, rootMessage(failure));
    }
    return true;
  }

  /** The database answered background work again: logs the outage's one INFO line, if one was open. */
  public static void back() {
    if (away.compareAndSet(true, false)) {
      DatabaseAway.reached();
      log.info("The database is reachable again: timers and partner notifications go on on this node.");
    }
  }

  /** Adds the filter for the engine's job acquisition messages to Logback (once; Logback only). */
  public static synchronized void install() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext logback)) {
      return;
    }
    if (logback.getTurboFilterList().stream().noneMatch(EngineAcquisitionFilter.class::isInstance)) {
      logback.addTurboFilter(new EngineAcquisitionFilter());
    }
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage();
  }

  /** Drops ENGINE-14019 caused by the database being away, reporting it to {@link OutageLog} instead. */
  static final class EngineAcquisitionFilter extends TurboFilter {
    @Override
    public FilterReply decide(Marker marker, ch.qos.logback.classic.Logger logger, ch.qos.logback.classic.Level level,
        String format, Object[] params, Throwable thrown) {
      if (format == null || !format.startsWith(ACQUISITION_FAILED) || !JOB_EXECUTOR_LOGGER.equals(logger.getName())) {
        return FilterReply.NEUTRAL;
      }
      Throwable failure = thrown;
      if (failure == null && params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last) {
        failure = last;
      }
      return failure != null && awayFor("job acquisition", failure) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
  }
}
