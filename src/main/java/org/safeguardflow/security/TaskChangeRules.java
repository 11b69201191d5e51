package org.safeguardflow.security;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.AuthorizationCommandChecker;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantCommandChecker;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cmd.AbstractAddIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInvocationContext;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;
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
 *   <li><b>Comments and attachments</b> are added by the people working the task and changed or deleted by
 *       administrators only; a step of a running case is not deleted; an error or escalation nothing
 *       catches is refused ({@link TaskRecordRules}).</li>
 *   <li><b>Handing a task back</b> to its group (Tasklist's ×, {@code POST /task/{id}/unclaim}) is
 *       part of working it: the assignee may, with {@code TASK_WORK}. No one else unclaims it that way
 *       but a manager of the team.</li>
 *   <li>A <b>team manager reassigns within the team</b> ({@code POST /task/{id}/assignee}): a task
 *       whose candidate group is one of their team's may be given to a member of one of the task's
 *       candidate groups, or handed back to them. Anyone outside those groups stays refused, as does
 *       every other change of the task (its statutory due date above all).</li>
 *   <li><b>Putting a task in someone else's hands</b>, by every engine route (claim with a
 *       {@code userId}, assignee, delegation, owner, a candidate-user link; {@code /engine-rest} and the
 *       web apps' {@code /camunda/api/engine/...} alike) follows the assignee rule: a worker takes a
 *       task only for themselves; a manager gives it only as above; and whoever gives it (an
 *       administrator too) gives it only to someone who may work it: a member of one of the task's
 *       candidate groups who works cases (social worker, team or service manager) and is not an
 *       auditor, process owner or partner. A case changes team only through its transfer
 *       ({@code casework.CaseTransfers}). Anything else is refused (403) before the task changes.</li>
 * </ul>
 *
 * <p>The grant Camunda gives an assignee ends with the assignment ({@link AssignmentGrantsEnd}), so
 * that handing a task back or on leaves no one a lasting way in.
 */
@Component
class TaskChangeRules extends AbstractProcessEnginePlugin {

  private final Roles roles;

  TaskChangeRules(Roles roles) {
    this.roles = roles;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandChecker> checkers = new ArrayList<>();
    checkers.add(new TenantCommandChecker());
    checkers.add(new FollowUpDateIsPersonal(roles));
    configuration.setCommandCheckers(checkers);
    configuration.setResourceAuthorizationProvider(new AssignmentGrantsEnd());
    configuration.setManagementService(new RefusedJobRunsLeaveTheJob(configuration));

    List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
    interceptors.add(new FormOnlyCompletions(configuration));
    interceptors.add(new TaskRecordRules(configuration, new FollowUpDateIsPersonal(roles)));
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
  }

  /** Camunda's authorization checks, with the follow-up date and BPMN error/escalation refinements above. */
  static class FollowUpDateIsPersonal extends AuthorizationCommandChecker {

    static final Set<String> PERSONAL = Set.of(TaskEntity.FOLLOW_UP_DATE);

    private final Roles roles;

    FollowUpDateIsPersonal(Roles roles) {
      this.roles = roles;
    }

    @Override
    public void checkTaskAssign(TaskEntity task) {
      Set<String> changed = task.getPropertyChanges().keySet();
      if (!changed.isEmpty() && PERSONAL.containsAll(changed)) {
        super.checkTaskWork(task);
        return;
      }
      CommandInvocationContext invocation = Context.getCommandInvocationContext();
      if (invocation != null) {
        mayBeGivenTo(task, recipient(invocation.getCommand()));
      }
      if (changed.isEmpty() && invocation != null && invocation.getCommand() instanceof AssignTaskCmd assign) {
        String newAssignee = recipient(assign);
        String user = Context.getCommandContext().getAuthenticatedUserId();
        if (newAssignee == null && user != null && user.equals(task.getAssignee())) {
          super.checkTaskWork(task); // the assignee hands the task back to its group
          return;
        }
        if (managesATeamOf(task) && (newAssignee == null || isCandidate(newAssignee, task))) {
          return; // a manager of the task's team gives it to one of its own people, or back to them
        }
      }
      super.checkTaskAssign(task);
    }

    /** Whether the signed-in person manages a team one of whose groups is a candidate group of the task. */
    boolean managesATeamOf(TaskEntity task) {
      List<String> groups = Context.getCommandContext().getAuthenticatedGroupIds();
      if (groups == null) {
        return false;
      }
      String suffix = "-" + roles.getTeamManagers();
      for (String group : groups) {
        if (group.endsWith(suffix) && group.length() > suffix.length()) {
          String team = group.substring(0, group.length() - suffix.length()) + "-";
          if (candidateGroups(task).stream().anyMatch(candidate -> candidate.startsWith(team))) {
            return true;
          }
        }
      }
      return false;
    }

    static boolean isCandidate(String userId, TaskEntity task) {
      List<String> candidates = candidateGroups(task);
      return !candidates.isEmpty() && Context.getCommandContext().getReadOnlyIdentityProvider().createGroupQuery()
          .groupMember(userId).list().stream().anyMatch(g -> candidates.contains(g.getId()));
    }

    private static List<String> candidateGroups(TaskEntity task) {
      return task.getIdentityLinks().stream()
          .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
          .map(link -> link.getGroupId()).toList();
    }

    /**
     * The person a command puts the task in the hands of (assignee, owner, delegate, candidate or
     * other user link, claimant), null for none (an unclaim, a group link). Camunda keeps them in
     * protected fields, looked up once at start so that an engine upgrade that renames them stops the
     * application rather than letting every hand-over through.
     */
    static String recipient(Command<?> command) {
      try {
        if (command instanceof AbstractAddIdentityLinkCmd) {
          return (String) LINK_USER.get(command);
        }
        if (command instanceof DelegateTaskCmd) {
          return (String) DELEGATE_USER.get(command);
        }
        if (command instanceof ClaimTaskCmd) {
          return (String) CLAIM_USER.get(command);
        }
        return null;
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("Cannot read whom the task is given to", e);
      }
    }

    private static final Field LINK_USER = field(AbstractAddIdentityLinkCmd.class);
    private static final Field DELEGATE_USER = field(DelegateTaskCmd.class);
    private static final Field CLAIM_USER = field(ClaimTaskCmd.class);

    private static Field field(Class<?> type) {
      return CommandFields.of(type, "userId", "The task hand-over rule");
    }

    /**
     * Refuses (403) giving the task to someone other than the signed-in person unless that someone may
     * work it: a member of one of its candidate groups (or a candidate user of it) who is in a role that
     * works cases and in none that must not (auditors read the record, owners shape the models,
     * partners send contacts). Work the system does (no signed-in person) is not checked here.
     */
    private void mayBeGivenTo(TaskEntity task, String recipient) {
      String user = Context.getCommandContext().getAuthenticatedUserId();
      if (user == null || recipient == null || recipient.equals(user)) {
        return;
      }
      List<String> groups = Context.getCommandContext().getReadOnlyIdentityProvider().createGroupQuery()
          .groupMember(recipient).list().stream().map(Group::getId).toList();
      boolean candidate = groups.stream().anyMatch(candidateGroups(task)::contains)
          || task.getIdentityLinks().stream().anyMatch(link -> IdentityLinkType.CANDIDATE.equals(link.getType())
              && recipient.equals(link.getUserId()));
      boolean worksCases = groups.stream().anyMatch(roles.caseworkers()::contains);
      boolean mustNot = groups.contains(roles.getAuditors()) || groups.contains(roles.getProcessOwners())
          || groups.contains(roles.getPartnerAgencies());
      if (!candidate || !worksCases || mustNot) {
        throw new AuthorizationException("The task '" + task.getName() + "' can be given only to someone who may work it"
            + " (a member of its team's group for it, working cases); '" + recipient + "' may not."
            + " A case moves to another team only by its transfer.");
      }
    }

    @Override
    public void checkTaskWork(TaskEntity task) {
      CommandInvocationContext invocation = Context.getCommandInvocationContext();
      String user = Context.getCommandContext().getAuthenticatedUserId();
      if (invocation != null && invocation.getCommand() instanceof ClaimTaskCmd claim) {
        String claimant = recipient(claim);
        if (claimant != null && user != null && !claimant.equals(user)) {
          // A claim for someone else is an assignment, and follows the assignment rule.
          mayBeGivenTo(task, claimant);
          if (managesATeamOf(task)) {
            return;
          }
          super.checkTaskAssign(task);
          return;
        }
      }
      if (invocation != null && (invocation.getCommand() instanceof HandleTaskBpmnErrorCmd
          || invocation.getCommand() instanceof HandleTaskEscalationCmd)) {
        super.checkTaskAssign(task);
        return;
      }
      super.checkTaskWork(task);
    }
  }
}
