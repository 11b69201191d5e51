package org.safeguardflow.errors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.camunda.bpm.engine.BadUserRequestException;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A refused form is not an engine error. When a completion rule refuses a form (a
 * {@code CaseRuleException}, or any {@link BadUserRequestException}) inside a task or execution
 * listener, Camunda wraps it (ENGINE-03051) and its command context logs the wrapper at ERROR with
 * the whole stack (ENGINE-16004); Camunda itself logs an unwrapped BadUserRequestException only at
 * DEBUG. This logback turbo filter drops exactly those ERROR lines of the logger
 * {@code org.camunda.bpm.engine.context} whose exception has a refusal in its causes; the refusal
 * is still logged once at INFO with user, path and message by {@link ErrorAnswers}. Every other
 * engine error (a failed statement, a bug in a listener) is logged at ERROR as before.
 */
@Component
public class RefusalsAreNotEngineErrors extends TurboFilter {

  /** The logger of Camunda's command context, which writes ENGINE-16004. */
  static final String COMMAND_CONTEXT_LOGGER = "org.camunda.bpm.engine.context";

  /** Adds the filter to logback once the application has started (logging is configured by then). */
  @EventListener(ApplicationStartedEvent.class)
  public void install() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback
        && logback.getTurboFilterList().stream().noneMatch(f -> f instanceof RefusalsAreNotEngineErrors)) {
      start();
      logback.addTurboFilter(this);
    }
  }

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (level != Level.ERROR || logger == null || !logger.getName().startsWith(COMMAND_CONTEXT_LOGGER)) {
      return FilterReply.NEUTRAL;
    }
    Throwable thrown = t;
    if (thrown == null && params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last) {
      thrown = last; // Camunda's loggers pass the exception as the last argument
    }
    return isRefusal(thrown) ? FilterReply.DENY : FilterReply.NEUTRAL;
  }

  /** Whether a refusal of bad input is the exception or one of its causes. */
  static boolean isRefusal(Throwable thrown) {
    for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof BadUserRequestException) {
        return true;
      }
    }
    return false;
  }
}
