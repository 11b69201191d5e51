package org.safeguardflow.operations;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.safeguardflow.web.DatabaseAway;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The state figures that operators watch, read from the shared database and so the same on every node
 * of a cluster: jobs due but not taken by any job executor, jobs held locked by a node for longer than
 * a job runs (a node that died holding them), failed jobs, open incidents, the
 * notification outbox by state, and open tasks past their deadline by candidate group. One snapshot
 * (six grouped queries) serves every gauge and the health check, and is kept for
 * {@code safeguard.operations.figures-cache} (default 5 seconds) so a scrape costs the database little.
 * Times are the engine clock's, as the job executor's are.
 */
@Component
public class OperationsFigures {

  private final JdbcTemplate jdbc;
  private final Duration cacheFor;
  private final Duration jobsDueGrace;
  private final Duration jobLockTime;
  private final Duration jobLockGrace;
  private volatile Snapshot snapshot;

  OperationsFigures(JdbcTemplate jdbc,
      @Value("${safeguard.operations.figures-cache:PT5S}") Duration cacheFor,
      @Value("${safeguard.operations.jobs-due-grace:PT5M}") Duration jobsDueGrace,
      @Value("${safeguard.cluster.job-lock-time:PT5M}") Duration jobLockTime,
      @Value("${safeguard.operations.job-lock-grace:PT1M}") Duration jobLockGrace) {
    this.jdbc = jdbc;
    this.cacheFor = cacheFor;
    this.jobsDueGrace = jobsDueGrace;
    this.jobLockTime = jobLockTime;
    this.jobLockGrace = jobLockGrace;
  }

  /**
   * How long a node may hold a job's lock before the job counts as "locked too long": far longer than
   * a job runs (milliseconds to seconds; a stopping node waits 30 s for its running jobs), so a lock
   * held longer belongs to a node that died, was killed or was cut off while holding it.
   */
  public Duration jobLockGrace() {
    return jobLockGrace;
  }

  /** How long a job may wait past its due time before it counts as "due but not taken". */
  public Duration jobsDueGrace() {
    return jobsDueGrace;
  }

  /**
   * The figures, at most {@code figures-cache} old; reading the database if the last ones are older.
   *
   * @throws DataAccessResourceFailureException at once, without waiting out the connection pool's
   *     timeout again, while the database was seen out of reach within the last {@code figures-cache}
   *     ({@link DatabaseAway}); the failure of the database read otherwise
   */
  public Snapshot current() {
    Snapshot known = snapshot;
    Instant now = Instant.now();
    if (known == null || known.readAt().plus(cacheFor).isBefore(now)) {
      synchronized (this) {
        known = snapshot;
        if (known == null || known.readAt().plus(cacheFor).isBefore(now)) {
          if (DatabaseAway.seenWithin(cacheFor)) {
            throw new DataAccessResourceFailureException("The database was out of reach moments ago; figures not read");
          }
          try {
            known = read(now);
          } catch (RuntimeException failure) {
            DatabaseAway.noticedIn(failure);
            throw failure;
          }
          snapshot = known;
        }
      }
    }
    return known;
  }

  /** Forgets the cached figures, so that the next reading goes to the database (tests, health after an outage). */
  public void forget() {
    snapshot = null;
  }

  private Snapshot read(Instant readAt) {
    Timestamp engineNow = new Timestamp(ClockUtil.getCurrentTime().getTime());
    Timestamp dueBefore = new Timestamp(engineNow.getTime() - jobsDueGrace.toMillis());
    // Async continuations have no due date: their creation is when they became due.
    Map<String, Object> jobs = jdbc.queryForMap("select"
            + " (select count(*) from act_ru_job where retries_ > 0 and suspension_state_ = 1"
            + "   and coalesce(duedate_, create_time_) <= ? and (lock_exp_time_ is null or lock_exp_time_ < ?)) as waiting,"
            + " (select min(coalesce(duedate_, create_time_)) from act_ru_job where retries_ > 0 and suspension_state_ = 1"
            + "   and coalesce(duedate_, create_time_) <= ? and (lock_exp_time_ is null or lock_exp_time_ < ?)) as oldest,"
            + " (select count(*) from act_ru_job where retries_ = 0) as failed,"
            + " (select count(*) from act_ru_incident) as incidents",
        dueBefore, engineNow, engineNow, engineNow);
    Timestamp oldest = (Timestamp) jobs.get("oldest");

    // Camunda records when a lock ends (lock_exp_time_), not when it was taken: every node locks for
    // the cluster's job-lock-time, so a lock was taken job-lock-time before it ends.
    Timestamp lockedBefore = new Timestamp(engineNow.getTime() + jobLockTime.toMillis() - jobLockGrace.toMillis());
    Map<String, Object> locks = jdbc.queryForMap("select"
            + " (select count(*) from act_ru_job where retries_ > 0 and lock_exp_time_ >= ? and lock_exp_time_ <= ?) as held,"
            + " (select min(lock_exp_time_) from act_ru_job where retries_ > 0 and lock_exp_time_ >= ?) as first_to_end",
        engineNow, lockedBefore, engineNow);
    Timestamp firstToEnd = (Timestamp) locks.get("first_to_end");
    long longestLockSeconds = firstToEnd == null ? 0
        : Math.max(0, (engineNow.getTime() - (firstToEnd.getTime() - jobLockTime.toMillis())) / 1000);
    java.util.List<String> holders = jdbc.queryForList("select distinct lock_owner_ from act_ru_job"
        + " where retries_ > 0 and lock_exp_time_ >= ? and lock_exp_time_ <= ? and lock_owner_ is not null order by lock_owner_",
        String.class, engineNow, lockedBefore);

    Map<String, Long> notifications = new HashMap<>();
    jdbc.query("select status, case when attempts = 0 then 0 else 1 end as tried, count(*) as n from sf_notification"
            + " where status in ('RECORDED', 'FAILED') group by status, case when attempts = 0 then 0 else 1 end",
        rs -> {
          String state = "FAILED".equals(rs.getString("status")) ? "failed" : rs.getInt("tried") == 0 ? "pending" : "retrying";
          notifications.merge(state, rs.getLong("n"), Long::sum);
        });

    Map<String, Long> overdueTasks = new HashMap<>();
    jdbc.query("select i.group_id_ as grp, count(distinct t.id_) as n from act_ru_task t"
            + " join act_ru_identitylink i on i.task_id_ = t.id_ and i.type_ = 'candidate' and i.group_id_ is not null"
            + " where t.due_date_ < ? group by i.group_id_",
        rs -> {
          overdueTasks.put(rs.getString("grp"), rs.getLong("n"));
        }, engineNow);

    return new Snapshot(readAt, number(jobs.get("waiting")),
        oldest == null ? 0 : Math.max(0, (engineNow.getTime() - oldest.getTime()) / 1000),
        number(jobs.get("failed")), number(jobs.get("incidents")), Map.copyOf(notifications), Map.copyOf(overdueTasks),
        number(locks.get("held")), longestLockSeconds, java.util.List.copyOf(holders));
  }

  private static long number(Object value) {
    return value == null ? 0 : ((Number) value).longValue();
  }

  /**
   * One reading of the figures.
   *
   * @param jobsDueNotTaken jobs (timers, async steps) due for longer than the grace period that no
   *     job executor has locked: the sign that timers are not firing
   * @param oldestDueSeconds how long the oldest due job that no node has locked has been waiting, grace
   *     period included, in seconds (0 when none)
   * @param failedJobs jobs whose retries ran out (each has an incident for Cockpit)
   * @param openIncidents incidents not yet resolved
   * @param notifications the outbox by state: {@code pending} (not yet tried), {@code retrying}
   *     (tried, waiting for another attempt), {@code failed} (gave up: a manager must act)
   * @param overdueTasksByGroup open user tasks past their due date, by candidate group
   * @param jobsLockedTooLong jobs whose lock a node has held for longer than {@link #jobLockGrace()}
   *     and that have not run: a node died, was killed or was cut off holding them, and they wait for
   *     the lock to end ({@code safeguard.cluster.job-lock-time}) before another node runs them
   * @param longestLockSeconds how long the longest-held job lock has been held, in seconds (0 when no
   *     job is locked)
   * @param lockOwnersHoldingTooLong the nodes (lock owners, {@code SAFEGUARD_NODE_NAME}) holding those locks
   */
  public record Snapshot(Instant readAt, long jobsDueNotTaken, long oldestDueSeconds, long failedJobs,
      long openIncidents, Map<String, Long> notifications, Map<String, Long> overdueTasksByGroup,
      long jobsLockedTooLong, long longestLockSeconds, java.util.List<String> lockOwnersHoldingTooLong) {

    public long notifications(String state) {
      return notifications.getOrDefault(state, 0L);
    }

    public long overdueTasks(String group) {
      return overdueTasksByGroup.getOrDefault(group, 0L);
    }
  }
}
