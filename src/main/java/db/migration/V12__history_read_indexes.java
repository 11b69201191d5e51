package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Indexes for the searches that read every child or case the council has ever known, chosen from
 * {@code EXPLAIN (ANALYZE, BUFFERS)} on 300,000 children and cases (bench/RESULTS.md shows the plans
 * before and after; each was a parallel sequential scan):
 * <ul>
 *   <li>{@code lower(last_name)}: the front door's exact match of a child without an NHS number
 *       ({@code lower(last_name) = lower(?)}, CaseRecords.findOrRegisterChild), run for every contact
 *       (25.7 ms to 0.02 ms), and case search by surname prefix;</li>
 *   <li>{@code lower(first_name)}: case search by first-name prefix (the OR of both names becomes a
 *       bitmap OR of the two indexes: 189 ms to 0.4 ms);</li>
 *   <li>{@code upper(case_ref)}: case search by reference prefix (148 ms to 0.2 ms).</li>
 * </ul>
 * Pattern operator classes ({@code text_pattern_ops}) serve both {@code like 'abc%'} and equality
 * whatever the database's collation. PostgreSQL only: H2 has no expression indexes, and the embedded
 * H2 default never holds a decade of cases. A Java migration so that one version number serves both.
 */
public class V12__history_read_indexes extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    boolean postgres = context.getConnection().getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
    try (Statement sql = context.getConnection().createStatement()) {
      if (postgres) {
        sql.execute("create index sf_case_ref_prefix on sf_case (upper(case_ref) text_pattern_ops)");
        sql.execute("create index sf_child_first_name_prefix on sf_child (lower(first_name) text_pattern_ops)");
        sql.execute("create index sf_child_last_name_prefix on sf_child (lower(last_name) text_pattern_ops)");
      }
    }
  }
}
