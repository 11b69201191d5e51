import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.*;
import java.nio.file.*;

/**
 * The before/after plans of V12 (src/main/java/db/migration/V12__history_read_indexes.java) on 300,000
 * synthetic children, cases and contacts (generate_series), in a throwaway embedded PostgreSQL:
 * {@code java -cp "$(cat target/bench/classpath.txt)" bench/IndexCheck.java} after one bin/bench run
 * (which writes the classpath), from the project root; plans to target/bench/index-check.txt. The
 * index statements below repeat V12's and must be kept the same.
 */
public class IndexCheck {
  public static void main(String[] a) throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start(); Connection c = pg.getPostgresDatabase().getConnection()) {
      Statement s = c.createStatement();
      for (String f : new String[] {"V1__front_door.sql", "V2__allocation.sql"}) {
        s.execute(Files.readString(Path.of("src/main/resources/db/migration/" + f)));
      }
      // 300,000 children and cases with one contact each: a decade of a large council's front door.
      s.execute("insert into sf_child (first_name, last_name, date_of_birth, sex, created_at) select"
          + " (array['Amy','Leo','Ella','Noah','Mia','Jack','Lily','Oscar'])[1 + g % 8], 'Name' || md5(g::text),"
          + " date '2008-01-01' + (g % 6000), 'F', now() - (g || ' minutes')::interval from generate_series(1, 300000) g");
      s.execute("insert into sf_case (case_ref, child_id, status, opened_at) select 'CR-' || (2016 + g % 10) || '-' ||"
          + " lpad((g / 10)::text, 6, '0'), g, 'CLOSED', now() - (g || ' minutes')::interval from generate_series(1, 300000) g");
      s.execute("insert into sf_contact (case_ref, received_at, referral_source, referrer_name, concerns, immediate_danger,"
          + " significant_harm_suspected, needs_met_by_universal_services, agencies_needed, family_consents, submitted_by,"
          + " created_at, decision) select case_ref, opened_at, '2A', 'x', 'x', false, false, false, 1, true, 'p', opened_at, 'NFA' from sf_case");
      s.execute("analyze");
      String[][] q = {
        {"Front door: a child without an NHS number (CaseRecords.findOrRegisterChild)",
         "select id from sf_child where lower(first_name) = lower('Amy') and lower(last_name) = lower('Name' || md5('1234'))"
             + " and date_of_birth = date '2008-01-01' + 1234 order by id"},
        {"Case search by reference prefix", "select c.case_ref, c.opened_at, ch.first_name, ch.last_name from sf_case c join sf_child ch"
             + " on ch.id = c.child_id where upper(c.case_ref) like 'CR-2025-0012%' escape '!' order by c.opened_at desc, c.case_ref desc fetch first 50 rows only"},
        {"Case search by child name", "select c.case_ref, c.opened_at, ch.first_name, ch.last_name from sf_case c join sf_child ch"
             + " on ch.id = c.child_id where (lower(ch.first_name) like 'namea1b%' escape '!' or lower(ch.last_name) like 'namea1b%' escape '!')"
             + " order by c.opened_at desc, c.case_ref desc fetch first 50 rows only"},
        {"Episodes: a case's first contact", "select k.referral_source from sf_contact k where k.case_ref = 'CR-2020-001234'"
             + " order by k.received_at, k.id fetch first 1 rows only"}};
      StringBuilder out = new StringBuilder();
      for (String phase : new String[] {"BEFORE V12", "AFTER V12"}) {
        if (phase.startsWith("AFTER")) {
          s.execute("create index sf_case_ref_prefix on sf_case (upper(case_ref) text_pattern_ops)");
          s.execute("create index sf_child_first_name_prefix on sf_child (lower(first_name) text_pattern_ops)");
          s.execute("create index sf_child_last_name_prefix on sf_child (lower(last_name) text_pattern_ops)");
          s.execute("analyze");
        }
        for (String[] x : q) {
          out.append("#### ").append(x[0]).append(" — ").append(phase).append("\n\n");
          for (int warm = 0; warm < 2; warm++) s.executeQuery("explain (analyze, buffers) " + x[1]).close();
          ResultSet r = s.executeQuery("explain (analyze, buffers) " + x[1]);
          while (r.next()) out.append("    ").append(r.getString(1)).append('\n');
          out.append('\n');
        }
      }
      Files.createDirectories(Path.of("target", "bench"));
      Files.writeString(Path.of("target", "bench", "index-check.txt"), out);
    }
  }
}
