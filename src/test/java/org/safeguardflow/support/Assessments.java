package org.safeguardflow.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole single assessment as a worker writes it in "Record assessment work" and checks it in
 * "Complete the single assessment": one dimension of each domain, the wider family, the analysis,
 * how the child's views were gathered, a mother living with the child and a father living elsewhere,
 * identity and diversity, and one agency consulted. Scenario tests add it to the census items they
 * complete the assessment with.
 */
public final class Assessments {

  private Assessments() {}

  /** The assessment's content (not its census items), as Tasklist submits it. */
  public static Map<String, Object> whole() {
    Map<String, Object> form = new HashMap<>();
    form.put("childViewsHowGathered", "Seen alone at school, with drawings");
    form.put("needsHealthStrengths", "Up to date with immunisations; registered with a GP");
    form.put("parentingBasicCareConcerns", "The home was cold and there was little food on two visits");
    form.put("familyHousingConcerns", "Damp two-bedroom flat; rent arrears");
    form.put("familyWiderFamilyStrengths", "Maternal grandmother lives nearby and collects the children from school");
    form.put("analysisRisks", "Neglect of basic care when mother's depression is at its worst");
    form.put("analysisProtectiveFactors", "A warm bond with mother; grandmother involved; good school attendance");
    form.put("analysisIfNothingChanges", "The child's health and schooling will suffer over the winter");
    form.put("parentsViews", List.of(
        Map.of("name", "Sarah Smith", "relationship", "MOTHER", "livesWithChild", true,
            "views", "Wants help with money and her mood", "howGathered", "Home visit"),
        Map.of("name", "Tom Smith", "relationship", "FATHER", "livesWithChild", false,
            "views", "Wants to see the children every weekend", "howGathered", "Phone call; he lives in Leeds")));
    form.put("identityEthnicity", "White British");
    form.put("identityReligion", "None stated");
    form.put("identityLanguage", "English");
    form.put("identityInterpreterNeeded", "false");
    form.put("identityDisability", "NONE");
    form.put("agenciesConsulted", List.of(Map.of("agency", "Oak Primary School", "contact", "Ms Patel, designated safeguarding lead",
        "said", "Attendance 96%; often hungry on Mondays", "thirdParty", false)));
    return form;
  }
}
