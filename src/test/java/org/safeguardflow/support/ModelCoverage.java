package org.safeguardflow.support;

import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.pvm.process.TransitionImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Records, for the whole test run, every flow node that started and every sequence flow that was
 * taken, per process key; {@code ModelCoverageTest} then checks that the tests passed everything in
 * every model.
 */
@Component
public class ModelCoverage extends AbstractProcessEnginePlugin {

  public static final Set<String> PASSED = ConcurrentHashMap.newKeySet();

  private static final ExecutionListener STARTED = execution ->
      PASSED.add(key(execution) + "#" + execution.getCurrentActivityId());
  private static final ExecutionListener TAKEN = execution ->
      PASSED.add(key(execution) + "#" + execution.getCurrentTransitionId());

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
        listenTo(processDefinition);
      }
    });
  }

  private static void listenTo(ScopeImpl scope) {
    for (ActivityImpl activity : scope.getActivities()) {
      activity.addListener(ExecutionListener.EVENTNAME_START, STARTED);
      for (var transition : activity.getOutgoingTransitions()) {
        ((TransitionImpl) transition).addListener(ExecutionListener.EVENTNAME_TAKE, TAKEN);
      }
      listenTo(activity);
    }
  }

  /** The process key; a long key's definition id is a bare UUID, so it is not parsed from the id. */
  private static String key(org.camunda.bpm.engine.delegate.DelegateExecution execution) {
    return ((org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity) execution).getProcessDefinition().getKey();
  }
}
