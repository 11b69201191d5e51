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
 *   <li>The JDBC driver's {@code prepareThreshold=0}: after five runs of one statement on a connection
 *       the driver prepares it on the server, and PostgreSQL then plans it once for any parameter
 *       values, with the same blind guess (16 s again from the tenth opening of a filter). Unnamed
 *       statements are planned with their values every time. A value in the JDBC URL wins.</li>
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

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
        && pool.getJdbcUrl().startsWith("jdbc:postgresql:")) {
      pool.addDataSourceProperty("prepareThreshold", "0");
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
