package org.safeguardflow.system;

import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Lets PostgreSQL plan the engine's authorization-checked queries (Tasklist's shared filters, the
 * history an auditor reads) from what the tables hold. Nothing changes on other databases.
 *
 * <p>Measured (bench/RESULTS.md, section 5): with 20,000 open tasks, 10,000 of them the front door's,
 * counting "My team's tasks" as the team manager took 18.9 s. Camunda joins the task to the caller's
 * authorizations {@code ON AUTH.RESOURCE_ID_ IN (RES.ID_, D.KEY_, '*')} and filters them with
 * {@code PERMS_ & ? = ?}; PostgreSQL has no statistics for that expression, guessed 51 authorizations
 * instead of 10,235, and compared every task with every authorization (104 million rows removed by
 * the join filter). Two causes, two settings:
 *
 * <ul>
 *   <li>Statistics on the permission bits the engine checks ({@code CREATE STATISTICS} on
 *       {@code PERMS_ & n}, PostgreSQL 14 or later), so the planner knows how many of the caller's
 *       authorizations a check keeps and probes the authorization index once per task instead
 *       (290 ms). They are made after the engine has created its tables, hence here and not by Flyway
 *       (Flyway runs before the engine: system/StartupOrder).</li>
 *   <li>{@code plan_cache_mode = force_custom_plan} on every connection of the pool (PostgreSQL 12
 *       or later): after five runs of one statement on a connection the JDBC driver prepares it on
 *       the server, and PostgreSQL would then plan it once for any parameter values, with the same
 *       blind guess (16 s again from the tenth opening of a filter). With this setting a prepared
 *       statement is still planned with the values of each run, while its parsing is done once per
 *       connection. (Until the third pass the driver's {@code prepareThreshold=0} kept every
 *       statement unnamed for the same reason; parsing every statement afresh then cost PostgreSQL
 *       about 20 of its 78 ms of CPU per decided contact: bench/RESULTS.md, third pass.) A
 *       {@code spring.datasource.hikari.connection-init-sql} of one's own wins.</li>
 * </ul>
 */
@Component
class PostgresQueryPlans extends AbstractProcessEnginePlugin implements BeanPostProcessor {

  private static final Logger log = LoggerFactory.getLogger(PostgresQueryPlans.class);

  /**
   * The permissions the engine's read checks test ({@code Permissions} READ 2, READ_TASK 64,
   * READ_INSTANCE 512, READ_HISTORY 4096; the historic task and process instance READ is also 2).
   */
  static final List<Integer> CHECKED_PERMISSIONS = List.of(2, 64, 512, 4096);

  /**
   * Run on each new connection: plans with the values asked, also for statements prepared on the
   * server. A no-op before PostgreSQL 12, which has no such setting (and plans the same way).
   */
  static final String CUSTOM_PLANS = "select set_config('plan_cache_mode', 'force_custom_plan', false)"
      + " where current_setting('server_version_num')::int >= 120000";

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
        && pool.getJdbcUrl().startsWith("jdbc:postgresql:") && pool.getConnectionInitSql() == null) {
      pool.setConnectionInitSql(CUSTOM_PLANS);
    }
    return bean;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    DataSource dataSource = engine.getProcessEngineConfiguration().getDataSource();
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    try {
      String product = jdbc.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName());
      if (!"PostgreSQL".equals(product)) {
        return;
      }
      Integer version = jdbc.queryForObject("select current_setting('server_version_num')::int", Integer.class);
      if (version == null || version < 140000) {
        log.warn("PostgreSQL {} has no expression statistics (14 or later): Tasklist's filters stay slow with many open tasks",
            version);
        return;
      }
      boolean created = false;
      for (int permission : CHECKED_PERMISSIONS) {
        String name = "act_ru_authorization_perms_" + permission;
        boolean exists = jdbc.queryForObject("select count(*) from pg_statistic_ext where stxname = ?", Integer.class, name) > 0;
        if (!exists) {
          jdbc.execute("create statistics if not exists " + name + " on (perms_ & " + permission + ") from act_ru_authorization");
          created = true;
        }
      }
      if (created) {
        // Statistics objects are filled by the next ANALYZE; autovacuum may be hours away.
        jdbc.execute("analyze act_ru_authorization");
        log.info("Statistics on the authorization permission bits {} created", CHECKED_PERMISSIONS);
      }
    } catch (RuntimeException notPermitted) {
      // Another node made them at the same moment, or the role may not: the product works, only slower.
      log.warn("Statistics on the authorization permission bits not created: {}", notPermitted.getMessage());
    }
  }
}
