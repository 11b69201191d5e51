package org.safeguardflow.bench;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.safeguardflow.intake.ContactProcess;
import org.safeguardflow.intake.ContactSubmission;
import org.safeguardflow.intake.FrontDoor;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Benchmark 3, the timer storm, and benchmark 5, Tasklist queries with many open tasks.
 *
 * <p>Each repetition records {@code stormTimers} contacts through {@link FrontDoor} in the same few
 * minutes and leaves them undecided, so that their statutory decision deadlines (end of the next
 * working day, Europe/London, bank holidays skipped) all fall in the same minute. The engine clock is
 * moved past the 09:00 reminders (they fire, not measured), then one second past the deadline: the
 * production job executor fires every deadline timer, each of which records the breach
 * (sf_timescale_breach) and creates the service manager's escalation task. Measured: the time from the
 * clock move until every escalation task exists, and each timer's lateness (escalation task created
 * minus deadline). The clock is never moved back, so the contacts stay overdue.
 *
 * <p>The open tasks pile up (each storm leaves a decision and an escalation per contact); after the
 * first and after the last storm, the shared Tasklist filters are opened as the demo team manager
 * (authorization on), as Tasklist does: the first page of 15 sorted by creation, plus the count.
 */
final class TimerStormBench {

  static final String STORM = "3 Timer storm";
  static final String TASKLIST = "5 Tasklist queries";
  static final List<String> FILTERS = List.of("My team's tasks", "Overdue", "Due today");

  private final Figures figures;
  private final Bench.Sizes sizes;
  private final FrontDoor frontDoor;
  private final TaskService tasks;
  private final HistoryService history;
  private final ManagementService management;
  private final IdentityService identity;
  private final FilterService filters;
  private final JdbcTemplate jdbc;

  TimerStormBench(ConfigurableApplicationContext app, Figures figures, Bench.Sizes sizes) {
    this.figures = figures;
    this.sizes = sizes;
    this.frontDoor = app.getBean(FrontDoor.class);
    this.tasks = app.getBean(TaskService.class);
    this.history = app.getBean(HistoryService.class);
    this.management = app.getBean(ManagementService.class);
    this.identity = app.getBean(IdentityService.class);
    this.filters = app.getBean(FilterService.class);
    this.jdbc = app.getBean(JdbcTemplate.class);
  }

  void run() {
    int n = sizes.stormTimers();
    List<Double> allFired = new ArrayList<>();
    List<Double> p50 = new ArrayList<>();
    List<Double> p99 = new ArrayList<>();
    List<Double> recordRates = new ArrayList<>();
    Map<String, List<List<Double>>> tasklistBySize = new HashMap<>();
    List<Long> openTaskCounts = new ArrayList<>();
    // One contact alone first (not part of any storm): it starts the year's case references if need be.
    Bench.as(identity, "partner", () -> frontDoor.record(contactReceivedNow(), "partner"));
    for (int rep = 0; rep < sizes.stormRepetitions(); rep++) {
      Date repStart = ClockUtil.getCurrentTime();
      long createStart = System.nanoTime();
      java.util.Set<String> stormProcesses = java.util.concurrent.ConcurrentHashMap.newKeySet();
      PathwayBench.parallel(n, sizes.pathwayClients(), i -> stormProcesses.add(Bench.as(identity, "partner",
          () -> frontDoor.record(contactReceivedNow(), "partner")).processInstanceId()));
      recordRates.add(n / ((System.nanoTime() - createStart) / 1e9));
      // This storm's own: the whole-case benchmark moved the engine clock ahead, so its contacts "started" later.
      List<HistoricTaskInstance> decisions = history.createHistoricTaskInstanceQuery()
          .taskDefinitionKey(ContactProcess.Element.MANAGER_DECIDES_CONTACT).startedAfter(minusSecond(repStart)).list()
          .stream().filter(t -> stormProcesses.contains(t.getProcessInstanceId())).toList();
      if (decisions.size() != n) {
        throw new IllegalStateException("Expected " + n + " decision tasks, found " + decisions.size());
      }
      Map<String, Date> deadlineOf = new HashMap<>();
      Date lastReminder = new Date(0);
      Date lastDeadline = new Date(0);
      for (HistoricTaskInstance decision : decisions) {
        deadlineOf.put(decision.getProcessInstanceId(), decision.getDueDate());
        lastReminder = later(lastReminder, decision.getFollowUpDate());
        lastDeadline = later(lastDeadline, decision.getDueDate());
      }
      // The reminders at 09:00 on the due day fire first (not measured).
      moveEngineClockTo(new Date(lastReminder.getTime() + 1000));
      Bench.waitUntil(() -> management.createJobQuery().processDefinitionKey(ContactProcess.KEY).executable().count() == 0,
          Duration.ofMinutes(30), "the reminders to fire");
      // The storm: every deadline passes in the same second.
      // Only this storm's contacts count: one the simulator left undecided may pass its deadline in the same move.
      jdbc.execute("drop table if exists bench_storm");
      jdbc.execute("create table bench_storm (proc_inst_id_ varchar(64) primary key)");
      jdbc.batchUpdate("insert into bench_storm values (?)", deadlineOf.keySet().stream().map(id -> new Object[] {id}).toList());
      moveEngineClockTo(new Date(lastDeadline.getTime() + 1000));
      double millis = Bench.waitUntil(() -> jdbc.queryForObject("select count(*) from act_ru_task t join bench_storm s"
              + " on s.proc_inst_id_ = t.proc_inst_id_ where t.task_def_key_ = ?", Long.class,
              ContactProcess.Element.SERVICE_MANAGER_REVIEWS_OVERDUE) == n,
          Duration.ofMinutes(30), n + " escalation tasks");
      allFired.add(millis / 1000);
      List<Double> lateness = new ArrayList<>();
      for (HistoricTaskInstance escalation : history.createHistoricTaskInstanceQuery()
          .taskDefinitionKey(ContactProcess.Element.SERVICE_MANAGER_REVIEWS_OVERDUE)
          .startedAfter(minusSecond(lastDeadline)).list()) {
        Date due = deadlineOf.get(escalation.getProcessInstanceId());
        if (due != null) {
          lateness.add((escalation.getStartTime().getTime() - due.getTime()) / 1000.0);
        }
      }
      p50.add(Figures.percentile(lateness, 50));
      p99.add(Figures.percentile(lateness, 99));
      Bench.log("storm rep %d: %d timers all fired in %.1f s, lateness p50 %.1f s p99 %.1f s", rep + 1, n,
          millis / 1000, p50.get(rep), p99.get(rep));
      if (rep == 0 || rep == sizes.stormRepetitions() - 1) {
        long open = tasks.createTaskQuery().count();
        openTaskCounts.add(open);
        tasklistBySize.put(rep == 0 ? "small" : "large", tasklist(FRONT_DOOR_MANAGER));
        if (rep == sizes.stormRepetitions() - 1) {
          // Every storm's tasks are the front door's: also a team that holds its own share of the engine's tasks.
          tasklistBySize.put("large, " + OTHER_TEAM_MANAGER, tasklist(OTHER_TEAM_MANAGER));
          explainTasklist();
        }
      }
    }
    String note = n + " contact decision deadlines in the same second, per repetition";
    figures.add(STORM, "Contacts recorded to build the storm (FrontDoor, " + sizes.pathwayClients() + " clients)",
        "contacts/s", recordRates, null, n + " contacts per repetition");
    figures.add(STORM, "Time until all fired and escalation tasks exist", "s", allFired,
        "10,000 within 300 s", note);
    figures.add(STORM, "Lateness per timer, p50", "s", p50, null, "escalation task created − deadline");
    figures.add(STORM, "Lateness per timer, p99", "s", p99, null, "escalation task created − deadline");
    figures.add(STORM, "Timers fired per second", "timers/s",
        allFired.stream().map(s -> n / s).toList(), null, null);
    int sizeIndex = 0;
    for (String size : List.of("small", "large", "large, " + OTHER_TEAM_MANAGER)) {
      List<List<Double>> perFilter = tasklistBySize.get(size);
      if (perFilter == null) {
        continue;
      }
      String user = size.endsWith(OTHER_TEAM_MANAGER) ? OTHER_TEAM_MANAGER : FRONT_DOOR_MANAGER;
      long open = openTaskCounts.get(Math.min(sizeIndex++, openTaskCounts.size() - 1));
      long teams = teamTasks.getOrDefault(size, -1L);
      for (int f = 0; f < FILTERS.size(); f++) {
        List<Double> samples = perFilter.get(f);
        // Repetitions of p50/p95: the samples are split into three consecutive thirds.
        List<Double> reps50 = new ArrayList<>();
        List<Double> reps95 = new ArrayList<>();
        int third = Math.max(1, samples.size() / 3);
        for (int r = 0; r < 3 && r * third < samples.size(); r++) {
          List<Double> part = samples.subList(r * third, Math.min(samples.size(), (r + 1) * third));
          reps50.add(Figures.percentile(part, 50));
          reps95.add(Figures.percentile(part, 95));
        }
        String filterNote = open + " open tasks, " + teams + " of them in \"My team's tasks\"; first page (15) + count, as "
            + user;
        figures.add(TASKLIST, "\"" + FILTERS.get(f) + "\" p50 (" + size + ")", "ms", reps50, "< 200", filterNote);
        figures.add(TASKLIST, "\"" + FILTERS.get(f) + "\" p95 (" + size + ")", "ms", reps95, "< 200", filterNote);
      }
    }
    ClockUtil.reset();
  }

  /** The front door's team manager, whose team holds every storm's contact decisions. */
  static final String FRONT_DOOR_MANAGER = "manager";
  /** A casework team's manager (demo team South): the many-teams case, where a team holds its own share. */
  static final String OTHER_TEAM_MANAGER = "south-manager";

  /** How many tasks "My team's tasks" counts for the user of each measurement. */
  private final Map<String, Long> teamTasks = new HashMap<>();

  /** Opens each shared filter as a team manager: one sample = first page + count, in ms. */
  private List<List<Double>> tasklist(String user) {
    Filter team = filters.createFilterQuery().filterName(FILTERS.get(0)).singleResult();
    long teamCount = Bench.as(identity, user, () -> filters.count(team.getId()));
    teamTasks.put(teamTasks.isEmpty() ? "small" : user.equals(FRONT_DOOR_MANAGER) ? "large" : "large, " + user, teamCount);
    List<List<Double>> perFilter = new ArrayList<>();
    for (String name : FILTERS) {
      Filter filter = filters.createFilterQuery().filterName(name).singleResult();
      List<Double> samples = new ArrayList<>();
      List<Double> pages = new ArrayList<>();
      List<Double> counts = new ArrayList<>();
      for (int i = 0; i < sizes.tasklistSamples() + 2; i++) {
        long start = System.nanoTime();
        long[] parts = new long[2];
        Bench.as(identity, user, () -> {
          long t0 = System.nanoTime();
          filters.listPage(filter.getId(), tasks.createTaskQuery().orderByTaskCreateTime().desc(), 0, 15);
          long t1 = System.nanoTime();
          long count = filters.count(filter.getId());
          parts[0] = t1 - t0;
          parts[1] = System.nanoTime() - t1;
          return count;
        });
        if (i >= 2) { // the first two warm the caches
          samples.add((System.nanoTime() - start) / 1e6);
          pages.add(parts[0] / 1e6);
          counts.add(parts[1] / 1e6);
        }
      }
      perFilter.add(samples);
      Bench.log("tasklist %s as %s: p50 %.1f ms p95 %.1f ms (first page p50 %.1f ms, count p50 %.1f ms)", name, user,
          Figures.percentile(samples, 50), Figures.percentile(samples, 95), Figures.percentile(pages, 50),
          Figures.percentile(counts, 50));
    }
    return perFilter;
  }

  /**
   * Each filter once more, unmeasured, with auto_explain logging every statement's plan (embedded
   * PostgreSQL only) to target/bench/postgres/: where a filter's time goes as open tasks grow.
   */
  private void explainTasklist() {
    if (!Bench.autoExplain(jdbc, "0", true)) {
      return;
    }
    try {
      for (String name : FILTERS) {
        Filter filter = filters.createFilterQuery().filterName(name).singleResult();
        jdbc.queryForList("select 'auto_explain: Tasklist filter " + name.replace("'", "") + "'", String.class);
        Bench.as(identity, "manager", () -> {
          filters.listPage(filter.getId(), tasks.createTaskQuery().orderByTaskCreateTime().desc(), 0, 15);
          return filters.count(filter.getId());
        });
      }
    } finally {
      Bench.autoExplain(jdbc, "-1", false);
    }
  }

  /** Moves the engine's clock (it keeps running from there), as the night passing would. */
  private static void moveEngineClockTo(Date when) {
    ClockUtil.reset();
    ClockUtil.offset(when.getTime() - System.currentTimeMillis());
  }

  private static Date minusSecond(Date date) {
    return new Date(date.getTime() - 1000);
  }

  private static Date later(Date a, Date b) {
    return b != null && b.after(a) ? b : a;
  }

  /** A contact received five minutes ago by the engine's clock (which the storms move forward). */
  private static ContactSubmission contactReceivedNow() {
    ContactSubmission c = PathwayBench.contact();
    OffsetDateTime received = ClockUtil.getCurrentTime().toInstant().atOffset(ZoneOffset.UTC).minusMinutes(5);
    return new ContactSubmission(received, c.source(), c.referrer(), c.child(), c.concerns(), c.screening());
  }
}
