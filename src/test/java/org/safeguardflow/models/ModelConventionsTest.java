package org.safeguardflow.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOut;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.safeguardflow.intake.ContactProcess.Route;
import org.safeguardflow.timescales.Step;

/**
 * What a process owner and an inspector rely on in every model: drawn completely, named for
 * managers, history kept deliberately, and every user task with its form, team and deadline.
 */
class ModelConventionsTest {

  static Stream<Path> models() throws IOException {
    return Files.list(Path.of("bpmn")).filter(p -> p.toString().endsWith(".bpmn")).sorted();
  }

  static Set<String> formIds() throws IOException {
    Set<String> ids = new HashSet<>();
    try (Stream<Path> forms = Files.list(Path.of("forms"))) {
      for (Path form : forms.filter(p -> p.toString().endsWith(".form")).toList()) {
        assertThat(ids.add(new ObjectMapper().readTree(form.toFile()).get("id").asText()))
            .as("form id of %s is unique", form).isTrue();
      }
    }
    return ids;
  }

  @ParameterizedTest
  @MethodSource("models")
  void everyElementIsDrawnOnTheDiagram(Path model) {
    BpmnModelInstance bpmn = Bpmn.readModelFromFile(model.toFile());
    Set<String> drawn = new HashSet<>();
    bpmn.getModelElementsByType(BpmnShape.class).forEach(s -> drawn.add(s.getBpmnElement().getId()));
    bpmn.getModelElementsByType(BpmnEdge.class).forEach(e -> drawn.add(e.getBpmnElement().getId()));

    List<String> flowElements = bpmn.getModelElementsByType(FlowElement.class).stream().map(BaseElement::getId).toList();
    assertThat(flowElements).isNotEmpty();
    assertThat(drawn).containsAll(flowElements);
  }

  @ParameterizedTest
  @MethodSource("models")
  void everyStepHasANameAManagerUnderstandsAndAReadableId(Path model) {
    BpmnModelInstance bpmn = Bpmn.readModelFromFile(model.toFile());
    for (FlowNode node : bpmn.getModelElementsByType(FlowNode.class)) {
      boolean mergingGateway = node instanceof Gateway && node.getOutgoing().size() < 2;
      if (!mergingGateway) {
        assertThat(node.getName()).as("name of %s", node.getId()).isNotBlank();
      }
      assertThat(node.getId()).as("id of %s", node.getName()).matches("[A-Z][A-Za-z]+_[A-Z][A-Za-z0-9]+");
    }
    for (SequenceFlow flow : bpmn.getModelElementsByType(SequenceFlow.class)) {
      if (flow.getConditionExpression() != null) {
        assertThat(flow.getName()).as("a conditional flow says its condition: %s", flow.getId()).isNotBlank();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("models")
  void everyProcessKeepsItsHistoryDeliberately(Path model) {
    BpmnModelInstance bpmn = Bpmn.readModelFromFile(model.toFile());
    for (Process process : bpmn.getModelElementsByType(Process.class)) {
      // Case records are kept for decades: at least 75 years.
      assertThat(Integer.parseInt(process.getCamundaHistoryTimeToLiveString())).isGreaterThanOrEqualTo(75 * 365);
    }
  }

  @ParameterizedTest
  @MethodSource("models")
  void everyUserTaskHasAFormATeamAndADeadline(Path model) throws IOException {
    Set<String> forms = formIds();
    BpmnModelInstance bpmn = Bpmn.readModelFromFile(model.toFile());
    for (UserTask task : bpmn.getModelElementsByType(UserTask.class)) {
      assertThat(task.getCamundaFormRef()).as("form of %s", task.getId()).isIn(forms);
      // Bound by deployment: a task keeps the form its model version was deployed with, so a case
      // already open keeps its form when a form changes; a model deployed alone from Modeler takes the
      // forms in use into its deployment (FormsTravelWithTheirModel).
      assertThat(task.getCamundaFormRefBinding()).as("form binding of %s", task.getId()).isEqualTo("deployment");
      // The case's team, the front door or the escalation managers: a bare role group would show the
      // task to every team's staff.
      assertThat(task.getCamundaCandidateGroups()).as("team of %s", task.getId()).isIn(
          "${routing.socialWorkersOf(execution)}", "${routing.teamManagersOf(execution)}",
          "${routing.frontDoorManagers}", "${routing.escalationManagers}");
      // Only the case's own worker, by variable: never a person's name written into a model.
      assertThat(task.getCamundaAssignee()).as("no hard-coded person on %s", task.getId())
          .isIn(null, "${allocatedWorker}");
      assertThat(task.getCamundaDueDate()).as("deadline of %s", task.getId()).contains("timescales.");
    }
  }

  /**
   * Every user task names the statutory step its deadline comes from ({@code timescaleStep}, the step
   * of its due date: a code, or the variable a step is chosen by, e.g. {@code ${reviewStep}}), so the
   * timeline and the timeliness report read the step from the task as it ran, never from its due date
   * expression, and the task records the deadline it began with.
   */
  @ParameterizedTest
  @MethodSource("models")
  void everyUserTaskNamesTheStepItsDeadlineComesFrom(Path model) {
    BpmnModelInstance bpmn = Bpmn.readModelFromFile(model.toFile());
    for (UserTask task : bpmn.getModelElementsByType(UserTask.class)) {
      Matcher due = DUE_DATE_STEP.matcher(String.valueOf(task.getCamundaDueDate()));
      assertThat(due.find()).as("deadline of %s from the timescales table: %s", task.getId(), task.getCamundaDueDate()).isTrue();
      String step = due.group(1) != null ? due.group(1) : "${" + due.group(2) + "}";
      List<String> declared = task.getExtensionElements() == null ? List.of()
          : task.getExtensionElements().getElementsQuery().filterByType(CamundaInputOutput.class).list().stream()
              .flatMap(io -> io.getCamundaInputParameters().stream())
              .filter(input -> Step.INPUT.equals(input.getCamundaName()))
              .map(input -> input.getTextContent().strip()).toList();
      assertThat(declared).as("%s of %s, whose deadline is %s", Step.INPUT, task.getId(), task.getCamundaDueDate())
          .containsExactly(step);
    }
  }

  /**
   * One escalation form for every statutory step: the task a missed deadline leads to (after
   * {@code ${recordTimescaleBreach}}) is the service manager's follow-up on
   * {@code ServiceManagerFollowsUpOverdueStep}, and keeps its note ({@code escalationNote}) as its own
   * local input, so one escalation's note never shows in another's form nor reaches the stage.
   */
  @ParameterizedTest
  @MethodSource("models")
  void everyMissedDeadlineEscalatesOnTheOneEscalationForm(Path model) {
    BpmnModelInstance bpmn = Bpmn.readModelFromFile(model.toFile());
    for (ServiceTask breach : bpmn.getModelElementsByType(ServiceTask.class)) {
      if (!"${recordTimescaleBreach}".equals(breach.getCamundaDelegateExpression())) {
        continue;
      }
      for (SequenceFlow out : breach.getOutgoing()) {
        assertThat(out.getTarget()).as("after %s", breach.getId()).isInstanceOf(UserTask.class);
        UserTask escalation = (UserTask) out.getTarget();
        assertThat(escalation.getCamundaFormRef()).as("form of %s", escalation.getId())
            .isEqualTo("ServiceManagerFollowsUpOverdueStep");
        assertThat(escalation.getCamundaCandidateGroups()).isEqualTo("${routing.escalationManagers}");
        assertThat(escalation.getExtensionElements().getElementsQuery().filterByType(CamundaInputOutput.class).list()
                .stream().flatMap(io -> io.getCamundaInputParameters().stream())
                .filter(input -> Step.ESCALATION_NOTE.name().equals(input.getCamundaName())))
            .as("%s keeps its note as its own", escalation.getId())
            .singleElement().satisfies(input -> assertThat(input.getTextContent()).isBlank());
      }
    }
  }

  /** The step of a due date: {@code timescales.dueDate('CP_VISIT', ...)} or {@code timescales.dueDate(reviewStep, ...)}. */
  /**
   * User tasks whose step does not end when they are completed, so they do not ask why they are late:
   * the reason is asked by the task that meets the step (or, for escalations, they are the response to
   * lateness). Each is named with why; any other user task with a {@code timescaleStep} must ask.
   */
  private static final Map<String, String> ASKED_BY_ANOTHER_TASK = Map.ofEntries(
      Map.entry("Task_ConveneStrategyDiscussion", "STRATEGY_DISCUSSION is met when Task_RecordStrategyDiscussion is recorded"),
      Map.entry("Task_RecordAssessmentWork", "SINGLE_ASSESSMENT is met by Task_CompleteSingleAssessment"),
      Map.entry("Task_ScheduleConference", "INITIAL_CPC is met by Task_RecordConferenceOutcome"),
      Map.entry("Task_ScheduleReviewConference", "the review conference is met by Task_RecordReviewConference"),
      Map.entry("Task_MakeLetterPlainer", "part of LETTER_BEFORE_PROCEEDINGS; not yet converted (issue 11 follow-up)"),
      Map.entry("Task_SendLetterBeforeProceedings", "not yet converted (issue 11 follow-up)"),
      Map.entry("Task_HoldPreProceedingsMeeting", "not yet converted (issue 11 follow-up)"),
      Map.entry("Task_ReviewPreProceedings", "not yet converted (issue 11 follow-up)"),
      Map.entry("Task_RecordProceedingsIssued", "not yet converted (issue 11 follow-up)"),
      Map.entry("Task_AuthoriseAssessment", "not yet converted (issue 11 follow-up)"),
      Map.entry("Task_RecordAdHocSupervision", "an unplanned supervision has no deadline of its own to miss"),
      Map.entry("Task_StartChildInNeedPlan", "not yet converted (issue 11 follow-up)"),
      Map.entry("Task_RecordFirstCoreGroup", "not yet converted (issue 11 follow-up)"),
      Map.entry("Task_RecordCoreGroup", "not yet converted (issue 11 follow-up)"),
      Map.entry("Task_RecordFamilyNetwork", "not yet converted (issue 11 follow-up)"),
      Map.entry("Task_CloseEpisode", "not yet converted (issue 11 follow-up)"),
      Map.entry("Task_ChasePlanAction", "the chase is itself the response to an overdue plan action"),
      Map.entry("Task_ManagerFollowsUpPlanAction", "an escalation: the response to lateness"));

  /**
   * Every statutory user task asks why when completed late (README): its model runs
   * {@code ${explainLateStep}} on completion and its form holds the step's late-reason field,
   * required, and shown exactly when the step's overdue flag (computed from the task's own recorded
   * deadline) is true. Escalation follow-ups and the tasks named in {@link #ASKED_BY_ANOTHER_TASK}
   * excepted.
   */
  @ParameterizedTest
  @MethodSource("models")
  void everyStatutoryTaskAsksWhyItIsLateOnItsForm(Path model) throws IOException {
    Map<String, JsonNode> forms = new HashMap<>();
    try (Stream<Path> files = Files.list(Path.of("forms"))) {
      for (Path form : files.filter(p -> p.toString().endsWith(".form")).toList()) {
        JsonNode json = new ObjectMapper().readTree(form.toFile());
        forms.put(json.get("id").asText(), json);
      }
    }
    BpmnModelInstance bpmn = Bpmn.readModelFromFile(model.toFile());
    for (UserTask task : bpmn.getModelElementsByType(UserTask.class)) {
      List<String> steps = task.getExtensionElements() == null ? List.of()
          : task.getExtensionElements().getElementsQuery().filterByType(CamundaInputOutput.class).list().stream()
              .flatMap(io -> io.getCamundaInputParameters().stream())
              .filter(input -> Step.INPUT.equals(input.getCamundaName()))
              .map(input -> input.getTextContent().strip()).toList();
      if (steps.isEmpty() || steps.contains(Step.ESCALATION_FOLLOW_UP.code())
          || ASKED_BY_ANOTHER_TASK.containsKey(task.getId())) {
        continue;
      }
      boolean explains = task.getExtensionElements().getElementsQuery().filterByType(CamundaTaskListener.class).list()
          .stream().anyMatch(l -> "${explainLateStep}".equals(l.getCamundaDelegateExpression())
              && "complete".equals(l.getCamundaEvent()));
      assertThat(explains).as("%s (%s) runs ${explainLateStep} on completion", task.getId(), steps).isTrue();
      List<JsonNode> reasons = new ArrayList<>();
      collectLateReasons(forms.get(task.getCamundaFormRef()), reasons);
      String step = steps.get(0);
      if (!step.startsWith("${")) {
        assertThat(reasons).as("late-reason field of %s on form %s", task.getId(), task.getCamundaFormRef())
            .extracting(r -> r.get("key").asText()).contains(Step.valueOf(step).lateReason());
      }
      assertThat(reasons).as("late-reason fields of %s on form %s", task.getId(), task.getCamundaFormRef()).isNotEmpty();
      for (JsonNode reason : reasons) {
        String stem = reason.get("key").asText().replaceFirst("LateReason$", "");
        assertThat(reason.path("type").asText()).isEqualTo("textarea");
        assertThat(reason.path("validate").path("required").asBoolean()).as("%s is required when shown", stem).isTrue();
        assertThat(reason.path("conditional").path("hide").asText()).as("%s shows by its step's overdue flag", stem)
            .isEqualTo("=" + stem + "Overdue != true");
      }
    }
  }

  private static void collectLateReasons(JsonNode component, List<JsonNode> found) {
    if (component == null) {
      return;
    }
    if (component.path("key").asText("").endsWith("LateReason")) {
      found.add(component);
    }
    for (JsonNode child : component.path("components")) {
      collectLateReasons(child, found);
    }
  }

  private static final Pattern DUE_DATE_STEP = Pattern.compile("timescales\\.dueDate\\(\\s*(?:'([A-Z][A-Z0-9_]*)'|(\\w+))");

  /**
   * The seams between processes are visible: a process owner reading a model sees what each stage
   * takes and gives back. Every call activity passes the case reference as business key and names
   * each variable it passes in, never all of them (which would hide what a stage needs and let every
   * stage read and overwrite everything); a variable keeps its name across the seam. A stage that its
   * caller carries on after gives back, by name, what the caller or a later stage reads; a stage
   * followed only by an end event (the referral episode, case supervision) need give back nothing.
   */
  @ParameterizedTest
  @MethodSource("models")
  void everyCallActivityNamesWhatTheStageTakesAndGivesBack(Path model) {
    BpmnModelInstance bpmn = Bpmn.readModelFromFile(model.toFile());
    for (CallActivity call : bpmn.getModelElementsByType(CallActivity.class)) {
      List<CamundaIn> ins = call.getExtensionElements() == null ? List.of()
          : call.getExtensionElements().getElementsQuery().filterByType(CamundaIn.class).list();
      List<CamundaOut> outs = call.getExtensionElements() == null ? List.of()
          : call.getExtensionElements().getElementsQuery().filterByType(CamundaOut.class).list();
      String where = model.getFileName() + " " + call.getId();

      assertThat(ins).as("%s passes in variables=\"all\"", where).allMatch(in -> in.getCamundaVariables() == null);
      assertThat(outs).as("%s gives back variables=\"all\"", where).allMatch(out -> out.getCamundaVariables() == null);
      assertThat(ins).as("%s passes the case reference as business key", where)
          .anyMatch(in -> "#{execution.processBusinessKey}".equals(in.getCamundaBusinessKey()));
      List<CamundaIn> variablesIn = ins.stream().filter(in -> in.getCamundaBusinessKey() == null).toList();
      assertThat(variablesIn).as("%s names at least one variable the stage takes", where).isNotEmpty();
      for (CamundaIn in : variablesIn) {
        assertThat(in.getCamundaSource()).as("%s: an input is a variable by name", where).isNotBlank();
        assertThat(in.getCamundaTarget()).as("%s: %s keeps its name in the stage", where, in.getCamundaSource())
            .isEqualTo(in.getCamundaSource());
      }
      for (CamundaOut out : outs) {
        assertThat(out.getCamundaSource()).as("%s: an output is a variable by name", where).isNotBlank();
        assertThat(out.getCamundaTarget()).as("%s: %s keeps its name in the caller", where, out.getCamundaSource())
            .isEqualTo(out.getCamundaSource());
      }
      boolean callerCarriesOn = call.getOutgoing().stream().anyMatch(flow -> !(flow.getTarget() instanceof EndEvent));
      if (callerCarriesOn) {
        assertThat(outs).as("%s names at least one variable the stage gives back", where).isNotEmpty();
      }
    }
  }

  /**
   * Decision tables are found by key, latest version, as the {@code timescales} bean finds its own:
   * a model deployed alone from Modeler finds them, and a changed table applies from its deployment.
   */
  @ParameterizedTest
  @MethodSource("models")
  void everyDecisionTableIsFoundByItsKeyWhateverElseWasDeployedWithTheModel(Path model) {
    BpmnModelInstance bpmn = Bpmn.readModelFromFile(model.toFile());
    for (BusinessRuleTask task : bpmn.getModelElementsByType(BusinessRuleTask.class)) {
      assertThat(task.getCamundaDecisionRefBinding()).as("decision binding of %s", task.getId()).isIn(null, "latest");
    }
  }

  @Test
  void theDecisionFormOffersExactlyTheRoutesTheProcessKnows() throws IOException {
    JsonNode form = new ObjectMapper().readTree(Path.of("forms/manager-decides-contact.form").toFile());
    // The decision field itself (the form also asks about a possible match of the child).
    JsonNode decision = java.util.stream.StreamSupport.stream(form.get("components").spliterator(), false)
        .filter(c -> "contactDecision".equals(c.path("key").asText())).findFirst().orElseThrow();
    List<String> offered = decision.get("values").findValuesAsText("value");
    assertThat(offered).containsExactlyElementsOf(Route.names());
  }

  /**
   * The closure form offers the reasons for closure the closure rule computes for the episode
   * (DfE CIN census rule 2990 and "closed after assessment"): no fixed list that could offer RC8/RC9
   * where the rule refuses them, and the select stays required and visible.
   */
  @Test
  void theClosureFormOffersTheReasonsTheClosureRuleAllows() throws IOException {
    JsonNode form = new ObjectMapper().readTree(Path.of("forms/close-episode.form").toFile());
    JsonNode reason = null;
    for (JsonNode component : form.get("components")) {
      if ("reasonForClosure".equals(component.path("key").asText())) {
        reason = component;
      }
    }
    assertThat(reason).isNotNull();
    assertThat(reason.path("valuesKey").asText()).isEqualTo("closureReasonOptions");
    assertThat(reason.has("values")).isFalse();
    assertThat(reason.path("validate").path("required").asBoolean()).isTrue();
    assertThat(reason.has("conditional")).isFalse();
    String model = java.nio.file.Files.readString(Path.of("bpmn/referral.bpmn"));
    assertThat(model).contains("<camunda:taskListener delegateExpression=\"${offerClosureReasons}\" event=\"create\" />"
        + "<camunda:taskListener delegateExpression=\"${checkCaseDates}\" event=\"complete\" />"
        + "<camunda:taskListener delegateExpression=\"${checkEpisodeClosure}\" event=\"complete\" />");
  }

  /**
   * A form's text blocks are Markdown, and Camunda Forms reads a value put into one as Markdown and
   * HTML. So only values that cannot hold markup are put there: codes, dates, case references, names
   * (refused at intake if they hold markup characters), user ids and texts the system composes. Free
   * text someone typed is shown in a disabled field, exactly as typed.
   */
  static final Set<String> SAFE_IN_TEXT_BLOCKS = Set.of("allocatedTeam", "allocatedWorker", "assessmentActualStartDate",
      "assessmentAuthorisationDate", "assessmentChildSeenAlone", "assessmentChildSeenDate", "assessmentCompletedBy",
      "assessmentFactors", "assessmentOutcome", "caseRef", "caseloadSummary", "childDateOfBirth", "childEthnicity",
      "childExpectedDateOfBirth", "childFirstName", "childLastName", "childNhsNumber", "childSex", "cinPlanEndDate", "cinPlanLastReviewDate",
      "cinPlanStartDate", "conferencePlannedDate", "contactDecision", "cpVisitDueFrom", "cppEndDate", "cppStartDate",
      "dateOfInitialCpc", "furtherContactChildAsSent", "furtherContactReceivedAtText", "furtherContactReferrer", "furtherContactScreeningSummary",
      "furtherContactSourceText", "icpcOutcome", "initialCpcTarget", "lastSupervisionDate", "latestCategoryOfAbuse",
      "latestCoreGroupDate", "latestCpVisitDate", "letterBeforeProceedingsDate", "notificationRecipient",
      "notificationSubject", "notificationType", "preProceedingsMeetingDate", "preProceedingsReviewDate",
      "receivedAtText", "referralDate", "referralSourceText", "referrerName", "referrerOrganisation", "requestedBy",
      "reviewConferenceCount", "reviewDate", "s47ActualStartDate", "s47Started", "s47Outcome", "screeningSummary",
      "strategyDiscussionDate", "strategyInvitees", "suggestedLevelOfNeed", "suggestedRoute", "suggestionRationale");

  @Test
  void formsPutOnlyValuesThatCannotHoldMarkupIntoTheirTextBlocks() throws IOException {
    java.util.regex.Pattern placeholder = java.util.regex.Pattern.compile("\\{\\{\\s*(?:#if\\s+)?([A-Za-z][A-Za-z0-9]*)");
    List<String> unsafe = new java.util.ArrayList<>();
    try (Stream<Path> forms = Files.list(Path.of("forms"))) {
      for (Path form : forms.filter(p -> p.toString().endsWith(".form")).toList()) {
        for (JsonNode component : new ObjectMapper().readTree(form.toFile()).get("components")) {
          if (!"text".equals(component.path("type").asText())) {
            continue;
          }
          var found = placeholder.matcher(component.path("text").asText());
          while (found.find()) {
            if (!SAFE_IN_TEXT_BLOCKS.contains(found.group(1))) {
              unsafe.add(form.getFileName() + ": {{" + found.group(1) + "}}");
            }
          }
        }
      }
    }
    assertThat(unsafe).as("free text in a Markdown text block: show it in a disabled textarea instead").isEmpty();
  }

  /**
   * A census code is shown in words: a text block never prints {{assessmentFactors}},
   * {{primaryNeedCode}}, {{s47Outcome}} or {{latestCategoryOfAbuse}} (the try-out's manager read
   * ["3B","3C","17A"] and EMO); a read-only field with the code list's labels shows them instead.
   */
  @Test
  void formsShowCensusCodesInWordsNotAsCodes() throws IOException {
    List<String> bare = new java.util.ArrayList<>();
    try (Stream<Path> forms = Files.list(Path.of("forms"))) {
      for (Path form : forms.filter(p -> p.toString().endsWith(".form")).toList()) {
        String text = new String(Files.readAllBytes(form), java.nio.charset.StandardCharsets.UTF_8);
        for (String code : List.of("assessmentFactors", "primaryNeedCode", "s47Outcome", "latestCategoryOfAbuse")) {
          if (text.contains("{{" + code + "}}")) {
            bare.add(form.getFileName() + ": {{" + code + "}}");
          }
        }
      }
    }
    assertThat(bare).isEmpty();
  }
}
