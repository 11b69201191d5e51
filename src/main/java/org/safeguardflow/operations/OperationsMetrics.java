package org.safeguardflow.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.safeguardflow.casework.Routing;
import org.safeguardflow.casework.Teams;
import org.safeguardflow.web.DatabaseAway;
import org.springframework.stereotype.Component;

/**
 * The gauges of {@link OperationsFigures} for Prometheus ({@code /actuator/prometheus}). They read
 * the shared database, so every node of a cluster reports the same value: alert on {@code max}, not
 * {@code sum}, across nodes. Names, units and meanings are listed in README.md, "Operations".
 */
@Component
class OperationsMetrics implements MeterBinder {

  static final String DATABASE_REACHABLE = "safeguard.database.reachable";
  static final String JOBS_DUE_NOT_TAKEN = "safeguard.jobs.due.not.taken";
  static final String JOBS_OLDEST_DUE = "safeguard.jobs.oldest.due";
  static final String JOBS_LOCKED_TOO_LONG = "safeguard.jobs.locked.too.long";
  static final String JOBS_LONGEST_LOCK = "safeguard.jobs.longest.lock";
  static final String JOBS_FAILED = "safeguard.jobs.failed";
  static final String INCIDENTS_OPEN = "safeguard.incidents.open";
  static final String NOTIFICATIONS = "safeguard.notifications";
  static final String TASKS_OVERDUE = "safeguard.tasks.overdue";
  static final List<String> NOTIFICATION_STATES = List.of("pending", "retrying", "failed");

  private final OperationsFigures figures;
  private final Teams teams;
  private final Routing routing;

  OperationsMetrics(OperationsFigures figures, Teams teams, Routing routing) {
    this.figures = figures;
    this.teams = teams;
    this.routing = routing;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    // Every other gauge of ours reads the database and is NaN while it is out of reach; an alert on
    // NaN never fires, so this one says it in a number.
    Gauge.builder(DATABASE_REACHABLE, figures, OperationsMetrics::reachable)
        .description("1 when this node read the shared database for its figures, 0 while the database is out of reach")
        .strongReference(true)
        .register(registry);
    gauge(registry, JOBS_DUE_NOT_TAKEN, "jobs", "Jobs (timers, async steps) due for longer than the grace period and locked by no node",
        Map.of(), OperationsFigures.Snapshot::jobsDueNotTaken);
    gauge(registry, JOBS_OLDEST_DUE, "seconds", "How long the oldest due job no node has taken has been waiting",
        Map.of(), OperationsFigures.Snapshot::oldestDueSeconds);
    gauge(registry, JOBS_LOCKED_TOO_LONG, "jobs", "Jobs a node has held locked for longer than a job runs, not run: a node died holding them",
        Map.of(), OperationsFigures.Snapshot::jobsLockedTooLong);
    gauge(registry, JOBS_LONGEST_LOCK, "seconds", "How long the longest-held job lock has been held",
        Map.of(), OperationsFigures.Snapshot::longestLockSeconds);
    gauge(registry, JOBS_FAILED, "jobs", "Jobs whose retries ran out", Map.of(), OperationsFigures.Snapshot::failedJobs);
    gauge(registry, INCIDENTS_OPEN, "incidents", "Open incidents (Cockpit)", Map.of(), OperationsFigures.Snapshot::openIncidents);
    for (String state : NOTIFICATION_STATES) {
      gauge(registry, NOTIFICATIONS, "notifications", "Partner notifications in the outbox, by state",
          Map.of("state", state), s -> s.notifications(state));
    }
    for (Map.Entry<String, String> group : candidateGroups().entrySet()) {
      gauge(registry, TASKS_OVERDUE, "tasks", "Open tasks past their statutory deadline, by the team and group offered them",
          Map.of("group", group.getKey(), "team", group.getValue()), s -> s.overdueTasks(group.getKey()));
    }
  }

  private static double reachable(OperationsFigures figures) {
    try {
      figures.current();
      return 1;
    } catch (RuntimeException failure) {
      return DatabaseAway.isCause(failure) ? 0 : Double.NaN;
    }
  }

  /** Each team's two groups with their team, then the escalation managers, who are no team's. */
  private Map<String, String> candidateGroups() {
    Map<String, String> groups = new LinkedHashMap<>();
    for (String team : teams.ids()) {
      groups.put(teams.managersOf(team), team);
      groups.put(teams.socialWorkersOf(team), team);
    }
    groups.putIfAbsent(routing.getEscalationManagers(), "");
    return groups;
  }

  private void gauge(MeterRegistry registry, String name, String unit, String description, Map<String, String> tags,
      ToDoubleFunction<OperationsFigures.Snapshot> value) {
    var builder = Gauge.builder(name, figures, f -> value.applyAsDouble(f.current()))
        .description(description + " (" + unit + ")")
        .strongReference(true);
    if ("seconds".equals(unit)) {
      builder.baseUnit(unit);
    }
    tags.forEach(builder::tag);
    builder.register(registry);
  }
}
