package org.safeguardflow.casework;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.safeguardflow.variables.Var;
import org.springframework.stereotype.Component;

/**
 * Every process instance of a case carries the case reference and the child's name as process
 * variables ({@code caseRef}, {@code childFirstName}, {@code childLastName}), so Tasklist's shared
 * filters can show them beside each task (the filters' {@code variables} property: two children's
 * "Record assessment work" no longer look the same) and every form can name the case and the child.
 *
 * <p>The process's business key is the case reference. When a process starts with one, and again
 * when any of its user tasks is created (a process such as the family network learns its case only
 * after it starts), whatever of the three is missing is filled in: the reference from the business
 * key, the name from the child register ({@code sf_case} → {@code sf_child}). A variable the process
 * already holds (passed in by a call activity, or set by the front door) is never replaced. A process
 * with no business key, or one that names no case, is left as it is.
 *
 * <p>Each user task also keeps a task-local copy of the three: Tasklist reads a filter's variables
 * with the signed-in person's rights, and a team member may read the task routed to their group but
 * not the case's process instance (issue 11's rules grant no READ on process instances to
 * caseworkers); the copy shows the list without widening those rules. A copy is as the case stood
 * when the task was created.
 */
@Component
public class CaseOnEveryProcess extends AbstractProcessEnginePlugin {

  /** The case reference (the business key) as a process variable. */
  public static final Var<String> CASE_REF = Var.text("caseRef");
  /** The child's first name, as the child register holds it. */
  public static final Var<String> CHILD_FIRST_NAME = Var.text("childFirstName");
  /** The child's last name, as the child register holds it. */
  public static final Var<String> CHILD_LAST_NAME = Var.text("childLastName");

  private final ObjectProvider<JdbcTemplate> jdbc;

  CaseOnEveryProcess(ObjectProvider<JdbcTemplate> jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
    ExecutionListener onStart = this::carry;
    TaskListener onTask = task -> {
      carry(task.getExecution());
      // Tasklist reads a filter's variables with the caller's rights: a team member may read the task
      // (its candidate group) but not the whole case's process, so the task carries its own copy.
      for (Var<String> shown : List.of(CASE_REF, CHILD_FIRST_NAME, CHILD_LAST_NAME)) {
        String value = task.getExecution() == null ? null : shown.get(task.getExecution().getProcessInstance());
        if (value != null) {
          shown.setLocal(task, value);
        }
      }
    };
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
        processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_START, onStart);
      }

      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
            .addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, onTask);
      }
    });
    configuration.setCustomPostBPMNParseListeners(listeners);
  }

  private void carry(DelegateExecution execution) {
    if (execution == null) {
      return;
    }
    DelegateExecution instance = execution.getProcessInstance();
    String caseRef = instance.getProcessBusinessKey();
    if (caseRef == null || !CaseRecords.CASE_REF.matcher(caseRef).matches()) {
      return;
    }
    if (CASE_REF.raw(instance) == null) {
      CASE_REF.set(instance, caseRef);
    }
    if (CHILD_FIRST_NAME.raw(instance) == null || CHILD_LAST_NAME.raw(instance) == null) {
      List<Map<String, Object>> child = jdbc.getObject().queryForList("select c.first_name, c.last_name from sf_case k"
          + " join sf_child c on c.id = k.child_id where k.case_ref = ?", caseRef);
      if (!child.isEmpty()) {
        if (CHILD_FIRST_NAME.raw(instance) == null) {
          CHILD_FIRST_NAME.set(instance, String.valueOf(child.get(0).get("first_name")));
        }
        if (CHILD_LAST_NAME.raw(instance) == null) {
          CHILD_LAST_NAME.set(instance, String.valueOf(child.get(0).get("last_name")));
        }
      }
    }
  }
}
