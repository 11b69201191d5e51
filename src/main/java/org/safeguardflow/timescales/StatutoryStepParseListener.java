package org.safeguardflow.timescales;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.form.FormField;
import org.camunda.bpm.engine.form.TaskFormData;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.form.FormDataImpl;
import org.camunda.bpm.engine.impl.form.FormFieldImpl;
import org.camunda.bpm.engine.impl.form.handler.TaskFormHandler;
import org.camunda.bpm.engine.impl.form.type.BooleanFormType;
import org.camunda.bpm.engine.impl.form.type.StringFormType;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * Gives every user task of every model the statutory-deadline behaviour of {@link StatutoryDeadlines}:
 * a statutory task (one with the input parameter {@code timescaleStep}) records its deadline when it
 * is created, and its form variables carry {@code <step>Overdue} computed from that deadline and the
 * engine clock when they are read (REST {@code GET /task/{id}/form-variables}, which Tasklist calls
 * to fill a Camunda Form). So the late-reason field appears exactly when the completion rule
 * ({@code explainLateStep}) requires it, even before the deadline timer
 * has run; the timer's own flag is only a fallback for other readers. A late reason an earlier task
 * of the same step left in the case is shown empty, as the completion rule does not take it.
 */
@Component
class StatutoryStepParseListener extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener> listeners =
        configuration.getCustomPostBPMNParseListeners() == null ? new ArrayList<>()
            : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        TaskDefinition definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
        definition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, RECORD_DEADLINE);
        definition.setTaskFormHandler(new OverdueFlagInForm(definition.getTaskFormHandler()));
      }
    });
    configuration.setCustomPostBPMNParseListeners(listeners);
  }

  /** On creation of a statutory task: keep its deadline as it began, beside the task. */
  static final TaskListener RECORD_DEADLINE = task -> {
    if (StatutoryDeadlines.stepOf(task) != null && task.getDueDate() != null) {
      task.setVariableLocal(StatutoryDeadlines.RECORDED_DEADLINE, task.getDueDate());
    }
    String step = StatutoryDeadlines.stepOf(task);
    if (step != null) {
      task.setVariableLocal(StatutoryDeadlines.LATE_REASON_AT_START, StatutoryDeadlines.lateReasonMark(task, step));
    }
  };

  /** The task's own form handler, with {@code <step>Overdue} added to the form variables of a statutory task. */
  static final class OverdueFlagInForm implements TaskFormHandler {

    private final TaskFormHandler handler;

    OverdueFlagInForm(TaskFormHandler handler) {
      this.handler = handler;
    }

    @Override
    public TaskFormData createTaskForm(TaskEntity task) {
      TaskFormData form = handler.createTaskForm(task);
      String step = StatutoryDeadlines.stepOf(task);
      if (step == null || !(form instanceof FormDataImpl data)) {
        return form;
      }
      FormFieldImpl overdue = new FormFieldImpl();
      overdue.setId(StatutoryDeadlines.overdueFlag(step));
      overdue.setType(new BooleanFormType());
      overdue.setValue(Variables.booleanValue(StatutoryDeadlines.isLate(task)));
      List<FormField> fields = new ArrayList<>(data.getFormFields() == null ? List.of() : data.getFormFields());
      fields.add(overdue);
      if (!StatutoryDeadlines.lateReasonGivenByThisTask(task, step)) {
        // An earlier task's reason is not this task's: the form opens with the field empty.
        FormFieldImpl reason = new FormFieldImpl();
        reason.setId(StatutoryDeadlines.lateReasonOf(step));
        reason.setType(new StringFormType());
        reason.setValue(Variables.stringValue(null));
        fields.add(reason);
      }
      data.setFormFields(fields);
      return form;
    }

    @Override
    public void parseConfiguration(Element activityElement, DeploymentEntity deployment,
        ProcessDefinitionEntity processDefinition, BpmnParse bpmnParse) {
      handler.parseConfiguration(activityElement, deployment, processDefinition, bpmnParse);
    }

    @Override
    public void submitFormVariables(VariableMap properties, VariableScope variableScope) {
      handler.submitFormVariables(properties, variableScope);
    }
  }
}
