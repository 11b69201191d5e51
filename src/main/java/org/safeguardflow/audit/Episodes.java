package org.safeguardflow.audit;

import static org.safeguardflow.casework.Pathway.Var.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.variable.serializer.TypedValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.ValueFields;
import org.camunda.bpm.engine.impl.variable.serializer.VariableSerializers;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.safeguardflow.casework.CaseDates;
import org.safeguardflow.casework.CaseRuleException;
import org.safeguardflow.casework.Pathway;
import org.safeguardflow.casework.protectionplan.ChildProtectionPlanProcess;
import org.safeguardflow.intake.ContactProcess;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads referral episodes for the returns: our tables for the child, the case and the contact that
 * opened it, and the process history of every process of the case (they all share the case
 * reference as business key) for what each stage recorded.
 */
@Component
class Episodes {

  private final JdbcTemplate jdbc;
  private final ProcessEngineConfigurationImpl engineConfiguration;

  Episodes(JdbcTemplate jdbc, ProcessEngineConfigurationImpl engineConfiguration) {
    this.jdbc = jdbc;
    this.engineConfiguration = engineConfiguration;
  }

  /** Every referral episode open on at least one day from {@code from} to {@code to}, by child and referral date. */
  List<Episode> overlapping(LocalDate from, LocalDate to) {
    // A superset by our own columns (closed_at is when a closure was recorded, never before its closure date);
    // the process history then decides.
    List<Row> rows = rows("(c.referral_date is null or c.referral_date <= ?) and (c.closed_at is null or c.closed_at >= ?)",
        List.of(to, from.atStartOfDay(java.time.ZoneOffset.UTC).toOffsetDateTime()));
    return episodes(rows, from, to);
  }

  /**
   * Every referral episode of the given children with a referral on or before {@code to}, whenever it
   * closed: what a return counts back over (earlier referrals, enquiries, plans) for the children it
   * lists. Read for those children only, so its cost grows with the period's children and not with
   * the decades of history the council keeps.
   */
  List<Episode> ofChildrenUpTo(Collection<Long> childIds, LocalDate to) {
    List<Long> ids = new ArrayList<>(new java.util.TreeSet<>(childIds));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += BATCH) {
      List<Long> batch = ids.subList(i, Math.min(ids.size(), i + BATCH));
      List<Object> args = new ArrayList<>();
      args.add(to);
      args.addAll(batch);
      rows.addAll(rows("(c.referral_date is null or c.referral_date <= ?) and c.child_id in ("
          + String.join(",", java.util.Collections.nCopies(batch.size(), "?")) + ")", args));
    }
    return episodes(rows, LocalDate.of(1900, 1, 1), to);
  }

  /** Bounded IN lists keep each query within every database's parameter limit. */
  private static final int BATCH = 500;
  /**
   * Cases whose history is read at once. Only each case's latest values reach the application (some
   * fifty a case), so memory stays that of one batch whatever the return's size; fewer, larger batches
   * mean fewer statements: at 3,030 cases, 500 a batch took Annex A from 5.9 to 3.1 s and the census
   * from 9.3 to 4.2 s against 100, the census's live heap 114 to 135 MiB (bench/RESULTS.md).
   */
  private static final int CASES_PER_READ = 500;

  private List<Row> rows(String where, List<Object> args) {
    return jdbc.query("""
        select c.case_ref, c.referral_date, c.allocated_team, c.allocated_worker, c.closure_reason,
               ch.id child_id, ch.date_of_birth, ch.expected_date_of_birth, ch.sex, ch.ethnicity,
               (select k.referral_source from sf_contact k where k.case_ref = c.case_ref
                 order by k.received_at, k.id fetch first 1 rows only) referral_source,
               (select k.decision from sf_contact k where k.case_ref = c.case_ref and k.decision is not null
                 order by k.received_at, k.id fetch first 1 rows only) contact_decision
          from sf_case c join sf_child ch on ch.id = c.child_id
         where """ + where,
        (rs, n) -> new Row(rs.getString("case_ref"), rs.getObject("referral_date", LocalDate.class),
            rs.getString("allocated_team"), rs.getString("allocated_worker"), rs.getString("closure_reason"),
            new Episode.Child(rs.getLong("child_id"), rs.getObject("date_of_birth", LocalDate.class),
                rs.getObject("expected_date_of_birth", LocalDate.class), rs.getString("sex"), rs.getString("ethnicity")),
            rs.getString("referral_source"), rs.getString("contact_decision")),
        args.toArray());
  }

  /** The rows' episodes that overlap the period, read from history a batch of cases at a time. */
  private List<Episode> episodes(List<Row> rows, LocalDate from, LocalDate to) {
    List<Episode> episodes = new ArrayList<>();
    for (int i = 0; i < rows.size(); i += CASES_PER_READ) {
      List<Row> batch = rows.subList(i, Math.min(rows.size(), i + CASES_PER_READ));
      // Each batch's variables are dropped once its episodes are made: memory stays that of one batch.
      Map<String, Map<String, Object>> variables = latestVariables(batch.stream().map(Row::caseRef).toList());
      Map<String, List<Episode.Assessment>> assessments = assessments(batch.stream().map(Row::caseRef).toList());
      for (Row row : batch) {
        Episode episode = episode(row, variables.getOrDefault(row.caseRef(), Map.of()),
            assessments.getOrDefault(row.caseRef(), List.of()));
        if (episode != null && episode.overlaps(from, to)) {
          episodes.add(episode);
        }
      }
    }
    episodes.sort(Comparator.comparingLong((Episode e) -> e.child().id()).thenComparing(Episode::referralDate)
        .thenComparing(Episode::caseRef));
    return episodes;
  }

  private record Row(String caseRef, LocalDate referralDate, String allocatedTeam, String allocatedWorker,
      String closureReason, Episode.Child child, String referralSource, String contactDecision) {}

  /** Null when the case never became a referral (closed at the front door, or still a contact). */
  private static Episode episode(Row row, Map<String, Object> v, List<Episode.Assessment> runs) {
    LocalDate referralDate = row.referralDate() != null ? row.referralDate() : date(v, REFERRAL_DATE);
    if (referralDate == null) {
      return null;
    }
    String decision = text(v, ContactProcess.Var.CONTACT_DECISION);
    String reason = row.closureReason() != null ? row.closureReason() : text(v, REASON_FOR_CLOSURE);
    LocalDate closure = date(v, CLOSURE_DATE);
    return new Episode(row.caseRef(), row.child(), referralDate,
        row.referralSource() != null ? row.referralSource() : text(v, ContactProcess.Var.REFERRAL_SOURCE),
        row.contactDecision() != null ? row.contactDecision() : decision,
        row.allocatedTeam() != null ? row.allocatedTeam() : text(v, ALLOCATED_TEAM),
        row.allocatedWorker() != null ? row.allocatedWorker() : text(v, ALLOCATED_WORKER),
        closure, closure == null ? null : reason,
        date(v, ASSESSMENT_ACTUAL_START_DATE), date(v, ASSESSMENT_CHILD_SEEN_DATE),
        date(v, ASSESSMENT_AUTHORISATION_DATE), texts(v.get(ASSESSMENT_FACTORS.name())),
        date(v, ASSESSMENT_AUTHORISATION_DATE) == null ? null : text(v, ASSESSMENT_OUTCOME),
        text(v, PRIMARY_NEED_CODE),
        date(v, CIN_PLAN_START_DATE), date(v, CIN_PLAN_END_DATE),
        date(v, S47_ACTUAL_START_DATE), day(v, INITIAL_CPC_TARGET), date(v, DATE_OF_INITIAL_CPC),
        yesNo(v, ICPC_NOT_REQUIRED), text(v, ICPC_OUTCOME),
        date(v, CPP_START_DATE), date(v, CPP_END_DATE),
        text(v, INITIAL_CATEGORY_OF_ABUSE), text(v, LATEST_CATEGORY_OF_ABUSE),
        texts(v.get(ChildProtectionPlanProcess.Var.CPP_REVIEW_DATES.name())).stream().map(LocalDate::parse).sorted().toList(),
        date(v, ChildProtectionPlanProcess.Var.LATEST_CP_VISIT_DATE),
        yesNo(v, ChildProtectionPlanProcess.Var.LATEST_CP_VISIT_CHILD_SEEN_ALONE),
        !runs.isEmpty() || date(v, ASSESSMENT_ACTUAL_START_DATE) == null ? runs
            // Records made without the assessment process (migrated or legacy): the case's one assessment.
            : List.of(new Episode.Assessment(date(v, ASSESSMENT_ACTUAL_START_DATE), date(v, ASSESSMENT_AUTHORISATION_DATE),
                date(v, ASSESSMENT_AUTHORISATION_DATE) == null ? List.of() : texts(v.get(ASSESSMENT_FACTORS.name())))));
  }

  /** The census items of one assessment, each read from that assessment's own process. */
  private static final List<String> ASSESSMENT_ITEMS = List.of(ASSESSMENT_ACTUAL_START_DATE.name(),
      ASSESSMENT_AUTHORISATION_DATE.name(), ASSESSMENT_FACTORS.name(),
      org.safeguardflow.casework.assessment.AssessmentProcess.Var.ASSESSMENT_COMPLETED_AT.name());

  /**
   * Every assessment of each case, oldest first: one per run of the assessment process (an episode
   * that goes from a child in need assessment to a section 47 enquiry runs it again). Each run's
   * items are its own latest values. A run copies the previous run's entries in as the worker's
   * starting point and clears the authorisation when it opens (OpenAssessment), so an open run's
   * start is the day it opened (or the day after the previous run's authorisation, if later: rule
   * 8863) until the worker records one by sending it to the manager. A run that
   * ended without authorisation was withdrawn and is no assessment of the census.
   */
  private Map<String, List<Episode.Assessment>> assessments(Collection<String> caseRefs) {
    Map<String, List<Episode.Assessment>> byCase = new HashMap<>();
    if (caseRefs.isEmpty()) {
      return byCase;
    }
    List<String> refs = new ArrayList<>(caseRefs);
    Map<String, AssessmentRun> runs = new java.util.LinkedHashMap<>();
    List<StoredValue> stored = new ArrayList<>();
    for (int i = 0; i < refs.size(); i += BATCH) {
      List<String> batch = refs.subList(i, Math.min(refs.size(), i + BATCH));
      String keys = String.join(",", java.util.Collections.nCopies(batch.size(), "?"));
      List<Object> args = new ArrayList<>(batch);
      args.addAll(batch);
      jdbc.query(updatesOf(ASSESSMENT_RUNS).replace("?BUSINESS_KEYS?", keys), rs -> {
        String run = rs.getString("run_id");
        runs.computeIfAbsent(run, id -> {
          try {
            return new AssessmentRun(rs.getString("case_ref"), rs.getTimestamp("start_time_"), rs.getTimestamp("end_time_"));
          } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
          }
        });
        if (rs.getString("name_") != null) {
          stored.add(new StoredValue(run, rs.getString("name_"), rs.getString("var_type_"), rs.getString("text_"),
              rs.getString("text2_"), rs.getObject("long_", Long.class), rs.getObject("double_", Double.class),
              rs.getBytes("bytes_")));
        }
      }, args.toArray());
    }
    Map<String, Map<String, Object>> values = decode(stored);
    Map<String, LocalDate> lastAuthorised = new HashMap<>();
    // In the order the runs opened (the query's order).
    for (Map.Entry<String, AssessmentRun> entry : runs.entrySet()) {
      AssessmentRun run = entry.getValue();
      Map<String, Object> v = values.getOrDefault(entry.getKey(), Map.of());
      LocalDate authorised = date(v, ASSESSMENT_AUTHORISATION_DATE);
      if (run.ended() != null && authorised == null) {
        continue;
      }
      boolean sent = authorised != null
          || v.get(org.safeguardflow.casework.assessment.AssessmentProcess.Var.ASSESSMENT_COMPLETED_AT.name()) != null;
      LocalDate started = sent ? date(v, ASSESSMENT_ACTUAL_START_DATE) : null;
      if (started == null) {
        started = org.safeguardflow.timescales.StatutoryTimescales.londonDate(run.started());
        // DfE rule 8863 counts the previous assessment's authorisation day as its own: this one starts after it.
        LocalDate previous = lastAuthorised.get(run.caseRef());
        if (previous != null && !started.isAfter(previous)) {
          started = previous.plusDays(1);
        }
      }
      if (authorised != null) {
        lastAuthorised.merge(run.caseRef(), authorised, (a, b) -> a.isAfter(b) ? a : b);
      }
      byCase.computeIfAbsent(run.caseRef(), k -> new ArrayList<>()).add(new Episode.Assessment(started, authorised,
          authorised == null ? List.of() : texts(v.get(ASSESSMENT_FACTORS.name()))));
    }
    byCase.values().forEach(list -> list.sort(Comparator.comparing(Episode.Assessment::actualStartDate)
        .thenComparing(a -> a.authorisationDate() == null ? LocalDate.MAX : a.authorisationDate())));
    return byCase;
  }

  private record AssessmentRun(String caseRef, java.util.Date started, java.util.Date ended) {}

  /**
   * Each assessment run of the cases (business keys given twice), with the latest update of each of
   * its census items by the run itself; a run with none yet comes once with null names. Read run by
   * run ({@link #updatesOf}).
   */
  private static final String ASSESSMENT_RUNS = """
      select p.business_key_ case_ref, p.proc_inst_id_ run_id, p.start_time_, p.end_time_,
             u.name_, u.var_type_, u.text_, u.text2_, u.long_, u.double_, b.bytes_
        from act_hi_procinst p
        left join (select d.proc_inst_id_, d.name_, d.var_type_, d.text_, d.text2_, d.long_, d.double_, d.bytearray_id_,
                          row_number() over (partition by d.proc_inst_id_, d.name_
                                             order by d.time_ desc, d.sequence_counter_ desc) latest
                     from act_hi_procinst q
                    ?UPDATES_OF(q)?
                    where q.business_key_ in (?BUSINESS_KEYS?) and q.proc_def_key_ = '?ASSESSMENT_KEY?'
                      and d.name_ in (?ITEMS?)) u
          on u.proc_inst_id_ = p.proc_inst_id_ and u.latest = 1
        left join act_ge_bytearray b on b.id_ = u.bytearray_id_
       where p.business_key_ in (?BUSINESS_KEYS?) and p.proc_def_key_ = '?ASSESSMENT_KEY?'
       order by p.start_time_, p.proc_inst_id_
      """.replace("?ASSESSMENT_KEY?", Pathway.Process.ASSESSMENT)
      .replace("?ITEMS?", "'" + String.join("', '", ASSESSMENT_ITEMS) + "'");

  /**
   * The latest value of each variable of each case, across all its processes. A stage's inputs and
   * outputs are copied across its call activity, so one name is written by several processes; the
   * last write (by time, then by the engine's sequence counter) is the case's. Reading every process
   * of the case is what lets a stage keep what only the returns read (factors, visits, reviews)
   * without giving it back to the referral episode.
   *
   * <p>One set-based statement per batch of cases picks each case's latest update of each name in
   * the database (a window over {@code ACT_HI_DETAIL} joined to the cases' processes) and returns
   * only those rows; the engine's own serializers then decode them, so the values are those its
   * history queries give. Camunda's {@code HistoricDetailQuery} instead returned every update of the
   * cases' processes through a {@code select distinct RES.*} over whole rows with its ordering: 86 %
   * of the database time of Annex A (bench/RESULTS.md). It reads no authorizations: only auditors and
   * service managers reach the returns (ApiSecurity), and both may read every case's history
   * (RoleGrants).
   */
  private Map<String, Map<String, Object>> latestVariables(Collection<String> caseRefs) {
    Map<String, Map<String, Object>> latest = new HashMap<>();
    if (caseRefs.isEmpty()) {
      return latest;
    }
    List<String> refs = new ArrayList<>(caseRefs);
    List<StoredValue> stored = new ArrayList<>();
    for (int i = 0; i < refs.size(); i += BATCH) {
      List<String> batch = refs.subList(i, Math.min(refs.size(), i + BATCH));
      stored.addAll(jdbc.query(updatesOf(LATEST_UPDATES).replace("?BUSINESS_KEYS?",
              String.join(",", java.util.Collections.nCopies(batch.size(), "?"))),
          (rs, n) -> new StoredValue(rs.getString("case_ref"), rs.getString("name_"), rs.getString("var_type_"),
              rs.getString("text_"), rs.getString("text2_"), rs.getObject("long_", Long.class),
              rs.getObject("double_", Double.class), rs.getBytes("bytes_")),
          batch.toArray()));
    }
    return decode(stored);
  }

  /** The stored values decoded by the engine's own serializers, by key (case or run) and name. */
  private Map<String, Map<String, Object>> decode(List<StoredValue> stored) {
    Map<String, Map<String, Object>> latest = new HashMap<>();
    if (stored.isEmpty()) {
      return latest;
    }
    // The serializers of object values (JSON lists) expect to run inside an engine command.
    return engineConfiguration.getCommandExecutorTxRequired().execute(context -> {
      VariableSerializers serializers = engineConfiguration.getVariableSerializers();
      for (StoredValue value : stored) {
        TypedValueSerializer<?> serializer = serializers.getSerializerByName(value.type());
        TypedValue typed = serializer.readValue(value, true, false);
        latest.computeIfAbsent(value.caseRef(), k -> new HashMap<>()).put(value.name(), typed.getValue());
      }
      return latest;
    });
  }

  /**
   * Each case's latest update of each variable name by its processes (not by their tasks' local
   * scopes), with the value's byte array when it has one. The case reference is every process's
   * business key. Ties in time fall to the higher sequence counter, the engine's order of writing.
   *
   * <p>The updates are read process by process ({@link #updatesOf}).
   */
  private static final String LATEST_UPDATES = """
      select u.case_ref, u.name_, u.var_type_, u.text_, u.text2_, u.long_, u.double_, b.bytes_
        from (select p.business_key_ case_ref, d.name_, d.var_type_, d.text_, d.text2_, d.long_, d.double_,
                     d.bytearray_id_,
                     row_number() over (partition by p.business_key_, d.name_
                                        order by d.time_ desc, d.sequence_counter_ desc) latest
                from act_hi_procinst p
               ?UPDATES_OF(p)?
               where p.business_key_ in (?BUSINESS_KEYS?)) u
        left join act_ge_bytearray b on b.id_ = u.bytearray_id_
       where u.latest = 1
      """;

  /**
   * A statement with each {@code ?UPDATES_OF(p)?} made a join of process {@code p}'s own variable
   * updates as {@code d} (not its tasks' local ones). On PostgreSQL they are read process by process
   * through Camunda's index on {@code ACT_HI_DETAIL.PROC_INST_ID_}: a {@code lateral} subquery that
   * {@code offset 0} keeps from being flattened into a join. Left to itself PostgreSQL hashed a batch's
   * processes and scanned the whole of {@code ACT_HI_DETAIL} for every batch, so a return's cost grew
   * with the years of history held (bench/RESULTS.md, fourth pass: one batch of 500 cases 1.15-1.39 s at
   * 6.5 million history rows, 0.27-0.30 s read by the index). H2, which has no {@code lateral}, joins.
   */
  private String updatesOf(String statement) {
    boolean postgres = "postgres".equals(engineConfiguration.getDatabaseType());
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\?UPDATES_OF\\((\\w+)\\)\\?").matcher(statement);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String p = m.group(1);
      m.appendReplacement(out, postgres
          ? "cross join lateral (select * from act_hi_detail d where d.proc_inst_id_ = " + p + ".proc_inst_id_"
              + " and d.type_ = 'VariableUpdate' and d.task_id_ is null offset 0) d"
          : "join act_hi_detail d on d.proc_inst_id_ = " + p + ".proc_inst_id_"
              + " and d.type_ = 'VariableUpdate' and d.task_id_ is null");
    }
    m.appendTail(out);
    return out.toString();
  }

  /** One stored variable value as the engine wrote it, in the shape its serializers read. */
  private record StoredValue(String caseRef, String name, String type, String textValue, String textValue2,
      Long longValue, Double doubleValue, byte[] byteArrayValue) implements ValueFields {
    @Override public String getName() { return name; }
    @Override public String getTextValue() { return textValue; }
    @Override public String getTextValue2() { return textValue2; }
    @Override public Long getLongValue() { return longValue; }
    @Override public Double getDoubleValue() { return doubleValue; }
    @Override public byte[] getByteArrayValue() { return byteArrayValue; }
    // Read only: the serializers only write when a value is stored.
    @Override public void setTextValue(String v) { throw new UnsupportedOperationException(); }
    @Override public void setTextValue2(String v) { throw new UnsupportedOperationException(); }
    @Override public void setLongValue(Long v) { throw new UnsupportedOperationException(); }
    @Override public void setDoubleValue(Double v) { throw new UnsupportedOperationException(); }
    @Override public void setByteArrayValue(byte[] v) { throw new UnsupportedOperationException(); }
  }

  /** The date, or null when absent or not a date: a return reports what it can read. */
  private static LocalDate date(Map<String, Object> v, org.safeguardflow.variables.Var<LocalDate> variable) {
    try {
      return variable.from(v);
    } catch (CaseRuleException | org.safeguardflow.variables.VariableTypeException notADate) {
      return null;
    }
  }

  /** The date of a moment the engine stored (a deadline), or null when absent or not a moment. */
  private static LocalDate day(Map<String, Object> v, org.safeguardflow.variables.Var<java.util.Date> variable) {
    try {
      java.util.Date moment = variable.from(v);
      return moment == null ? null : CaseDates.of(variable.name(), moment);
    } catch (org.safeguardflow.variables.VariableTypeException notAMoment) {
      return date(v, CaseDates.variable(variable.name()));
    }
  }

  /** The value as text (a code keeps its stored text), or null when absent or blank. */
  private static String text(Map<String, Object> v, org.safeguardflow.variables.Var<?> variable) {
    Object value = v.get(variable.name());
    return value == null || value.toString().isBlank() ? null : value.toString();
  }

  private static Boolean yesNo(Map<String, Object> v, org.safeguardflow.variables.Var<Boolean> variable) {
    return v.get(variable.name()) instanceof Boolean answer ? answer : null;
  }

  private static List<String> texts(Object value) {
    if (value instanceof Collection<?> items) {
      return items.stream().map(String::valueOf).collect(Collectors.toList());
    }
    return List.of();
  }
}
