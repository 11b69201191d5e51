package org.safeguardflow.casework.assessment;

import static org.safeguardflow.casework.assessment.AssessmentFramework.MAX_LIST_ENTRIES;
import static org.safeguardflow.casework.assessment.AssessmentFramework.MAX_SHORT_TEXT;
import static org.safeguardflow.casework.assessment.AssessmentFramework.MAX_TEXT;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;
import org.safeguardflow.casework.assessment.AssessmentFramework.AgencyField;
import org.safeguardflow.casework.assessment.AssessmentFramework.Dimension;
import org.safeguardflow.casework.assessment.AssessmentFramework.Disability;
import org.safeguardflow.casework.assessment.AssessmentFramework.Domain;
import org.safeguardflow.casework.assessment.AssessmentFramework.ParentField;
import org.safeguardflow.casework.assessment.AssessmentFramework.Part;
import org.safeguardflow.casework.assessment.AssessmentFramework.Relationship;
import org.safeguardflow.casework.assessment.AssessmentFramework.Var;
import org.safeguardflow.casework.Pathway;
import org.safeguardflow.casework.CaseRuleException;
import org.safeguardflow.casework.FormValues;

/**
 * The rules of a single assessment's content ({@link AssessmentFramework}): what any save must keep
 * (every text within its length as a person counts characters, lists well formed, codes known) and
 * what an assessment sent to the manager must hold (each domain, the analysis, the child's views and
 * how they were gathered, the parents' and carers' views with a father's or the reason there is
 * none, identity and diversity, the agencies consulted or why none). Every broken rule is named in
 * one refusal ({@link CaseRuleException}), field by field, and nothing is kept.
 */
final class AssessmentContent {

  static final ObjectMapper JSON = new ObjectMapper();

  private AssessmentContent() {}

  /** What every save must keep; the lists are written back as JSON, as Tasklist itself stores them. */
  static void checkSave(VariableScope scope, VariableScope instance) {
    List<String> problems = new ArrayList<>();
    for (String field : AssessmentFramework.longTexts()) {
      text(field, scope.getVariable(field), MAX_TEXT, false, problems);
    }
    for (String field : AssessmentFramework.SHORT_TEXTS) {
      text(field, scope.getVariable(field), MAX_SHORT_TEXT, false, problems);
    }
    List<String> parts = FormValues.list(Var.WORK_PARTS, scope.getVariable(Var.WORK_PARTS));
    for (int i = 0; i < parts.size(); i++) {
      oneOf(Var.WORK_PARTS + "[" + (i + 1) + "]", parts.get(i), names(Part.values()), problems);
    }
    oneOf(Var.IDENTITY_DISABILITY, scope.getVariable(Var.IDENTITY_DISABILITY), names(Disability.values()), problems);
    yesNo(Var.IDENTITY_INTERPRETER_NEEDED, scope.getVariable(Var.IDENTITY_INTERPRETER_NEEDED), problems);
    List<Map<String, Object>> parents = list(Var.PARENTS_VIEWS, scope.getVariable(Var.PARENTS_VIEWS), problems);
    for (int i = 0; i < parents.size(); i++) {
      Map<String, Object> parent = parents.get(i);
      String at = Var.PARENTS_VIEWS + "[" + (i + 1) + "].";
      text(at + ParentField.NAME, parent.get(ParentField.NAME), MAX_SHORT_TEXT, false, problems);
      oneOf(at + ParentField.RELATIONSHIP, parent.get(ParentField.RELATIONSHIP), names(Relationship.values()), problems);
      yesNo(at + ParentField.LIVES_WITH_CHILD, parent.get(ParentField.LIVES_WITH_CHILD), problems);
      text(at + ParentField.VIEWS, parent.get(ParentField.VIEWS), MAX_TEXT, false, problems);
      text(at + ParentField.HOW_GATHERED, parent.get(ParentField.HOW_GATHERED), MAX_TEXT, false, problems);
      yesNo(at + ParentField.NOT_FOR_FAMILY, parent.get(ParentField.NOT_FOR_FAMILY), problems);
    }
    List<Map<String, Object>> agencies = list(Var.AGENCIES_CONSULTED, scope.getVariable(Var.AGENCIES_CONSULTED), problems);
    for (int i = 0; i < agencies.size(); i++) {
      Map<String, Object> agency = agencies.get(i);
      String at = Var.AGENCIES_CONSULTED + "[" + (i + 1) + "].";
      text(at + AgencyField.AGENCY, agency.get(AgencyField.AGENCY), MAX_SHORT_TEXT, false, problems);
      text(at + AgencyField.CONTACT, agency.get(AgencyField.CONTACT), MAX_SHORT_TEXT, false, problems);
      text(at + AgencyField.SAID, agency.get(AgencyField.SAID), MAX_TEXT, false, problems);
      yesNo(at + AgencyField.THIRD_PARTY, agency.get(AgencyField.THIRD_PARTY), problems);
    }
    FormValues.refuseIfAny(problems);
    if (scope.getVariable(Var.PARENTS_VIEWS) != null) {
      instance.setVariable(Var.PARENTS_VIEWS, json(parents));
    }
    if (scope.getVariable(Var.AGENCIES_CONSULTED) != null) {
      instance.setVariable(Var.AGENCIES_CONSULTED, json(agencies));
    }
  }

  /** What an assessment the worker sends to their manager must hold, besides what every save keeps. */
  static void checkReady(VariableScope scope) {
    List<String> problems = new ArrayList<>();
    for (Domain domain : Domain.values()) {
      boolean recorded = domain.dimensions().stream().anyMatch(d ->
          present(scope.getVariable(d.strengths())) || present(scope.getVariable(d.concerns())));
      if (!recorded) {
        problems.add(domain.dimensions().get(0).strengths() + " (" + domain.label + ") is required: record the"
            + " strengths or concerns of at least one of its dimensions (Assessment Framework domain)");
      }
    }
    Dimension wider = Dimension.WIDER_FAMILY;
    if (!present(scope.getVariable(wider.strengths())) && !present(scope.getVariable(wider.concerns()))) {
      problems.add(wider.strengths() + " is required: say who the wider family are and what they can offer"
          + " (strengths) or what worries you about them (concerns)");
    }
    for (String field : List.of(Var.ANALYSIS_RISKS, Var.ANALYSIS_PROTECTIVE_FACTORS, Var.ANALYSIS_IF_NOTHING_CHANGES)) {
      text(field, scope.getVariable(field), MAX_TEXT, true, problems);
    }
    text(Pathway.Var.ASSESSMENT_CHILD_VIEWS.name(), scope.getVariable(Pathway.Var.ASSESSMENT_CHILD_VIEWS.name()), MAX_TEXT, true, problems);
    text(Var.CHILD_VIEWS_HOW_GATHERED, scope.getVariable(Var.CHILD_VIEWS_HOW_GATHERED), MAX_TEXT, true, problems);
    List<Map<String, Object>> parents = list(Var.PARENTS_VIEWS, scope.getVariable(Var.PARENTS_VIEWS), problems);
    if (parents.isEmpty()) {
      problems.add(Var.PARENTS_VIEWS + " is required: record each parent's or carer's views");
    }
    for (int i = 0; i < parents.size(); i++) {
      String at = Var.PARENTS_VIEWS + "[" + (i + 1) + "].";
      text(at + ParentField.NAME, parents.get(i).get(ParentField.NAME), MAX_SHORT_TEXT, true, problems);
      text(at + ParentField.VIEWS, parents.get(i).get(ParentField.VIEWS), MAX_TEXT, true, problems);
      if (parents.get(i).get(ParentField.RELATIONSHIP) == null) {
        problems.add(at + ParentField.RELATIONSHIP + " is required");
      }
    }
    boolean father = parents.stream().anyMatch(p -> Relationship.FATHER.name().equals(p.get(ParentField.RELATIONSHIP)));
    if (!father && !present(scope.getVariable(Var.FATHER_NOT_INCLUDED_REASON))) {
      problems.add(Var.FATHER_NOT_INCLUDED_REASON + " is required: no father's views are recorded in "
          + Var.PARENTS_VIEWS + ", so say why (fathers, including those not living with the child, are part"
          + " of the assessment)");
    }
    for (String field : AssessmentFramework.SHORT_TEXTS) {
      text(field, scope.getVariable(field), MAX_SHORT_TEXT, true, problems);
    }
    if (!(scope.getVariable(Var.IDENTITY_INTERPRETER_NEEDED) instanceof Boolean)
        && !List.of("true", "false").contains(String.valueOf(scope.getVariable(Var.IDENTITY_INTERPRETER_NEEDED)))) {
      problems.add(Var.IDENTITY_INTERPRETER_NEEDED + " is required: answer yes or no");
    }
    Object disability = scope.getVariable(Var.IDENTITY_DISABILITY);
    if (!present(disability)) {
      problems.add(Var.IDENTITY_DISABILITY + " is required: one of " + String.join(", ", names(Disability.values())));
    } else if (Disability.YES.name().equals(disability)) {
      text(Var.IDENTITY_DISABILITY_DETAILS, scope.getVariable(Var.IDENTITY_DISABILITY_DETAILS), MAX_TEXT, true, problems);
    }
    List<Map<String, Object>> agencies = list(Var.AGENCIES_CONSULTED, scope.getVariable(Var.AGENCIES_CONSULTED), problems);
    for (int i = 0; i < agencies.size(); i++) {
      String at = Var.AGENCIES_CONSULTED + "[" + (i + 1) + "].";
      text(at + AgencyField.AGENCY, agencies.get(i).get(AgencyField.AGENCY), MAX_SHORT_TEXT, true, problems);
      text(at + AgencyField.SAID, agencies.get(i).get(AgencyField.SAID), MAX_TEXT, true, problems);
    }
    if (agencies.isEmpty() && !present(scope.getVariable(Var.AGENCIES_NOT_CONSULTED_REASON))) {
      problems.add(Var.AGENCIES_NOT_CONSULTED_REASON + " is required: no agency consulted is recorded in "
          + Var.AGENCIES_CONSULTED + ", so say why");
    }
    FormValues.refuseIfAny(problems);
  }

  /** The assessment's fields as they stand, in the order the forms show them. */
  static Map<String, Object> fields(VariableScope scope) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (String name : contentFields()) {
      Object value = scope.getVariable(name);
      fields.put(name, value instanceof SpinJsonNode json ? listOf(json.toString()) : value);
    }
    return fields;
  }

  /** Every field of the assessment's content, census fields included, in reading order. */
  static List<String> contentFields() {
    List<String> names = new ArrayList<>(List.of(Pathway.Var.ASSESSMENT_ACTUAL_START_DATE.name(), Pathway.Var.ASSESSMENT_CHILD_SEEN_DATE.name(),
        Pathway.Var.ASSESSMENT_CHILD_SEEN_ALONE.name(), Pathway.Var.ASSESSMENT_CHILD_VIEWS.name(), Var.CHILD_VIEWS_HOW_GATHERED));
    for (Dimension dimension : Dimension.values()) {
      names.add(dimension.strengths());
      names.add(dimension.concerns());
    }
    names.addAll(List.of(Var.PARENTS_VIEWS, Var.FATHER_NOT_INCLUDED_REASON, Var.IDENTITY_ETHNICITY, Var.IDENTITY_RELIGION,
        Var.IDENTITY_LANGUAGE, Var.IDENTITY_INTERPRETER_NEEDED, Var.IDENTITY_DISABILITY, Var.IDENTITY_DISABILITY_DETAILS,
        Var.AGENCIES_CONSULTED, Var.AGENCIES_NOT_CONSULTED_REASON, Var.ANALYSIS_RISKS, Var.ANALYSIS_PROTECTIVE_FACTORS,
        Var.ANALYSIS_IF_NOTHING_CHANGES, Pathway.Var.ASSESSMENT_FACTORS.name(), Pathway.Var.PRIMARY_NEED_CODE.name(),
        Pathway.Var.ASSESSMENT_OUTCOME.name(), AssessmentProcess.Var.ASSESSMENT_OUTCOME_REASON.name()));
    return names;
  }

  /**
   * A list as Camunda Forms and the REST API submit it: JSON (Tasklist's {@code Json} variable or
   * text) or a Java list of maps; empty when absent. A value of another shape is a problem.
   */
  static List<Map<String, Object>> list(String field, Object value, List<String> problems) {
    if (value == null || (value instanceof String text && text.isBlank())) {
      return List.of();
    }
    List<Map<String, Object>> entries;
    if (value instanceof SpinJsonNode json) {
      entries = listOf(json.toString());
    } else if (value instanceof String text) {
      entries = listOf(text);
    } else if (value instanceof Collection<?> items) {
      entries = listOf(items);
    } else {
      entries = null;
    }
    if (entries == null) {
      problems.add(field + " must be a list of entries");
      return List.of();
    }
    if (entries.size() > MAX_LIST_ENTRIES) {
      problems.add(field + " must hold at most " + MAX_LIST_ENTRIES + " entries (it has " + entries.size() + ")");
    }
    return entries;
  }

  static List<Map<String, Object>> listOf(Object source) {
    try {
      String text = source instanceof String s ? s : JSON.writeValueAsString(source);
      List<Map<String, Object>> entries = JSON.readValue(text, new TypeReference<List<Map<String, Object>>>() {});
      return entries.stream().anyMatch(java.util.Objects::isNull) ? null : entries;
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return null;
    }
  }

  static org.camunda.bpm.engine.variable.value.TypedValue json(Object value) {
    try {
      return SpinValues.jsonValue(JSON.writeValueAsString(value)).create();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static boolean present(Object value) {
    return value != null && !(value instanceof String text && text.isBlank());
  }

  private static void text(String field, Object value, int max, boolean required, List<String> problems) {
    try {
      if (required) {
        FormValues.requiredText(field, value, max);
      } else {
        FormValues.optionalText(field, value, max);
      }
    } catch (CaseRuleException broken) {
      problems.add(broken.getMessage().replaceFirst("^Not recorded: ", ""));
    }
  }

  private static void oneOf(String field, Object value, List<String> allowed, List<String> problems) {
    if (present(value) && !allowed.contains(String.valueOf(value))) {
      problems.add(field + " must be one of " + String.join(", ", allowed));
    }
  }

  private static void yesNo(String field, Object value, List<String> problems) {
    if (present(value) && !(value instanceof Boolean) && !Set.of("true", "false").contains(String.valueOf(value))) {
      problems.add(field + " must be yes (true) or no (false)");
    }
  }

  private static List<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toList();
  }
}
