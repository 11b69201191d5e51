package org.safeguardflow.operations;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * A node that is stopped (SIGTERM, or its Spring context closed) leaves no job locked to itself: its
 * job executor stops acquiring, the jobs it already holds (running or queued) get up to
 * {@code safeguard.cluster.finish-jobs-within} (30 seconds) to finish, then every job still locked
 * under this node's lock owner is released, so another node takes
 * it at once instead of after the lock time ({@code safeguard.cluster.job-lock-time}). Releasing bumps
 * nothing a running job relies on: none is running by then, and Camunda's optimistic locking would
 * refuse a job's commit had its row been changed under it.
 *
 * <p>Runs before the engine closes (this bean depends on it, so Spring destroys it first).
 */
@Component
class ReleaseJobsOnShutdown implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(ReleaseJobsOnShutdown.class);

  private final ProcessEngine engine;
  private final JdbcTemplate jdbc;
  private final Duration finishWithin;

  ReleaseJobsOnShutdown(ProcessEngine engine, JdbcTemplate jdbc,
      @Value("${safeguard.cluster.finish-jobs-within:PT30S}") Duration finishWithin) {
    this.engine = engine;
    this.jdbc = jdbc;
    this.finishWithin = finishWithin;
  }

  @Override
  public void destroy() {
    JobExecutor executor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
    if (executor == null || !executor.isActive()) {
      return;
    }
    // Stop acquiring, then let the jobs already handed to the pool (running or queued) finish.
    executor.shutdown();
    if (executor instanceof SpringJobExecutor spring && spring.getTaskExecutor() instanceof ThreadPoolTaskExecutor pool
        && pool.getThreadPoolExecutor() != null) {
      pool.getThreadPoolExecutor().shutdown();
      try {
        if (!pool.getThreadPoolExecutor().awaitTermination(finishWithin.toMillis(), TimeUnit.MILLISECONDS)) {
          log.warn("Jobs still running {} after the stop began; releasing the rest", finishWithin);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    int released = jdbc.update("update act_ru_job set lock_owner_ = null, lock_exp_time_ = null,"
        + " rev_ = rev_ + 1 where lock_owner_ = ?", executor.getLockOwner());
    log.info("Job executor {} stopped; {} job(s) it had acquired but not run released for the other nodes",
        executor.getLockOwner(), released);
  }
}
