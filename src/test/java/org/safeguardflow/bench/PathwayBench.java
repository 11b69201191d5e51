package org.safeguardflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.safeguardflow.children.ChildDetails;
import org.safeguardflow.intake.ContactProcess;
import org.safeguardflow.intake.ContactSubmission;
import org.safeguardflow.intake.FrontDoor;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark 1a, pathway throughput at the front door: contacts recorded through {@link FrontDoor}
 * (the service behind {@code POST /api/contacts}, as the partner who sends them) and decided by a
 * front-door manager through the calls Tasklist makes (task query, claim, submit the form's
 * variables), with FULL history, until the contact process has ended (referrer's outcome written to
 * the outbox by the async job, case closed). Cases per second over the whole batch, from the first
 * contact to the last process ended, with {@code clients} people working at once.
 *
 * <p>Beside it, the only simplified thing in the benchmarks: a BASELINE process of the same shape as
 * the contact model (1 user task with 2 non-interrupting timer boundary events, 4 service tasks of which
 * one is async, an embedded subprocess and a gateway) whose service tasks are the expression
 * {@code ${true}}: no decision table, no listeners, no delegates, no tables of ours, two variables.
 * It runs on the same engine and database, as the same users, interleaved repetition by repetition.
 */
final class PathwayBench {

  static final String SECTION = "1 Pathway";
  static final String BASELINE_KEY = "Bench_Baseline_Contact";
  /** Write transactions per decided contact: record, claim, submit (decide + record), async notify + close. */
  static final int TRANSACTIONS_PER_CONTACT = 4;

  /** How long the batch may go without any process ending before the benchmark fails (async jobs end them in seconds). */
  static final Duration STALL = Duration.ofSeconds(60);

  private static final AtomicLong CHILDREN = new AtomicLong(System.currentTimeMillis() % 10_000_000);

  private final ConfigurableApplicationContext app;
  private final Figures figures;
  private final Bench.Sizes sizes;
  private final FrontDoor frontDoor;
  private final TaskService tasks;
  private final FormService forms;
  private final RuntimeService runtime;
  private final HistoryService history;
  private final IdentityService identity;

  PathwayBench(ConfigurableApplicationContext app, Figures figures, Bench.Sizes sizes) {
    this.app = app;
    this.figures = figures;
    this.sizes = sizes;
    this.frontDoor = app.getBean(FrontDoor.class);
    this.tasks = app.getBean(TaskService.class);
    this.forms = app.getBean(FormService.class);
    this.runtime = app.getBean(RuntimeService.class);
    this.history = app.getBean(HistoryService.class);
    this.identity = app.getBean(IdentityService.class);
  }

  void run() {
    deployBaseline();
    int n = sizes.pathwayContacts();
    int clients = sizes.pathwayClients();
    // Warm-up: JIT, caches and the connection pool, neither measured; one contact alone first starts the
    // year's case-reference sequence (CaseRecords.nextCaseRef) outside the measured batches.
    decideContacts(1, 1);
    decideContacts(Math.max(2, n / 4), clients);
    runBaseline(Math.max(2, n / 4), clients);
    List<Double> app = new ArrayList<>();
    List<Double> baseline = new ArrayList<>();
    List<Double> overHttp = new ArrayList<>();
    List<Double> appCpu = new ArrayList<>();
    List<Double> baselineCpu = new ArrayList<>();
    List<Double> appDatabaseCpu = new ArrayList<>();
    List<Double> baselineDatabaseCpu = new ArrayList<>();
    CpuMeter cpu = new CpuMeter(this.app.getBean(org.springframework.jdbc.core.JdbcTemplate.class));
    StringBuilder profile = new StringBuilder();
    for (int rep = 0; rep < sizes.repetitions(); rep++) {
      HistoryBench.DatabaseSampler sampler = new HistoryBench.DatabaseSampler(this.app.getBean(
          org.springframework.jdbc.core.JdbcTemplate.class));
      long jvm = CpuMeter.jvm();
      long database = cpu.database();
      sampler.start();
      app.add(decideContacts(n, clients));
      sampler.stop();
      appCpu.add((CpuMeter.jvm() - jvm) / 1e6 / n);
      appDatabaseCpu.add((cpu.database() - database) / 1e6 / n);
      profile.append("== contacts decided, repetition ").append(rep + 1).append('\n').append(sampler.report()).append('\n');
      jvm = CpuMeter.jvm();
      database = cpu.database();
      baseline.add(runBaseline(n, clients));
      baselineCpu.add((CpuMeter.jvm() - jvm) / 1e6 / n);
      baselineDatabaseCpu.add((cpu.database() - database) / 1e6 / n);
      overHttp.add(recordOverHttp(n, clients));
      Bench.log("pathway rep %d: app %.1f/s, baseline %.1f/s, POST /api/contacts %.1f/s", rep + 1,
          app.get(rep), baseline.get(rep), overHttp.get(rep));
    }
    try {
      java.nio.file.Path file = java.nio.file.Path.of("target", "bench", "profile-pathway-" + sizes.name() + ".txt");
      java.nio.file.Files.createDirectories(file.getParent());
      java.nio.file.Files.writeString(file, profile);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    String note = n + " contacts, " + clients + " clients, history full";
    figures.add(SECTION, "Contacts decided at the front door (app)", "cases/s", app, "≥ 30", note);
    figures.add(SECTION, "Baseline: bare engine, same shape", "cases/s", baseline, null, note);
    figures.add(SECTION, "Cost app / baseline (time per case)", "ratio", Figures.ratios(baseline, app), "≤ 1.3",
        "per repetition, side by side");
    // CPU per case: what a busy, shared machine does not distort (wall time waits for a core; CPU
    // time does not grow with the wait). The sampler above runs during the app's batches only, a
    // few statements every 10 ms, and is counted in the app's database CPU.
    figures.add(SECTION, "CPU per decided contact, JVM (app)", "ms", appCpu, null,
        "application JVM process CPU ÷ contacts; all threads (clients, job executor, JIT, GC)");
    figures.add(SECTION, "CPU per case, JVM (baseline)", "ms", baselineCpu, null, "same, baseline processes");
    if (cpu.databaseMeasured()) {
      figures.add(SECTION, "CPU per decided contact, PostgreSQL (app)", "ms", appDatabaseCpu, null,
          "all server processes (/proc) ÷ contacts");
      figures.add(SECTION, "CPU per case, PostgreSQL (baseline)", "ms", baselineDatabaseCpu, null, "same, baseline processes");
    }
    List<Double> appTotal = new ArrayList<>();
    List<Double> baselineTotal = new ArrayList<>();
    for (int i = 0; i < appCpu.size(); i++) {
      appTotal.add(appCpu.get(i) + appDatabaseCpu.get(i));
      baselineTotal.add(baselineCpu.get(i) + baselineDatabaseCpu.get(i));
    }
    List<Double> cpuRatio = Figures.ratios(appTotal, baselineTotal);
    figures.add(SECTION, "CPU cost app / baseline (JVM" + (cpu.databaseMeasured() ? " + PostgreSQL" : "") + ", per case)",
        "ratio", cpuRatio, "≤ 1.3", "per repetition, side by side; less sensitive to a busy machine than time");
    figures.add(SECTION, "Contacts recorded over HTTP POST /api/contacts", "contacts/s", overHttp, null,
        n + " contacts, " + clients + " clients, basic auth as a partner (recording only, not decided)");
    List<Double> engineTx = app.stream().map(r -> r * TRANSACTIONS_PER_CONTACT).toList();
    figures.add(SECTION, "Engine write transactions (app, " + TRANSACTIONS_PER_CONTACT + " per contact)", "tx/s",
        engineTx, null, null);
    figures.all().stream()
        .filter(f -> f.section().equals(DatabaseCeilingBench.SECTION) && f.name().endsWith("4 clients"))
        .findFirst()
        .ifPresent(ceiling -> figures.add(DatabaseCeilingBench.SECTION,
            "Engine transactions as a fraction of the 4-client ceiling", "fraction",
            engineTx.stream().map(tx -> tx / ceiling.median()).toList(), null, "app tx/s ÷ median ceiling"));
  }

  /** Records n contacts and has them decided (NFA or early help: most contacts end at the front door). */
  double decideContacts(int n, int clients) {
    Set<String> processes = Collections.synchronizedSet(new HashSet<>());
    long start = System.nanoTime();
    parallel(n, clients, i -> {
      var recorded = Bench.as(identity, "partner", () -> frontDoor.record(contact(), "partner"));
      processes.add(recorded.processInstanceId());
      Bench.as(identity, "manager", () -> {
        Task decision = tasks.createTaskQuery().processInstanceId(recorded.processInstanceId())
            .taskDefinitionKey(ContactProcess.Element.MANAGER_DECIDES_CONTACT).singleResult();
        tasks.claim(decision.getId(), "manager");
        Map<String, Object> decided = new java.util.HashMap<>(Map.of(
            "contactDecision", i % 3 == 0 ? "EARLY_HELP" : "NFA",
            "contactDecisionReason", "Universal services meet the need; the school will keep watch"));
        // Generated children can resemble earlier ones: the manager answers a possible match, as in real work.
        if (Boolean.TRUE.equals(tasks.getVariable(decision.getId(), "possibleMatch"))) {
          decided.put("possibleMatchVerdict", "DIFFERENT_CHILD");
        }
        forms.submitTaskForm(decision.getId(), decided);
        return null;
      });
    });
    waitForEnd(processes, n, "contacts decided at the front door");
    return n / ((System.nanoTime() - start) / 1e9);
  }

  private double runBaseline(int n, int clients) {
    Set<String> processes = Collections.synchronizedSet(new HashSet<>());
    long start = System.nanoTime();
    parallel(n, clients, i -> {
      Date due = Date.from(OffsetDateTime.now().plusDays(1).toInstant());
      Date reminder = Date.from(OffsetDateTime.now().plusHours(12).toInstant());
      String id = Bench.as(identity, "partner", () -> runtime.startProcessInstanceByKey(BASELINE_KEY,
          "BENCH-" + CHILDREN.incrementAndGet(), Map.of("due", due, "reminder", reminder)).getId());
      processes.add(id);
      Bench.as(identity, "manager", () -> {
        Task decision = tasks.createTaskQuery().processInstanceId(id).taskDefinitionKey("Baseline_Decide").singleResult();
        tasks.claim(decision.getId(), "manager");
        forms.submitTaskForm(decision.getId(), Map.of("contactDecision", i % 3 == 0 ? "EARLY_HELP" : "NFA",
            "contactDecisionReason", "Universal services meet the need; the school will keep watch"));
        return null;
      });
    });
    waitForEnd(processes, n, "baseline processes");
    return n / ((System.nanoTime() - start) / 1e9);
  }

  /** POST /api/contacts as a partner's system sends them: JSON, basic auth, one contact per request. */
  private double recordOverHttp(int n, int clients) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    String port = app.getEnvironment().getProperty("local.server.port");
    String auth = "Basic " + Base64.getEncoder().encodeToString("partner:partner".getBytes(StandardCharsets.UTF_8));
    ObjectMapper json = new ObjectMapper();
    long start = System.nanoTime();
    parallel(n, clients, i -> {
      try {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/contacts"))
            .header("Content-Type", "application/json").header("Authorization", auth)
            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(contactJson()))).build();
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 201) {
          throw new IllegalStateException("POST /api/contacts answered " + answer.statusCode() + ": " + answer.body());
        }
      } catch (java.io.IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    return n / ((System.nanoTime() - start) / 1e9);
  }

  /**
   * Waits until all n processes have ended. Fails at once, naming the process and the error, when a job of
   * one of them has failed for good (no retries left: an incident holds it for ever), and after {@link #STALL} without any of
   * them ending, naming where the unfinished ones wait: a benchmark that cannot finish must say why in
   * seconds, not time out after minutes.
   */
  private void waitForEnd(Set<String> processes, int n, String what) {
    Set<String> ids = Set.copyOf(processes);
    var management = app.getBean(org.camunda.bpm.engine.ManagementService.class);
    long ended = -1;
    long lastProgress = System.nanoTime();
    while (true) {
      long now = history.createHistoricProcessInstanceQuery().processInstanceIds(ids).finished().count();
      if (now == n) {
        return;
      }
      if (now > ended) {
        ended = now;
        lastProgress = System.nanoTime();
      }
      for (var failed : management.createJobQuery().noRetriesLeft().list()) {
        if (ids.contains(failed.getProcessInstanceId())) {
          throw new IllegalStateException(what + ": process " + failed.getProcessInstanceId() + " cannot end, its job "
              + failed.getId() + " failed: " + failed.getExceptionMessage());
        }
      }
      if (System.nanoTime() - lastProgress > STALL.toNanos()) {
        List<String> waiting = history.createHistoricProcessInstanceQuery().processInstanceIds(ids).unfinished()
            .listPage(0, 5).stream().map(p -> p.getId() + " at " + runtime.getActiveActivityIds(p.getId())).toList();
        throw new IllegalStateException(what + ": " + (n - now) + " of " + n + " processes have not ended and none ended in "
            + STALL.toSeconds() + " s; waiting: " + waiting);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  interface Work {
    void run(int i) throws Exception;
  }

  /** Runs n pieces of work on the given number of client threads, failing on the first error. */
  static void parallel(int n, int clients, Work work) {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    AtomicInteger next = new AtomicInteger();
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        running.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
            work.run(i);
          }
          return null;
        }));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("A benchmark client failed", e);
    } finally {
      pool.shutdown();
    }
  }

  private static final List<String> FIRST_NAMES = List.of("Amy", "Ava", "Mia", "Lena", "Zoe", "Tia", "Ella", "Isla",
      "Nadia", "Ruby", "Grace", "Freya", "Lily", "Evie", "Maya", "Hana", "Ada", "Iris", "Rosa", "Nia");

  /**
   * A new child each time (a second contact about a child would join the open case instead), born on
   * one of 6,000 days between 17 years and 7 months ago (under 18 however far the storm moves the
   * engine clock) and with one of 20 first names, so that the register holds what
   * a council's does: a few children per birth date. (With one birth date for all, every contact was
   * compared with every child the benchmark had made, and the front door's cost grew with the run.)
   */
  static ContactSubmission contact() {
    long child = CHILDREN.incrementAndGet();
    return new ContactSubmission(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5), "2A",
        new ContactSubmission.Referrer("Ms Patel", "Oak Primary School", "dsl@oak-primary.example"),
        new ChildDetails(FIRST_NAMES.get((int) (child % FIRST_NAMES.size())), "Bench-" + letters(child),
            LocalDate.now(ZoneOffset.UTC).minusYears(17).plusDays(child * 7919 % 6000), null, "F", "WBRI", null),
        "The girl arrived with a bruise on her arm and said she is scared to go home.",
        new ContactSubmission.Screening(false, false, false, 2, true));
  }

  private static Map<String, Object> contactJson() {
    ContactSubmission c = contact();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("receivedAt", c.receivedAt().toString());
    body.put("source", c.source());
    body.put("referrer", Map.of("name", c.referrer().name(), "organisation", c.referrer().organisation(),
        "email", c.referrer().email()));
    body.put("child", Map.of("firstName", c.child().firstName(), "lastName", c.child().lastName(),
        "dateOfBirth", c.child().dateOfBirth().toString(), "sex", "F", "ethnicity", "WBRI"));
    body.put("concerns", c.concerns());
    body.put("screening", Map.of("immediateDanger", false, "significantHarmSuspected", false,
        "needsMetByUniversalServices", false, "agenciesNeeded", 2, "familyConsents", true));
    return body;
  }

  /** Names hold no digits: a number written in letters. */
  static String letters(long number) {
    StringBuilder word = new StringBuilder();
    long n = Math.abs(number);
    do {
      word.append((char) ('a' + n % 26));
      n /= 26;
    } while (n > 0);
    return "A" + word.reverse();
  }

  /** The baseline: the contact model's shape with nothing of the application in it. */
  private void deployBaseline() {
    RepositoryService repository = app.getBean(RepositoryService.class);
    if (repository.createProcessDefinitionQuery().processDefinitionKey(BASELINE_KEY).count() == 0) {
      BpmnModelInstance model = Bpmn.createExecutableProcess(BASELINE_KEY)
          .camundaHistoryTimeToLive(36500)
          .startEvent()
          .serviceTask("Baseline_Suggest").camundaExpression("${true}")
          .subProcess("Baseline_DecisionScope").embeddedSubProcess()
            .startEvent()
            .userTask("Baseline_Decide").camundaCandidateGroups("front-door-team-managers").camundaDueDate("${due}")
            // The product's engine lets a completion carry only its form's fields: the same form, deployed
            // with the model as the product's conventions ask (its deployment check refuses "latest").
            .camundaFormRef("ManagerDecidesContact").camundaFormRefBinding("deployment")
            .endEvent("Baseline_Decided")
            .moveToActivity("Baseline_Decide")
            .boundaryEvent("Baseline_Reminder").cancelActivity(false).timerWithDate("${reminder}")
            .serviceTask("Baseline_Remind").camundaAsyncBefore().camundaExpression("${true}")
            .endEvent()
            .moveToActivity("Baseline_Decide")
            .boundaryEvent("Baseline_Deadline").cancelActivity(false).timerWithDate("${due}")
            .serviceTask("Baseline_Breach").camundaExpression("${true}")
            .userTask("Baseline_Escalation").camundaCandidateGroups("service-managers")
            .endEvent()
          .subProcessDone()
          .serviceTask("Baseline_Record").camundaExpression("${true}")
          .serviceTask("Baseline_Notify").camundaAsyncBefore().camundaExpression("${true}")
          .exclusiveGateway("Baseline_WhatDecided")
          // The decision form's field, as the contact model's own gateway reads it.
          .condition("closed", "${contactDecision == 'NFA' || contactDecision == 'EARLY_HELP'}")
          .serviceTask("Baseline_Close").camundaExpression("${true}")
          .endEvent("Baseline_Closed")
          .moveToLastGateway()
          .condition("referred", "${contactDecision != 'NFA' && contactDecision != 'EARLY_HELP'}")
          .endEvent("Baseline_Referred")
          .done();
      repository.createDeployment().name("bench baseline (not part of the product)")
          .addModelInstance("bench-baseline-contact.bpmn", model)
          .addClasspathResource("forms/manager-decides-contact.form").deploy();
    }
    partnersMayStart(app, BASELINE_KEY);
  }

  /** Lets the partner agencies (who record contacts) start instances of a baseline process, once. */
  static void partnersMayStart(ConfigurableApplicationContext app, String processKey) {
    AuthorizationService authorizations = app.getBean(AuthorizationService.class);
    if (authorizations.createAuthorizationQuery().groupIdIn("partner-agencies").resourceType(Resources.PROCESS_DEFINITION)
        .resourceId(processKey).count() == 0) {
      Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      grant.setGroupId("partner-agencies");
      grant.setResource(Resources.PROCESS_DEFINITION);
      grant.setResourceId(processKey);
      grant.addPermission(ProcessDefinitionPermissions.CREATE_INSTANCE);
      authorizations.saveAuthorization(grant);
    }
  }
}
