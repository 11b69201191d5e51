package org.safeguardflow.casework.assessment;

import static org.safeguardflow.casework.Pathway.Var.*;
import static org.safeguardflow.casework.assessment.AssessmentProcess.Var.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.safeguardflow.casework.Actors;
import org.safeguardflow.casework.AssessmentFactors;
import org.safeguardflow.casework.CaseDates;
import org.safeguardflow.casework.CaseRuleException;
import org.safeguardflow.casework.CinCodes;
import org.safeguardflow.casework.FormValues;
import org.safeguardflow.casework.Pathway.AssessmentOutcome;
import org.safeguardflow.casework.assessment.AssessmentProcess.S47Outcome;
import org.springframework.stereotype.Component;

/**
 * Completion listener of the initial, core and single assessment tasks: the census rules an
 * assessment must keep, checked before anything is recorded. The dates themselves (in the episode,
 * not in the future) are {@code checkCaseDates}'s; this adds what ties them and the outcome together.
 *
 * <p>The single assessment is sent to the manager from this task: besides its census items it must
 * hold the whole assessment under the Assessment Framework ({@link AssessmentContent#checkReady}),
 * and sending it is a saved version in history ({@link AssessmentVersions}).
 *
 * <p>When a section 47 enquiry runs beside the assessment, its conclusion decides whether a
 * conference is needed (that is the enquiry's statutory purpose), so an assessment completed after
 * the enquiry concluded must agree with it. One completed before is checked again at authorisation.
 */
@Component("checkAssessment")
class CheckAssessment implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    LocalDate started = ASSESSMENT_ACTUAL_START_DATE.get(task);
    LocalDate seen = ASSESSMENT_CHILD_SEEN_DATE.get(task);
    if (started != null && seen != null && seen.isBefore(started)) {
      throw new CaseRuleException(ASSESSMENT_CHILD_SEEN_DATE + " (" + seen + ") is before "
          + ASSESSMENT_ACTUAL_START_DATE + " (" + started + "): the child is seen during the assessment,"
          + " so the assessment starts on or before that day");
    }
    LocalDate previous = PREVIOUS_ASSESSMENT_AUTHORISATION_DATE.get(task);
    if (started != null && previous != null && !started.isAfter(previous)) {
      throw new CaseRuleException(ASSESSMENT_ACTUAL_START_DATE + " (" + started + ") is on or before the day the"
          + " episode's previous assessment was authorised (" + previous + "): an assessment may not start while"
          + " another is ongoing (DfE CIN census rule 8863); it starts after " + previous);
    }
    Boolean seenAlone = ASSESSMENT_CHILD_SEEN_ALONE.get(task);
    if (seenAlone == null) {
      throw new CaseRuleException(ASSESSMENT_CHILD_SEEN_ALONE + " is required: say whether the child was seen alone");
    }
    FormValues.requiredText(ASSESSMENT_CHILD_VIEWS, task, FormValues.MAX_TEXT_LENGTH);
    List<String> factors = factors(ASSESSMENT_FACTORS.raw(task));

    var instance = task.getExecution().getProcessInstance();
    boolean coreAssessmentNeeded = false;
    if (AssessmentProcess.Element.COMPLETE_INITIAL.equals(task.getTaskDefinitionKey())) {
      coreAssessmentNeeded = Boolean.TRUE.equals(
          CORE_ASSESSMENT_NEEDED.get(task));
      CORE_ASSESSMENT_NEEDED.set(instance, coreAssessmentNeeded);
    }
    // When a core assessment follows, the outcome is the core assessment's to propose.
    if (!coreAssessmentNeeded) {
      AssessmentOutcome outcome = outcome(ASSESSMENT_OUTCOME.raw(task));
      boolean s47Running = Boolean.TRUE.equals(S47_STARTED.raw(task));
      if (outcome == AssessmentOutcome.ICPC && !s47Running) {
        throw new CaseRuleException(ASSESSMENT_OUTCOME + " ICPC needs a section 47 enquiry, and none is running"
            + " (s47Started is not true): a conference follows a section 47 enquiry; if concerns have grown,"
            + " propose STRATEGY_DISCUSSION");
      }
      checkNoFactorsCanCloseWithNoFurtherAction(factors, outcome, s47Running);
      FormValues.requiredText(ASSESSMENT_OUTCOME_REASON, task, FormValues.MAX_TEXT_LENGTH);
      PRIMARY_NEED_CODE.set(instance, primaryNeed(PRIMARY_NEED_CODE.raw(task)));
      if (s47Running && S47_OUTCOME.raw(task) != null) {
        checkAgreesWithSection47(outcome, S47_OUTCOME.raw(task));
      }
    }
    ASSESSMENT_CHILD_SEEN_ALONE.set(instance, seenAlone);
    ASSESSMENT_FACTORS.set(instance, factors);
    ASSESSMENT_COMPLETED_BY.set(instance, Actors.currentUser(task));
    ASSESSMENT_COMPLETED_AT.set(instance, ClockUtil.getCurrentTime());
    if (AssessmentProcess.Element.COMPLETE_SINGLE.equals(task.getTaskDefinitionKey())) {
      // The single assessment is the whole Assessment Framework assessment, not only its census items.
      AssessmentContent.checkSave(task, instance);
      AssessmentContent.checkReady(task);
      AssessmentVersions.record(task, true);
    }
  }

  /** The census primary need the worker chose: one of N0-N9 (N0 when it truly was not stated). */
  static String primaryNeed(Object value) {
    if (!(value instanceof String code) || code.isBlank()) {
      throw new CaseRuleException(PRIMARY_NEED_CODE + " is required: the child's primary need as the assessment found it ("
          + String.join(", ", CinCodes.PRIMARY_NEEDS.keySet()) + ")");
    }
    if (!CinCodes.PRIMARY_NEEDS.containsKey(code.strip())) {
      throw new CaseRuleException(PRIMARY_NEED_CODE + " must be one of " + String.join(", ", CinCodes.PRIMARY_NEEDS.keySet())
          + " (CIN census primary need, DfE CIN census rule 8650), not '" + (code.length() > 10 ? code.substring(0, 10) + "..." : code) + "'");
    }
    return code.strip();
  }

  /** Codes the census does not accept, with the DfE rule that queries or refuses each. */
  static final java.util.Map<String, String> RETIRED_FACTOR_RULES = java.util.Map.of("8A", "8617", "18A", "8945Q", "19A", "8950Q");

  static List<String> factors(Object value) {
    List<String> factors = new ArrayList<>();
    for (String code : FormValues.list(ASSESSMENT_FACTORS.name(), value)) {
      if (!AssessmentFactors.CODES.containsKey(code)) {
        throw new CaseRuleException(ASSESSMENT_FACTORS + ": '" + code + "' is not a CIN census assessment factor"
            + (RETIRED_FACTOR_RULES.containsKey(code) ? " (DfE CIN census rule " + RETIRED_FACTOR_RULES.get(code) + ")" : ""));
      }
      if (!factors.contains(code)) {
        factors.add(code);
      }
    }
    if (factors.isEmpty()) {
      throw new CaseRuleException(ASSESSMENT_FACTORS + " must record at least one factor, or "
          + AssessmentFactors.NO_FACTORS + " (no factors identified) (DfE CIN census rule 8897)");
    }
    if (factors.contains(AssessmentFactors.NO_FACTORS) && factors.size() > 1) {
      throw new CaseRuleException(ASSESSMENT_FACTORS + ": factor " + AssessmentFactors.NO_FACTORS
          + " (no factors identified) must stand alone, but was given with " + factors.stream()
              .filter(code -> !AssessmentFactors.NO_FACTORS.equals(code)).toList() + " (DfE CIN census rule 8869)");
    }
    return factors;
  }

  /** Outcomes after which the episode has a section 47 enquiry, a conference or a plan, so rule 2990 forbids RC8. */
  static final java.util.Set<AssessmentOutcome> LEADS_TO_ENQUIRY_OR_PLAN =
      java.util.EnumSet.of(AssessmentOutcome.CIN_PLAN, AssessmentOutcome.ICPC, AssessmentOutcome.STRATEGY_DISCUSSION);

  /**
   * Factor 21 (no factors identified) only where the episode can then close as the DfE asks. By DfE
   * CIN census rule 8873 an episode whose one assessment found no factors closes with RC8; by rule
   * 2990 an episode with a section 47 enquiry, initial conference, child protection plan or child in
   * need plan may not close with RC8. An assessment beside a section 47 enquiry, or one proposing a
   * plan, a conference or a strategy discussion, therefore records the factors that brought the
   * child here: accepting 21 would leave only closures the census refuses.
   *
   * @throws CaseRuleException naming assessmentFactors and both rules
   */
  static void checkNoFactorsCanCloseWithNoFurtherAction(List<String> factors, AssessmentOutcome outcome,
      boolean s47Running) {
    if (!factors.equals(List.of(AssessmentFactors.NO_FACTORS))) {
      return;
    }
    String why = s47Running ? "a section 47 enquiry runs in this episode"
        : LEADS_TO_ENQUIRY_OR_PLAN.contains(outcome) ? "the proposed outcome " + outcome + " leads to "
            + (outcome == AssessmentOutcome.CIN_PLAN ? "a child in need plan" : "a section 47 enquiry or conference")
        : null;
    if (why != null) {
      throw new CaseRuleException(ASSESSMENT_FACTORS + ": factor " + AssessmentFactors.NO_FACTORS
          + " (no factors identified) cannot be recorded when " + why + ": an episode whose only assessment found"
          + " no factors must close with RC8 (DfE CIN census rule 8873), and one with a section 47 enquiry,"
          + " conference or plan may not (DfE CIN census rule 2990); record the factors that brought the child here");
    }
  }

  static AssessmentOutcome outcome(Object value) {
    if (value == null || (value instanceof String text && text.isBlank())) {
      throw new CaseRuleException(ASSESSMENT_OUTCOME + " is required: propose what happens next");
    }
    try {
      return AssessmentOutcome.valueOf(String.valueOf(value));
    } catch (IllegalArgumentException e) {
      throw new CaseRuleException(ASSESSMENT_OUTCOME + " must be one of "
          + Arrays.toString(AssessmentOutcome.values()) + ", not '" + value + "'");
    }
  }

  /** An ICPC outcome if and only if the section 47 enquiry concluded that a conference is required. */
  static void checkAgreesWithSection47(AssessmentOutcome outcome, Object s47Outcome) {
    boolean conferenceRequired = S47Outcome.ICPC_REQUIRED.name().equals(s47Outcome);
    if ((outcome == AssessmentOutcome.ICPC) != conferenceRequired) {
      throw new CaseRuleException(ASSESSMENT_OUTCOME + " (" + outcome + ") must agree with the section 47"
          + " enquiry's conclusion " + S47_OUTCOME + " (" + s47Outcome + "): ICPC if and only if the enquiry"
          + " found a conference is required");
    }
  }
}
