package org.safeguardflow.security;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.bpmn.helper.BpmnProperties;
import org.camunda.bpm.engine.impl.bpmn.parser.ErrorEventDefinition;
import org.camunda.bpm.engine.impl.bpmn.parser.EscalationEventDefinition;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AddCommentCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CreateAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTaskCommentCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.SaveAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.SignalCmd;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.cmd.UpdateCommentCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.AttachmentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.task.Attachment;

/**
 * The task commands Camunda 7.24 runs without asking for the caller's rights, or refuses as a server
 * fault, made to follow the engine's own task permissions (issue 11), for every task of every model:
 * <ul>
 *   <li><b>Comments and attachments are additions by the people working the task.</b> Camunda adds a
 *       comment or an attachment to any task the caller can merely read (an auditor, a service
 *       manager reading every team's work) and deletes an attachment with no check at all. Here adding
 *       one needs {@code TASK_WORK} on the task (its candidate group or assignee: Tasklist's "Add
 *       comment"); changing or deleting a comment or an attachment, which would rewrite what someone
 *       recorded, needs {@code UPDATE} or {@code TASK_ASSIGN} on the task, which only {@code camunda-admin} holds.</li>
 *   <li><b>A step of a case is not deleted.</b> Deleting a task needs {@code DELETE} on it, and on a
 *       step of a case the rights of a task update (rights first: 403); a task of a running case, which Camunda refuses as a server fault, is refused as
 *       the caller's mistake (400): it ends by its form.</li>
 *   <li><b>A BPMN error or escalation must have a catcher.</b> Ending a task by an error nothing in its
 *       model catches would end the case's process silently ("none end event semantics") or fail as a
 *       server fault; after the rights check ({@code TASK_ASSIGN}, {@link TaskChangeRules}) it is refused
 *       (400) and nothing changes. So is signalling an execution that waits in a user task
 *       ({@code POST /execution/{id}/signal}), which would end the step without its form.</li>
 * </ul>
 * A <b>claim made for someone else</b> is an assignment and follows {@link TaskChangeRules}' rule for
 * assignments.
 *
 * <p>The refusals are {@link org.camunda.bpm.engine.AuthorizationException}s (403, with the missing
 * permission) and {@link BadUserRequestException}s (400, with this rule's message); both are logged
 * with user, case and path by {@link RefusedRequestLog}. The commands' fields are protected in Camunda
 * 7.24 and read by reflection, looked up once at start so that an engine upgrade that renames them
 * stops the application instead of silently letting the commands through.
 */
class TaskRecordRules extends CommandInterceptor {

  private static final Field COMMENT_TASK = field(AddCommentCmd.class, "taskId");
  private static final Field COMMENT_INSTANCE = field(AddCommentCmd.class, "processInstanceId");
  private static final Field ATTACH_TASK = field(CreateAttachmentCmd.class, "taskId");
  private static final Field ATTACH_INSTANCE = field(CreateAttachmentCmd.class, "processInstanceId");
  private static final Field UNATTACH_ID = field(DeleteAttachmentCmd.class, "attachmentId");
  private static final Field UNATTACH_TASK = field(DeleteAttachmentCmd.class, "taskId");
  private static final Field SAVED_ATTACHMENT = field(SaveAttachmentCmd.class, "attachment");
  private static final Field EDITED_COMMENT_TASK = field(UpdateCommentCmd.class, "taskId");
  private static final Field DELETED_COMMENT_TASK = field(DeleteTaskCommentCmd.class, "taskId");
  private static final Field DELETED_TASK = field(DeleteTaskCmd.class, "taskId");
  private static final Field DELETED_TASKS = field(DeleteTaskCmd.class, "taskIds");
  private static final Field ERROR_TASK = field(HandleTaskBpmnErrorCmd.class, "taskId");
  private static final Field ERROR_CODE = field(HandleTaskBpmnErrorCmd.class, "errorCode");
  private static final Field ESCALATION_TASK = field(HandleTaskEscalationCmd.class, "taskId");
  private static final Field ESCALATION_CODE = field(HandleTaskEscalationCmd.class, "escalationCode");
  private static final Field SIGNALLED_EXECUTION = field(SignalCmd.class, "executionId");

  private static final Field CLAIMED_TASK = field(ClaimTaskCmd.class, "taskId");
  private static final Field CLAIMED_FOR = field(ClaimTaskCmd.class, "userId");

  private final ProcessEngineConfigurationImpl engine;
  private final TaskChangeRules.FollowUpDateIsPersonal assignments;

  TaskRecordRules(ProcessEngineConfigurationImpl engine, TaskChangeRules.FollowUpDateIsPersonal assignments) {
    this.engine = engine;
    this.assignments = assignments;
  }

  @Override
  public <T> T execute(Command<T> command) {
    if (command instanceof AddCommentCmd) {
      addition((String) read(COMMENT_TASK, command), (String) read(COMMENT_INSTANCE, command));
    } else if (command instanceof CreateAttachmentCmd) {
      addition((String) read(ATTACH_TASK, command), (String) read(ATTACH_INSTANCE, command));
    } else if (command instanceof UpdateCommentCmd) {
      rewrite((String) read(EDITED_COMMENT_TASK, command), null);
    } else if (command instanceof DeleteTaskCommentCmd) {
      rewrite((String) read(DELETED_COMMENT_TASK, command), null);
    } else if (command instanceof DeleteAttachmentCmd) {
      String taskId = (String) read(UNATTACH_TASK, command);
      String attachmentId = (String) read(UNATTACH_ID, command);
      rewrite(taskId, attachmentId);
    } else if (command instanceof SaveAttachmentCmd) {
      Attachment attachment = (Attachment) read(SAVED_ATTACHMENT, command);
      if (attachment != null) {
        rewrite(attachment.getTaskId(), attachment.getId());
      }
    } else if (command instanceof DeleteTaskCmd) {
      List<String> ids = new ArrayList<>();
      if (read(DELETED_TASK, command) instanceof String id) {
        ids.add(id);
      }
      if (read(DELETED_TASKS, command) instanceof Collection<?> many) {
        many.forEach(id -> ids.add(String.valueOf(id)));
      }
      deletion(ids);
    } else if (command instanceof HandleTaskBpmnErrorCmd) {
      mustBeCaught((String) read(ERROR_TASK, command), (String) read(ERROR_CODE, command), true);
    } else if (command instanceof HandleTaskEscalationCmd) {
      mustBeCaught((String) read(ESCALATION_TASK, command), (String) read(ESCALATION_CODE, command), false);
    } else if (command instanceof ClaimTaskCmd) {
      claimForSomeoneElse((String) read(CLAIMED_TASK, command), (String) read(CLAIMED_FOR, command));
    } else if (command instanceof SignalCmd) {
      notAStepsEnd((String) read(SIGNALLED_EXECUTION, command));
    }
    return next.execute(command);
  }

  /** A comment or attachment added to a task: the people working it; to a process instance: who may update it. */
  private void addition(String taskId, String processInstanceId) {
    inEngine(context -> {
      TaskEntity task = taskId == null ? null : context.getTaskManager().findTaskById(taskId);
      for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
        if (task != null) {
          checker.checkTaskWork(task);
        } else if (taskId == null && processInstanceId != null) {
          checker.checkUpdateProcessInstanceById(processInstanceId);
        }
      }
    });
  }

  /** A comment or attachment changed or deleted: a task update, which only administrators may make. */
  private void rewrite(String taskId, String attachmentId) {
    inEngine(context -> {
      String task = taskId;
      String processInstance = null;
      if (task == null && attachmentId != null) {
        AttachmentEntity attachment = context.getDbEntityManager().selectById(AttachmentEntity.class, attachmentId);
        task = attachment == null ? null : attachment.getTaskId();
        processInstance = attachment == null ? null : attachment.getProcessInstanceId();
      }
      TaskEntity entity = task == null ? null : context.getTaskManager().findTaskById(task);
      for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
        if (entity != null) {
          checker.checkTaskAssign(entity);
        } else if (processInstance != null) {
          checker.checkUpdateProcessInstanceById(processInstance);
        }
      }
    });
  }

  private void deletion(List<String> taskIds) {
    inEngine(context -> {
      for (String taskId : taskIds) {
        TaskEntity task = context.getTaskManager().findTaskById(taskId);
        if (task == null) {
          continue; // the command itself answers for a task that does not exist
        }
        boolean stepOfACase = task.getExecutionId() != null || task.getCaseExecutionId() != null;
        for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
          // Camunda checks DELETE only on tasks of no process; a case's step needs a task update's rights.
          if (stepOfACase) {
            checker.checkTaskAssign(task);
          } else {
            checker.checkDeleteTask(task);
          }
        }
        if (stepOfACase) {
          throw new BadUserRequestException("Not deleted: '" + task.getName() + "' is a step of a running case;"
              + " it ends by completing its form");
        }
      }
    });
  }

  private void mustBeCaught(String taskId, String code, boolean error) {
    inEngine(context -> {
      TaskEntity task = taskId == null ? null : context.getTaskManager().findTaskById(taskId);
      if (task == null) {
        return;
      }
      for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
        checker.checkTaskAssign(task);
      }
      ExecutionEntity execution = task.getExecution();
      if (execution == null || !caught(execution, code, error)) {
        throw new BadUserRequestException("Not recorded: nothing in the model of '" + task.getName() + "' catches the "
            + (error ? "BPMN error" : "escalation") + " '" + code + "'; the step ends by completing its form");
      }
    });
  }

  /**
   * A claim names the person who takes the task; Camunda lets anyone working it claim it for anybody,
   * which hands the case to whoever is named (another team's worker, who then sees and works it). A
   * claim for someone other than the claimant is an assignment, and follows the assignment rule of
   * {@link TaskChangeRules}: a manager of the task's team may give it to one of its candidate groups'
   * members; otherwise it needs {@code TASK_ASSIGN} (administrators).
   */
  private void claimForSomeoneElse(String taskId, String userId) {
    inEngine(context -> {
      String claimant = context.getAuthenticatedUserId();
      TaskEntity task = taskId == null ? null : context.getTaskManager().findTaskById(taskId);
      if (claimant == null || userId == null || userId.equals(claimant) || task == null) {
        return;
      }
      if (context.getProcessEngineConfiguration().isAuthorizationEnabled() && context.isAuthorizationCheckEnabled()
          && !(assignments.managesATeamOf(task) && TaskChangeRules.FollowUpDateIsPersonal.isCandidate(userId, task))) {
        for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
          checker.checkTaskAssign(task);
        }
      }
    });
  }

  /**
   * Signalling an execution that waits in a user task would end the task without its form or its
   * completion rules: refused (400) after the rights check (UPDATE on the process instance).
   */
  private void notAStepsEnd(String executionId) {
    inEngine(context -> {
      ExecutionEntity execution = executionId == null ? null : context.getExecutionManager().findExecutionById(executionId);
      if (execution == null) {
        return;
      }
      for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
        checker.checkUpdateProcessInstance(execution);
      }
      if (execution.getActivity() != null && execution.getActivity().getActivityBehavior() instanceof UserTaskActivityBehavior) {
        throw new BadUserRequestException("Not recorded: '" + execution.getActivity().getName()
            + "' is a step of the case that ends by completing its form, not by a signal");
      }
    });
  }

  /** Whether an event of the task's scopes, or of a calling process's, catches the error or escalation. */
  static boolean caught(ExecutionEntity execution, String code, boolean error) {
    for (ExecutionEntity at = execution; at != null; at = at.getProcessInstance().getSuperExecution()) {
      ScopeImpl scope = at.getActivity();
      while (scope != null) {
        if (catches(scope, code, error)) {
          return true;
        }
        scope = scope instanceof ActivityImpl activity ? activity.getFlowScope() : null;
      }
    }
    return false;
  }

  private static boolean catches(ScopeImpl scope, String code, boolean error) {
    if (error) {
      for (ErrorEventDefinition definition : scope.getProperties().get(BpmnProperties.ERROR_EVENT_DEFINITIONS)) {
        if (definition.catchesError(code)) {
          return true;
        }
      }
      return false;
    }
    for (EscalationEventDefinition definition : scope.getProperties().get(BpmnProperties.ESCALATION_EVENT_DEFINITIONS)) {
      if (definition.getEscalationCode() == null || definition.getEscalationCode().equals(code)) {
        return true;
      }
    }
    return false;
  }

  private void inEngine(java.util.function.Consumer<CommandContext> check) {
    engine.getCommandExecutorTxRequired().execute(context -> {
      check.accept(context);
      return null;
    });
  }

  private static Field field(Class<?> type, String name) {
    return CommandFields.of(type, name, "The task record rules");
  }

  private static Object read(Field field, Object command) {
    return CommandFields.read(field, command);
  }
}
