package org.safeguardflow.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.safeguardflow.audit.TimelineEntry.Deadline;
import org.safeguardflow.casework.CaseTransfers;
import org.safeguardflow.children.ChildMerges;
import org.safeguardflow.audit.TimelineEntry.Kind;
import org.safeguardflow.audit.TimelineEntry.TimelineProcess;
import org.safeguardflow.notify.Notifications;
import org.safeguardflow.security.SystemWork;
import org.safeguardflow.timescales.StatutoryDeadlines;
import org.safeguardflow.timescales.TimescaleBreaches;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;

/**
 * Replays a case for auditors: every process instance that carries the case reference as business
 * key (the contact, the referral episode and every stage it called), read from the engine's full
 * history, with our own records of missed deadlines and notifications woven in, in time order.
 */
@Service
public class Timeline {

  /** What was decided, and what the threshold table suggested beside it. */
  static final Set<String> DECISIONS = Set.of(
      "suggestedLevelOfNeed", "suggestedRoute", "contactDecision", "contactDecisionReason",
      "allocatedTeam", "allocatedWorker",
      "s47Started", "strategyDecisionReason", "s47Outcome", "s47OutcomeReason", "icpcNotRequired",
      "coreAssessmentNeeded", "assessmentOutcome", "assessmentOutcomeReason", "primaryNeedCode", "assessmentAuthorisation",
      "icpcOutcome", "icpcOutcomeReasons", "initialCategoryOfAbuse", "latestCategoryOfAbuse",
      "reviewDecision", "preProceedingsDecision", "cinPlanReviewDecision", "planEnding", "reasonForClosure");

  /** Dates the DfE children in need census reads: a change to one changes the return. */
  static final Set<String> CENSUS_DATES = Set.of(
      "referralDate", "allocationDate", "strategyDiscussionDate", "s47ActualStartDate",
      "assessmentActualStartDate", "assessmentAuthorisationDate", "initialCpcTarget", "dateOfInitialCpc",
      "cppStartDate", "cppEndDate", "cinPlanStartDate", "cinPlanEndDate", "closureDate", "latestCpVisitDate");

  private final HistoryService history;
  private final TimescaleBreaches breaches;
  private final Notifications notifications;
  private final TimelineSteps steps;

  // The engine is created lazily, after Flyway: a component scanned before the others (audit/ comes
  // first) that asked for the engine at once would create its tables before Flyway migrates ours.
  private final CaseTransfers transfers;

  private final ChildMerges merges;
  private final IdentityService identity;

  private final ProcessEngineConfigurationImpl engineConfiguration;

  Timeline(@Lazy HistoryService history, TimescaleBreaches breaches, Notifications notifications, TimelineSteps steps,
      CaseTransfers transfers, ChildMerges merges, @Lazy IdentityService identity,
      @Lazy ProcessEngineConfigurationImpl engineConfiguration) {
    this.engineConfiguration = engineConfiguration;
    this.merges = merges;
    this.identity = identity;
    this.transfers = transfers;
    this.history = history;
    this.breaches = breaches;
    this.notifications = notifications;
    this.steps = steps;
  }

  /** The process instances of a case, oldest first. */
  List<HistoricProcessInstance> processesOf(String caseRef) {
    return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(caseRef)
        .orderByProcessInstanceStartTime().asc().list();
  }

  /**
   * The case's timeline, read in one engine command (one transaction, with the caller's authorization
   * checks as before). Camunda looks up which groups hold any authorization once per command, by a scan
   * of {@code ACT_RU_AUTHORIZATION} that grows with history (the grants on historic tasks stay); read
   * query by query, a timeline paid it some twenty times (bench/RESULTS.md, fourth pass).
   */
  List<TimelineEntry> of(String caseRef) {
    return engineConfiguration.getCommandExecutorTxRequired().execute(context -> read(caseRef));
  }

  private List<TimelineEntry> read(String caseRef) {
    List<HistoricProcessInstance> processes = processesOf(caseRef);
    Map<String, TimelineProcess> processById = new LinkedHashMap<>();
    for (HistoricProcessInstance p : processes) {
      processById.put(p.getId(), new TimelineProcess(p.getId(), p.getProcessDefinitionKey(),
          p.getProcessDefinitionName(), p.getProcessDefinitionVersion()));
    }
    String[] ids = processById.keySet().toArray(String[]::new);
    List<UserOperationLogEntry> operations = processById.keySet().stream()
        .flatMap(id -> history.createUserOperationLogQuery().processInstanceId(id).list().stream())
        .sorted(Comparator.comparing(UserOperationLogEntry::getTimestamp))
        .toList();
    Map<String, String> userByOperation = new HashMap<>();
    Map<String, String> completedByTask = new HashMap<>();
    for (UserOperationLogEntry op : operations) {
      if (op.getUserId() != null) {
        userByOperation.putIfAbsent(op.getOperationId(), op.getUserId());
        if (UserOperationLogEntry.OPERATION_TYPE_COMPLETE.equals(op.getOperationType()) && op.getTaskId() != null) {
          completedByTask.put(op.getTaskId(), op.getUserId());
        }
      }
    }

    List<TimelineEntry> entries = new ArrayList<>();
    List<TimescaleBreaches.Breach> breachList = breaches.forCase(caseRef);
    if (ids.length > 0) {
      entries.addAll(activitiesAndTasks(caseRef, ids, processById, completedByTask, breachList));
      entries.addAll(variableChanges(ids, processById, userByOperation));
    }
    for (TimescaleBreaches.Breach b : breachList) {
      entries.add(new TimelineEntry(Kind.DEADLINE_MISSED, b.detectedAt(), b.step() + " deadline missed", null, null,
          null, b.explainedBy(), null, null, null, b.dueAt(), Deadline.LATE, b.step(), b.reason(), null, null, null));
    }
    Map<String, Notifications.Notification> byKey = notifications.forCase(caseRef).stream()
        .collect(Collectors.toMap(Notifications.Notification::idempotencyKey, n -> n, (a, b) -> a));
    for (Notifications.Event e : notifications.events(caseRef)) {
      Notifications.Notification n = byKey.get(e.idempotencyKey());
      String type = n == null ? e.idempotencyKey() : n.type();
      entries.add(TimelineEntry.event(Kind.NOTIFICATION, e.at(), type + " " + e.event(), null, e.actor(),
          e.detail() == null ? e.idempotencyKey() : e.idempotencyKey() + ": " + e.detail()));
    }
    for (CaseTransfers.Transfer t : transfers.forCase(caseRef)) {
      entries.add(TimelineEntry.event(Kind.RECORD_CHANGE, t.transferredAt().toInstant(), "Case transferred", null,
          t.transferredBy(), "from " + t.fromTeam() + " (" + t.fromWorker() + ") to " + t.toTeam() + " (" + t.toWorker()
              + "): " + t.reason()));
    }
    for (ChildMerges.Merge m : merges.ofCase(caseRef)) {
      String records = "the record of " + merges.describe(m.fromChildId()) + " into that of " + merges.describe(m.intoChildId());
      entries.add(TimelineEntry.event(Kind.RECORD_CHANGE, m.mergedAt().toInstant(), "Child records merged", null,
          m.mergedBy(), records + "; cases moved: " + String.join(", ", m.movedCases()) + ": " + m.reason()));
      if (m.unmergedAt() != null) {
        entries.add(TimelineEntry.event(Kind.RECORD_CHANGE, m.unmergedAt().toInstant(), "Child records unmerged", null,
            m.unmergedBy(), records + " undone; cases restored: " + String.join(", ", m.movedCases()) + ": " + m.unmergeReason()));
      }
    }
    entries.addAll(userOperations(operations, processById));
    // A stable sort: steps at the same instant keep the engine's order of occurrence.
    entries.sort(Comparator.comparing(TimelineEntry::at, Comparator.nullsLast(Comparator.naturalOrder())));
    return entries;
  }

  private List<TimelineEntry> activitiesAndTasks(String caseRef, String[] ids, Map<String, TimelineProcess> processById,
      Map<String, String> completedByTask, List<TimescaleBreaches.Breach> breachList) {
    Map<String, HistoricTaskInstance> tasks = history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(caseRef)
        .list().stream().collect(Collectors.toMap(HistoricTaskInstance::getId, t -> t));
    Map<String, String> stepByActivityInstance = new HashMap<>();
    Map<String, String> stepByTask = new HashMap<>();
    // The deadline each statutory task recorded as it began: the one its lateness is judged by, even if
    // an administrator later moved the task's due date. Read with the steps, in one query.
    Map<String, Date> recordedDeadlines = new HashMap<>();
    for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery().processInstanceIdIn(ids)
        .variableNameIn("timescaleStep", StatutoryDeadlines.RECORDED_DEADLINE).includeDeleted().list()) {
      if (StatutoryDeadlines.RECORDED_DEADLINE.equals(v.getName())) {
        if (v.getTaskId() != null && v.getValue() instanceof Date recorded) {
          recordedDeadlines.put(v.getTaskId(), recorded);
        }
      } else if (v.getValue() instanceof String step) {
        if (v.getActivityInstanceId() != null) {
          stepByActivityInstance.put(v.getActivityInstanceId(), step);
        }
        if (v.getTaskId() != null) {
          stepByTask.put(v.getTaskId(), step);
        }
      }
    }
    List<HistoricVariableUpdate> lateReasons = SystemWork.call(identity, () -> history.createHistoricDetailQuery()
            .variableUpdates().processInstanceIdIn(ids).variableNameLike("%LateReason").orderPartiallyByOccurrence().asc()
            .list()).stream()
        .map(HistoricVariableUpdate.class::cast).toList();

    List<TimelineEntry> entries = new ArrayList<>();
    for (String id : ids) {
      TimelineProcess process = processById.get(id);
      for (HistoricActivityInstance a : history.createHistoricActivityInstanceQuery().processInstanceId(id)
          .orderPartiallyByOccurrence().asc().list()) {
        HistoricTaskInstance task = a.getTaskId() == null ? null : tasks.get(a.getTaskId());
        if (task == null) {
          entries.add(TimelineEntry.activity(instant(a.getStartTime()), a.getActivityName(), a.getActivityId(),
              a.getActivityType(), process, instant(a.getEndTime()), a.getDurationInMillis()));
          continue;
        }
        String step = stepByTask.getOrDefault(task.getId(), stepByActivityInstance.get(a.getId()));
        if (step == null) {
          step = steps.fromModel(task.getProcessDefinitionId(), task.getTaskDefinitionKey());
        }
        Date due = recordedDeadlines.getOrDefault(task.getId(), task.getDueDate());
        Deadline deadline = deadline(task, due);
        String reason = deadline == Deadline.LATE ? lateReason(task, due, step, breachList, lateReasons) : null;
        String who = task.getEndTime() == null ? task.getAssignee()
            : completedByTask.getOrDefault(task.getId(), task.getAssignee());
        entries.add(new TimelineEntry(Kind.USER_TASK, instant(task.getStartTime()), task.getName(),
            task.getTaskDefinitionKey(), a.getActivityType(), process, who, instant(task.getStartTime()),
            instant(task.getEndTime()), task.getDurationInMillis(), instant(due), deadline, step, reason,
            null, null, task.getDeleteReason() != null && !"completed".equals(task.getDeleteReason())
                ? "ended without completion: " + task.getDeleteReason() : null));
      }
    }
    return entries;
  }

  static Deadline deadline(HistoricTaskInstance task, Date due) {
    if (due == null) {
      return null;
    }
    if (task.getEndTime() != null) {
      return task.getEndTime().after(due) ? Deadline.LATE : Deadline.MET;
    }
    return ClockUtil.getCurrentTime().after(due) ? Deadline.OVERDUE : Deadline.PENDING;
  }

  /**
   * The reason filed with the breach of this step and deadline; failing that (a step without a
   * breach record), the {@code <step>LateReason} given while the task was open.
   */
  private static String lateReason(HistoricTaskInstance task, Date deadline, String step,
      List<TimescaleBreaches.Breach> breaches, List<HistoricVariableUpdate> lateReasons) {
    Instant due = deadline.toInstant();
    for (TimescaleBreaches.Breach b : breaches) {
      if (b.reason() != null && b.dueAt().equals(due) && (step == null || step.equals(b.step()))) {
        return b.reason();
      }
    }
    String reason = null;
    for (HistoricVariableUpdate u : lateReasons) {
      boolean sameProcess = Objects.equals(u.getProcessInstanceId(), task.getProcessInstanceId());
      boolean whileOpen = !u.getTime().before(task.getStartTime()) && !u.getTime().after(task.getEndTime());
      if (sameProcess && whileOpen && u.getValue() instanceof String text && !text.isBlank()) {
        reason = text;
      }
    }
    return reason;
  }

  /**
   * Decisions and census dates as they changed. A call activity copies the variables of its seam in
   * and out, so a value is shown only when it differs from the last one shown under that name; and
   * nothing is shown for a name before its first value (a stage's input that its caller did not hold
   * yet arrives as null, and "(none)" before anything was recorded says nothing).
   */
  private List<TimelineEntry> variableChanges(String[] ids, Map<String, TimelineProcess> processById,
      Map<String, String> userByOperation) {
    List<TimelineEntry> entries = new ArrayList<>();
    Map<String, Object> lastShown = new HashMap<>();
    // The caller read these processes as themselves (processesOf); their variable updates are then read
    // as the system. Checked as the caller, Camunda joins every update to every task instance of its
    // process (an OR join) and de-duplicates: bench/RESULTS.md measured this one statement as most of a
    // timeline's database time, the more so the longer the case.
    List<HistoricDetail> details = new ArrayList<>(SystemWork.call(identity, () -> history.createHistoricDetailQuery()
        .variableUpdates().processInstanceIdIn(ids).orderPartiallyByOccurrence().asc().list()));
    // Camunda orders by occurrence within each process only: a stage's input copied in when it began
    // would otherwise be read after the value the stage later gave back to its caller. Stable by time.
    details.sort(Comparator.comparing(HistoricDetail::getTime));
    for (HistoricDetail detail : details) {
      HistoricVariableUpdate update = (HistoricVariableUpdate) detail;
      String name = update.getVariableName();
      Kind kind = DECISIONS.contains(name) ? Kind.DECISION : CENSUS_DATES.contains(name) ? Kind.CENSUS_DATE : null;
      if (kind == null) {
        continue;
      }
      Object value = plain(update.getValue());
      if (Objects.equals(lastShown.get(name), value)) {
        continue;
      }
      lastShown.put(name, value);
      String who = update.getUserOperationId() == null ? null : userByOperation.get(update.getUserOperationId());
      entries.add(TimelineEntry.variable(kind, instant(update.getTime()), processById.get(update.getProcessInstanceId()),
          who, name, value));
    }
    return entries;
  }

  /** Each operation is logged as one entry per property it changed; the timeline shows it once. */
  private static List<TimelineEntry> userOperations(List<UserOperationLogEntry> operations,
      Map<String, TimelineProcess> processById) {
    Map<String, List<UserOperationLogEntry>> byOperation = operations.stream()
        .collect(Collectors.groupingBy(UserOperationLogEntry::getOperationId, LinkedHashMap::new, Collectors.toList()));
    List<TimelineEntry> entries = new ArrayList<>();
    for (List<UserOperationLogEntry> parts : byOperation.values()) {
      UserOperationLogEntry first = parts.get(0);
      String changes = parts.stream()
          .filter(p -> p.getProperty() != null)
          .map(p -> p.getProperty() + (p.getNewValue() == null ? "" : "=" + p.getNewValue()))
          .collect(Collectors.joining(", "));
      String subject = first.getTaskId() != null ? "task " + first.getTaskId() : first.getEntityType();
      entries.add(TimelineEntry.event(Kind.USER_OPERATION, instant(first.getTimestamp()),
          first.getOperationType() + " " + first.getEntityType(), processById.get(first.getProcessInstanceId()),
          first.getUserId(), changes.isEmpty() ? subject : subject + ": " + changes));
    }
    return entries;
  }

  /** Dates as instants and everything else as JSON would show it; serialized objects as their text. */
  private static Object plain(Object value) {
    if (value instanceof Date date) {
      return date.toInstant();
    }
    if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value;
    }
    return value.toString();
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
