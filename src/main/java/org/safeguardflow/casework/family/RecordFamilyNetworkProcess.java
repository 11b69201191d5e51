package org.safeguardflow.casework.family;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;
import org.safeguardflow.casework.CaseAccess;
import org.safeguardflow.casework.CaseOnEveryProcess;
import org.safeguardflow.casework.CaseRecords;
import org.safeguardflow.casework.CaseRuleException;
import org.safeguardflow.casework.Pathway;
import org.safeguardflow.casework.Routing;
import org.safeguardflow.casework.Teams;
import org.safeguardflow.timescales.EngineTime;
import org.safeguardflow.web.FieldError;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * {@code bpmn/family-network.bpmn}: a worker or manager starts "Record the family network" in Tasklist
 * for a case (start form: the case reference), the current list is loaded into their task, and what they
 * complete replaces it. Only the team that holds the case (its social workers and managers), the front
 * door's managers and service managers may record it: anyone else is refused at the start and nothing
 * is loaded.
 */
public final class RecordFamilyNetworkProcess {

  public static final String KEY = "Process_RecordFamilyNetwork";

  private RecordFamilyNetworkProcess() {}

  public static final class Element {
    public static final String LOAD_FAMILY_NETWORK = "Task_LoadFamilyNetwork";
    public static final String RECORD_FAMILY_NETWORK = "Task_RecordFamilyNetwork";
    public static final String FAMILY_NETWORK_RECORDED = "EndEvent_FamilyNetworkRecorded";

    private Element() {}
  }

  public static final class Var {
    /** The start form's field: the case whose network is recorded. */
    public static final String FAMILY_NETWORK_CASE_REF = "familyNetworkCaseRef";
    /** The person who started it (camunda:initiator); their task. */
    public static final String RECORDED_BY = "familyNetworkRecordedBy";
    /** The form's dynamic list: one object per person, fields as {@link FamilyMember#FIELDS}. */
    public static final String FAMILY_MEMBERS = "familyMembers";

    private Var() {}
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** {@code ${loadFamilyNetwork}}: checks the case and the person's right to it, and loads the list into the form. */
  @Component("loadFamilyNetwork")
  static class Load implements JavaDelegate {
    private final CaseRecords cases;
    private final FamilyNetwork network;
    private final CaseAccess access;
    private final Teams teams;
    private final Routing routing;
    private final IdentityService identity;

    Load(CaseRecords cases, FamilyNetwork network, CaseAccess access, Teams teams, Routing routing,
        @Lazy IdentityService identity) {
      this.cases = cases;
      this.network = network;
      this.access = access;
      this.teams = teams;
      this.routing = routing;
      this.identity = identity;
    }

    @Override
    public void execute(DelegateExecution execution) {
      Object value = execution.getVariable(Var.FAMILY_NETWORK_CASE_REF);
      String caseRef = value instanceof String text ? text.strip() : null;
      if (caseRef == null || !CaseRecords.CASE_REF.matcher(caseRef).matches()) {
        throw new BadUserRequestException(Var.FAMILY_NETWORK_CASE_REF + " must be a case reference such as CR-2026-000042");
      }
      if (cases.find(caseRef).isEmpty()) {
        throw new BadUserRequestException(Var.FAMILY_NETWORK_CASE_REF + " names no case: " + caseRef);
      }
      String team = cases.allocatedTeam(caseRef);
      String holding = teams.isTeam(team) ? team : routing.getFrontDoorTeam();
      Authentication user = identity.getCurrentAuthentication();
      Collection<String> groups = user == null || user.getGroupIds() == null ? List.of() : user.getGroupIds();
      if (user != null && !groups.contains(teams.socialWorkersOf(holding)) && !access.mayReadCaseHeldBy(groups, team)) {
        throw new BadUserRequestException("Case " + caseRef + " is held by another team: only its own team records its"
            + " family network");
      }
      execution.setProcessBusinessKey(caseRef);
      CaseOnEveryProcess.CASE_REF.set(execution, caseRef);
      Pathway.Var.ALLOCATED_TEAM.set(execution, holding);
      try {
        execution.setVariable(Var.FAMILY_MEMBERS, SpinValues.jsonValue(JSON.writeValueAsString(
            network.of(caseRef).stream().map(FamilyNetwork::fields).toList())).create());
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * {@code ${assignFamilyNetworkToWhoAsked}}: the task goes to the person who started it (their team's
   * social workers are its candidates, so a colleague can take it over).
   */
  @Component("assignFamilyNetworkToWhoAsked")
  static class AssignToWhoAsked implements TaskListener {
    @Override
    public void notify(DelegateTask task) {
      if (task.getVariable(Var.RECORDED_BY) instanceof String user && !user.isBlank()) {
        task.setAssignee(user);
      }
    }
  }

  /** {@code ${keepFamilyNetwork}}: on completion, every person is checked and the list replaces the case's. */
  @Component("keepFamilyNetwork")
  static class Keep implements TaskListener {
    private final FamilyNetwork network;

    Keep(FamilyNetwork network) {
      this.network = network;
    }

    @Override
    public void notify(DelegateTask task) {
      List<FieldError> errors = new ArrayList<>();
      List<FamilyMember> members = FamilyMember.listFrom(Var.FAMILY_MEMBERS, plain(task.getVariable(Var.FAMILY_MEMBERS)),
          errors);
      if (!errors.isEmpty()) {
        throw new CaseRuleException(String.join("; ", errors.stream().map(FieldError::message).toList()));
      }
      String caseRef = CaseOnEveryProcess.CASE_REF.get(task);
      network.replace(caseRef, members, task.getAssignee(),
          EngineTime.now());
    }

    /** The list as plain Java values, however it arrived: Tasklist's JSON variable, JSON text or Java objects. */
    static Object plain(Object value) {
      try {
        if (value instanceof SpinJsonNode json) {
          return JSON.readValue(json.toString(), Object.class);
        }
        if (value instanceof String text && text.strip().startsWith("[")) {
          return JSON.readValue(text, Object.class);
        }
      } catch (JsonProcessingException e) {
        throw new CaseRuleException(Var.FAMILY_MEMBERS + " must be a list of family members");
      }
      return value;
    }
  }
}
