package org.safeguardflow.casework.assessment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.spin.json.SpinJsonNode;
import org.safeguardflow.casework.assessment.AssessmentFramework.Var;
import org.safeguardflow.security.SystemWork;
import org.springframework.stereotype.Component;
import org.safeguardflow.casework.Actors;
import org.safeguardflow.casework.FormValues;

/**
 * Every saved version of a case's single assessment. Each save ("Record assessment work", and
 * sending it to the manager) writes the whole assessment as it then stands into the process variable
 * {@value AssessmentFramework.Var#SAVED_VERSION}; the engine's history keeps each value, so the
 * versions are the history of that one variable, never a copy of our own. Read them in order, oldest
 * first, numbered from 1 across the case's assessments.
 */
@Component
public class AssessmentVersions {

  /**
   * One save: its number on the case, when (UTC) and by whom, which parts the worker worked on and
   * their note, whether it was sent to the manager, and every field of the assessment as it then
   * stood (lists as lists of entries).
   */
  public record Version(int number, Instant savedAt, String savedBy, List<String> parts, String note,
      boolean sentToManager, Map<String, Object> fields) {

    /** The version without its fields, for a list of versions. */
    public Version summary() {
      return new Version(number, savedAt, savedBy, parts, note, sentToManager, Map.of());
    }
  }

  private final HistoryService history;
  private final IdentityService identity;

  AssessmentVersions(HistoryService history, IdentityService identity) {
    this.history = history;
    this.identity = identity;
  }

  /** Records a save of the assessment being completed in {@code task}, numbered after the last one. */
  static void record(DelegateTask task, boolean sentToManager) {
    var instance = task.getExecution().getProcessInstance();
    int number = 1;
    if (instance.getVariable(Var.SAVED_VERSION) instanceof SpinJsonNode last && last.hasProp("number")) {
      number = last.prop("number").numberValue().intValue() + 1;
    }
    Map<String, Object> version = new LinkedHashMap<>();
    version.put("number", number);
    version.put("savedAt", ClockUtil.getCurrentTime().toInstant().toString());
    version.put("savedBy", Actors.currentUser(task));
    version.put("parts", sentToManager ? List.of() : FormValues.list(Var.WORK_PARTS, task.getVariable(Var.WORK_PARTS)));
    version.put("note", sentToManager ? null : task.getVariable(Var.WORK_NOTE));
    version.put("sentToManager", sentToManager);
    version.put("fields", AssessmentContent.fields(task));
    instance.setVariable(Var.SAVED_VERSION, AssessmentContent.json(version));
    // The note is about this save only: the next save's form opens without it (the part stays).
    instance.setVariable(Var.WORK_NOTE, null);
  }

  /**
   * Every version of the case's single assessments, oldest first. Read as the system: the API that
   * calls this has already checked that the caller may read the case.
   */
  public List<Version> of(String caseRef) {
    return SystemWork.call(identity, () -> {
      List<Version> versions = new ArrayList<>();
      List<HistoricProcessInstance> assessments = history.createHistoricProcessInstanceQuery()
          .processInstanceBusinessKey(caseRef).processDefinitionKey(AssessmentProcess.KEY)
          .orderByProcessInstanceStartTime().asc().list();
      for (HistoricProcessInstance assessment : assessments) {
        HistoricVariableInstance saved = history.createHistoricVariableInstanceQuery()
            .processInstanceId(assessment.getId()).variableName(Var.SAVED_VERSION).disableCustomObjectDeserialization()
            .singleResult();
        if (saved == null) {
          continue;
        }
        history.createHistoricDetailQuery().variableUpdates().variableInstanceId(saved.getId()).list().stream()
            .map(HistoricVariableUpdate.class::cast)
            .sorted(Comparator.comparingInt(HistoricVariableUpdate::getRevision))
            .forEach(update -> versions.add(read(versions.size() + 1, update)));
      }
      return versions;
    });
  }

  /** Version {@code number} (from 1) of the case's assessment, or empty when there is none such. */
  public Optional<Version> of(String caseRef, int number) {
    List<Version> versions = of(caseRef);
    return number >= 1 && number <= versions.size() ? Optional.of(versions.get(number - 1)) : Optional.empty();
  }

  private static Version read(int number, HistoricDetail detail) {
    Object value = ((HistoricVariableUpdate) detail).getValue();
    String json = value instanceof SpinJsonNode node ? node.toString() : String.valueOf(value);
    try {
      Map<String, Object> saved = AssessmentContent.JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
      @SuppressWarnings("unchecked")
      Map<String, Object> fields = saved.get("fields") instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
      return new Version(number, Instant.parse(String.valueOf(saved.get("savedAt"))), (String) saved.get("savedBy"),
          parts(saved), (String) saved.get("note"), Boolean.TRUE.equals(saved.get("sentToManager")), fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A saved version of an assessment could not be read", e);
    }
  }

  /** The parts a version worked on; a version saved before parts were a checklist holds one "part". */
  private static List<String> parts(Map<String, Object> saved) {
    if (saved.get("parts") instanceof List<?> parts) {
      return parts.stream().map(String::valueOf).toList();
    }
    return saved.get("part") instanceof String part ? List.of(part) : List.of();
  }
}
