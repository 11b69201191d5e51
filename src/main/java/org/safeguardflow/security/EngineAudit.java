package org.safeguardflow.security;

import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** Who is calling the engine and which case a process instance belongs to, for refusal log lines. */
final class EngineAudit {

  private EngineAudit() {}

  static String currentUser(ProcessEngineConfigurationImpl engine) {
    Authentication caller = engine.getIdentityService().getCurrentAuthentication();
    return caller == null ? "system" : caller.getUserId();
  }

  /** The case reference (business key) of a process instance, running or ended; null if there is none. */
  static String caseOf(ProcessEngineConfigurationImpl engine, String processInstanceId) {
    if (processInstanceId == null) {
      return null;
    }
    // Read for the log line only, whatever the caller may read: the caller's own rights were checked.
    HistoricProcessInstance instance = SystemWork.call(engine.getIdentityService(), () -> engine.getHistoryService()
        .createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult());
    return instance == null ? null : instance.getBusinessKey();
  }
}
