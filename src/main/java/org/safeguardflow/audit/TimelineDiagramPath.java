package org.safeguardflow.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.InclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;

/**
 * The path a case took through each of its models, for drawing: the model's XML, the activities
 * passed with the time each took, and the sequence flows taken.
 *
 * <p>Camunda's history records activities, not sequence flows, so the flows are derived: an
 * incoming flow of a passed activity counts as taken when its source activity ended, in the same
 * scope, before that activity started; of several such flows, the one from the source that ended
 * last (a parallel or inclusive join takes every one). A loop that passes the same activities by
 * two routes may mark a flow that was not taken; the activities themselves are always exact.
 */
@Service
class TimelineDiagramPath {

  record ActivityPassed(String activityId, String activityName, String activityType, Instant start, Instant end,
      Long durationMillis, String calledProcessInstanceId) {}

  /** Time spent in one activity over every time the case passed it. */
  record TimeSpent(String activityId, int times, long totalMillis, boolean stillOpen) {}

  record ProcessPath(String processInstanceId, String processDefinitionId, String processKey, String processName,
      Integer version, Instant start, Instant end, String bpmnXml, List<ActivityPassed> activities,
      List<TimeSpent> timeSpent, List<String> sequenceFlowsTaken) {}

  private final HistoryService history;
  private final RepositoryService repository;

  TimelineDiagramPath(@Lazy HistoryService history, @Lazy RepositoryService repository) {
    this.history = history;
    this.repository = repository;
  }

  List<ProcessPath> of(List<HistoricProcessInstance> processes) {
    List<ProcessPath> paths = new ArrayList<>();
    for (HistoricProcessInstance p : processes) {
      List<HistoricActivityInstance> passed = history.createHistoricActivityInstanceQuery().processInstanceId(p.getId())
          .orderPartiallyByOccurrence().asc().list();
      List<ActivityPassed> activities = passed.stream()
          .map(a -> new ActivityPassed(a.getActivityId(), a.getActivityName(), a.getActivityType(),
              instant(a.getStartTime()), instant(a.getEndTime()), a.getDurationInMillis(), a.getCalledProcessInstanceId()))
          .toList();
      paths.add(new ProcessPath(p.getId(), p.getProcessDefinitionId(), p.getProcessDefinitionKey(),
          p.getProcessDefinitionName(), p.getProcessDefinitionVersion(), instant(p.getStartTime()),
          instant(p.getEndTime()), xml(p.getProcessDefinitionId()), activities, timeSpent(passed),
          flowsTaken(repository.getBpmnModelInstance(p.getProcessDefinitionId()), passed)));
    }
    return paths;
  }

  private static List<TimeSpent> timeSpent(List<HistoricActivityInstance> passed) {
    Map<String, TimeSpent> byActivity = new LinkedHashMap<>();
    for (HistoricActivityInstance a : passed) {
      TimeSpent so = byActivity.getOrDefault(a.getActivityId(), new TimeSpent(a.getActivityId(), 0, 0, false));
      long millis = a.getDurationInMillis() != null ? a.getDurationInMillis()
          : org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().getTime() - a.getStartTime().getTime();
      byActivity.put(a.getActivityId(), new TimeSpent(a.getActivityId(), so.times() + 1, so.totalMillis() + millis,
          so.stillOpen() || a.getEndTime() == null));
    }
    return List.copyOf(byActivity.values());
  }

  /** Passed in order of occurrence; see the class comment for the rule. */
  static List<String> flowsTaken(BpmnModelInstance model, List<HistoricActivityInstance> passed) {
    Set<String> taken = new LinkedHashSet<>();
    for (int j = 0; j < passed.size(); j++) {
      HistoricActivityInstance target = passed.get(j);
      if (!(model.getModelElementById(target.getActivityId()) instanceof FlowNode node)) {
        continue;
      }
      Collection<SequenceFlow> incoming = node.getIncoming();
      boolean join = node instanceof ParallelGateway || node instanceof InclusiveGateway;
      List<SequenceFlow> candidates = new ArrayList<>();
      int latest = -1;
      for (SequenceFlow flow : incoming) {
        int source = lastEndedBefore(passed, j, flow.getSource().getId(), target);
        if (source < 0) {
          continue;
        }
        if (join) {
          candidates.add(flow);
        } else if (source > latest) {
          latest = source;
          candidates.clear();
          candidates.add(flow);
        }
      }
      candidates.forEach(flow -> taken.add(flow.getId()));
    }
    return List.copyOf(taken);
  }

  private static int lastEndedBefore(List<HistoricActivityInstance> passed, int before, String sourceId,
      HistoricActivityInstance target) {
    for (int i = before - 1; i >= 0; i--) {
      HistoricActivityInstance a = passed.get(i);
      if (a.getActivityId().equals(sourceId) && a.getEndTime() != null
          && !a.getEndTime().after(target.getStartTime())
          && java.util.Objects.equals(a.getParentActivityInstanceId(), target.getParentActivityInstanceId())) {
        return i;
      }
    }
    return -1;
  }

  private String xml(String processDefinitionId) {
    try (InputStream in = repository.getProcessModel(processDefinitionId)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
