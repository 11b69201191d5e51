package org.safeguardflow.security.partners;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Partner API keys and the sign-in brake, on the engine's clock: the same clock that times every
 * statutory deadline, which tests move with {@code support.EngineClock}.
 * {@code safeguard.security.sign-in-throttle.capacity} (failures, default 10) and
 * {@code .refill-every} (default PT6S) set the brake.
 */
@Configuration(proxyBeanMethods = false)
class PartnerCredentialsConfig {

  @Bean
  PartnerCredentials partnerCredentials(JdbcTemplate jdbc) {
    return new PartnerCredentials(jdbc, ENGINE_CLOCK);
  }

  @Bean
  SignInThrottle signInThrottle(@Value("${safeguard.security.sign-in-throttle.capacity:10}") int capacity,
      @Value("${safeguard.security.sign-in-throttle.refill-every:PT6S}") Duration refillEvery) {
    return new SignInThrottle(capacity, refillEvery, ENGINE_CLOCK);
  }

  /** The engine's clock (ClockUtil) as a java.time Clock. */
  static final Clock ENGINE_CLOCK = new Clock() {
    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return ClockUtil.getCurrentTime().toInstant();
    }
  };
}
