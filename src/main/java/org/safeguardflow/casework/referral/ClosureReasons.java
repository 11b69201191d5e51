package org.safeguardflow.casework.referral;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.safeguardflow.casework.AssessmentFactors;
import org.safeguardflow.casework.CaseDates;
import org.safeguardflow.casework.CinCodes;
import org.safeguardflow.casework.FormValues;
import org.safeguardflow.casework.Pathway;

/**
 * Which CIN reasons for closure an episode may be closed with, from what the episode recorded. One
 * answer for the closure form (the reasons it offers) and the closure rule (the reasons it accepts),
 * so that the form never offers a reason the rule refuses and never hides one the rule allows.
 *
 * <p>RC8 and RC9 mean "closed after assessment": they need an authorised assessment of the episode,
 * and (DfE CIN census rule 2990) an episode with a section 47 enquiry, an initial child protection
 * conference, a child protection plan or a child in need plan may not close with them. By rule
 * 8873 an episode whose assessment found no factors (factor 21 alone) closes with RC8 where RC8 is
 * allowed.
 */
final class ClosureReasons {

  static final List<String> AFTER_ASSESSMENT = List.of("RC8", "RC9");

  /** The episode's items that rule 2990 forbids beside RC8/RC9, with what each is called on the form. */
  static final Map<org.safeguardflow.variables.Var<LocalDate>, String> ACTIVITY_AGAINST_2990 = activities();

  private ClosureReasons() {}

  private static Map<org.safeguardflow.variables.Var<LocalDate>, String> activities() {
    Map<org.safeguardflow.variables.Var<LocalDate>, String> items = new LinkedHashMap<>();
    items.put(Pathway.Var.S47_ACTUAL_START_DATE, "a section 47 enquiry");
    items.put(Pathway.Var.DATE_OF_INITIAL_CPC, "an initial child protection conference");
    items.put(Pathway.Var.CPP_START_DATE, "a child protection plan");
    items.put(Pathway.Var.CIN_PLAN_START_DATE, "a child in need plan");
    return items;
  }

  /** Why the reason may not close this episode, or empty when it may. */
  static Optional<String> refusal(String reason, VariableScope episode) {
    if (!AFTER_ASSESSMENT.contains(reason)) {
      return noFactorsFound(reason, episode);
    }
    if (Pathway.Var.ASSESSMENT_AUTHORISATION_DATE.get(episode) == null) {
      return Optional.of(Pathway.Var.REASON_FOR_CLOSURE + " " + reason
          + " means 'closed after assessment', but no assessment of this episode was authorised (DfE CIN census rule 8825Q)");
    }
    String against2990 = against2990(reason, episode);
    if (against2990 != null) {
      return Optional.of(against2990);
    }
    return noFactorsFound(reason, episode);
  }

  /**
   * DfE CIN census rule 8873: an episode whose one assessment found no factors (factor 21 alone)
   * closes with RC8, "no further action", unless rule 2990 forbids RC8 there (a section 47 enquiry,
   * conference or plan followed), which the pre-submission check then reports for the factors to be
   * corrected.
   */
  private static Optional<String> noFactorsFound(String reason, VariableScope episode) {
    List<String> factors = Pathway.Var.ASSESSMENT_FACTORS.get(episode);
    boolean noneFound = factors != null && Pathway.Var.ASSESSMENT_AUTHORISATION_DATE.get(episode) != null
        && factors.equals(List.of(AssessmentFactors.NO_FACTORS));
    if (!noneFound || "RC8".equals(reason) || against2990("RC8", episode) != null) {
      return Optional.empty();
    }
    return Optional.of(Pathway.Var.REASON_FOR_CLOSURE + " " + reason + " breaks DfE CIN census rule 8873: the"
        + " assessment found no factors (factor 21), so the episode closes with RC8 (no further action)");
  }

  private static String against2990(String reason, VariableScope episode) {
    for (Map.Entry<org.safeguardflow.variables.Var<LocalDate>, String> item : ACTIVITY_AGAINST_2990.entrySet()) {
      LocalDate date = item.getKey().get(episode);
      if (date != null) {
        return Pathway.Var.REASON_FOR_CLOSURE + " " + reason + " breaks DfE CIN census rule 2990: an episode"
            + " closed after assessment with no further action or to early help has no section 47 enquiry,"
            + " initial conference, child protection plan or child in need plan, and this one had " + item.getValue()
            + " (" + item.getKey() + " " + date + "); close it with RC7 (services ceased) or the reason that applies";
      }
    }
    return null;
  }

  /** The reasons that may close this episode, as {label, value} options, in code order. */
  static List<Map<String, String>> offered(VariableScope episode) {
    List<Map<String, String>> options = new ArrayList<>();
    for (Map.Entry<String, String> reason : CinCodes.REASONS_FOR_CLOSURE.entrySet()) {
      if (refusal(reason.getKey(), episode).isEmpty()) {
        Map<String, String> option = new LinkedHashMap<>();
        option.put("label", reason.getKey() + " " + reason.getValue());
        option.put("value", reason.getKey());
        options.add(option);
      }
    }
    return options;
  }
}
