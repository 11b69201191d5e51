package org.safeguardflow.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.safeguardflow.simulation.CaseloadSimulator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Benchmark 4, history at scale, with benchmark 6's two sizes. The loader: the caseload simulator
 * drives {@code simulatedChildren} children through a census year of the real product (job executor
 * paused: the simulator runs due jobs itself, as its engine clock moves day by day), then
 * {@link HistoryCloner} copies that seed's rows until the history reaches the first size; everything is
 * measured; more copies reach the second size and everything is measured again. Each measurement goes
 * over HTTP as the demo auditor, as a browser or an inspector's download would: the case timeline and
 * case search (p50/p95 over many cases), then the timeliness report and threshold replay for 6 months,
 * Annex A for 6 months and the CIN census for a year, each with the peak heap during the request and
 * the bytes allocated by the whole JVM while it ran (com.sun.management.ThreadMXBean). A sampler
 * reads pg_stat_activity every 10 ms during each export and writes where the database time went to
 * target/bench/profile-RUN.txt.
 */
final class HistoryBench {

  static final String SECTION = "4 History at scale";
  /** The census year the simulator covers: 1 April 2025 to 31 March 2026. */
  static final int CENSUS_YEAR = 2026;
  static final String SIX_MONTHS_FROM = "2025-10-01";
  static final String SIX_MONTHS_TO = "2026-03-31";

  private final ConfigurableApplicationContext app;
  private final Figures figures;
  private final Bench.Sizes sizes;
  private final JdbcTemplate jdbc;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;
  private final String auditor = "Basic " + Base64.getEncoder().encodeToString("auditor:auditor".getBytes(StandardCharsets.UTF_8));
  private final StringBuilder profile = new StringBuilder();

  HistoryBench(ConfigurableApplicationContext app, Figures figures, Bench.Sizes sizes) {
    this.app = app;
    this.figures = figures;
    this.sizes = sizes;
    this.jdbc = app.getBean(JdbcTemplate.class);
    this.base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
  }

  void run() {
    long loadStart = System.nanoTime();
    simulate();
    double simulated = (System.nanoTime() - loadStart) / 1e9;
    HistoryCloner cloner = new HistoryCloner(jdbc);
    int seedCases = cloner.markSeed(CENSUS_YEAR + "-04-01T00:00:00+01:00");
    long seedRows = cloner.seedRows();
    Bench.log("history seed: %d cases, %d rows, simulated in %.0f s", seedCases, seedRows, simulated);
    figures.add(SECTION, "Seed: simulator, " + seedCases + " cases of a census year", "s", List.of(simulated), null,
        seedRows + " history rows of its own (ACT_HI_* + sf_*); ~" + Math.round(seedCases / Math.max(simulated, 0.001) * 10) / 10.0
            + " cases/s");
    int copies = 0;
    for (String size : List.of("small", "large")) {
      int target = size.equals("small") ? sizes.copiesSmall() : sizes.copiesLarge();
      long start = System.nanoTime();
      long written = 0;
      while (copies < target) {
        copies++;
        written += cloner.copy(copies);
      }
      jdbc.execute("analyze");
      double seconds = (System.nanoTime() - start) / 1e9;
      long rows = historyRows();
      long cases = jdbc.queryForObject("select count(*) from sf_case", Long.class);
      long bytes = jdbc.queryForObject("select pg_database_size(current_database())", Long.class);
      String note = rows + " history rows, " + cases + " cases, database " + bytes / (1024 * 1024) + " MiB";
      Bench.log("history %s: %s (copied %d rows in %.1f s)", size, note, written, seconds);
      figures.add(SECTION, "Load by copying (" + size + ")", "rows/s", List.of(written / Math.max(seconds, 0.001)),
          null, note);
      measure(size, note);
      plans(size, note);
      autoExplain(size);
    }
    try {
      Path file = Path.of("target", "bench", "profile-" + sizes.name() + ".txt");
      Files.createDirectories(file.getParent());
      Files.writeString(file, profile);
      Bench.log("database profile of the exports: %s", file.toAbsolutePath());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void simulate() {
    JobExecutor executor = Bench.configuration(app).getJobExecutor();
    executor.shutdown();
    try {
      Path out = Path.of("target", "bench", "simulation");
      app.getBean(CaseloadSimulator.class).run(new CaseloadSimulator.Options(sizes.simulatedChildren(), CENSUS_YEAR, 1L, out),
          new PrintStream(PrintStream.nullOutputStream()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } finally {
      executor.start();
    }
  }

  private long historyRows() {
    long rows = 0;
    for (String table : jdbc.queryForList("select table_name from information_schema.tables where table_schema = current_schema()"
        + " and (table_name like 'act\\_hi\\_%' or table_name like 'sf\\_%') and table_type = 'BASE TABLE'", String.class)) {
      rows += jdbc.queryForObject("select count(*) from " + table, Long.class);
    }
    return rows;
  }

  private void measure(String size, String note) {
    List<String> refs = jdbc.queryForList("select case_ref from sf_case where opened_at < '" + CENSUS_YEAR
        + "-04-01T00:00:00+01:00'::timestamptz order by random() limit " + sizes.timelineSamples(), String.class);
    latencies("Case timeline GET /api/cases/{ref}/timeline", size, "< 100", note,
        refs.stream().map(ref -> "/api/cases/" + ref + "/timeline").toList());
    List<String> searches = new ArrayList<>();
    for (int i = 0; i < refs.size(); i++) {
      String ref = refs.get(i);
      searches.add(i % 2 == 0 ? "/api/cases?ref=" + ref.substring(0, 11)
          : "/api/cases?child=" + URLEncoder.encode("Simulated", StandardCharsets.UTF_8));
    }
    latencies("Case search GET /api/cases (ref prefix, child name)", size, null, note, searches);
    export("Timeliness report, 6 months", size, null, note,
        "/api/timeliness?from=" + SIX_MONTHS_FROM + "&to=" + SIX_MONTHS_TO);
    export("Threshold replay, 6 months", size, null, note,
        "/api/threshold-replay?from=" + SIX_MONTHS_FROM + "&to=" + SIX_MONTHS_TO);
    export("Annex A, 6 months", size, "< 10 s", note,
        "/api/returns/annex-a?from=" + SIX_MONTHS_FROM + "&to=" + SIX_MONTHS_TO);
    export("CIN census, a year", size, "< 30 s", note, "/api/returns/cin-census?year=" + CENSUS_YEAR);
  }

  /**
   * EXPLAIN (ANALYZE, BUFFERS) of the hot statements of the exports, the timeline and the search, with
   * values from the data, to target/bench/plans-RUN-SIZE.txt: sequential scans show there.
   */
  private void plans(String size, String note) {
    String ref = jdbc.queryForObject("select case_ref from sf_case where opened_at < '" + CENSUS_YEAR
        + "-04-01T00:00:00+01:00'::timestamptz order by (referral_date is null), case_ref desc limit 1", String.class);
    // A referred case where there is one (a smoke run's two children may both end at the front door).
    String process = jdbc.queryForObject("select coalesce((select id_ from act_hi_procinst where business_key_ = ?"
        + " order by start_time_ limit 1), 'none')", String.class, ref);
    String cases = String.join(",", jdbc.queryForList("select quote_literal(case_ref) from sf_case"
        + " where case_ref like 'CR-2025-%' and referral_date is not null order by case_ref limit 500", String.class));
    if (cases.isEmpty()) {
      cases = "''"; // a smoke run's children may all end at the front door
    }
    Map<String, String> statements = new LinkedHashMap<>();
    statements.put("Case search by reference prefix (TimelineCaseSearch)", "select c.case_ref, c.status, c.opened_at,"
        + " c.closed_at, c.allocated_team, c.allocated_worker, ch.first_name, ch.last_name, ch.date_of_birth from sf_case c"
        + " join sf_child ch on ch.id = c.child_id where 1 = 1 and upper(c.case_ref) like 'CR-2025-00%' escape '!'"
        + " order by c.opened_at desc, c.case_ref desc fetch first 50 rows only");
    statements.put("Case search by child name (TimelineCaseSearch)", "select c.case_ref, c.status, c.opened_at,"
        + " c.closed_at, c.allocated_team, c.allocated_worker, ch.first_name, ch.last_name, ch.date_of_birth from sf_case c"
        + " join sf_child ch on ch.id = c.child_id where 1 = 1 and (lower(ch.first_name) like 'zed%' escape '!'"
        + " or lower(ch.last_name) like 'zed%' escape '!') order by c.opened_at desc, c.case_ref desc fetch first 50 rows only");
    statements.put("Episodes.overlapping: every case to the census date, with first contact (CIN census, Annex A)",
        "select c.case_ref, c.referral_date, c.allocated_team, c.allocated_worker, c.closure_reason, ch.id child_id,"
        + " ch.date_of_birth, ch.expected_date_of_birth, ch.sex, ch.ethnicity, (select k.referral_source from sf_contact k"
        + " where k.case_ref = c.case_ref order by k.received_at, k.id fetch first 1 rows only) referral_source,"
        + " (select k.decision from sf_contact k where k.case_ref = c.case_ref and k.decision is not null"
        + " order by k.received_at, k.id fetch first 1 rows only) contact_decision from sf_case c join sf_child ch"
        + " on ch.id = c.child_id where (c.referral_date is null or c.referral_date <= date '2026-03-31')"
        + " and (c.closed_at is null or c.closed_at >= timestamptz '1900-01-01T00:00:00Z')");
    statements.put("Episodes.latestVariables: the latest value of each variable of 500 cases (one batch)",
        "select u.case_ref, u.name_, u.var_type_, u.text_, u.text2_, u.long_, u.double_, b.bytes_"
        + " from (select p.business_key_ case_ref, d.name_, d.var_type_, d.text_, d.text2_, d.long_, d.double_,"
        + " d.bytearray_id_, row_number() over (partition by p.business_key_, d.name_"
        + " order by d.time_ desc, d.sequence_counter_ desc) latest from act_hi_procinst p"
        + " cross join lateral (select * from act_hi_detail d where d.proc_inst_id_ = p.proc_inst_id_"
        + " and d.type_ = 'VariableUpdate' and d.task_id_ is null offset 0) d where p.business_key_ in (" + cases + ")) u"
        + " left join act_ge_bytearray b on b.id_ = u.bytearray_id_ where u.latest = 1");
    statements.put("Timeline: activity instances of one process", "select * from act_hi_actinst where proc_inst_id_ = '"
        + process + "' order by start_time_, sequence_counter_");
    statements.put("Timeline: operation log of one process", "select * from act_hi_op_log where proc_inst_id_ = '"
        + process + "' order by timestamp_");
    statements.put("Threshold replay: decided contacts of 6 months", "select c.case_ref, c.received_at, c.decision,"
        + " k.allocated_team from sf_contact c join sf_case k on k.case_ref = c.case_ref where c.decision is not null and"
        + " c.received_at >= timestamptz '" + SIX_MONTHS_FROM + "T00:00:00+01:00' and c.received_at < timestamptz '"
        + SIX_MONTHS_TO + "T00:00:00+01:00' order by c.received_at, c.id");
    StringBuilder out = new StringBuilder("Plans (" + size + ": " + note + ")\n\n");
    statements.forEach((title, sql) -> {
      out.append("### ").append(title).append("\n\n").append(sql.length() > 400 ? sql.substring(0, 400) + "..." : sql)
          .append("\n\n");
      try {
        jdbc.queryForList("explain (analyze, buffers) " + sql, String.class).forEach(line -> out.append("    ").append(line).append('\n'));
      } catch (RuntimeException e) {
        out.append("    (could not explain: ").append(e.getMessage()).append(")\n");
      }
      out.append('\n');
    });
    try {
      Path file = Path.of("target", "bench", "plans-" + sizes.name() + "-" + size + ".txt");
      Files.writeString(file, out);
      long seqScans = out.toString().lines().filter(l -> l.contains("Seq Scan")).count();
      Bench.log("plans (%s): %s, %d sequential scans", size, file.toAbsolutePath(), seqScans);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * One more, unmeasured pass of the exports and some timelines with auto_explain on (embedded
   * PostgreSQL only): every statement over 100 ms is logged with EXPLAIN (ANALYZE, BUFFERS) to the
   * server's log in target/bench/postgres/, with the engine's own SQL and parameters.
   */
  private void autoExplain(String size) {
    boolean loaded = jdbc.queryForObject("select count(*) from pg_settings where name = 'auto_explain.log_min_duration'",
        Integer.class) > 0;
    if (!loaded) {
      return;
    }
    try {
      setAutoExplain("100ms", "on");
      jdbc.queryForList("select 'auto_explain pass: " + sizes.name() + " " + size + "'", String.class);
      get("/api/returns/cin-census?year=" + CENSUS_YEAR, Duration.ofMinutes(60));
      get("/api/returns/annex-a?from=" + SIX_MONTHS_FROM + "&to=" + SIX_MONTHS_TO, Duration.ofMinutes(60));
      for (String ref : jdbc.queryForList("select case_ref from sf_case where referral_date is not null order by random() limit 3",
          String.class)) {
        get("/api/cases/" + ref + "/timeline", Duration.ofMinutes(2));
      }
    } finally {
      setAutoExplain("-1", "off");
    }
    Bench.log("auto_explain pass (%s) logged to target/bench/postgres/", size);
  }

  private void setAutoExplain(String minDuration, String analyze) {
    Bench.autoExplain(jdbc, minDuration, analyze.equals("on"));
  }

  /** p50 and p95 over the paths, the samples split into three consecutive thirds as repetitions. */
  private void latencies(String name, String size, String goal, String note, List<String> paths) {
    get(paths.get(0), Duration.ofMinutes(2)); // warm
    List<Double> samples = new ArrayList<>();
    DatabaseSampler sampler = new DatabaseSampler(jdbc);
    sampler.start();
    for (String path : paths) {
      long start = System.nanoTime();
      get(path, Duration.ofMinutes(2));
      samples.add((System.nanoTime() - start) / 1e6);
    }
    sampler.stop();
    profile.append("== ").append(name).append(" (").append(size).append(", ").append(note).append("): ")
        .append(paths.size()).append(" requests\n").append(sampler.report()).append('\n');
    List<Double> p50 = new ArrayList<>();
    List<Double> p95 = new ArrayList<>();
    int third = Math.max(1, samples.size() / 3);
    for (int r = 0; r < 3 && r * third < samples.size(); r++) {
      List<Double> part = samples.subList(r * third, Math.min(samples.size(), (r + 1) * third));
      p50.add(Figures.percentile(part, 50));
      p95.add(Figures.percentile(part, 95));
    }
    figures.add(SECTION, name + " p50 (" + size + ")", "ms", p50, goal, samples.size() + " requests; " + note);
    figures.add(SECTION, name + " p95 (" + size + ")", "ms", p95, goal, samples.size() + " requests; " + note);
    Bench.log("%s (%s): p50 %.1f ms, p95 %.1f ms", name, size, Figures.percentile(samples, 50), Figures.percentile(samples, 95));
  }

  /**
   * One export, repeated: seconds, peak heap (sum of the heap pools' peaks after a GC and a reset) and
   * bytes allocated. A repetition slower than the budget ends the repetitions (a full run must end).
   */
  private void export(String name, String size, String goal, String note, String path) {
    List<Double> seconds = new ArrayList<>();
    List<Double> peakMiB = new ArrayList<>();
    List<Double> allocatedMiB = new ArrayList<>();
    List<Double> liveMiB = new ArrayList<>();
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Duration timeout = Duration.ofMinutes(sizes.name().equals("full") ? 60 : 10);
    for (int rep = 0; rep < sizes.repetitions(); rep++) {
      System.gc();
      List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP).toList();
      heap.forEach(MemoryPoolMXBean::resetPeakUsage);
      long allocatedBefore = threads.getTotalThreadAllocatedBytes();
      LiveHeap live = LiveHeap.watch();
      DatabaseSampler sampler = new DatabaseSampler(jdbc);
      sampler.start();
      long start = System.nanoTime();
      int status = get(path, timeout);
      double took = (System.nanoTime() - start) / 1e9;
      sampler.stop();
      liveMiB.add(live.stop() / (1024.0 * 1024));
      long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
      seconds.add(took);
      peakMiB.add(peak / (1024.0 * 1024));
      allocatedMiB.add((threads.getTotalThreadAllocatedBytes() - allocatedBefore) / (1024.0 * 1024));
      if (rep == 0) {
        profile.append("== ").append(name).append(" (").append(size).append(", ").append(note).append("): ")
            .append(String.format("%.2f s, HTTP %d%n", took, status)).append(sampler.report()).append('\n');
      }
      if (took > 120 && rep + 1 < sizes.repetitions()) {
        Bench.log("%s (%s) took %.0f s: no further repetitions", name, size, took);
        break;
      }
    }
    figures.add(SECTION, name + " (" + size + ")", "s", seconds, goal, note);
    figures.add(SECTION, name + ", heap after GC, max (" + size + ")", "MiB", liveMiB, "< 512 (30,000 children)",
        "whole JVM: most heap still in use after any GC during the request (live set; the idle app is about 90)");
    figures.add(SECTION, name + ", peak heap used (" + size + ")", "MiB", peakMiB, null,
        "whole JVM, garbage included (1 GiB heap lets garbage pile up)");
    figures.add(SECTION, name + ", allocated (" + size + ")", "MiB", allocatedMiB, null, "all threads, during the request");
    Bench.log("%s (%s): %s s, peak heap %s MiB", name, size, seconds, peakMiB);
  }

  private int get(String path, Duration timeout) {
    try {
      HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
          .header("Authorization", auditor).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      if (answer.statusCode() != 200) {
        throw new IllegalStateException("GET " + path + " answered " + answer.statusCode() + ": "
            + new String(answer.body(), StandardCharsets.UTF_8));
      }
      return answer.statusCode();
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("GET " + path, e);
    }
  }

  /**
   * The most heap in use right after any garbage collection while watching: what the work kept alive
   * (after the System.gc() before each request, at least the idle application's live set).
   */
  static final class LiveHeap implements javax.management.NotificationListener {
    private final java.util.concurrent.atomic.AtomicLong max = new java.util.concurrent.atomic.AtomicLong();
    private final List<javax.management.NotificationEmitter> emitters = new ArrayList<>();

    static LiveHeap watch() {
      LiveHeap watcher = new LiveHeap();
      watcher.max.set(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
      for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        if (gc instanceof javax.management.NotificationEmitter emitter) {
          emitter.addNotificationListener(watcher, null, null);
          watcher.emitters.add(emitter);
        }
      }
      return watcher;
    }

    @Override
    public void handleNotification(javax.management.Notification notification, Object handback) {
      if (com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
        var info = com.sun.management.GarbageCollectionNotificationInfo.from(
            (javax.management.openmbean.CompositeData) notification.getUserData());
        long after = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
          var usage = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
          if (pool.getType() == MemoryType.HEAP && usage != null) {
            after += usage.getUsed();
          }
        }
        max.accumulateAndGet(after, Math::max);
      }
    }

    long stop() {
      for (var emitter : emitters) {
        try {
          emitter.removeNotificationListener(this);
        } catch (javax.management.ListenerNotFoundException ignored) {
          // already gone
        }
      }
      return max.get();
    }
  }

  /**
   * A sampling profile of the database: every 10 ms, the statements other sessions are running
   * (pg_stat_activity), counted by text. Statements seen in many samples are where the time goes.
   */
  static final class DatabaseSampler {
    private final JdbcTemplate jdbc;
    private final Map<String, Integer> seen = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private int samples;

    DatabaseSampler(JdbcTemplate jdbc) {
      this.jdbc = jdbc;
      this.thread = new Thread(this::sample, "bench-db-sampler");
      this.thread.setDaemon(true);
    }

    void start() {
      thread.start();
    }

    void stop() {
      running.set(false);
      try {
        thread.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private void sample() {
      while (running.get()) {
        try {
          for (String query : jdbc.queryForList("select query from pg_stat_activity where state = 'active'"
              + " and pid <> pg_backend_pid() and datname = current_database()", String.class)) {
            seen.merge(query.replaceAll("\\s+", " ").trim(), 1, Integer::sum);
          }
          samples++;
          Thread.sleep(10);
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          // A sample lost to a busy pool is not worth failing the benchmark for.
        }
      }
    }

    String report() {
      List<Map.Entry<String, Integer>> top = new ArrayList<>(seen.entrySet());
      top.sort(Collections.reverseOrder(Map.Entry.comparingByValue()));
      StringBuilder out = new StringBuilder(samples + " samples; statements seen active (share of samples):\n");
      for (Map.Entry<String, Integer> entry : top.subList(0, Math.min(8, top.size()))) {
        String sql = entry.getKey();
        out.append(String.format("  %5.1f%%  %s%n", 100.0 * entry.getValue() / Math.max(1, samples),
            sql.length() > 600 ? sql.substring(0, 600) + "..." : sql));
      }
      return out.toString();
    }
  }
}
