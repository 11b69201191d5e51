package org.safeguardflow.operations;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * When a node is stopped on purpose, it stops taking jobs before anything else stops. Without this,
 * Spring shut the job threads' executor ({@link RunningJobsFinishOnStop}) while Camunda's acquisition
 * thread, stopped only later with the engine, went on locking due jobs for this node; the executor
 * refused them and they stayed locked to the stopped node for the whole lock time
 * ({@code safeguard.cluster.job-lock-time}, 5 minutes), so the other node could not run them
 * ({@code TwoNodeClusterTest}, graceful stop, seen under load). As a {@link SmartLifecycle} in the
 * last phase this is stopped first: Camunda's own {@link JobExecutor#shutdown()} ends acquisition
 * (and waits for the acquisition thread); the running and queued jobs then finish on the executor.
 */
@Component
class JobAcquisitionStopsFirst implements SmartLifecycle {

  private final ObjectProvider<ProcessEngineConfigurationImpl> engineConfiguration;
  private volatile boolean running;

  JobAcquisitionStopsFirst(ObjectProvider<ProcessEngineConfigurationImpl> engineConfiguration) {
    this.engineConfiguration = engineConfiguration;
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    ProcessEngineConfigurationImpl configuration = engineConfiguration.getIfAvailable();
    JobExecutor jobs = configuration == null ? null : configuration.getJobExecutor();
    if (jobs != null && jobs.isActive()) {
      jobs.shutdown();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stopped before every other lifecycle bean (web server's graceful shutdown included). */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE;
  }
}
