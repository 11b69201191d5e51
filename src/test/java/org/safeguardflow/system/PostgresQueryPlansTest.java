package org.safeguardflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.safeguardflow.support.SafeguardFlowTest;
import org.safeguardflow.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A team manager opening "My team's tasks" with thousands of open tasks: PostgreSQL must know how
 * many of the manager's authorizations each permission check keeps, and plan the query with the
 * values asked (bench/RESULTS.md, section 5: 18.9 s without, 0.3 s with, at 20,000 open tasks).
 */
@SafeguardFlowTest
class PostgresQueryPlansTest {

  @Autowired JdbcTemplate jdbc;
  @Autowired DataSource dataSource;

  @Test
  void thePlannerHasStatisticsOnEveryPermissionBitTheEngineChecks() {
    if (!TestDatabase.postgres()) {
      assertThat(jdbc.queryForObject("select count(*) from act_ru_authorization", Integer.class)).isPositive();
      return; // H2 plans without them; nothing is created there
    }
    for (int permission : PostgresQueryPlans.CHECKED_PERMISSIONS) {
      assertThat(jdbc.queryForList(
          "select pg_get_statisticsobjdef_expressions(oid)::text from pg_statistic_ext where stxrelid = 'act_ru_authorization'::regclass",
          String.class))
          .as("statistics on perms_ & %d", permission)
          .anySatisfy(expressions -> assertThat(expressions).contains("perms_ & " + permission));
    }
  }

  @Test
  void everyStatementIsPlannedWithTheValuesItIsAskedWith() throws Exception {
    if (!TestDatabase.postgres()) {
      return;
    }
    try (Connection connection = dataSource.getConnection()) {
      assertThat(connection.unwrap(PGConnection.class).getPrepareThreshold()).isZero();
    }
  }
}
