package org.safeguardflow.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.AuthorizationCommandChecker;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantCommandChecker;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.interceptor.CommandInvocationContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.stereotype.Component;

/**
 * What the people working a task may change about it, on top of Camunda's own authorizations.
 *
 * <p>Candidate groups and assignees get Camunda's {@code TASK_WORK} on their tasks
 * ({@code default-user-permission-name-for-task}, application.yaml): they claim, unclaim and complete.
 * Everything else about a task (its statutory due date, assignee, owner, candidate groups,
 * delegation, variables) needs {@code TASK_ASSIGN}/{@code UPDATE}/{@code UPDATE_VARIABLE}, which no
 * role below {@code camunda-admin} holds, so the engine answers 403 and nothing changes. Three
 * refinements are made here, for every task of every model:
 * <ul>
 *   <li>The <b>follow-up date</b> is a personal reminder: a change that touches only it (Tasklist's
 *       follow-up control sends {@code PUT /task/{id}} with the task's other fields unchanged) needs
 *       only {@code TASK_WORK}. It is in the user operation log as any task update.</li>
 *   <li>Ending a task by <b>BPMN error or escalation</b> skips its completion rules, so it needs the
 *       rights of a task update ({@code TASK_ASSIGN}), not only {@code TASK_WORK}.</li>
 *   <li>A <b>completion</b> writes only the fields of the task's form ({@link FormOnlyCompletions}).</li>
 * </ul>
 */
@Component
class TaskChangeRules extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandChecker> checkers = new ArrayList<>();
    checkers.add(new TenantCommandChecker());
    checkers.add(new FollowUpDateIsPersonal());
    configuration.setCommandCheckers(checkers);

    List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
    interceptors.add(new FormOnlyCompletions(configuration));
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
  }

  /** Camunda's authorization checks, with the follow-up date and BPMN error/escalation refinements above. */
  static class FollowUpDateIsPersonal extends AuthorizationCommandChecker {

    static final Set<String> PERSONAL = Set.of(TaskEntity.FOLLOW_UP_DATE);

    @Override
    public void checkTaskAssign(TaskEntity task) {
      Set<String> changed = task.getPropertyChanges().keySet();
      if (!changed.isEmpty() && PERSONAL.containsAll(changed)) {
        super.checkTaskWork(task);
        return;
      }
      super.checkTaskAssign(task);
    }

    @Override
    public void checkTaskWork(TaskEntity task) {
      CommandInvocationContext invocation = Context.getCommandInvocationContext();
      if (invocation != null && (invocation.getCommand() instanceof HandleTaskBpmnErrorCmd
          || invocation.getCommand() instanceof HandleTaskEscalationCmd)) {
        super.checkTaskAssign(task);
        return;
      }
      super.checkTaskWork(task);
    }
  }
}
