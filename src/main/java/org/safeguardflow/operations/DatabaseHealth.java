package org.safeguardflow.operations;

import javax.sql.DataSource;
import org.safeguardflow.web.DatabaseAway;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.jdbc.DataSourceHealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code db} in {@code /actuator/health}: Spring Boot's own check of the database (a connection from
 * the pool, validated), which is what it was, except that when the database is out of reach it says so
 * in words ({@code "database": "out of reach"}) instead of the exception's class name and message, and
 * tells the rest of the node ({@link DatabaseAway}) so that the other components do not wait out the
 * connection pool's timeout again. How long the check may wait is the pool's own
 * {@code spring.datasource.hikari.connection-timeout} (application.yaml).
 */
@Component("dbHealthIndicator")
class DatabaseHealth extends DataSourceHealthIndicator {

  DatabaseHealth(DataSource dataSource) {
    super(dataSource);
  }

  @Override
  protected void doHealthCheck(Health.Builder health) throws Exception {
    try {
      super.doHealthCheck(health);
      DatabaseAway.reached();
      org.safeguardflow.web.OutageLog.back();
    } catch (Exception failure) {
      if (!DatabaseAway.noticedIn(failure)) {
        throw failure;
      }
      health.down().withDetail("database", "out of reach: no connection within the pool's connection timeout");
    }
  }
}
