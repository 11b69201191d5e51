package org.safeguardflow.support;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.safeguardflow.casework.CaseRecords;
import org.safeguardflow.casework.Pathway;
import org.safeguardflow.children.ChildDetails;
import org.safeguardflow.children.ChildRegister;
import org.safeguardflow.security.SystemWork;
import org.springframework.stereotype.Component;

/**
 * A child's case in a test: open it, start a stage of the pathway, find and complete its tasks, and
 * run the jobs that the engine clock says are due, across every process of the case (all of them
 * share the case reference as business key).
 */
@Component
public class CaseScenario {

  private final CaseRecords cases;
  private final ChildRegister children;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final ManagementService management;
  private final IdentityService identity;

  CaseScenario(ChildRegister children, CaseRecords cases, RuntimeService runtime, TaskService tasks, ManagementService management,
      IdentityService identity) {
    this.cases = cases;
    this.children = children;
    this.runtime = runtime;
    this.tasks = tasks;
    this.management = management;
    this.identity = identity;
  }

  /** The demo team that holds the scenarios' cases: worker and manager are in it, south-worker is not. */
  public static final String NORTH = "north";

  /** A child already referred (without the front door), for tests that start mid-pathway. */
  public String openCase(String childFirstName) {
    OffsetDateTime now = ClockUtil.getCurrentTime().toInstant().atOffset(ZoneOffset.UTC);
    long child = children.resolve(new ChildDetails(childFirstName, "Tester-" + System.nanoTime(),
        LocalDate.parse("2019-05-01"), null, "F", "WBRI", null), now).childId();
    String caseRef = cases.nextCaseRef(now.getYear());
    cases.open(caseRef, child, now);
    cases.acceptAsReferral(caseRef);
    return caseRef;
  }

  /**
   * Starts one stage of the pathway for a case, with the variables earlier stages would have left:
   * unless the test says otherwise, the case was referred on 2 April 2026 and is held by team North.
   */
  public ProcessInstance start(String processKey, String caseRef, Map<String, Object> variables) {
    ProcessInstance instance = runtime.createProcessInstanceByKey(processKey)
        .businessKey(caseRef)
        .setVariables(Variables.fromMap(variables)
            .putValue(Pathway.Var.REFERRAL_DATE.name(), variables.getOrDefault(Pathway.Var.REFERRAL_DATE.name(), "2026-04-02"))
            .putValue(Pathway.Var.ALLOCATED_TEAM.name(), variables.getOrDefault(Pathway.Var.ALLOCATED_TEAM.name(), NORTH))
            .putValue("caseRef", caseRef))
        .execute();
    cases.linkProcess(caseRef, instance.getId());
    return instance;
  }

  /** The open task of this case with that definition key (exactly one). */
  public Task task(String caseRef, String taskDefinitionKey) {
    // Found as the test's narrator, whoever is signed in; completed as the signed-in user.
    List<Task> open = SystemWork.call(identity, () -> tasks.createTaskQuery().processInstanceBusinessKey(caseRef)
        .taskDefinitionKey(taskDefinitionKey).list());
    if (open.size() != 1) {
      throw new AssertionError("Expected one open task " + taskDefinitionKey + " on " + caseRef + " but found "
          + open.size() + "; open tasks: " + openTasks(caseRef));
    }
    return open.get(0);
  }

  public List<String> openTasks(String caseRef) {
    return SystemWork.call(identity, () -> tasks.createTaskQuery().processInstanceBusinessKey(caseRef).list().stream()
        .map(Task::getTaskDefinitionKey).sorted().toList());
  }

  public void complete(String caseRef, String taskDefinitionKey, Map<String, Object> variables) {
    tasks.complete(task(caseRef, taskDefinitionKey).getId(), variables);
  }

  /** The running process of this case with that key, or null. */
  public ProcessInstance instance(String caseRef, String processKey) {
    return SystemWork.call(identity, () -> runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseRef)
        .processDefinitionKey(processKey).singleResult());
  }

  /**
   * Runs the case's waiting jobs of one step (an asynchronous service task such as sending a letter), as
   * the job executor would, leaving every other job (timers) as it is; returns how many ran.
   */
  public int runJobsOf(String caseRef, String activityId) {
    return SystemWork.call(identity, () -> {
      List<Job> due = runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseRef).list().stream()
          .flatMap(p -> management.createJobQuery().processInstanceId(p.getId()).activityId(activityId).executable()
              .list().stream())
          .toList();
      due.forEach(job -> management.executeJob(job.getId()));
      return due.size();
    });
  }

  /** Runs the case's jobs that are due by the engine clock, as the job executor would; returns how many ran. */
  public int runJobsDue(String caseRef) {
    return SystemWork.call(identity, () -> runJobsDueAsTheJobExecutor(caseRef));
  }

  private int runJobsDueAsTheJobExecutor(String caseRef) {
    int ran = 0;
    for (int round = 0; round < 50; round++) {
      List<Job> due = runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseRef).list().stream()
          .flatMap(p -> management.createJobQuery().processInstanceId(p.getId()).executable().list().stream())
          .toList();
      if (due.isEmpty()) {
        return ran;
      }
      for (Job job : due) {
        management.executeJob(job.getId());
        ran++;
      }
    }
    throw new AssertionError("Jobs kept falling due on " + caseRef + ": a timer loop?");
  }
}
