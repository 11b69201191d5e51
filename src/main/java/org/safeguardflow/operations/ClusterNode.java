package org.safeguardflow.operations;

import java.time.Duration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Names this node in a cluster of nodes on one database ({@code safeguard.cluster.node-name}, e.g.
 * {@code node-a}): the job executor locks jobs under that name (Camunda's {@code lockOwner}, a random
 * id otherwise), and the job log and metrics record it as the host, so Cockpit's job log and
 * {@code ACT_HI_JOB_LOG.HOSTNAME_} say which node ran each job. {@code safeguard.cluster.job-lock-time}
 * is how long a job stays locked to a node that stopped without releasing it (killed, or cut off from
 * the database) before another node takes it: Camunda's 5 minutes unless set.
 */
@Component
class ClusterNode extends AbstractProcessEnginePlugin {

  private final String nodeName;
  private final Duration lockTime;

  ClusterNode(@Value("${safeguard.cluster.node-name:}") String nodeName,
      @Value("${safeguard.cluster.job-lock-time:PT5M}") Duration lockTime) {
    this.nodeName = nodeName.strip();
    this.lockTime = lockTime;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (!nodeName.isEmpty()) {
      configuration.setHostname(nodeName);
    }
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    JobExecutor executor = configuration.getJobExecutor();
    if (executor != null) {
      if (!nodeName.isEmpty()) {
        executor.setLockOwner(nodeName);
      }
      executor.setLockTimeInMillis(Math.toIntExact(lockTime.toMillis()));
      // While the database is away: one WARN, not an ENGINE-14019 stack trace every acquisition cycle.
      org.safeguardflow.web.OutageLog.install();
    }
  }
}
