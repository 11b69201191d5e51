package org.safeguardflow.intake;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.task.listener.DelegateExpressionTaskListener;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Contacts started on a contact model deployed before the contact decision took the common
 * late-reason rule of every statutory step: their decision task names only
 * {@code ${checkContactDecision}}, which used to carry its own late-reason check. Whenever the engine
 * parses such a model (at deployment, and again each time it loads an older version into its cache),
 * the task is given the completion listener {@value #EXPLAIN_LATE_STEP} after its own, exactly as the
 * current {@code bpmn/contact.bpmn} declares it. So a contact decided late on any version still must
 * say why (its {@code contactDecisionLateReason}), the reason is filed with its breach, and
 * {@code contactDecisionLate} is kept, as before; no running case needs migrating.
 *
 * <p>Only {@code Task_ManagerDecidesContact} of {@code Process_Contact} is touched, and only when its
 * model lacks the listener; every other statutory task has declared it from its first version.
 */
@Component
class EarlierContactModels extends AbstractProcessEnginePlugin {

  /** The common completion listener of a statutory step (timescales/ExplainLateStep). */
  static final String EXPLAIN_LATE_STEP = "${explainLateStep}";

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        if (activity.getProcessDefinition() instanceof ProcessDefinitionEntity model
            && ContactProcess.KEY.equals(model.getKey())
            && ContactProcess.Element.MANAGER_DECIDES_CONTACT.equals(activity.getId())) {
          explainLateDecisions(((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition());
        }
      }
    });
    configuration.setCustomPostBPMNParseListeners(listeners);
  }

  static void explainLateDecisions(TaskDefinition decision) {
    boolean declared = decision.getTaskListenersForEvent(TaskListener.EVENTNAME_COMPLETE).stream()
        .anyMatch(l -> l instanceof DelegateExpressionTaskListener d && EXPLAIN_LATE_STEP.equals(d.getExpressionText()));
    if (!declared) {
      decision.addTaskListener(TaskListener.EVENTNAME_COMPLETE, new DelegateExpressionTaskListener(
          Context.getProcessEngineConfiguration().getExpressionManager().createExpression(EXPLAIN_LATE_STEP), List.of()));
    }
  }
}
