package org.safeguardflow.security;

import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;

/**
 * Camunda's task grants, ending with what gave them. The engine gives an assignee, owner, candidate
 * user or candidate group {@code READ} and {@code TASK_WORK} on a task (and {@code READ} on its
 * history) and keeps that grant when the assignment or link ends. Here the person a task is taken from
 * (unclaim, reassignment, transfer) and the group a link is removed from lose their grant on that task,
 * unless they still hold it another way (owner, candidate user, still linked): a hand-over leaves no
 * one a lasting way into another team's case. Registered by {@link TaskChangeRules} as the engine's
 * resource authorization provider; it keeps {@link DeploymentsAreKept}'s narrower grants to creators
 * of deployments and to new users on their own account (the engine takes one provider).
 */
class AssignmentGrantsEnd extends DeploymentsAreKept.CreatorMayOnlyRead {

  @Override
  public AuthorizationEntity[] newTaskAssignee(Task task, String oldAssignee, String newAssignee) {
    if (oldAssignee != null && !oldAssignee.equals(newAssignee) && !oldAssignee.equals(task.getOwner())
        && !isUserLinked(task, oldAssignee)) {
      withdraw(task, oldAssignee, null);
    }
    return super.newTaskAssignee(task, oldAssignee, newAssignee);
  }

  @Override
  public AuthorizationEntity[] newTaskOwner(Task task, String oldOwner, String newOwner) {
    if (oldOwner != null && !oldOwner.equals(newOwner) && !oldOwner.equals(task.getAssignee())
        && !isUserLinked(task, oldOwner)) {
      withdraw(task, oldOwner, null);
    }
    return super.newTaskOwner(task, oldOwner, newOwner);
  }

  @Override
  public AuthorizationEntity[] deleteTaskUserIdentityLink(Task task, String userId, String type) {
    if (userId != null && !userId.equals(task.getAssignee()) && !userId.equals(task.getOwner())) {
      withdraw(task, userId, null);
    }
    return super.deleteTaskUserIdentityLink(task, userId, type);
  }

  @Override
  public AuthorizationEntity[] deleteTaskGroupIdentityLink(Task task, String groupId, String type) {
    if (groupId != null) {
      withdraw(task, null, groupId);
    }
    return super.deleteTaskGroupIdentityLink(task, groupId, type);
  }

  private static boolean isUserLinked(Task task, String userId) {
    return task instanceof TaskEntity entity && entity.getIdentityLinks().stream()
        .anyMatch(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && userId.equals(link.getUserId()));
  }

  private static void withdraw(Task task, String userId, String groupId) {
    if (!Context.getProcessEngineConfiguration().isAuthorizationEnabled()) {
      return;
    }
    AuthorizationManager grants = Context.getCommandContext().getAuthorizationManager();
    if (userId != null) {
      grants.deleteAuthorizationsByResourceIdAndUserId(Resources.TASK, task.getId(), userId);
      grants.deleteAuthorizationsByResourceIdAndUserId(Resources.HISTORIC_TASK, task.getId(), userId);
    } else {
      grants.deleteAuthorizationsByResourceIdAndGroupId(Resources.TASK, task.getId(), groupId);
      grants.deleteAuthorizationsByResourceIdAndGroupId(Resources.HISTORIC_TASK, task.getId(), groupId);
    }
  }
}
