package org.safeguardflow.children;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.safeguardflow.casework.CaseRecords;
import org.safeguardflow.timescales.EngineTime;
import org.springframework.stereotype.Component;

/**
 * The service tasks of {@code bpmn/child-records.bpmn}: a merge or unmerge asked for from Tasklist's
 * start form, done by {@link ChildMerges} as the API does it. Only the front door's team managers and
 * service managers may start that process (security/RoleGrants). Bad input or a refused merge throws
 * {@link BadUserRequestException} naming the field or the reason, so the process does not start and
 * nothing changes.
 */
final class CorrectChildRecords {

  /** The variables of {@code bpmn/child-records.bpmn}: what the request gives and what the correction records. */
  static final class Var {
    /** MERGE or UNMERGE. */
    static final org.safeguardflow.variables.Var<String> RECORD_CORRECTION = org.safeguardflow.variables.Var.text("recordCorrection");
    static final org.safeguardflow.variables.Var<String> MERGE_FROM_CASE_REF = org.safeguardflow.variables.Var.text("mergeFromCaseRef");
    static final org.safeguardflow.variables.Var<String> MERGE_INTO_CASE_REF = org.safeguardflow.variables.Var.text("mergeIntoCaseRef");
    static final org.safeguardflow.variables.Var<String> UNMERGE_CASE_REF = org.safeguardflow.variables.Var.text("unmergeCaseRef");
    static final org.safeguardflow.variables.Var<String> CORRECTION_REASON = org.safeguardflow.variables.Var.text("correctionReason");
    /** The user who asked (the process's initiator). */
    static final org.safeguardflow.variables.Var<String> REQUESTED_BY = org.safeguardflow.variables.Var.text("requestedBy");
    /** The id of the merge recorded (sf_child_merge). */
    static final org.safeguardflow.variables.Var<Long> MERGE_ID = org.safeguardflow.variables.Var.id("mergeId");

    private Var() {}
  }

  static final int MAX_REASON = 1000;

  private CorrectChildRecords() {}

  /** {@code ${mergeChildRecords}}: the child of {@code mergeFromCaseRef} into the child of {@code mergeIntoCaseRef}. */
  @Component("mergeChildRecords")
  static class Merge implements JavaDelegate {
    private final ChildMerges merges;
    private final CaseRecords cases;

    Merge(ChildMerges merges, CaseRecords cases) {
      this.merges = merges;
      this.cases = cases;
    }

    @Override
    public void execute(DelegateExecution execution) {
      List<String> problems = new ArrayList<>();
      Optional<Long> from = childOf(cases, execution, Var.MERGE_FROM_CASE_REF, problems);
      Optional<Long> into = childOf(cases, execution, Var.MERGE_INTO_CASE_REF, problems);
      String reason = reason(execution, problems);
      refuseIf(problems);
      try {
        var merge = merges.merge(from.get(), into.get(), reason, requestedBy(execution),
            EngineTime.now());
        Var.MERGE_ID.set(execution, merge.id());
      } catch (ChildMerges.MergeRefused refused) {
        throw new BadUserRequestException("Nothing was changed: " + refused.getMessage());
      }
    }
  }

  /** {@code ${unmergeChildRecords}}: undoes the latest merge that moved {@code unmergeCaseRef}. */
  @Component("unmergeChildRecords")
  static class Unmerge implements JavaDelegate {
    private final ChildMerges merges;

    Unmerge(ChildMerges merges) {
      this.merges = merges;
    }

    @Override
    public void execute(DelegateExecution execution) {
      List<String> problems = new ArrayList<>();
      if (!"UNMERGE".equals(Var.RECORD_CORRECTION.raw(execution))) {
        problems.add("recordCorrection must be MERGE or UNMERGE");
      }
      String caseRef = caseRef(execution, Var.UNMERGE_CASE_REF, problems);
      String reason = reason(execution, problems);
      refuseIf(problems);
      try {
        var merge = merges.unmergeCase(caseRef, reason, requestedBy(execution),
            EngineTime.now());
        Var.MERGE_ID.set(execution, merge.id());
      } catch (ChildMerges.MergeRefused refused) {
        throw new BadUserRequestException("Nothing was changed: " + refused.getMessage());
      }
    }
  }

  private static Optional<Long> childOf(CaseRecords cases, DelegateExecution execution, org.safeguardflow.variables.Var<String> variable,
      List<String> problems) {
    String caseRef = caseRef(execution, variable, problems);
    if (caseRef == null) {
      return Optional.empty();
    }
    var record = cases.find(caseRef);
    if (record.isEmpty()) {
      problems.add(variable + " names no case: " + caseRef);
      return Optional.empty();
    }
    return Optional.of(record.get().childId());
  }

  private static String caseRef(DelegateExecution execution, org.safeguardflow.variables.Var<String> variable, List<String> problems) {
    Object value = variable.raw(execution);
    String caseRef = value instanceof String text ? text.strip() : null;
    if (caseRef == null || !CaseRecords.CASE_REF.matcher(caseRef).matches()) {
      problems.add(variable + " must be a case reference such as CR-2026-000042");
      return null;
    }
    return caseRef;
  }

  private static String reason(DelegateExecution execution, List<String> problems) {
    Object value = Var.CORRECTION_REASON.raw(execution);
    if (!(value instanceof String text) || text.isBlank()) {
      problems.add("correctionReason is required: why the records are, or are not, one child");
      return null;
    }
    if (text.length() > MAX_REASON) {
      problems.add("correctionReason must be at most " + MAX_REASON + " characters");
      return null;
    }
    return text.strip();
  }

  private static void refuseIf(List<String> problems) {
    if (!problems.isEmpty()) {
      throw new BadUserRequestException("Nothing was changed: " + String.join("; ", problems));
    }
  }

  private static String requestedBy(DelegateExecution execution) {
    String initiator = Var.REQUESTED_BY.get(execution);
    return initiator != null ? initiator : "system";
  }
}
