package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Indexes for reading history at scale, chosen from {@code EXPLAIN (ANALYZE, BUFFERS)} of the hot
 * statements under the benchmark's history (bench/RESULTS.md shows the plans before and after):
 * <ul>
 *   <li>{@code sf_contact (case_ref, received_at, id)}: a case's first contact and first decided
 *       contact (Episodes, for the CIN census and Annex A) are read once per case, in that order;
 *       the index hands the first row over without sorting the case's contacts;</li>
 *   <li>{@code sf_case (opened_at, case_ref)}: case search answers newest first, 50 at most; read
 *       backwards, the index stops after 50 matches instead of sorting every case;</li>
 *   <li>on PostgreSQL only (expression indexes with pattern operators; H2 has neither): prefix
 *       search on the case reference and on the child's first and last names, as the search asks
 *       for them ({@code upper(case_ref) like 'CR-2025%'}, {@code lower(last_name) like 'smi%'}).</li>
 * </ul>
 * A Java migration because the PostgreSQL-only part must not run on H2, and one version number
 * serves both databases.
 */
public class V12__history_read_indexes extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    boolean postgres = context.getConnection().getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
    try (Statement sql = context.getConnection().createStatement()) {
      sql.execute("create index sf_contact_case_received on sf_contact (case_ref, received_at, id)");
      sql.execute("create index sf_case_opened on sf_case (opened_at, case_ref)");
      if (postgres) {
        sql.execute("create index sf_case_ref_prefix on sf_case (upper(case_ref) text_pattern_ops)");
        sql.execute("create index sf_child_first_name_prefix on sf_child (lower(first_name) text_pattern_ops)");
        sql.execute("create index sf_child_last_name_prefix on sf_child (lower(last_name) text_pattern_ops)");
      }
    }
  }
}
