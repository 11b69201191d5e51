package org.safeguardflow.simulation;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.spin.plugin.variable.SpinValues;
import org.safeguardflow.audit.AnnexA;
import org.safeguardflow.audit.CensusCheck;
import org.safeguardflow.audit.CensusRules;
import org.safeguardflow.audit.CensusReturn;
import org.safeguardflow.audit.CinCensus;
import org.safeguardflow.casework.AssessmentFactors;
import org.safeguardflow.casework.Pathway;
import org.safeguardflow.casework.PlanForms;
import org.safeguardflow.casework.assessment.AssessmentFramework;
import org.safeguardflow.casework.assessment.AssessmentProcess;
import org.safeguardflow.casework.conference.InitialConferenceProcess;
import org.safeguardflow.casework.needplan.ChildInNeedPlanProcess;
import org.safeguardflow.casework.protectionplan.ChildProtectionPlanProcess;
import org.safeguardflow.casework.referral.ReferralEpisode;
import org.safeguardflow.casework.strategy.StrategyDiscussionProcess;
import org.safeguardflow.casework.supervision.CaseSupervisionProcess;
import org.safeguardflow.children.ChildDetails;
import org.safeguardflow.intake.ContactProcess;
import org.safeguardflow.intake.ContactSubmission;
import org.safeguardflow.intake.FrontDoor;
import org.safeguardflow.timescales.StatutoryTimescales;
import org.safeguardflow.timescales.Step;
import org.safeguardflow.timescales.WorkingDayCalendar;
import org.safeguardflow.variables.Var;
import org.springframework.stereotype.Component;

/**
 * A synthetic year at the front door, driven through the real processes: contacts arrive through
 * the census year, managers and workers complete each task on a working day drawn from seeded
 * distributions close to England's published proportions (some late, with a reason), the engine
 * clock is moved day by day and due timers fire. The census and Annex A are then written by the
 * same code as the endpoints. The same seed gives the same cases, decisions and dates.
 */
@Component
public class CaseloadSimulator {

  /** What the command line asked for. */
  public record Options(int children, int censusYear, long seed, Path out) {

    static final String USAGE = "simulate --children=N --census-year=YYYY --seed=S --out=DIR";

    public static Options parse(String[] args) {
      Map<String, String> given = new HashMap<>();
      for (String arg : args) {
        if (arg.startsWith("--") && arg.contains("=")) {
          given.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
      }
      int children = number(given, "children", 1, 100_000);
      int year = number(given, "census-year", 2014, 2100);
      long seed = given.containsKey("seed") ? Long.parseLong(given.get("seed")) : 1L;
      String out = given.get("out");
      if (out == null || out.isBlank()) {
        throw new IllegalArgumentException("--out=DIR is required (" + USAGE + ")");
      }
      return new Options(children, year, seed, Path.of(out));
    }

    private static int number(Map<String, String> given, String name, int min, int max) {
      String value = given.get(name);
      try {
        int n = Integer.parseInt(value);
        if (n < min || n > max) {
          throw new IllegalArgumentException("--" + name + " must be between " + min + " and " + max);
        }
        return n;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--" + name + "=<whole number> is required (" + USAGE + ")");
      }
    }
  }

  /**
   * What a run did: the census and Annex A files written and, in {@code check}, what the product's
   * own pre-submission check found in that census.
   */
  public record Result(int contacts, int tasksCompleted, int lateTasks, Path census, Path annexA, CensusCheck.Report check) {}

  /** Where the simulated people's choices lead a case. */
  public enum Choices {
    /** Drawn from seeded distributions close to England's published proportions: a census year's mix. */
    DRAWN,
    /**
     * Every choice towards a child protection plan: the contact to a strategy discussion, a section 47
     * enquiry that needs a conference, an initial conference that makes a plan, and the plan continued at
     * its first review (the whole case {@code bench/} times).
     */
    PROTECTION_PLAN
  }

  /** The demo teams a referral is allocated to, each with its demo social worker. */
  private static final Map<String, String> WORKER_OF_TEAM = Map.of("north", "worker", "south", "south-worker");
  private static final List<String> TEAMS = List.of("north", "south");
  /** Needs other than abuse or neglect, the commoner first (drawn evenly: a census needs each, not their shares). */
  private static final String[] OTHER_NEEDS = {"N4", "N5", "N2", "N3", "N7", "N8", "N6", "N9"};
  private static final List<String> SOURCES = List.of("2A", "2A", "3A", "3B", "3E", "6", "6", "6", "1A", "5A", "8", "9");
  /** Factors most often recorded nationally come first and are drawn most often. */
  private static final List<String> COMMON_FACTORS = List.of("4B", "3A", "3B", "2B", "1B", "4A", "8B", "6B", "3C", "2A");

  /** The closure reasons the closure form offers (a create listener of the task fills them). */
  private static final Var<Object> CLOSURE_REASON_OPTIONS = Var.stored("closureReasonOptions", Object.class);
  /** The manager's note on closing an episode. */
  private static final Var<String> CLOSURE_NOTE = Var.text(ReferralEpisode.CLOSURE_NOTE);

  /**
   * Handles of the Assessment Framework fields a single assessment's form submits, over the names
   * {@link AssessmentFramework} gives them (its completion rule reads them by those names).
   */
  private static final class Framework {
    static final Var<String> CHILD_VIEWS_HOW_GATHERED = Var.text(AssessmentFramework.Var.CHILD_VIEWS_HOW_GATHERED);
    static final Var<String> NEEDS_HEALTH_STRENGTHS = Var.text(AssessmentFramework.Dimension.HEALTH.strengths());
    static final Var<String> PARENTING_BASIC_CARE_CONCERNS = Var.text(AssessmentFramework.Dimension.BASIC_CARE.concerns());
    static final Var<String> FAMILY_WIDER_FAMILY_STRENGTHS = Var.text(AssessmentFramework.Dimension.WIDER_FAMILY.strengths());
    static final Var<String> ANALYSIS_RISKS = Var.text(AssessmentFramework.Var.ANALYSIS_RISKS);
    static final Var<String> ANALYSIS_PROTECTIVE_FACTORS = Var.text(AssessmentFramework.Var.ANALYSIS_PROTECTIVE_FACTORS);
    static final Var<String> ANALYSIS_IF_NOTHING_CHANGES = Var.text(AssessmentFramework.Var.ANALYSIS_IF_NOTHING_CHANGES);
    /** A JSON list, one entry per parent or carer. */
    static final Var<Object> PARENTS_VIEWS = Var.stored(AssessmentFramework.Var.PARENTS_VIEWS, Object.class);
    static final Var<String> FATHER_NOT_INCLUDED_REASON = Var.text(AssessmentFramework.Var.FATHER_NOT_INCLUDED_REASON);
    static final Var<String> IDENTITY_ETHNICITY = Var.text(AssessmentFramework.Var.IDENTITY_ETHNICITY);
    static final Var<String> IDENTITY_RELIGION = Var.text(AssessmentFramework.Var.IDENTITY_RELIGION);
    static final Var<String> IDENTITY_LANGUAGE = Var.text(AssessmentFramework.Var.IDENTITY_LANGUAGE);
    static final Var<Boolean> IDENTITY_INTERPRETER_NEEDED = Var.yesNo(AssessmentFramework.Var.IDENTITY_INTERPRETER_NEEDED);
    /** NONE, YES or NOT_KNOWN. */
    static final Var<String> IDENTITY_DISABILITY = Var.text(AssessmentFramework.Var.IDENTITY_DISABILITY);
    static final Var<String> AGENCIES_NOT_CONSULTED_REASON = Var.text(AssessmentFramework.Var.AGENCIES_NOT_CONSULTED_REASON);

    private Framework() {}
  }

  private final FrontDoor frontDoor;
  private final TaskService tasks;
  private final RuntimeService runtime;
  private final ManagementService management;
  private final IdentityService identity;
  private final WorkingDayCalendar calendar;
  private final CinCensus census;
  private final CensusCheck check;
  private final AnnexA annexA;
  private final RepositoryService repository;
  private final Map<String, Boolean> asksWhyLate = new java.util.concurrent.ConcurrentHashMap<>();

  CaseloadSimulator(FrontDoor frontDoor, TaskService tasks, RuntimeService runtime, ManagementService management,
      IdentityService identity, WorkingDayCalendar calendar, CinCensus census, CensusCheck check, AnnexA annexA,
      RepositoryService repository) {
    this.frontDoor = frontDoor;
    this.tasks = tasks;
    this.runtime = runtime;
    this.management = management;
    this.identity = identity;
    this.calendar = calendar;
    this.census = census;
    this.check = check;
    this.annexA = annexA;
    this.repository = repository;
  }

  public Result run(Options options, PrintStream progress) throws IOException {
    try {
      return simulate(options, progress);
    } finally {
      ClockUtil.reset();
    }
  }

  private Result simulate(Options options, PrintStream progress) throws IOException {
    Random random = new Random(options.seed());
    LocalDate first = LocalDate.of(options.censusYear() - 1, 4, 1);
    LocalDate last = LocalDate.of(options.censusYear(), 3, 31);
    // Contacts arrive over the first ten months, so that most episodes have run their course by the census date.
    Map<LocalDate, List<Integer>> arrivals = new HashMap<>();
    for (int child = 0; child < options.children(); child++) {
      LocalDate day = first.plusDays(random.nextInt(300));
      while (!calendar.isWorkingDay(day)) {
        day = day.plusDays(1);
      }
      arrivals.computeIfAbsent(day, d -> new ArrayList<>()).add(child);
    }
    Map<String, LocalDate> planned = new HashMap<>();
    int contacts = 0;
    int completed = 0;
    int late = 0;
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      for (int child : arrivals.getOrDefault(day, List.of())) {
        at(day, LocalTime.of(9, 30).plusMinutes(random.nextInt(420)));
        frontDoor.record(contact(child, random), "simulator");
        contacts++;
      }
      at(day, LocalTime.of(12, 0));
      runDueJobs();
      if (calendar.isWorkingDay(day)) {
        at(day, LocalTime.of(15, 0));
        for (Task task : openTasks()) {
          if (task.getTaskDefinitionKey().startsWith("Task_ServiceManager")) {
            continue; // escalations close by themselves when the overdue work is done
          }
          LocalDate when = planned.computeIfAbsent(task.getId(), id -> plan(task, random));
          // Completing one task can end another of the same case (a plan ending stops its visits).
          if (!when.isAfter(day) && tasks.createTaskQuery().taskId(task.getId()).count() == 1) {
            boolean isLate = task.getDueDate() != null && ClockUtil.getCurrentTime().after(task.getDueDate());
            if (complete(task, day, random, Choices.DRAWN)) {
              completed++;
              late += isLate ? 1 : 0;
              planned.remove(task.getId());
            } else {
              planned.put(task.getId(), calendar.addWorkingDays(day, 1));
            }
          }
        }
        at(day, LocalTime.of(17, 30));
        runDueJobs();
      }
      if (day.getDayOfWeek() == java.time.DayOfWeek.FRIDAY) {
        progress.printf("%s  contacts %5d  tasks done %6d (late %5d)  running processes %6d%n",
            day, contacts, completed, late, runtime.createProcessInstanceQuery().count());
      }
    }
    at(last, LocalTime.of(23, 0));
    Files.createDirectories(options.out());
    Path censusFile = options.out().resolve("cin-census-" + options.censusYear() + ".xml");
    CensusReturn content = census.census(options.censusYear());
    try (var out = Files.newOutputStream(censusFile)) {
      census.write(content, out);
    }
    Path annexFile = options.out().resolve("annex-a.xlsx");
    try (var out = Files.newOutputStream(annexFile)) {
      annexA.workbook(last.minusMonths(6).plusDays(1), last, out);
    }
    progress.printf("Wrote %s and %s: %d contacts, %d tasks completed, %d of them late%n",
        censusFile, annexFile, contacts, completed, late);
    CensusCheck.Report report = check.run(content);
    Map<String, Long> byRule = new java.util.TreeMap<>();
    report.failures().forEach(f -> byRule.merge(f.code() + " (" + f.type().name().toLowerCase() + ")", 1L, Long::sum));
    progress.printf("Pre-submission check of %d children: %s %s%n", content.children().size(), report.summary(), byRule);
    // Outside the counts above: the DfE's validator will still raise these (8770Q for every school-age child).
    progress.printf("Not in that count: %d rules not recorded by this system %s%n", report.notRecorded().size(),
        report.notRecorded().stream().map(CensusRules.Rule::code).toList());
    return new Result(contacts, completed, late, censusFile, annexFile, report);
  }

  /**
   * One working day of the people on the given cases, for the benchmark of whole cases ({@code bench/}):
   * the engine clock is set to 15:00 Europe/London on {@code day}, and every open task of the cases that
   * can be done today is completed by whoever would (as Tasklist signs them in), with {@code choices}'
   * answers, again as new tasks appear. A task of a kind already done today in its process waits for the
   * next day (a visit, a core group or supervision: the next is created as one is recorded), and service
   * managers' escalations are left, as in the census year. Threads may call it at once for different
   * cases on the same day; the job executor must be paused (see {@link #runDueJobsOf}).
   *
   * @param doneToday the kinds of task (process and task definition) done on this day, kept by the caller
   *     across its calls for the day (jobs run between them can open new tasks) and added to here: a
   *     thread-safe set when several threads share it
   * @return the tasks completed
   */
  public int workToday(java.util.Collection<String> caseRefs, LocalDate day, Random random, Choices choices,
      java.util.Set<String> doneToday) {
    at(day, LocalTime.of(15, 0));
    int completed = 0;
    boolean progress = true;
    while (progress && !caseRefs.isEmpty()) {
      progress = false;
      for (Task task : tasks.createTaskQuery().processInstanceBusinessKeyIn(caseRefs.toArray(String[]::new)).active()
          .orderByTaskCreateTime().asc().list()) {
        String kind = task.getProcessInstanceId() + "#" + task.getTaskDefinitionKey();
        if (task.getTaskDefinitionKey().startsWith("Task_ServiceManager") || doneToday.contains(kind)
            || tasks.createTaskQuery().taskId(task.getId()).count() == 0) {
          continue;
        }
        if (complete(task, day, random, choices)) {
          doneToday.add(kind);
          completed++;
          progress = true;
        }
      }
    }
    return completed;
  }

  /**
   * Runs, as the job executor would (paused meanwhile), every job of the given cases' processes that is
   * due on the engine clock, until none is left.
   *
   * @return the jobs run
   */
  public int runDueJobsOf(java.util.Collection<String> caseRefs) {
    return runDueJobs(() -> {
      java.util.Set<String> processes = new java.util.HashSet<>();
      for (String ref : caseRefs) {
        runtime.createProcessInstanceQuery().processInstanceBusinessKey(ref).list().forEach(p -> processes.add(p.getId()));
      }
      return processes.isEmpty() ? List.of() : management.createJobQuery().processInstanceIds(processes).executable().list();
    });
  }

  private static ContactSubmission contact(int child, Random random) {
    boolean danger = random.nextDouble() < 0.02;
    boolean harm = random.nextDouble() < 0.22;
    boolean universal = !harm && random.nextDouble() < 0.30;
    LocalDate today = StatutoryTimescales.londonDate(ClockUtil.getCurrentTime());
    LocalDate born = today.minusDays(200 + random.nextInt(17 * 365));
    return new ContactSubmission(
        ClockUtil.getCurrentTime().toInstant().atZone(StatutoryTimescales.LONDON).toOffsetDateTime().minusMinutes(5),
        SOURCES.get(random.nextInt(SOURCES.size())),
        new ContactSubmission.Referrer("Referrer " + inLetters(child), "Agency " + (child % 17), "referrer" + child + "@agency.example"),
        new ChildDetails("Child", "Simulated-" + inLetters(child), born, null,
            random.nextBoolean() ? "F" : "M", "WBRI", null),
        "Simulated concern " + child,
        new ContactSubmission.Screening(danger, harm, universal, random.nextInt(4), random.nextDouble() < 0.6));
  }

  /** A number as a name can hold it (names have no digits): 0 = Aa, 1 = Ab, 26 = Aba. */
  private static String inLetters(int number) {
    StringBuilder word = new StringBuilder();
    int n = number;
    do {
      word.append((char) ('a' + n % 26));
      n /= 26;
    } while (n > 0);
    return "A" + word.reverse();
  }

  /** The working day a task will be done: mostly before its deadline, about one in twelve late. */
  private LocalDate plan(Task task, Random random) {
    LocalDate created = StatutoryTimescales.londonDate(task.getCreateTime());
    LocalDate due = task.getDueDate() == null ? calendar.addWorkingDays(created, 5)
        : StatutoryTimescales.londonDate(task.getDueDate());
    if (random.nextDouble() < 0.08) {
      return calendar.addWorkingDays(due, 1 + random.nextInt(3));
    }
    int span = Math.max(0, calendar.workingDaysBetween(created, due));
    return calendar.addWorkingDays(created, span == 0 ? 0 : random.nextInt(span + 1));
  }

  /** Whether the task's model gives it the common late-reason rule ({@code ${explainLateStep}}), so its form asks why. */
  private boolean asksWhyLate(Task task) {
    return asksWhyLate.computeIfAbsent(task.getProcessDefinitionId() + "#" + task.getTaskDefinitionKey(), key ->
        repository.getBpmnModelInstance(task.getProcessDefinitionId()).getModelElementById(task.getTaskDefinitionKey())
            instanceof UserTask userTask && userTask.getExtensionElements() != null
            && userTask.getExtensionElements().getElementsQuery().filterByType(CamundaTaskListener.class).list().stream()
                .anyMatch(l -> "${explainLateStep}".equals(l.getCamundaDelegateExpression())));
  }

  /** Completes the task as the person who would; false when it must wait a day (an earlier step first). */
  private boolean complete(Task task, LocalDate day, Random random, Choices choices) {
    Map<String, Object> form = answers(task, day, random, choices);
    if (form == null) {
      return false;
    }
    // A completion carries only its form's fields: the late reason of this task's own step, where the
    // task asks for one (every user task with a deadline names its step; only the step's own work asks why it is late).
    Step.of(Step.CODE.get(tasks, task.getId())).filter(step -> asksWhyLate(task)).ifPresent(step -> step.lateReasonVar().put(form,
        step == Step.CONTACT_DECISION
            ? "Simulated: waiting for information from the school" : "Simulated: the family could not be seen sooner"));
    // Signed in as Tasklist would sign them in: a person the task is given to, with all their groups.
    String user = whoWorks(task);
    identity.setAuthentication(user, identity.createGroupQuery().groupMember(user).list().stream()
        .map(org.camunda.bpm.engine.identity.Group::getId).toList());
    try {
      tasks.complete(task.getId(), form);
      return true;
    } finally {
      identity.clearAuthentication();
    }
  }

  /** The assignee, else the first member (by id) of one of the task's candidate groups. */
  private String whoWorks(Task task) {
    if (task.getAssignee() != null) {
      return task.getAssignee();
    }
    return tasks.getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> link.getGroupId() != null)
        .flatMap(link -> identity.createUserQuery().memberOfGroup(link.getGroupId()).orderByUserId().asc().list().stream())
        .map(org.camunda.bpm.engine.identity.User::getId)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("Nobody can work task " + task.getTaskDefinitionKey()
            + ": its groups have no members"));
  }

  /** The content a single assessment must hold besides its census items (casework's AssessmentFramework). */
  private static void simulatedAssessmentFramework(Answers f) {
    f.set(Framework.CHILD_VIEWS_HOW_GATHERED, "Simulated: seen alone");
    f.set(Framework.NEEDS_HEALTH_STRENGTHS, "Simulated");
    f.set(Framework.PARENTING_BASIC_CARE_CONCERNS, "Simulated");
    f.set(Framework.FAMILY_WIDER_FAMILY_STRENGTHS, "Simulated");
    f.set(Framework.ANALYSIS_RISKS, "Simulated");
    f.set(Framework.ANALYSIS_PROTECTIVE_FACTORS, "Simulated");
    f.set(Framework.ANALYSIS_IF_NOTHING_CHANGES, "Simulated");
    f.setAsSubmitted(Framework.PARENTS_VIEWS, SpinValues.jsonValue("[{\"name\":\"Simulated Parent\",\"relationship\":\"MOTHER\","
        + "\"livesWithChild\":true,\"views\":\"Simulated\",\"howGathered\":\"Home visit\"}]").create());
    f.set(Framework.FATHER_NOT_INCLUDED_REASON, "Simulated: father not known");
    f.set(Framework.IDENTITY_ETHNICITY, "Simulated");
    f.set(Framework.IDENTITY_RELIGION, "Not stated");
    f.set(Framework.IDENTITY_LANGUAGE, "English");
    f.setAsSubmitted(Framework.IDENTITY_INTERPRETER_NEEDED, "false");
    f.set(Framework.IDENTITY_DISABILITY, "NOT_KNOWN");
    f.set(Framework.AGENCIES_NOT_CONSULTED_REASON, "Simulated");
  }

  private Map<String, Object> answers(Task task, LocalDate day, Random random, Choices choices) {
    boolean toPlan = choices == Choices.PROTECTION_PLAN;
    Answers f = new Answers();
    String today = day.toString();
    String id = task.getId();
    switch (task.getTaskDefinitionKey()) {
      case ContactProcess.Element.MANAGER_DECIDES_CONTACT -> {
        String suggested = ContactProcess.Var.SUGGESTED_ROUTE.get(tasks, id);
        String decision = toPlan ? ContactProcess.Route.STRATEGY_DISCUSSION.name() : random.nextDouble() < 0.85 ? suggested
            : pick(random, "NFA", "EARLY_HELP", "S17_ASSESSMENT", "STRATEGY_DISCUSSION");
        f.set(ContactProcess.Var.CONTACT_DECISION, ContactProcess.Route.valueOf(decision));
        f.set(ContactProcess.Var.CONTACT_DECISION_REASON, "Simulated decision");
        if (Boolean.TRUE.equals(ContactProcess.Var.POSSIBLE_MATCH.get(tasks, id))) {
          f.set(ContactProcess.Var.POSSIBLE_MATCH_VERDICT, "DIFFERENT_CHILD"); // simulated children are all different
        }
      }
      case ContactProcess.Element.REVIEW_FURTHER_CONTACT -> f.set(ContactProcess.Var.FURTHER_CONTACT_REVIEW, "Simulated review");
      case ReferralEpisode.ALLOCATE_SOCIAL_WORKER -> {
        String team = TEAMS.get(random.nextInt(TEAMS.size()));
        f.set(Pathway.Var.ALLOCATED_WORKER, WORKER_OF_TEAM.get(team));
        f.set(Pathway.Var.ALLOCATED_TEAM, team);
      }
      case StrategyDiscussionProcess.Element.CONVENE -> {
        f.setAsSubmitted(Pathway.Var.STRATEGY_INVITEES, SpinValues.jsonValue("[\"POLICE\",\"HEALTH\",\"EDUCATION\"]").create());
        f.set(StrategyDiscussionProcess.Var.STRATEGY_PLANNED_FOR, today + " 10:00");
      }
      case StrategyDiscussionProcess.Element.RECORD -> {
        f.set(Pathway.Var.STRATEGY_DISCUSSION_DATE, day);
        f.set(StrategyDiscussionProcess.Var.STRATEGY_ATTENDEES, "Police, health, school, chair");
        f.setAsSubmitted(Pathway.Var.S47_STARTED, toPlan || random.nextDouble() < 0.75 ? "true" : "false");
        f.set(StrategyDiscussionProcess.Var.STRATEGY_DECISION_REASON, "Simulated");
      }
      case StrategyDiscussionProcess.Element.RECORD_MINUTES -> f.set(Pathway.Var.STRATEGY_MINUTES, "Simulated minutes");
      case AssessmentProcess.Element.CONCLUDE_S47 -> {
        f.set(Pathway.Var.S47_OUTCOME, toPlan || random.nextDouble() < 0.35 ? "ICPC_REQUIRED" : "NO_ICPC");
        f.set(AssessmentProcess.Var.S47_OUTCOME_REASON, "Simulated");
      }
      case AssessmentProcess.Element.COMPLETE_SINGLE, AssessmentProcess.Element.COMPLETE_INITIAL,
          AssessmentProcess.Element.COMPLETE_CORE -> {
        boolean s47 = Boolean.TRUE.equals(shown(id, Pathway.Var.S47_STARTED));
        Object s47Outcome = shown(id, Pathway.Var.S47_OUTCOME);
        if (s47 && s47Outcome == null) {
          return null; // the enquiry decides whether a conference is needed: conclude it first
        }
        // A second assessment of the episode starts after the first was authorised (census rule 8863).
        Object previous = shown(id, AssessmentProcess.Var.PREVIOUS_ASSESSMENT_AUTHORISATION_DATE);
        if (previous instanceof String authorised && authorised.compareTo(today) >= 0) {
          return null; // the first was authorised today: this one is sent tomorrow at the earliest
        }
        LocalDate start = previous instanceof String authorised ? LocalDate.parse(authorised).plusDays(1)
            : LocalDate.parse(dateOnOrAfterReferral(id, today));
        f.set(Pathway.Var.ASSESSMENT_ACTUAL_START_DATE, start);
        f.set(Pathway.Var.ASSESSMENT_CHILD_SEEN_DATE, start);
        f.set(Pathway.Var.ASSESSMENT_CHILD_SEEN_ALONE, random.nextDouble() < 0.7);
        f.set(Pathway.Var.ASSESSMENT_CHILD_VIEWS, "Simulated views");
        Pathway.AssessmentOutcome outcome;
        if (s47) {
          outcome = "ICPC_REQUIRED".equals(s47Outcome) ? Pathway.AssessmentOutcome.ICPC
              : (random.nextDouble() < 0.4 ? Pathway.AssessmentOutcome.CIN_PLAN : Pathway.AssessmentOutcome.NFA);
        } else {
          double r = random.nextDouble();
          outcome = r < 0.40 ? Pathway.AssessmentOutcome.NFA : r < 0.52 ? Pathway.AssessmentOutcome.EARLY_HELP
              : r < 0.96 ? Pathway.AssessmentOutcome.CIN_PLAN : Pathway.AssessmentOutcome.STRATEGY_DISCUSSION;
        }
        // "No factors identified" is an assessment that found nothing to act on (census rule 8873).
        f.setAsSubmitted(Pathway.Var.ASSESSMENT_FACTORS,
            SpinValues.jsonValue(factors(random, !s47 && outcome == Pathway.AssessmentOutcome.NFA)).create());
        f.set(Pathway.Var.ASSESSMENT_OUTCOME, outcome);
        f.set(AssessmentProcess.Var.ASSESSMENT_OUTCOME_REASON, "Simulated");
        f.set(Pathway.Var.PRIMARY_NEED_CODE,
            s47 || outcome == Pathway.AssessmentOutcome.STRATEGY_DISCUSSION ? "N1" : pick(random, OTHER_NEEDS));
        if (AssessmentProcess.Element.COMPLETE_INITIAL.equals(task.getTaskDefinitionKey())) {
          f.set(AssessmentProcess.Var.CORE_ASSESSMENT_NEEDED, false); // only the initial assessment's form asks it
        }
        if (AssessmentProcess.Element.COMPLETE_SINGLE.equals(task.getTaskDefinitionKey())) {
          simulatedAssessmentFramework(f); // a single assessment holds the whole Assessment Framework assessment
        }
      }
      case AssessmentProcess.Element.AUTHORISE -> {
        f.set(AssessmentProcess.Var.ASSESSMENT_AUTHORISATION, AssessmentProcess.Authorisation.AUTHORISE);
        f.set(AssessmentProcess.Var.ASSESSMENT_MANAGER_COMMENTS, "Simulated authorisation");
      }
      case InitialConferenceProcess.Element.SCHEDULE_CONFERENCE -> {
        f.set(Pathway.Var.CONFERENCE_PLANNED_DATE, day);
        f.set(Pathway.Var.CONFERENCE_VENUE, "Civic Centre");
        f.setAsSubmitted(Pathway.Var.CONFERENCE_INVITEES, SpinValues.jsonValue("[\"POLICE\",\"HEALTH\",\"EDUCATION\"]").create());
      }
      case ChildProtectionPlanProcess.Element.SCHEDULE_REVIEW_CONFERENCE -> {
        if (!toPlan) {
          return null; // the census year's reviews are recorded without the invitations (its seeded cases stay as they were)
        }
        f.set(Pathway.Var.CONFERENCE_PLANNED_DATE, calendar.addWorkingDays(day, 1));
        f.set(Pathway.Var.CONFERENCE_VENUE, "Civic Centre");
        f.setAsSubmitted(Pathway.Var.CONFERENCE_INVITEES, SpinValues.jsonValue("[\"POLICE\",\"HEALTH\",\"EDUCATION\"]").create());
      }
      case InitialConferenceProcess.Element.RECORD_CONFERENCE_OUTCOME -> {
        double r = toPlan ? 0 : random.nextDouble();
        Pathway.ConferenceOutcome outcome = r < 0.85 ? Pathway.ConferenceOutcome.CP_PLAN
            : r < 0.95 ? Pathway.ConferenceOutcome.CIN_PLAN : Pathway.ConferenceOutcome.NFA;
        f.set(Pathway.Var.DATE_OF_INITIAL_CPC, day);
        f.set(Pathway.Var.CHILD_ATTENDED_CONFERENCE, random.nextBoolean());
        f.set(Pathway.Var.CHILD_REPRESENTED_BY_ADVOCATE, random.nextDouble() < 0.3);
        f.set(Pathway.Var.ICPC_OUTCOME, outcome);
        if (outcome == Pathway.ConferenceOutcome.CP_PLAN) {
          f.set(Pathway.Var.INITIAL_CATEGORY_OF_ABUSE, category(random));
          f.setAsSubmitted(PlanForms.DANGER_STATEMENTS,
              SpinValues.jsonValue("[{\"statement\":\"Simulated danger statement\"}]").create());
          f.setAsSubmitted(PlanForms.SAFETY_GOALS, SpinValues.jsonValue("[{\"goal\":\"Simulated safety goal\"}]").create());
          plan(f, day);
        }
        f.set(InitialConferenceProcess.Var.ICPC_OUTCOME_REASONS, "Simulated");
      }
      case ChildProtectionPlanProcess.Element.RECORD_STATUTORY_VISIT -> {
        f.set(ChildProtectionPlanProcess.Var.CP_VISIT_DATE, day);
        f.set(ChildProtectionPlanProcess.Var.CP_VISIT_CHILD_SEEN, true);
        f.set(ChildProtectionPlanProcess.Var.CP_VISIT_CHILD_SEEN_ALONE, random.nextDouble() < 0.8);
        f.set(ChildProtectionPlanProcess.Var.CP_VISIT_NOTES, "Simulated visit");
      }
      case ChildProtectionPlanProcess.Element.RECORD_FIRST_CORE_GROUP, ChildProtectionPlanProcess.Element.RECORD_CORE_GROUP -> {
        f.set(ChildProtectionPlanProcess.Var.CORE_GROUP_DATE, day);
        f.set(ChildProtectionPlanProcess.Var.CORE_GROUP_ACTIONS, "Simulated actions");
        meeting(f, id, random);
      }
      case ChildProtectionPlanProcess.Element.RECORD_REVIEW_CONFERENCE -> {
        if (!after(id, Pathway.Var.CPP_START_DATE, today)) {
          return null;
        }
        Integer held = ChildProtectionPlanProcess.Var.REVIEW_CONFERENCE_COUNT.get(tasks, id);
        int reviews = held == null ? 0 : held;
        double r = toPlan ? 0 : random.nextDouble();
        ChildProtectionPlanProcess.ReviewDecision decision = reviews == 0
            ? (r < 0.55 ? ChildProtectionPlanProcess.ReviewDecision.CONTINUE
                : r < 0.9 ? ChildProtectionPlanProcess.ReviewDecision.END_STEP_DOWN_TO_CIN_PLAN
                : ChildProtectionPlanProcess.ReviewDecision.END_CLOSE)
            : (r < 0.3 ? ChildProtectionPlanProcess.ReviewDecision.CONTINUE
                : r < 0.8 ? ChildProtectionPlanProcess.ReviewDecision.END_STEP_DOWN_TO_CIN_PLAN
                : ChildProtectionPlanProcess.ReviewDecision.END_CLOSE);
        f.set(ChildProtectionPlanProcess.Var.REVIEW_DATE, day);
        Object latest = shown(id, Pathway.Var.LATEST_CATEGORY_OF_ABUSE);
        f.set(Pathway.Var.LATEST_CATEGORY_OF_ABUSE, random.nextDouble() < 0.1 || latest == null ? category(random)
            : Pathway.CategoryOfAbuse.valueOf(latest.toString()));
        f.set(ChildProtectionPlanProcess.Var.REVIEW_DECISION, decision);
        f.set(ChildProtectionPlanProcess.Var.REVIEW_NOTES, "Simulated review");
        meeting(f, id, random);
      }
      case ChildInNeedPlanProcess.Element.START_PLAN -> {
        f.set(Pathway.Var.CIN_PLAN_START_DATE, day);
        f.set(ChildInNeedPlanProcess.Var.AIMS, "Simulated aims");
        plan(f, day);
      }
      case ChildInNeedPlanProcess.Element.REVIEW_PLAN -> {
        if (!after(id, Pathway.Var.CIN_PLAN_START_DATE, today)) {
          return null;
        }
        f.set(ChildInNeedPlanProcess.Var.REVIEW_DATE, day);
        f.set(ChildInNeedPlanProcess.Var.REVIEW_PROGRESS, "Simulated progress");
        f.set(ChildInNeedPlanProcess.Var.REVIEW_DECISION, random.nextDouble() < 0.4
            ? ChildInNeedPlanProcess.ReviewDecision.END_PLAN : ChildInNeedPlanProcess.ReviewDecision.CONTINUE);
        meeting(f, id, random);
      }
      case CaseSupervisionProcess.Element.RECORD_SUPERVISION, CaseSupervisionProcess.Element.RECORD_AD_HOC_SUPERVISION -> {
        f.set(CaseSupervisionProcess.Var.SUPERVISION_DATE, day);
        f.set(CaseSupervisionProcess.Var.DISCUSSION, "Simulated supervision");
        f.set(CaseSupervisionProcess.Var.DECISIONS, "Continue");
        f.set(CaseSupervisionProcess.Var.ACTIONS, SpinValues.jsonValue("[{\"action\":\"Visit\",\"dueBy\":\""
            + day.plusDays(14) + "\"}]").create());
      }
      case ReferralEpisode.CLOSE_EPISODE -> {
        // As a manager would: from the reasons the form offers (RC8/RC9 only where census rule 2990 allows them).
        Object outcome = shown(id, Pathway.Var.ASSESSMENT_OUTCOME);
        String offered = String.valueOf(shown(id, CLOSURE_REASON_OPTIONS));
        String reason = "NFA".equals(outcome) && offered.contains("\"RC8\"") ? "RC8"
            : "EARLY_HELP".equals(outcome) && offered.contains("\"RC9\"") ? "RC9"
            : offered.contains("\"RC7\"") ? "RC7" : "RC8";
        f.set(Pathway.Var.CLOSURE_DATE, day);
        f.set(Pathway.Var.REASON_FOR_CLOSURE, reason);
        f.set(CLOSURE_NOTE, "Simulated closure");
      }
      default -> {
        return null; // e.g. pre-proceedings: the simulation never chooses them
      }
    }
    return f.asVariables();
  }

  /** A plan's smallest content, as the conference or the plan's start records it: one outcome, one action. */
  private static void plan(Answers f, LocalDate start) {
    f.setAsSubmitted(PlanForms.OUTCOMES, SpinValues.jsonValue("[{\"whatChanges\":\"Simulated outcome\",\"measuredBy\":\"Simulated measure\","
        + "\"byWhen\":\"" + start.plusMonths(6) + "\"}]").create());
    f.setAsSubmitted(PlanForms.ACTIONS, SpinValues.jsonValue("[{\"outcome\":1,\"who\":\"Simulated agency\",\"what\":\"Simulated action\","
        + "\"byWhen\":\"" + start.plusMonths(2) + "\"}]").create());
  }

  /** A core group or review as its form sends it: every outcome the form shows rated, the child's voice. */
  private void meeting(Answers f, String taskId, Random random) {
    com.fasterxml.jackson.databind.node.ArrayNode rows = new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode();
    Object shown = shown(taskId, PlanForms.OUTCOME_PROGRESS);
    try {
      if (shown != null) {
        for (com.fasterxml.jackson.databind.JsonNode row : new com.fasterxml.jackson.databind.ObjectMapper().readTree(shown.toString())) {
          rows.addObject().put("outcome", row.path("outcome").asInt())
              .put("rating", random.nextDouble() < 0.3 ? "RED" : random.nextDouble() < 0.6 ? "AMBER" : "GREEN")
              .put("evidence", "Simulated evidence");
        }
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("The meeting form's outcomes are not JSON", e);
    }
    f.setAsSubmitted(PlanForms.OUTCOME_PROGRESS, SpinValues.jsonValue(rows.toString()).create());
    f.set(PlanForms.CHILD_ATTENDED, random.nextBoolean());
    f.set(PlanForms.CHILDS_VIEWS, "Simulated views");
    f.set(PlanForms.HOW_VIEWS_GATHERED, "Seen alone");
    f.set(PlanForms.ADVOCATE_OFFERED, true);
  }

  private String dateOnOrAfterReferral(String taskId, String today) {
    Object referral = shown(taskId, Pathway.Var.REFERRAL_DATE);
    return referral instanceof String r && r.compareTo(today) <= 0 ? r : today;
  }

  /**
   * A variable as the task's form shows it, undecoded: the simulator answers as a person reading the
   * form would (a date as its ISO text, a code as its name).
   */
  private Object shown(String taskId, Var<?> variable) {
    return tasks.getVariable(taskId, variable.name());
  }

  private boolean after(String taskId, Var<?> variable, String today) {
    Object start = shown(taskId, variable);
    return start instanceof String s && s.compareTo(today) < 0;
  }

  private static String factors(Random random, boolean nothingFound) {
    if (nothingFound && random.nextDouble() < 0.12) {
      return "[\"" + AssessmentFactors.NO_FACTORS + "\"]";
    }
    List<String> chosen = new ArrayList<>();
    int n = 1 + random.nextInt(3);
    while (chosen.size() < n) {
      String factor = COMMON_FACTORS.get(Math.min(COMMON_FACTORS.size() - 1, (int) Math.abs(random.nextGaussian() * 3)));
      if (!chosen.contains(factor)) {
        chosen.add(factor);
      }
    }
    return "[\"" + String.join("\",\"", chosen) + "\"]";
  }

  private static Pathway.CategoryOfAbuse category(Random random) {
    double r = random.nextDouble();
    return r < 0.40 ? Pathway.CategoryOfAbuse.NEG : r < 0.75 ? Pathway.CategoryOfAbuse.EMO
        : r < 0.85 ? Pathway.CategoryOfAbuse.PHY : r < 0.90 ? Pathway.CategoryOfAbuse.SAB : Pathway.CategoryOfAbuse.MUL;
  }

  private static String pick(Random random, String... values) {
    return values[random.nextInt(values.length)];
  }

  private List<Task> openTasks() {
    return tasks.createTaskQuery().active().list().stream()
        .sorted(Comparator.comparing(Task::getCreateTime).thenComparing(t -> String.valueOf(
            runtime.createProcessInstanceQuery().processInstanceId(t.getProcessInstanceId()).singleResult().getBusinessKey()))
            .thenComparing(Task::getTaskDefinitionKey))
        .toList();
  }

  private void runDueJobs() {
    runDueJobs(() -> management.createJobQuery().executable().list());
  }

  private int runDueJobs(java.util.function.Supplier<List<org.camunda.bpm.engine.runtime.Job>> dueJobs) {
    int ran = 0;
    for (int round = 0; round < 100; round++) {
      var due = dueJobs.get();
      if (due.isEmpty()) {
        return ran;
      }
      due.stream().sorted(Comparator.comparing(j -> String.valueOf(j.getDuedate()) + j.getProcessInstanceId()))
          .forEach(job -> management.executeJob(job.getId()));
      ran += due.size();
    }
    return ran;
  }

  private static void at(LocalDate day, LocalTime time) {
    ClockUtil.setCurrentTime(Date.from(day.atTime(time).atZone(StatutoryTimescales.LONDON).toInstant()));
  }

}
