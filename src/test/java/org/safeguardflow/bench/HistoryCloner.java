package org.safeguardflow.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The fast history loader (PostgreSQL only): the caseload simulator drives a small year of real cases
 * through the product once (the seed), then each copy duplicates the seed's rows with INSERT ...
 * SELECT: every ACT_HI_* row of the seed's process instances and every sf_* row of the seed's cases,
 * with new engine ids (the old id plus {@code -c<copy>}), new case references (the next free numbers
 * of the same year, so that a copy is another child of the same council and period), new sf_* ids
 * (plus copy x 10^9) and child surnames made distinct by a suffix in letters. Dates are kept: copies
 * make a larger council's year, which is what the returns and reports must cope with.
 *
 * <p>Tables and columns are read from the database catalogue, so tables that later migrations add
 * (any sf_* table with a case_ref column) are copied too. Byte arrays (ACT_GE_BYTEARRAY) are shared by
 * the copies, not duplicated: history only reads them.
 */
final class HistoryCloner {

  static final long ID_STRIDE = 1_000_000_000L;

  private final JdbcTemplate jdbc;

  HistoryCloner(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Marks the cases present now (opened before {@code seedOpenedBefore}) as the seed to copy from. */
  int markSeed(String seedOpenedBefore) {
    jdbc.execute("drop table if exists bench_seed_case");
    jdbc.execute("drop table if exists bench_seed_proc");
    jdbc.execute("create table bench_seed_case as select case_ref, child_id from sf_case where opened_at < '"
        + seedOpenedBefore + "'::timestamptz");
    jdbc.execute("create table bench_seed_proc as select id_ from act_hi_procinst where business_key_ in"
        + " (select case_ref from bench_seed_case)");
    jdbc.execute("create index on bench_seed_proc (id_)");
    return jdbc.queryForObject("select count(*) from bench_seed_case", Integer.class);
  }

  /** The seed's own history rows: what each copy writes. */
  long seedRows() {
    long rows = jdbc.queryForObject("select count(*) from sf_child where id in (select child_id from bench_seed_case)", Long.class);
    for (String table : jdbc.queryForList("select distinct table_name from information_schema.columns where table_schema = current_schema()"
        + " and table_name like 'sf\\_%' and column_name = 'case_ref'", String.class)) {
      rows += jdbc.queryForObject("select count(*) from " + table + " where case_ref in (select case_ref from bench_seed_case)", Long.class);
    }
    for (String table : historyTables()) {
      if (columns(table).contains("proc_inst_id_")) {
        rows += jdbc.queryForObject("select count(*) from " + table + " where proc_inst_id_ in (select id_ from bench_seed_proc)", Long.class);
      }
    }
    return rows;
  }

  /** Writes one copy of the seed; returns the rows written. */
  long copy(int copy) {
    String suffix = "-c" + copy;
    long offset = copy * ID_STRIDE;
    jdbc.execute("drop table if exists bench_case_map");
    // The next free numbers of each year: CR-YYYY-NNNNNN.
    jdbc.execute("create table bench_case_map as select s.case_ref as old_ref, 'CR-' || substr(s.case_ref, 4, 4) || '-' ||"
        + " lpad((m.last_number + row_number() over (partition by substr(s.case_ref, 4, 4) order by s.case_ref))::text, 6, '0')"
        + " as new_ref from bench_seed_case s join (select substr(case_ref, 4, 4) as y, max(substr(case_ref, 9)::int) as last_number"
        + " from sf_case group by substr(case_ref, 4, 4)) m on m.y = substr(s.case_ref, 4, 4)");
    jdbc.execute("create unique index on bench_case_map (old_ref)");
    long rows = 0;
    // Our tables first (their foreign keys point at sf_child and sf_case), then the engine's history.
    rows += jdbc.update(insertSelect("sf_child", copy, offset, suffix, "where t.id in (select child_id from bench_seed_case)"));
    rows += jdbc.update(insertSelect("sf_case", copy, offset, suffix, "where t.case_ref in (select case_ref from bench_seed_case)"));
    for (String table : jdbc.queryForList("select distinct table_name from information_schema.columns where table_schema = current_schema()"
        + " and table_name like 'sf\\_%' and column_name = 'case_ref' and table_name not in ('sf_case') order by table_name", String.class)) {
      rows += jdbc.update(insertSelect(table, copy, offset, suffix, "where t.case_ref in (select case_ref from bench_seed_case)"));
    }
    for (String table : historyTables()) {
      List<String> columns = columns(table);
      String where;
      if (columns.contains("proc_inst_id_")) {
        where = "where t.proc_inst_id_ in (select id_ from bench_seed_proc)";
      } else if (columns.contains("dec_inst_id_")) {
        where = "where t.dec_inst_id_ in (select id_ from act_hi_decinst where proc_inst_id_ in (select id_ from bench_seed_proc))";
      } else {
        continue; // batches, case instances: not a case's history
      }
      rows += jdbc.update(insertSelect(table, copy, offset, suffix, where));
    }
    // New contacts must not take a copied reference: each year's sequence continues after the highest copy.
    for (var year : jdbc.queryForList("select substr(case_ref, 4, 4)::int as y, max(substr(case_ref, 9)::int) as n"
        + " from sf_case group by 1")) {
      int refYear = ((Number) year.get("y")).intValue();
      String sequence = org.safeguardflow.casework.CaseRecords.sequenceOf(refYear);
      jdbc.execute("create sequence if not exists " + sequence);
      jdbc.queryForList("select setval('" + sequence + "', greatest((select last_value from " + sequence + "), ?))",
          ((Number) year.get("n")).longValue());
    }
    return rows;
  }

  private List<String> historyTables() {
    return jdbc.queryForList("select table_name from information_schema.tables where table_schema = current_schema()"
        + " and table_name like 'act\\_hi\\_%' and table_type = 'BASE TABLE' order by table_name", String.class);
  }

  private List<String> columns(String table) {
    return jdbc.queryForList("select column_name from information_schema.columns where table_schema = current_schema()"
        + " and table_name = ? order by ordinal_position", String.class, table);
  }

  private String insertSelect(String table, int copy, long offset, String suffix, String where) {
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (Map<String, Object> column : jdbc.queryForList("select column_name, data_type, character_maximum_length"
        + " from information_schema.columns where table_schema = current_schema() and table_name = ? order by ordinal_position",
        table)) {
      String name = (String) column.get("column_name");
      String type = (String) column.get("data_type");
      Number length = (Number) column.get("character_maximum_length");
      names.add(name);
      values.add(value(table, name, type, length == null ? 4000 : length.intValue(), copy, offset, suffix));
    }
    return "insert into " + table + " (" + String.join(", ", names) + ") select " + String.join(", ", values)
        + " from " + table + " t " + where;
  }

  /** How one column of a copied row is written. */
  static String value(String table, String name, String type, int maxLength, int copy, long offset, String suffix) {
    String column = "t." + name;
    boolean text = type.contains("char") || type.equals("text");
    boolean engine = table.startsWith("act_");
    if (name.equals("case_ref") || name.equals("business_key_")) {
      return "coalesce((select m.new_ref from bench_case_map m where m.old_ref = " + column + "), " + column + ")";
    }
    if (engine && text && isEngineId(name)) {
      return suffixed(column, maxLength, suffix);
    }
    if (engine && (name.equals("text_") || name.equals("text2_")) && table.matches("act_hi_(varinst|detail)")) {
      return "case when " + column + " ~ '^CR-[0-9]{4}-[0-9]{6}$' then coalesce((select m.new_ref from bench_case_map m"
          + " where m.old_ref = " + column + "), " + column + ") when t.name_ in ('childId', 'contactId') and " + column
          + " ~ '^[0-9]+$' then (" + column + "::bigint + " + offset + ")::text else " + column + " end";
    }
    if (engine && name.equals("long_") && table.matches("act_hi_(varinst|detail)")) {
      return "case when t.name_ in ('childId', 'contactId') then " + column + " + " + offset + " else " + column + " end";
    }
    if (!engine && (type.equals("bigint") || type.equals("integer")) && (name.equals("id") || name.endsWith("_id"))) {
      return column + " + " + offset;
    }
    if (!engine && text && name.equals("process_instance_id")) {
      return suffixed(column, 64, suffix);
    }
    if (!engine && text && name.equals("idempotency_key")) {
      return suffixed(column, maxLength, suffix);
    }
    if (table.equals("sf_child") && name.equals("last_name")) {
      return column + " || '-" + PathwayBench.letters(copy).toLowerCase(Locale.ROOT) + "'";
    }
    return column;
  }

  /**
   * The id with the copy's suffix, cut to fit the column: activity instance ids ({@code Task_X:uuid})
   * can fill 64 characters, and the same cut everywhere keeps references between tables intact (the
   * UUID's remaining random bits keep them distinct).
   */
  static String suffixed(String column, int maxLength, String suffix) {
    return "case when " + column + " is null then null else left(" + column + ", " + (maxLength - suffix.length())
        + ") || '" + suffix + "' end";
  }

  /** Engine columns that hold the id of a history row or instance (not of a definition, deployment or byte array). */
  static boolean isEngineId(String name) {
    return name.equals("id_") || name.endsWith("_inst_id_") || name.endsWith("instance_id_")
        || name.equals("execution_id_") || name.endsWith("_execution_id_") || name.equals("task_id_")
        || name.equals("parent_task_id_") || name.equals("job_id_") || name.equals("ext_task_id_")
        || name.endsWith("incident_id_");
  }
}
