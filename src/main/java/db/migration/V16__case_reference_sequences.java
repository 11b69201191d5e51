package db.migration;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Case references come from one database sequence per year ({@code sf_case_ref_2026}, see
 * {@code CaseRecords.nextCaseRef}) instead of the counter table {@code sf_case_ref_counter}, whose
 * row lock was held to the end of every contact's transaction and so numbered all contacts one
 * after another (bench/RESULTS.md). Each year already counted continues after the higher of its
 * counter and the highest reference already given, so no reference is given twice; the counter
 * table is then dropped. A Java migration because the sequences to create depend on the data.
 */
public class V16__case_reference_sequences extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    Map<Integer, Long> lastNumber = new TreeMap<>();
    try (Statement sql = context.getConnection().createStatement()) {
      try (ResultSet rows = sql.executeQuery("select ref_year, last_number from sf_case_ref_counter")) {
        while (rows.next()) {
          lastNumber.merge(rows.getInt(1), rows.getLong(2), Math::max);
        }
      }
      // References look like CR-2026-000042 (CaseRecords.CASE_REF).
      try (ResultSet rows = sql.executeQuery("select case_ref from sf_case")) {
        while (rows.next()) {
          String ref = rows.getString(1);
          if (ref != null && ref.matches("CR-\\d{4}-\\d{6}")) {
            lastNumber.merge(Integer.parseInt(ref.substring(3, 7)), Long.parseLong(ref.substring(8)), Math::max);
          }
        }
      }
      for (Map.Entry<Integer, Long> year : lastNumber.entrySet()) {
        sql.execute("create sequence sf_case_ref_" + year.getKey() + " start with " + (year.getValue() + 1));
      }
      sql.execute("drop table sf_case_ref_counter");
    }
  }
}
