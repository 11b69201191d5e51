package org.safeguardflow.timescales;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The moment a record is stamped with: the engine's clock (Camunda's {@code ClockUtil}), so that a
 * test which moves engine time (test {@code support.EngineClock}) moves every stamp and every "now" a
 * rule compares with, as it moves the engine's timers. In UTC, as the database's
 * {@code timestamp with time zone} columns keep it; the day in England is
 * {@link StatutoryTimescales#londonDate(Object)}'s.
 */
public final class EngineTime {

  private EngineTime() {}

  /** Now by the engine's clock, in UTC. */
  public static OffsetDateTime now() {
    return ClockUtil.getCurrentTime().toInstant().atOffset(ZoneOffset.UTC);
  }
}
