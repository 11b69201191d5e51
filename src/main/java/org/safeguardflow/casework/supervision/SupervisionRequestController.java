package org.safeguardflow.casework.supervision;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.safeguardflow.casework.CaseRecords;
import org.safeguardflow.casework.Pathway;
import org.safeguardflow.casework.supervision.CaseSupervisionProcess.Var;
import org.safeguardflow.security.SystemWork;
import org.safeguardflow.web.FieldError;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/cases/{caseRef}/supervision-requests}: a manager asks for an extra supervision of a
 * case now, outside the 4-week cycle. Body optional: {@code {"reason": "..."}}. The case's supervision
 * process (business key = case reference) receives {@code CaseSupervisionRequested} and opens a
 * supervision task for the team managers.
 */
@RestController
@RequestMapping("/api/cases/{caseRef}/supervision-requests")
class SupervisionRequestController {

  static final Pattern CASE_REF = CaseRecords.CASE_REF;
  static final int MAX_REASON = 1000;

  private final RuntimeService runtime;
  private final TaskService tasks;
  private final IdentityService identity;

  SupervisionRequestController(RuntimeService runtime, TaskService tasks, @Lazy IdentityService identity) {
    this.runtime = runtime;
    this.tasks = tasks;
    this.identity = identity;
  }

  @PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> request(@PathVariable String caseRef,
      @RequestBody(required = false) Map<String, Object> body, Authentication user) {
    if (!CASE_REF.matcher(caseRef).matches()) {
      return refused("caseRef", "pattern", "caseRef must be a case reference such as CR-2026-000042");
    }
    // Managers may ask (security.ApiSecurity); they hold no right to change a case's process
    // directly, so the case's own supervision process takes the request in as the system. The
    // request names who asked (requestedBy).
    return SystemWork.call(identity, () -> accept(caseRef, body, user));
  }

  private ResponseEntity<Map<String, Object>> accept(String caseRef, Map<String, Object> body, Authentication user) {
    Object reason = body == null ? null : body.get("reason");
    if (body != null && !body.keySet().stream().allMatch("reason"::equals)) {
      return refused("$", "unknown-field", "The only field of a supervision request is reason");
    }
    if (reason != null && (!(reason instanceof String text) || text.length() > MAX_REASON)) {
      return refused("reason", "text", "reason must be text of at most " + MAX_REASON + " characters");
    }
    List<ProcessInstance> running = runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseRef)
        .processDefinitionKey(Pathway.Process.CASE_SUPERVISION).active().list();
    if (running.isEmpty()) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("message", "Case " + caseRef + " has no running case supervision");
      error.put("caseRef", caseRef);
      return ResponseEntity.status(HttpStatus.NOT_FOUND).body(error);
    }
    ProcessInstance supervision = running.get(0);
    String requestId = UUID.randomUUID().toString();
    runtime.createMessageCorrelation(CaseSupervisionProcess.SUPERVISION_REQUESTED_MESSAGE)
        .processInstanceId(supervision.getId())
        .setVariable(Var.REQUESTED_BY.name(), Var.REQUESTED_BY.encode(user.getName()))
        .setVariable(Var.REQUEST_REASON.name(), Var.REQUEST_REASON.encode(reason == null ? "" : reason.toString().strip()))
        .setVariable(Var.REQUEST_ID.name(), Var.REQUEST_ID.encode(requestId))
        .correlate();
    String taskId = tasks.createTaskQuery().processInstanceId(supervision.getId())
        .taskDefinitionKey(CaseSupervisionProcess.Element.RECORD_AD_HOC_SUPERVISION).list().stream()
        .filter(t -> requestId.equals(Var.TASK_REQUEST_ID.get(tasks, t.getId())))
        .map(t -> t.getId()).findFirst().orElse(null);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("caseRef", caseRef);
    answer.put("requestedBy", user.getName());
    answer.put("taskId", taskId);
    return ResponseEntity.created(URI.create("/engine-rest/task/" + taskId)).body(answer);
  }

  private static ResponseEntity<Map<String, Object>> refused(String field, String rule, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("message", "The supervision request was not accepted");
    error.put("errors", List.of(new FieldError(field, rule, message)));
    return ResponseEntity.badRequest().body(error);
  }
}
