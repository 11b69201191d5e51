package org.safeguardflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
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
  void everyStatementIsPlannedWithTheValuesItIsAskedWithEvenOnceThePoolHasPreparedIt() throws Exception {
    if (!TestDatabase.postgres()) {
      return;
    }
    try (Connection connection = dataSource.getConnection()) {
      // A manager opens her team's open tasks a dozen times in a morning on the same pooled
      // connection: from the fifth run the driver prepares the statement on the server...
      try (PreparedStatement openTasks = connection.prepareStatement(
          "select count(*) from act_ru_authorization where resource_type_ = ? and (perms_ & ?) = ?")) {
        for (int opening = 0; opening < 12; opening++) {
          openTasks.setInt(1, 7);
          openTasks.setInt(2, 64);
          openTasks.setInt(3, 64);
          try (ResultSet count = openTasks.executeQuery()) {
            count.next();
          }
        }
        // ...and PostgreSQL still plans it with the values asked each time, never once for any values.
        try (var plans = connection.createStatement();
            ResultSet prepared = plans.executeQuery("select generic_plans, custom_plans from pg_prepared_statements"
                + " where statement like '%perms_ & $2%'")) {
          assertThat(prepared.next()).as("the driver prepared the statement on the server").isTrue();
          assertThat(prepared.getLong("generic_plans")).isZero();
          assertThat(prepared.getLong("custom_plans")).isGreaterThanOrEqualTo(7);
        }
      }
    }
  }
}
