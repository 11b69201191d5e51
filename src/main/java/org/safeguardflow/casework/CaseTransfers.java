package org.safeguardflow.casework;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.safeguardflow.timescales.EngineTime;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves an allocated case to another team and social worker, as when a case steps from the
 * assessment team to a long-term team. Its open tasks go with it: the old team's groups are replaced
 * by the new team's, and the old worker's own tasks pass to the new worker. Later tasks follow the
 * case's {@code allocatedTeam} and {@code allocatedWorker}, which are changed in every running
 * process of the case. All of it, and the record of who moved the case and why, in one transaction.
 */
@Service
public class CaseTransfers {

  public record Transfer(String caseRef, String fromTeam, String toTeam, String fromWorker, String toWorker,
      String reason, String transferredBy, OffsetDateTime transferredAt, Integer tasksMoved) {}

  /** Why a well-formed transfer cannot be made to this case as it stands. */
  public static class NotTransferable extends RuntimeException {
    NotTransferable(String message) {
      super(message);
    }
  }

  private final CaseRecords cases;
  private final Teams teams;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final JdbcTemplate jdbc;
  private final AuthorizationService authorizations;

  CaseTransfers(CaseRecords cases, Teams teams, @Lazy RuntimeService runtime, @Lazy TaskService tasks, JdbcTemplate jdbc,
      @Lazy AuthorizationService authorizations) {
    this.authorizations = authorizations;
    this.cases = cases;
    this.teams = teams;
    this.runtime = runtime;
    this.tasks = tasks;
    this.jdbc = jdbc;
  }

  /** Call with the engine's authorization checks already satisfied (security.SystemWork): the caller's team was checked. */
  @Transactional
  public Transfer transfer(String caseRef, String toTeam, String toWorker, String reason, String by) {
    CaseRecord record = cases.find(caseRef).orElseThrow(() -> new NotTransferable("No case has the reference " + caseRef));
    if (record.status() == CaseRecord.Status.CLOSED) {
      throw new NotTransferable("Case " + caseRef + " is closed: a closed case is not transferred");
    }
    String fromTeam = cases.allocatedTeam(caseRef);
    if (fromTeam == null) {
      throw new NotTransferable("Case " + caseRef + " is not allocated yet: allocate it to a team in Tasklist");
    }
    String fromWorker = jdbc.queryForObject("select allocated_worker from sf_case where case_ref = ?", String.class, caseRef);
    if (fromTeam.equals(toTeam) && toWorker.equals(fromWorker)) {
      throw new NotTransferable("Case " + caseRef + " is already held by " + toWorker + " in " + teams.name(toTeam));
    }
    runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseRef).list().forEach(instance ->
        runtime.setVariables(instance.getId(), Pathway.Var.ALLOCATED_WORKER.put(Pathway.Var.ALLOCATED_TEAM.asMap(toTeam), toWorker)));
    int moved = 0;
    for (Task task : tasks.createTaskQuery().processInstanceBusinessKey(caseRef).list()) {
      moved += move(task, fromTeam, toTeam, fromWorker, toWorker) ? 1 : 0;
    }
    OffsetDateTime at = EngineTime.now();
    jdbc.update("update sf_case set allocated_team = ?, allocated_worker = ? where case_ref = ?", toTeam, toWorker, caseRef);
    jdbc.update("insert into sf_case_transfer (case_ref, from_team, to_team, from_worker, to_worker, reason, transferred_by,"
        + " transferred_at) values (?, ?, ?, ?, ?, ?, ?, ?)", caseRef, fromTeam, toTeam, fromWorker, toWorker, reason, by, at);
    return new Transfer(caseRef, fromTeam, toTeam, fromWorker, toWorker, reason, by, at, moved);
  }

  /** The old team's groups give way to the new team's; the old worker's own task passes to the new worker. */
  private boolean move(Task task, String fromTeam, String toTeam, String fromWorker, String toWorker) {
    boolean moved = false;
    for (IdentityLink link : tasks.getIdentityLinksForTask(task.getId())) {
      if (!IdentityLinkType.CANDIDATE.equals(link.getType()) || link.getGroupId() == null) {
        continue;
      }
      String replacement = link.getGroupId().equals(teams.socialWorkersOf(fromTeam)) ? teams.socialWorkersOf(toTeam)
          : link.getGroupId().equals(teams.managersOf(fromTeam)) ? teams.managersOf(toTeam) : null;
      if (replacement != null && !replacement.equals(link.getGroupId())) {
        tasks.deleteCandidateGroup(task.getId(), link.getGroupId());
        tasks.addCandidateGroup(task.getId(), replacement);
        // The engine keeps the task grant it gave a candidate group or assignee when the link goes.
        authorizations.createAuthorizationQuery().resourceType(Resources.TASK).resourceId(task.getId())
            .groupIdIn(link.getGroupId()).list().forEach(a -> authorizations.deleteAuthorization(a.getId()));
        moved = true;
      }
    }
    if (fromWorker != null && fromWorker.equals(task.getAssignee()) && !fromWorker.equals(toWorker)) {
      tasks.setAssignee(task.getId(), toWorker);
      authorizations.createAuthorizationQuery().resourceType(Resources.TASK).resourceId(task.getId())
          .userIdIn(fromWorker).list().forEach(a -> authorizations.deleteAuthorization(a.getId()));
      moved = true;
    }
    return moved;
  }

  public List<Transfer> forCase(String caseRef) {
    return jdbc.query("select * from sf_case_transfer where case_ref = ? order by transferred_at, id", (rs, i) ->
        new Transfer(rs.getString("case_ref"), rs.getString("from_team"), rs.getString("to_team"),
            rs.getString("from_worker"), rs.getString("to_worker"), rs.getString("reason"), rs.getString("transferred_by"),
            rs.getObject("transferred_at", OffsetDateTime.class), null), caseRef);
  }
}
