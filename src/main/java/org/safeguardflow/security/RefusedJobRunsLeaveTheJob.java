package org.safeguardflow.security;

import org.camunda.bpm.engine.impl.ManagementServiceImpl;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;

/**
 * Running a job on request ({@code POST /engine-rest/job/{id}/execute}, the same through the web apps'
 * {@code /camunda/api/engine/engine/default/job/{id}/execute}, {@code ManagementService.executeJob})
 * is checked before the engine runs anything. Camunda checks {@code UPDATE} inside the job's run, and
 * its job-failure handling then counts the refusal as a failed run of the job: each refused call took a
 * retry off the job, wrote the refusal as the job's exception and put its due date back; the third made
 * an incident, and a statutory deadline timer (such as the contact decision's) never fired. Here a
 * caller who may not update the job is refused (403, {@code AuthorizationException}) in a command of its
 * own, and the job keeps its retries, exception and due date. The job executor, which runs jobs
 * without a signed-in person and not through this service, is unaffected. Installed by
 * {@link TaskChangeRules} as the engine's management service.
 */
class RefusedJobRunsLeaveTheJob extends ManagementServiceImpl {

  RefusedJobRunsLeaveTheJob(ProcessEngineConfigurationImpl configuration) {
    super(configuration);
  }

  @Override
  public void executeJob(String jobId) {
    if (jobId != null) {
      commandExecutor.execute(context -> {
        JobEntity job = context.getJobManager().findJobById(jobId);
        if (job != null) {
          for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
            checker.checkUpdateJob(job);
          }
        }
        return null;
      });
    }
    super.executeJob(jobId);
  }
}
