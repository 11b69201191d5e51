package org.safeguardflow.operations;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.safeguardflow.web.DatabaseAway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code jobExecutor} in {@code /actuator/health}, in place of Camunda's own (which only says whether
 * this node's executor runs). DOWN when this node should run jobs and does not, or when jobs (timers,
 * async steps) have been due for longer than {@code safeguard.operations.jobs-due-grace} without any
 * node of the cluster taking them: deadlines are then not being escalated. Failed jobs and open
 * incidents are reported but leave it UP: they need a person in Cockpit, not a restart. So do jobs
 * locked too long (a node that died holding them, named in {@code lockOwnersHoldingTooLong}): they
 * run by themselves once the lock ends, and the {@code safeguard_jobs_locked_too_long} alert tells
 * the operator which node to look at. While the
 * database is out of reach it is DOWN with {@code figures} saying so (nothing can be run or checked).
 */
@Component("jobExecutorHealthIndicator")
class JobExecutorHealth extends AbstractHealthIndicator {

  private final ProcessEngine engine;
  private final OperationsFigures figures;
  private final boolean executorWanted;

  JobExecutorHealth(ProcessEngine engine, OperationsFigures figures,
      @Value("${camunda.bpm.job-execution.enabled:true}") boolean executorWanted) {
    super("The job executor could not be checked");
    this.engine = engine;
    this.figures = figures;
    this.executorWanted = executorWanted;
  }

  @Override
  protected void doHealthCheck(Health.Builder health) {
    JobExecutor executor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
    boolean running = executor != null && executor.isActive();
    OperationsFigures.Snapshot now;
    try {
      now = figures.current();
    } catch (RuntimeException failure) {
      if (!DatabaseAway.isCause(failure)) {
        throw failure;
      }
      health.down()
          .withDetail("thisNode", running ? "running, but it cannot reach the database" : "stopped")
          .withDetail("lockOwner", executor == null ? "" : executor.getLockOwner())
          .withDetail("figures", "not read: the database is out of reach");
      return;
    }
    boolean healthy = (running || !executorWanted) && now.jobsDueNotTaken() == 0;
    health.status(healthy ? "UP" : "DOWN")
        .withDetail("thisNode", running ? "running" : executorWanted ? "stopped" : "switched off (camunda.bpm.job-execution.enabled=false)")
        .withDetail("lockOwner", executor == null ? "" : executor.getLockOwner())
        .withDetail("jobsDueNotTaken", now.jobsDueNotTaken())
        .withDetail("jobsDueGrace", figures.jobsDueGrace().toString())
        .withDetail("oldestDueSeconds", now.oldestDueSeconds())
        .withDetail("jobsLockedTooLong", now.jobsLockedTooLong())
        .withDetail("jobLockGrace", figures.jobLockGrace().toString())
        .withDetail("longestLockSeconds", now.longestLockSeconds())
        .withDetail("lockOwnersHoldingTooLong", now.lockOwnersHoldingTooLong())
        .withDetail("failedJobs", now.failedJobs())
        .withDetail("openIncidents", now.openIncidents());
  }
}
