package org.safeguardflow.audit;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;

/**
 * How many statutory steps were done on time and how many late, per step and team, with the cases
 * of the late ones. A statutory step is a user task with a due date and a {@code timescaleStep}
 * (the pattern every stage model follows; for tasks of earlier model versions, the step their task
 * declares in the newest version, {@link TimelineSteps}); the team is
 * the one the case is allocated to.
 */
@Service
class TimelinessReport {

  static final ZoneId LONDON = ZoneId.of("Europe/London");
  static final String UNALLOCATED = "(unallocated)";
  private static final int BATCH = 500;

  /** Counts for one step and team. Late and overdue cases are listed for drill-down. */
  record StepTimeliness(String step, String team, int onTime, int late, int stillOpenPastDeadline,
      List<String> lateCases, List<String> overdueCases) {}

  record Report(LocalDate from, LocalDate to, String team, String counted, List<StepTimeliness> steps) {}

  private final HistoryService history;
  private final JdbcTemplate jdbc;
  private final TimelineSteps modelSteps;

  TimelinessReport(@Lazy HistoryService history, JdbcTemplate jdbc, TimelineSteps modelSteps) {
    this.history = history;
    this.jdbc = jdbc;
    this.modelSteps = modelSteps;
  }

  Report between(LocalDate from, LocalDate to, String teamOnly) {
    Date start = Date.from(from.atStartOfDay(LONDON).toInstant());
    Date end = Date.from(to.plusDays(1).atStartOfDay(LONDON).toInstant());
    List<HistoricTaskInstance> done = history.createHistoricTaskInstanceQuery().finished()
        .finishedAfter(new Date(start.getTime() - 1)).finishedBefore(end).list().stream()
        .filter(t -> t.getDueDate() != null && "completed".equals(t.getDeleteReason()))
        .toList();
    Date now = ClockUtil.getCurrentTime();
    List<HistoricTaskInstance> overdue = history.createHistoricTaskInstanceQuery().unfinished()
        .taskDueAfter(new Date(start.getTime() - 1)).taskDueBefore(end).list().stream()
        .filter(t -> t.getDueDate().before(now))
        .toList();

    List<HistoricTaskInstance> all = new ArrayList<>(done);
    all.addAll(overdue);
    Map<String, String> steps = stepsOf(all);
    Map<String, String> caseRefs = caseRefsOf(all);
    Map<String, String> teams = teamsOf(new HashSet<>(caseRefs.values()));

    Map<List<String>, Tally> tallies = new TreeMap<>((a, b) -> (a.get(0) + "\u0000" + a.get(1)).compareTo(b.get(0) + "\u0000" + b.get(1)));
    for (HistoricTaskInstance t : all) {
      String step = steps.containsKey(t.getId()) ? steps.get(t.getId())
          : modelSteps.fromModel(t.getProcessDefinitionId(), t.getTaskDefinitionKey());
      String caseRef = caseRefs.get(t.getProcessInstanceId());
      if (step == null || caseRef == null) {
        continue;
      }
      String team = teams.getOrDefault(caseRef, UNALLOCATED);
      if (teamOnly != null && !teamOnly.equals(team)) {
        continue;
      }
      Tally tally = tallies.computeIfAbsent(List.of(step, team), k -> new Tally());
      if (t.getEndTime() == null) {
        tally.overdue++;
        tally.overdueCases.add(caseRef);
      } else if (t.getEndTime().after(t.getDueDate())) {
        tally.late++;
        tally.lateCases.add(caseRef);
      } else {
        tally.onTime++;
      }
    }
    List<StepTimeliness> rows = new ArrayList<>();
    tallies.forEach((key, t) -> rows.add(new StepTimeliness(key.get(0), key.get(1), t.onTime, t.late, t.overdue,
        List.copyOf(t.lateCases), List.copyOf(t.overdueCases))));
    return new Report(from, to, teamOnly,
        "statutory steps (user tasks with a timescale step and a deadline) completed between from and to inclusive,"
            + " Europe/London; stillOpenPastDeadline counts those due in the period, not done and past the deadline now",
        rows);
  }

  private static final class Tally {
    int onTime;
    int late;
    int overdue;
    final TreeSet<String> lateCases = new TreeSet<>();
    final TreeSet<String> overdueCases = new TreeSet<>();
  }

  /** Task id to its timescale step: the input parameter lives in the task's activity instance (or the task). */
  private Map<String, String> stepsOf(List<HistoricTaskInstance> tasks) {
    Map<String, String> taskByActivityInstance = new HashMap<>();
    tasks.forEach(t -> taskByActivityInstance.put(t.getActivityInstanceId(), t.getId()));
    Map<String, String> steps = new HashMap<>();
    for (List<String> batch : batches(new ArrayList<>(taskByActivityInstance.keySet()))) {
      for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery().variableName("timescaleStep")
          .activityInstanceIdIn(batch.toArray(String[]::new)).includeDeleted().list()) {
        if (v.getValue() instanceof String step) {
          steps.put(taskByActivityInstance.get(v.getActivityInstanceId()), step);
        }
      }
    }
    for (List<String> batch : batches(tasks.stream().map(HistoricTaskInstance::getId).filter(id -> !steps.containsKey(id)).toList())) {
      for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery().variableName("timescaleStep")
          .taskIdIn(batch.toArray(String[]::new)).includeDeleted().list()) {
        if (v.getValue() instanceof String step) {
          steps.put(v.getTaskId(), step);
        }
      }
    }
    return steps;
  }

  private Map<String, String> caseRefsOf(List<HistoricTaskInstance> tasks) {
    Map<String, String> caseRefs = new HashMap<>();
    List<String> ids = tasks.stream().map(HistoricTaskInstance::getProcessInstanceId).distinct().toList();
    for (List<String> batch : batches(ids)) {
      for (HistoricProcessInstance p : history.createHistoricProcessInstanceQuery().processInstanceIds(new HashSet<>(batch)).list()) {
        if (p.getBusinessKey() != null) {
          caseRefs.put(p.getId(), p.getBusinessKey());
        }
      }
    }
    return caseRefs;
  }

  private Map<String, String> teamsOf(java.util.Set<String> caseRefs) {
    Map<String, String> teams = new HashMap<>();
    for (List<String> batch : batches(new ArrayList<>(caseRefs))) {
      String marks = String.join(",", Collections.nCopies(batch.size(), "?"));
      jdbc.query("select case_ref, allocated_team from sf_case where case_ref in (" + marks + ")", rs -> {
        if (rs.getString("allocated_team") != null) {
          teams.put(rs.getString("case_ref"), rs.getString("allocated_team"));
        }
      }, batch.toArray());
    }
    return teams;
  }

  private static List<List<String>> batches(List<String> ids) {
    List<List<String>> batches = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += BATCH) {
      batches.add(ids.subList(i, Math.min(ids.size(), i + BATCH)));
    }
    return batches;
  }
}
