package org.safeguardflow.casework.assessment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.spin.json.SpinJsonNode;
import org.safeguardflow.casework.assessment.AssessmentFramework.AgencyField;
import org.safeguardflow.casework.assessment.AssessmentFramework.Dimension;
import org.safeguardflow.casework.assessment.AssessmentFramework.Domain;
import org.safeguardflow.casework.assessment.AssessmentFramework.ParentField;
import org.safeguardflow.casework.assessment.AssessmentFramework.Var;
import org.safeguardflow.documents.CaseDocument;
import org.safeguardflow.documents.CaseDocument.Entry;
import org.safeguardflow.documents.CaseDocument.Section;
import org.safeguardflow.documents.CaseDocument.Sharing;
import org.safeguardflow.documents.DocumentSource;
import org.safeguardflow.security.SystemWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.safeguardflow.casework.Pathway;

/**
 * The single assessment as a document ({@code single-assessment}) built from the case's latest
 * assessment as the record holds it now: the draft while it is written, the authorised assessment
 * after. What must not reach the family is marked (Working Together 2023 on information sharing;
 * Data Protection Act 2018 schedule 2 part 3, third parties): the referrer's identity and what an
 * agency said that holds another person's private details are {@link Sharing#RECORD_ONLY}; what the
 * agencies said, the census codes, why no father's views were recorded and the manager's comments
 * are {@link Sharing#PROFESSIONALS}, and so is a parent's or carer's views the worker marked as given in
 * confidence ({@code notForFamily}); the assessment itself, the child's and the other parents' views and
 * the recommendation are {@link Sharing#EVERYONE}'s. Text is as typed; blank answers are left out.
 */
@Component
class SingleAssessmentDocument implements DocumentSource {

  static final String KIND = "single-assessment";

  private static final Map<String, String> OUTCOMES = Map.of(
      "NFA", "No further action",
      "EARLY_HELP", "Step down to early help",
      "CIN_PLAN", "A child in need plan",
      "ICPC", "An initial child protection conference",
      "STRATEGY_DISCUSSION", "A strategy discussion: concerns have grown");
  private static final Map<String, String> RELATIONSHIPS = Map.of(
      "MOTHER", "mother", "FATHER", "father", "STEP_PARENT", "step-parent or partner", "CARER", "carer", "OTHER", "other");
  private static final Map<String, String> DISABILITY = Map.of("NONE", "No", "YES", "Yes", "NOT_KNOWN", "Not known yet");

  private final HistoryService history;
  private final IdentityService identity;
  private final JdbcTemplate jdbc;

  SingleAssessmentDocument(HistoryService history, IdentityService identity, JdbcTemplate jdbc) {
    this.history = history;
    this.identity = identity;
    this.jdbc = jdbc;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Optional<CaseDocument> build(String caseRef) {
    // Read as the system: the documents feature checks who may read the case before it asks.
    Map<String, Object> record = SystemWork.call(identity, () -> latestAssessment(caseRef));
    if (record == null || value(record, Var.SAVED_VERSION) == null) {
      return Optional.empty();
    }
    List<Section> sections = new ArrayList<>();
    sections.add(about(caseRef, record));
    sections.add(section("The child's views",
        shared("In their own words", value(record, Pathway.Var.ASSESSMENT_CHILD_VIEWS)),
        shared("How their views were gathered", value(record, Var.CHILD_VIEWS_HOW_GATHERED))));
    for (Domain domain : Domain.values()) {
      List<Entry> entries = new ArrayList<>();
      for (Dimension dimension : domain.dimensions()) {
        entries.add(shared(dimension.label + ": strengths", record.get(dimension.strengths())));
        entries.add(shared(dimension.label + ": concerns", record.get(dimension.concerns())));
      }
      sections.add(section(domain.label, entries.toArray(Entry[]::new)));
    }
    sections.add(parents(record));
    sections.add(section("Identity and diversity",
        shared("Ethnicity", value(record, Var.IDENTITY_ETHNICITY)),
        shared("Religion or belief", value(record, Var.IDENTITY_RELIGION)),
        shared("First language", value(record, Var.IDENTITY_LANGUAGE)),
        shared("Interpreter needed", yesNo(value(record, Var.IDENTITY_INTERPRETER_NEEDED))),
        shared("Disability", DISABILITY.get(String.valueOf(value(record, Var.IDENTITY_DISABILITY)))),
        shared("The child's disability", value(record, Var.IDENTITY_DISABILITY_DETAILS))));
    sections.add(agencies(record));
    sections.add(section("Analysis",
        shared("Risks", value(record, Var.ANALYSIS_RISKS)),
        shared("Protective factors", value(record, Var.ANALYSIS_PROTECTIVE_FACTORS)),
        shared("What happens if nothing changes", value(record, Var.ANALYSIS_IF_NOTHING_CHANGES))));
    sections.add(section("Recommendation",
        shared("Proposed outcome", OUTCOMES.get(String.valueOf(value(record, Pathway.Var.ASSESSMENT_OUTCOME)))),
        shared("Reasons", value(record, AssessmentProcess.Var.ASSESSMENT_OUTCOME_REASON)),
        entry("Census assessment factors", listText(value(record, Pathway.Var.ASSESSMENT_FACTORS)), Sharing.PROFESSIONALS),
        entry("Census primary need", value(record, Pathway.Var.PRIMARY_NEED_CODE), Sharing.PROFESSIONALS)));
    if (value(record, Pathway.Var.ASSESSMENT_AUTHORISATION_DATE) != null) {
      sections.add(section("The manager's authorisation",
          shared("Authorised by", value(record, AssessmentProcess.Var.ASSESSMENT_AUTHORISED_BY)),
          shared("Authorised on", value(record, Pathway.Var.ASSESSMENT_AUTHORISATION_DATE)),
          entry("The manager's comments", value(record, AssessmentProcess.Var.ASSESSMENT_MANAGER_COMMENTS), Sharing.PROFESSIONALS)));
    }
    String child = (text(record.get("childFirstName")) + " " + text(record.get("childLastName"))).strip();
    return Optional.of(new CaseDocument(KIND, "Single assessment for " + child, caseRef,
        sections.stream().filter(s -> !s.entries().isEmpty()).toList()));
  }

  private Section about(String caseRef, Map<String, Object> record) {
    String status = value(record, Pathway.Var.ASSESSMENT_AUTHORISATION_DATE) != null ? "Authorised"
        : value(record, AssessmentProcess.Var.ASSESSMENT_COMPLETED_AT) != null ? "With the manager to authorise"
        : "Draft: still being written";
    Object seen = value(record, Pathway.Var.ASSESSMENT_CHILD_SEEN_DATE);
    List<Map<String, Object>> referrers = jdbc.queryForList(
        "select referrer_name, referrer_organisation from sf_contact where case_ref = ? order by received_at, id", caseRef);
    List<Entry> entries = new ArrayList<>(List.of(
        Entry.shared("Case", caseRef),
        Entry.shared("Status", status),
        Entry.shared("Assessment started", text(value(record, Pathway.Var.ASSESSMENT_ACTUAL_START_DATE))),
        Entry.shared("Child seen", seen == null ? "" : seen + (Boolean.TRUE.equals(value(record, Pathway.Var.ASSESSMENT_CHILD_SEEN_ALONE))
            ? ", seen alone" : ""))));
    for (Map<String, Object> referrer : referrers) {
      // The referrer's identity is a third party's: kept on the record, never in a shared copy.
      entries.add(new Entry("Referred by", text(referrer.get("referrer_name"))
          + (referrer.get("referrer_organisation") == null ? "" : ", " + referrer.get("referrer_organisation")), Sharing.RECORD_ONLY));
    }
    return new Section("About this assessment", entries.stream().filter(e -> !e.text().isBlank()).toList());
  }

  private static Section parents(Map<String, Object> record) {
    List<Entry> entries = new ArrayList<>();
    for (Map<String, Object> parent : listOf(value(record, Var.PARENTS_VIEWS))) {
      String who = text(parent.get(ParentField.NAME)) + " (" + RELATIONSHIPS.getOrDefault(
          String.valueOf(parent.get(ParentField.RELATIONSHIP)), "relationship not recorded")
          + (Boolean.TRUE.equals(parent.get(ParentField.LIVES_WITH_CHILD)) ? ", lives with the child" : ", lives elsewhere") + ")";
      // Views the worker marked as given in confidence are for professionals: the family's copy leaves them out.
      Object marked = parent.get(ParentField.NOT_FOR_FAMILY);
      boolean confidential = Boolean.TRUE.equals(marked) || "true".equals(marked);
      Sharing views = confidential ? Sharing.PROFESSIONALS : Sharing.EVERYONE;
      String label = confidential ? who + ", given in confidence" : who;
      entries.add(entry(label + ": views", parent.get(ParentField.VIEWS), views));
      entries.add(entry(label + ": how their views were gathered", parent.get(ParentField.HOW_GATHERED), views));
    }
    entries.add(entry("Why no father's views are recorded", value(record, Var.FATHER_NOT_INCLUDED_REASON), Sharing.PROFESSIONALS));
    return section("Parents' and carers' views", entries.toArray(Entry[]::new));
  }

  private static Section agencies(Map<String, Object> record) {
    List<Entry> entries = new ArrayList<>();
    for (Map<String, Object> agency : listOf(value(record, Var.AGENCIES_CONSULTED))) {
      boolean thirdParty = Boolean.TRUE.equals(agency.get(AgencyField.THIRD_PARTY)) || "true".equals(agency.get(AgencyField.THIRD_PARTY));
      String name = text(agency.get(AgencyField.AGENCY));
      entries.add(entry(name + ": who was consulted", agency.get(AgencyField.CONTACT), Sharing.PROFESSIONALS));
      // What an agency said about another person is that person's: never shared beyond the record.
      entries.add(entry(name + ": what they said", agency.get(AgencyField.SAID), thirdParty ? Sharing.RECORD_ONLY : Sharing.PROFESSIONALS));
    }
    entries.add(entry("Why no agency was consulted", value(record, Var.AGENCIES_NOT_CONSULTED_REASON), Sharing.PROFESSIONALS));
    return section("Agencies consulted", entries.toArray(Entry[]::new));
  }

  private Map<String, Object> latestAssessment(String caseRef) {
    List<HistoricProcessInstance> assessments = history.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(caseRef).processDefinitionKey(AssessmentProcess.KEY)
        .orderByProcessInstanceStartTime().desc().listPage(0, 1);
    if (assessments.isEmpty()) {
      return null;
    }
    Map<String, Object> record = new HashMap<>();
    for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
        .processInstanceId(assessments.get(0).getId()).list()) {
      // Only the process's own variables: a task's local input parameters are not the record.
      if (variable.getExecutionId() != null && variable.getExecutionId().equals(assessments.get(0).getId())
          && variable.getValue() != null) {
        record.put(variable.getName(), variable.getValue());
      }
    }
    return record;
  }

  static List<Map<String, Object>> listOf(Object value) {
    List<Map<String, Object>> entries = value instanceof SpinJsonNode json ? AssessmentContent.listOf(json.toString())
        : value == null ? List.of() : AssessmentContent.listOf(value);
    return entries == null ? List.of() : entries;
  }

  /** The recorded value of a variable, whether its name is a typed handle or (still) a plain name. */
  private static Object value(Map<String, Object> record, org.safeguardflow.variables.Var<?> variable) {
    return record.get(variable.name());
  }

  private static Object value(Map<String, Object> record, String variable) {
    return record.get(variable);
  }

  private static Section section(String heading, Entry... entries) {
    return new Section(heading, java.util.Arrays.stream(entries).filter(e -> e != null).toList());
  }

  private static Entry shared(String label, Object value) {
    return entry(label, value, Sharing.EVERYONE);
  }

  /** An entry, or null (left out) when the record holds no answer. */
  private static Entry entry(String label, Object value, Sharing sharing) {
    String text = text(value);
    return text.isBlank() ? null : new Entry(label, text, sharing);
  }

  private static String text(Object value) {
    return value == null ? "" : String.valueOf(value);
  }

  private static String yesNo(Object value) {
    return value == null ? null : Boolean.TRUE.equals(value) || "true".equals(value) ? "Yes" : "No";
  }

  private static String listText(Object value) {
    if (value instanceof java.util.Collection<?> items) {
      return String.join(", ", items.stream().map(String::valueOf).toList());
    }
    return value == null ? null : String.valueOf(value);
  }
}
