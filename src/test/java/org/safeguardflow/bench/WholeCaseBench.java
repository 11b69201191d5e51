package org.safeguardflow.bench;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractActivityBuilder;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.safeguardflow.casework.protectionplan.ChildProtectionPlanProcess;
import org.safeguardflow.children.ChildDetails;
import org.safeguardflow.intake.ContactSubmission;
import org.safeguardflow.intake.FrontDoor;
import org.safeguardflow.simulation.CaseloadSimulator;
import org.safeguardflow.timescales.StatutoryTimescales;
import org.safeguardflow.timescales.WorkingDayCalendar;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark 1b, whole cases: contacts about children suspected of suffering significant harm,
 * recorded through {@link FrontDoor} and worked through the real models to a child protection plan
 * and its first review (contact decision, allocation, strategy discussion and its minutes, section
 * 47 enquiry, single assessment and its authorisation, initial conference, first core group, visits
 * and supervision as they fall due, the review conference), every task completed through the real
 * forms' fields by the person who would, by {@link CaseloadSimulator#workToday} steered along
 * {@link CaseloadSimulator.Choices#PROTECTION_PLAN}. The engine clock moves a working day at a time
 * (Europe/London) and the due jobs of the cases run as the job executor would (it is paused here, as
 * for the simulator). Cases per second over the batch, from the first contact to the last first review.
 *
 * <p>Beside it a BASELINE of the same shape, measured from the warm-up cases' own history rather
 * than drawn by hand: as many process instances (call activities of an empty process), user tasks,
 * service tasks (the same number of them asynchronous), timers created and timers fired per case as
 * the real cases had, with {@code ${true}} service tasks and no decision tables, listeners, delegates
 * or tables of ours, completed by the same kind of loop. The shapes of both are printed with the figures.
 */
final class WholeCaseBench {

  static final String SECTION = PathwayBench.SECTION;
  static final String BASELINE_KEY = "Bench_Baseline_WholeCase";
  static final String BASELINE_STAGE_KEY = "Bench_Baseline_Stage";
  /** A batch that has not reached every first review in this many working days is stuck: the run says where. */
  static final int MAX_WORKING_DAYS = 40;

  private static final AtomicLong CHILDREN = new AtomicLong(System.currentTimeMillis() % 10_000_000);

  private final ConfigurableApplicationContext app;
  private final Figures figures;
  private final Bench.Sizes sizes;
  private final FrontDoor frontDoor;
  private final CaseloadSimulator simulator;
  private final TaskService tasks;
  private final RuntimeService runtime;
  private final HistoryService history;
  private final IdentityService identity;
  private final WorkingDayCalendar calendar;
  private final Random random = new Random(15L);
  private LocalDate day;

  WholeCaseBench(ConfigurableApplicationContext app, Figures figures, Bench.Sizes sizes) {
    this.app = app;
    this.figures = figures;
    this.sizes = sizes;
    this.frontDoor = app.getBean(FrontDoor.class);
    this.simulator = app.getBean(CaseloadSimulator.class);
    this.tasks = app.getBean(TaskService.class);
    this.runtime = app.getBean(RuntimeService.class);
    this.history = app.getBean(HistoryService.class);
    this.identity = app.getBean(IdentityService.class);
    this.calendar = app.getBean(WorkingDayCalendar.class);
  }

  /** What one case did, counted from its history: what the baseline copies. */
  record Shape(int processes, int userTasks, int serviceTasks, int asyncJobs, int timersCreated, int timersFired) {

    /** The rounded mean over the cases. */
    static Shape mean(List<Shape> shapes) {
      int n = shapes.size();
      return new Shape(Math.round(shapes.stream().mapToInt(Shape::processes).sum() / (float) n),
          Math.round(shapes.stream().mapToInt(Shape::userTasks).sum() / (float) n),
          Math.round(shapes.stream().mapToInt(Shape::serviceTasks).sum() / (float) n),
          Math.round(shapes.stream().mapToInt(Shape::asyncJobs).sum() / (float) n),
          Math.round(shapes.stream().mapToInt(Shape::timersCreated).sum() / (float) n),
          Math.round(shapes.stream().mapToInt(Shape::timersFired).sum() / (float) n));
    }

    @Override
    public String toString() {
      return processes + " processes, " + userTasks + " user tasks, " + serviceTasks + " service tasks (" + asyncJobs
          + " async jobs), " + timersCreated + " timers (" + timersFired + " fired)";
    }
  }

  void run() {
    JobExecutor executor = Bench.configuration(app).getJobExecutor();
    executor.shutdown();
    day = calendar.addWorkingDays(StatutoryTimescales.londonDate(ClockUtil.getCurrentTime()), 1);
    try {
      int n = sizes.wholeCases();
      int clients = sizes.pathwayClients();
      // Warm-up (not measured): JIT and caches; its cases' history gives the baseline its shape.
      List<String> warm = driveCases(Math.max(2, Math.min(n, 4)), clients);
      Shape appShape = Shape.mean(warm.stream().map(this::shapeOf).toList());
      deployBaseline(appShape);
      List<String> warmBaseline = driveBaseline(2, clients);
      Shape baselineShape = Shape.mean(warmBaseline.stream().map(this::shapeOf).toList());
      Bench.log("whole case shape: app %s; baseline %s", appShape, baselineShape);
      List<Double> app = new ArrayList<>();
      List<Double> baseline = new ArrayList<>();
      List<Double> appCpu = new ArrayList<>();
      List<Double> baselineCpu = new ArrayList<>();
      CpuMeter cpu = new CpuMeter(this.app.getBean(org.springframework.jdbc.core.JdbcTemplate.class));
      for (int rep = 0; rep < sizes.repetitions(); rep++) {
        long jvm = CpuMeter.jvm();
        long database = cpu.database();
        long start = System.nanoTime();
        driveCases(n, clients);
        app.add(n / ((System.nanoTime() - start) / 1e9));
        appCpu.add(((CpuMeter.jvm() - jvm) + (cpu.database() - database)) / 1e6 / n);
        jvm = CpuMeter.jvm();
        database = cpu.database();
        start = System.nanoTime();
        driveBaseline(n, clients);
        baseline.add(n / ((System.nanoTime() - start) / 1e9));
        baselineCpu.add(((CpuMeter.jvm() - jvm) + (cpu.database() - database)) / 1e6 / n);
        Bench.log("whole cases rep %d: app %.2f/s, baseline %.2f/s", rep + 1, app.get(rep), baseline.get(rep));
      }
      String note = n + " cases, " + clients + " clients, history full; per case: " + appShape;
      figures.add(SECTION, "Whole cases, contact to the child protection plan's first review (app)", "cases/s", app, null,
          note);
      figures.add(SECTION, "Whole cases: baseline, bare engine, same shape", "cases/s", baseline, null,
          n + " cases; per case: " + baselineShape + " (measured)");
      figures.add(SECTION, "Whole cases: cost app / baseline (time per case)", "ratio", Figures.ratios(baseline, app), "≤ 1.3",
          "per repetition, side by side");
      figures.add(SECTION, "Whole cases: CPU per case (JVM" + (cpu.databaseMeasured() ? " + PostgreSQL" : "") + "), app",
          "ms", appCpu, null, "all threads of the application's JVM" + (cpu.databaseMeasured() ? " and PostgreSQL's processes" : ""));
      figures.add(SECTION, "Whole cases: CPU cost app / baseline (per case)", "ratio", Figures.ratios(appCpu, baselineCpu),
          "≤ 1.3", "per repetition, side by side");
    } finally {
      ClockUtil.reset();
      executor.start();
    }
  }

  /**
   * Records n contacts about children suspected of suffering significant harm and works them, a working
   * day at a time, until every case has had its first review conference; returns their case references.
   * What the cases go on to (the next visit, the next review) is ended afterwards, unmeasured, so that no
   * later benchmark (the simulator works every open task) takes it up.
   */
  private List<String> driveCases(int n, int clients) {
    at(day, LocalTime.of(9, 30));
    List<String> refs = Collections.synchronizedList(new ArrayList<>());
    PathwayBench.parallel(n, clients,
        i -> refs.add(Bench.as(identity, "partner", () -> frontDoor.record(harmContact(), "partner")).caseRef()));
    Set<String> open = new LinkedHashSet<>(refs);
    long started = System.nanoTime();
    for (int days = 0; !open.isEmpty(); days++) {
      if (days > MAX_WORKING_DAYS) {
        throw new IllegalStateException(open.size() + " of " + n + " whole cases had no first review after "
            + MAX_WORKING_DAYS + " working days; their open tasks: " + openTaskKeys(open));
      }
      Set<String> doneToday = java.util.concurrent.ConcurrentHashMap.newKeySet();
      workUntilQuiet(new ArrayList<>(open), clients, part -> simulator.workToday(part, day, random,
          CaseloadSimulator.Choices.PROTECTION_PLAN, doneToday));
      open.removeIf(ref -> history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(ref)
          .taskDefinitionKey(ChildProtectionPlanProcess.Element.RECORD_REVIEW_CONFERENCE).finished().count() > 0);
      day = calendar.addWorkingDays(day, 1);
    }
    Bench.log("whole cases: %d to their first review in %.1f s", n, (System.nanoTime() - started) / 1e9);
    endWhatGoesOn(refs);
    return refs;
  }

  /**
   * Starts n baseline processes and completes their tasks, running their due jobs, until every one has
   * ended; returns their business keys.
   */
  private List<String> driveBaseline(int n, int clients) {
    at(day, LocalTime.of(9, 30));
    List<String> keys = Collections.synchronizedList(new ArrayList<>());
    Date far = Date.from(ClockUtil.getCurrentTime().toInstant().plusSeconds(365L * 24 * 3600));
    PathwayBench.parallel(n, clients, i -> {
      String key = "BENCH-WHOLE-" + CHILDREN.incrementAndGet();
      Bench.as(identity, "partner", () -> runtime.startProcessInstanceByKey(BASELINE_KEY, key,
          Map.of("far", far, "past", ClockUtil.getCurrentTime())));
      keys.add(key);
    });
    Set<String> open = new LinkedHashSet<>(keys);
    for (int rounds = 0; !open.isEmpty(); rounds++) {
      if (rounds > 1000) {
        throw new IllegalStateException(open.size() + " baseline cases have not ended; their open tasks: " + openTaskKeys(open));
      }
      workUntilQuiet(new ArrayList<>(open), clients, this::completeBaselineTasks);
      open.removeIf(key -> history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(key)
          .processDefinitionKey(BASELINE_KEY).finished().count() > 0);
    }
    return keys;
  }

  interface Worker {
    int work(List<String> caseRefs);
  }

  /**
   * The clients work their share of the cases, then each runs its cases' due jobs, until a round neither
   * completes a task nor runs a job.
   */
  private void workUntilQuiet(List<String> cases, int clients, Worker worker) {
    List<List<String>> shares = new ArrayList<>();
    for (int c = 0; c < Math.min(clients, cases.size()); c++) {
      shares.add(new ArrayList<>());
    }
    for (int i = 0; i < cases.size(); i++) {
      shares.get(i % shares.size()).add(cases.get(i));
    }
    AtomicInteger done = new AtomicInteger(1);
    for (int round = 0; done.get() > 0; round++) {
      if (round > 200) {
        throw new IllegalStateException("Work on " + cases.size() + " cases did not settle in 200 rounds of one day;"
            + " open tasks: " + openTaskKeys(new LinkedHashSet<>(cases)));
      }
      done.set(0);
      PathwayBench.parallel(shares.size(), shares.size(), i -> {
        done.addAndGet(worker.work(shares.get(i)));
        done.addAndGet(simulator.runDueJobsOf(shares.get(i)));
      });
    }
  }

  /** The baseline's tasks, completed as Tasklist would: the person found from the task's group, the form's two fields. */
  private int completeBaselineTasks(List<String> keys) {
    int completed = 0;
    for (Task task : tasks.createTaskQuery().processInstanceBusinessKeyIn(keys.toArray(String[]::new)).active().list()) {
      String user = tasks.getIdentityLinksForTask(task.getId()).stream().filter(l -> l.getGroupId() != null)
          .flatMap(l -> identity.createUserQuery().memberOfGroup(l.getGroupId()).orderByUserId().asc().list().stream())
          .map(org.camunda.bpm.engine.identity.User::getId).findFirst().orElseThrow();
      Bench.as(identity, user, () -> {
        tasks.complete(task.getId(), Map.of("contactDecision", "NFA",
            "contactDecisionReason", "Universal services meet the need; the school will keep watch"));
        return null;
      });
      completed++;
    }
    return completed;
  }

  private List<String> openTaskKeys(Set<String> refs) {
    return tasks.createTaskQuery().processInstanceBusinessKeyIn(refs.toArray(String[]::new)).listPage(0, 20).stream()
        .map(Task::getTaskDefinitionKey).toList();
  }

  /** The running processes of these cases, deleted (not measured): the plan's next visits and reviews. */
  private void endWhatGoesOn(List<String> refs) {
    List<String> running = new ArrayList<>();
    for (String ref : refs) {
      runtime.createProcessInstanceQuery().processInstanceBusinessKey(ref).list().stream()
          .filter(p -> p.getRootProcessInstanceId() == null || p.getRootProcessInstanceId().equals(p.getId()))
          .forEach(p -> running.add(p.getId()));
    }
    if (!running.isEmpty()) {
      runtime.deleteProcessInstances(running, "benchmark: the case's first review reached", true, true);
    }
  }

  /** What one case did, from its history (every process under its case reference). */
  private Shape shapeOf(String ref) {
    List<HistoricProcessInstance> processes = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(ref).list();
    int userTasks = (int) history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(ref).finished().count();
    int services = 0;
    int async = 0;
    int timersCreated = 0;
    int timersFired = 0;
    for (HistoricProcessInstance p : processes) {
      for (String type : List.of("serviceTask", "businessRuleTask", "sendTask", "scriptTask")) {
        services += (int) history.createHistoricActivityInstanceQuery().processInstanceId(p.getId()).activityType(type).count();
      }
      for (HistoricJobLog log : history.createHistoricJobLogQuery().processInstanceId(p.getId()).creationLog().list()) {
        if (String.valueOf(log.getJobDefinitionType()).startsWith("timer")) {
          timersCreated++;
        } else {
          async++;
        }
      }
      timersFired += (int) history.createHistoricJobLogQuery().processInstanceId(p.getId()).successLog().list().stream()
          .filter(log -> String.valueOf(log.getJobDefinitionType()).startsWith("timer")).count();
    }
    return new Shape(processes.size(), userTasks, services, async, timersCreated, timersFired);
  }

  /**
   * The baseline: a chain of the shape's user tasks, each with its share of the timers that never fire
   * (non-interrupting, a year ahead) and followed by its share of the {@code ${true}} service tasks (the
   * first of them asynchronous); the timers that fire as intermediate events already due; and one call
   * activity of an empty process for each process instance beyond the first.
   */
  private void deployBaseline(Shape shape) {
    RepositoryService repository = app.getBean(RepositoryService.class);
    BpmnModelInstance stage = Bpmn.createExecutableProcess(BASELINE_STAGE_KEY).camundaHistoryTimeToLive(36500)
        .startEvent().endEvent().done();
    AbstractFlowNodeBuilder<?, ?> chain = Bpmn.createExecutableProcess(BASELINE_KEY).camundaHistoryTimeToLive(36500)
        .startEvent();
    int users = Math.max(1, shape.userTasks());
    int unfired = Math.max(0, shape.timersCreated() - shape.timersFired());
    int asyncLeft = shape.asyncJobs();
    for (int u = 0; u < users; u++) {
      String task = "Baseline_Task_" + u;
      chain = chain.userTask(task).camundaCandidateGroups("front-door-team-managers")
          .camundaFormRef("ManagerDecidesContact").camundaFormRefBinding("deployment");
      for (int t = u; t < unfired; t += users) {
        AbstractActivityBuilder<?, ?> withTimer = chain.moveToActivity(task);
        AbstractActivityBuilder<?, ?> back = withTimer.boundaryEvent("Baseline_Timer_" + t).cancelActivity(false)
            .timerWithDate("${far}").endEvent().moveToActivity(task);
        chain = back;
      }
      for (int s = u; s < shape.serviceTasks(); s += users) {
        var service = chain.serviceTask("Baseline_Service_" + s).camundaExpression("${true}");
        if (asyncLeft-- > 0) {
          service = service.camundaAsyncBefore();
        }
        chain = service;
      }
      for (int f = u; f < shape.timersFired(); f += users) {
        chain = chain.intermediateCatchEvent("Baseline_Fired_" + f).timerWithDate("${past}");
      }
      for (int c = u; c < shape.processes() - 1; c += users) {
        chain = chain.callActivity("Baseline_Stage_" + c).calledElement(BASELINE_STAGE_KEY)
            .camundaInBusinessKey("${execution.processBusinessKey}");
      }
    }
    BpmnModelInstance model = chain.endEvent().done();
    repository.createDeployment().name("bench whole-case baseline (not part of the product)")
        .addModelInstance("bench-baseline-stage.bpmn", stage)
        .addModelInstance("bench-baseline-whole-case.bpmn", model)
        .addClasspathResource("forms/manager-decides-contact.form").deploy();
    PathwayBench.partnersMayStart(app, BASELINE_KEY);
    PathwayBench.partnersMayStart(app, BASELINE_STAGE_KEY);
  }

  /** A child about whom a school suspects significant harm: the threshold suggests a strategy discussion. */
  private static ContactSubmission harmContact() {
    long child = CHILDREN.incrementAndGet();
    return new ContactSubmission(ClockUtil.getCurrentTime().toInstant().atOffset(ZoneOffset.UTC).minusMinutes(5), "2A",
        new ContactSubmission.Referrer("Ms Patel", "Oak Primary School", "dsl@oak-primary.example"),
        new ChildDetails("Whole", "Case-" + PathwayBench.letters(child),
            LocalDate.now(ZoneOffset.UTC).minusYears(12).plusDays(child * 7919 % 3000), null, "F", "WBRI", null),
        "The girl has marks on her arms and says her stepfather hit her with a belt.",
        new ContactSubmission.Screening(false, true, false, 3, false));
  }

  private static void at(LocalDate day, LocalTime time) {
    ClockUtil.setCurrentTime(Date.from(day.atTime(time).atZone(StatutoryTimescales.LONDON).toInstant()));
  }
}
