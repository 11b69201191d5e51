package org.safeguardflow.operations;

import org.camunda.bpm.spring.boot.starter.configuration.impl.DefaultJobConfiguration;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * A node stopped on purpose (SIGTERM, a context closed) lets the jobs its job executor is running
 * finish before the database connections close. Camunda's Spring Boot starter runs jobs on a Spring
 * {@link ThreadPoolTaskExecutor} ({@code camundaTaskExecutor}) that by default neither waits for its
 * running tasks nor lets them end before the connection pool is shut: a job caught mid-run then failed
 * on a closed connection, could not record its own failure either, and stayed locked to the stopped
 * node for the whole lock time ({@code TwoNodeClusterTest}, 500 contacts). These are Spring's own
 * settings of that executor: wait for running tasks, at most {@value #AWAIT_SECONDS} seconds (a job
 * here takes well under a second; notifications time out after 10 s).
 */
@Component
class RunningJobsFinishOnStop implements BeanPostProcessor {

  static final int AWAIT_SECONDS = 30;

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (DefaultJobConfiguration.JobConfiguration.CAMUNDA_TASK_EXECUTOR_QUALIFIER.equals(beanName) && bean instanceof ThreadPoolTaskExecutor executor) {
      executor.setWaitForTasksToCompleteOnShutdown(true);
      executor.setAwaitTerminationSeconds(AWAIT_SECONDS);
    }
    return bean;
  }
}
