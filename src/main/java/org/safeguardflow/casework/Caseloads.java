package org.safeguardflow.casework;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.safeguardflow.security.SystemWork;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Each worker's caseload, for management oversight and before a manager allocates: open cases held
 * (our case record), open tasks assigned to them and how many of those are past their due date by
 * the engine's clock.
 */
@Service
public class Caseloads {

  private final JdbcTemplate jdbc;
  private final IdentityService identity;
  private final TaskService tasks;
  private final Routing routing;

  // Lazy: a task listener uses this bean, so the engine must not need it to start.
  public Caseloads(JdbcTemplate jdbc, @Lazy IdentityService identity, @Lazy TaskService tasks, Routing routing) {
    this.jdbc = jdbc;
    this.identity = identity;
    this.tasks = tasks;
    this.routing = routing;
  }

  public record WorkerCaseload(String worker, String name, int openCases, long openTasks, long overdueTasks) {}

  public boolean groupExists(String group) {
    return group != null && SystemWork.call(identity, () -> identity.createGroupQuery().groupId(group).count()) == 1;
  }

  /** The caseloads of the social workers' group (configured as {@code safeguard.routing.social-workers}). */
  public List<WorkerCaseload> forSocialWorkers() {
    return forGroup(routing.getSocialWorkers());
  }

  /**
   * Every member of the group, lightest caseload first (fewest open cases, then fewest overdue tasks),
   * which is the order a manager reads when choosing whom to allocate to.
   */
  public List<WorkerCaseload> forGroup(String group) {
    // Whole caseloads whoever asks (the API lets only managers and auditors ask): counted as the system,
    // since a manager's engine view of tasks stops at the tasks of their own groups.
    return SystemWork.call(identity, () -> caseloadsOf(group));
  }

  private List<WorkerCaseload> caseloadsOf(String group) {
    List<User> members = identity.createUserQuery().memberOfGroup(group).list();
    Map<String, Integer> openCases = new HashMap<>();
    jdbc.query("select allocated_worker, count(*) as open_cases from sf_case"
            + " where status <> 'CLOSED' and allocated_worker is not null group by allocated_worker",
        rs -> {
          openCases.put(rs.getString("allocated_worker"), rs.getInt("open_cases"));
        });
    var now = ClockUtil.getCurrentTime();
    return members.stream()
        .map(user -> new WorkerCaseload(user.getId(), displayName(user), openCases.getOrDefault(user.getId(), 0),
            tasks.createTaskQuery().taskAssignee(user.getId()).count(),
            tasks.createTaskQuery().taskAssignee(user.getId()).dueBefore(now).count()))
        .sorted(Comparator.comparingInt(WorkerCaseload::openCases)
            .thenComparingLong(WorkerCaseload::overdueTasks)
            .thenComparing(WorkerCaseload::worker))
        .toList();
  }

  /** A short Markdown table for a form's text view. */
  public static String markdown(List<WorkerCaseload> caseloads) {
    if (caseloads.isEmpty()) {
      return "No workers in this team.";
    }
    StringBuilder table = new StringBuilder("| Worker | Open cases | Open tasks | Overdue |\n|---|---:|---:|---:|\n");
    for (WorkerCaseload c : caseloads) {
      table.append("| ").append(c.name().replace("|", "/")).append(" (").append(c.worker()).append(") | ")
          .append(c.openCases()).append(" | ").append(c.openTasks()).append(" | ").append(c.overdueTasks()).append(" |\n");
    }
    return table.toString();
  }

  private static String displayName(User user) {
    String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
        + (user.getLastName() == null ? "" : user.getLastName())).strip();
    return name.isEmpty() ? user.getId() : name;
  }
}
