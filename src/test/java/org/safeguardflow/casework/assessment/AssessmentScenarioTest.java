package org.safeguardflow.casework.assessment;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.safeguardflow.casework.assessment.AssessmentProcess.Element.*;

import java.time.OffsetDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.safeguardflow.notify.Notifications;
import org.safeguardflow.support.Assessments;
import org.safeguardflow.support.CaseScenario;
import org.safeguardflow.support.EngineClock;
import org.safeguardflow.support.SafeguardFlowTest;
import org.safeguardflow.timescales.TimescaleBreaches;
import org.springframework.beans.factory.annotation.Autowired;
import org.safeguardflow.timescales.Step;

/**
 * Mia Khan's assessment. Referred on Thursday 2 April 2026, just before Easter, her single assessment
 * is due 45 working days later, at the end of Wednesday 10 June 2026 (Good Friday, Easter Monday and
 * both May bank holidays do not count). Her older case, referred on Thursday 31 May 2012 under Working
 * Together 2010, had an initial assessment due within 7 working days, the jubilee bank holidays of 4
 * and 5 June not counting, and a core assessment of 35 working days from its start. Sam Jones is her
 * social worker; Tara Smith and Priya Patel are team managers.
 */
@SafeguardFlowTest
public class AssessmentScenarioTest {

  static final String WORKER = "sw.jones";
  static final String MANAGER = "tm.smith";
  static final Date SINGLE_DUE_END_OF_WEDNESDAY_10_JUNE_2026 = at("2026-06-10T23:59:59+01:00");
  static final Date INITIAL_DUE_END_OF_WEDNESDAY_13_JUNE_2012 = at("2012-06-13T23:59:59+01:00");
  static final Date CORE_DUE_END_OF_TUESDAY_31_JULY_2012 = at("2012-07-31T23:59:59+01:00");
  static final Date S47_DUE_END_OF_WEDNESDAY_22_APRIL_2026 = at("2026-04-22T23:59:59+01:00");

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired CaseScenario scenario;
  @Autowired Notifications notifications;
  @Autowired TimescaleBreaches breaches;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
  }

  @AfterEach
  void signOut() {
    identity.clearAuthentication();
  }

  @Test
  void theAssessmentNamesTheChildsPrimaryNeedFromTheCensusCodes() {
    EngineClock.setTo("2026-05-05T10:00:00+01:00");
    String caseRef = scenario.openCase("Jay");
    ProcessInstance assessment = startAssessment(caseRef, "2026-04-27", Map.of());
    String single = scenario.task(caseRef, COMPLETE_SINGLE).getId();
    Map<String, Object> form = new HashMap<>(assessed("2026-04-28", "2026-04-29", "CIN_PLAN", "2B"));

    form.remove("primaryNeedCode");
    refused(single, form, "primaryNeedCode is required: the child's primary need as the assessment found it (N0, N1, N2");
    form.put("primaryNeedCode", "N10");
    refused(single, form, "primaryNeedCode must be one of N0, N1, N2, N3, N4, N5, N6, N7, N8, N9");
    refused(single, form, "DfE CIN census rule 8650");

    form.put("primaryNeedCode", "N2");
    tasks.complete(single, form);
    assertThat(assessment).isWaitingAt(AUTHORISE).variables().containsEntry("primaryNeedCode", "N2");
  }

  @Test
  void aSingleAssessmentIsDueFortyFiveWorkingDaysAfterAnEasterReferralAndAnotherManagerAuthorisesIt() {
    EngineClock.setTo("2026-04-07T10:00:00+01:00");
    String caseRef = scenario.openCase("Mia");
    ProcessInstance assessment = startAssessment(caseRef, "2026-04-02", Map.of());

    assertThat(assessment).isWaitingAt(COMPLETE_SINGLE).variables().containsEntry("s47Started", false);
    Task single = scenario.task(caseRef, COMPLETE_SINGLE);
    assertThat(single).isAssignedTo(WORKER).hasDueDate(SINGLE_DUE_END_OF_WEDNESDAY_10_JUNE_2026);
    Assertions.assertThat(single.getFollowUpDate()).isEqualTo(at("2026-06-03T09:00:00+01:00"));
    Assertions.assertThat(candidateGroups(single)).containsExactly("north-social-workers");

    EngineClock.setTo("2026-05-20T15:00:00+01:00");
    signIn(WORKER);
    work(caseRef, COMPLETE_SINGLE, assessed("2026-04-08", "2026-04-10", "CIN_PLAN", "3A", "4B"));

    // Authorisation is due 5 working days after completion; the spring bank holiday (25 May) does not count.
    assertThat(assessment).hasPassed(COMPLETE_SINGLE, "EndEvent_SingleAssessmentCompleted").isWaitingAt(AUTHORISE);
    Task authorise = scenario.task(caseRef, AUTHORISE);
    assertThat(authorise).hasCandidateGroup("north-team-managers").hasDueDate(at("2026-05-28T23:59:59+01:00"));
    Assertions.assertThat(authorise.getFollowUpDate()).isEqualTo(at("2026-05-27T09:00:00+01:00"));

    EngineClock.setTo("2026-05-21T09:30:00+01:00");
    signIn(MANAGER);
    work(caseRef, AUTHORISE, Map.of("assessmentAuthorisation", "AUTHORISE",
        "assessmentManagerComments", "Agreed: CIN plan with a focus on mother's mental health"));

    assertThat(assessment).hasPassed(AUTHORISED).isEnded().variables()
        .containsEntry("assessmentOutcome", "CIN_PLAN")
        .containsEntry("assessmentFactors", List.of("3A", "4B"))
        .containsEntry("assessmentChildSeenAlone", true)
        .containsEntry("assessmentCompletedBy", WORKER)
        .containsEntry("assessmentAuthorisedBy", MANAGER)
        .containsEntry("assessmentAuthorisationDate", "2026-05-21");
    Assertions.assertThat(breaches.forCase(caseRef)).isEmpty();
  }

  @Test
  void anAssessmentBesideASection47EnquiryWaitsForItAndIsAuthorisedOnlyWhenTheyAgreeAndByAnotherManager() {
    EngineClock.setTo("2026-04-08T16:00:00+01:00");
    String caseRef = scenario.openCase("Mia");
    ProcessInstance assessment = startAssessment(caseRef, "2026-04-02", section47StartedOn("2026-04-08"));

    assertThat(assessment).isWaitingAt(COMPLETE_SINGLE, CONCLUDE_S47);
    Task enquiry = scenario.task(caseRef, CONCLUDE_S47);
    assertThat(enquiry).isAssignedTo(WORKER).hasDueDate(S47_DUE_END_OF_WEDNESDAY_22_APRIL_2026);
    Assertions.assertThat(enquiry.getFollowUpDate()).isEqualTo(at("2026-04-20T09:00:00+01:00"));

    // The worker proposes a conference before the enquiry concludes: accepted for now.
    EngineClock.setTo("2026-04-17T12:00:00+01:00");
    signIn(WORKER);
    work(caseRef, COMPLETE_SINGLE, assessed("2026-04-08", "2026-04-09", "ICPC", "18C"));
    assertThat(assessment).isWaitingAt(CONCLUDE_S47).isNotWaitingAt(AUTHORISE);

    refused(enquiry.getId(), Map.of("s47Outcome", "MAYBE", "s47OutcomeReason", "x"), "s47Outcome must be one of [ICPC_REQUIRED, NO_ICPC]");
    work(caseRef, CONCLUDE_S47, Map.of("s47Outcome", "NO_ICPC",
        "s47OutcomeReason", "Medical opinion: the bruising is consistent with the account given"));
    assertThat(assessment).hasPassed("EndEvent_Section47EnquiryCompleted").isWaitingAt(AUTHORISE)
        .variables().containsEntry("icpcNotRequired", true);

    // The manager cannot authorise a conference the enquiry found unnecessary, and returns the assessment.
    signIn(MANAGER);
    String authorise = scenario.task(caseRef, AUTHORISE).getId();
    refused(authorise, Map.of("assessmentAuthorisation", "AUTHORISE", "assessmentManagerComments", "Fine"),
        "assessmentOutcome (ICPC) must agree with the section 47 enquiry's conclusion s47Outcome (NO_ICPC)");
    refused(authorise, Map.of("assessmentAuthorisation", "LATER", "assessmentManagerComments", "Fine"),
        "assessmentAuthorisation must be one of [AUTHORISE, RETURN]");
    refused(authorise, Map.of("assessmentAuthorisation", "RETURN"), "assessmentManagerComments is required");
    work(caseRef, AUTHORISE, Map.of("assessmentAuthorisation", "RETURN",
        "assessmentManagerComments", "The enquiry found no conference is needed: revisit the outcome"));

    // Back with the worker, what they entered is still there; the concluded enquiry is not reopened.
    assertThat(assessment).isWaitingAt(COMPLETE_SINGLE).isNotWaitingAt(CONCLUDE_S47);
    Task again = scenario.task(caseRef, COMPLETE_SINGLE);
    assertThat(again).isAssignedTo(WORKER).hasDueDate(SINGLE_DUE_END_OF_WEDNESDAY_10_JUNE_2026);
    Assertions.assertThat(tasks.getVariables(again.getId())).containsEntry("assessmentFactors", List.of("18C"))
        .containsEntry("assessmentChildViews", "Mia says she wants to stay at home with her mum");
    signIn(WORKER);
    refused(again.getId(), assessed("2026-04-08", "2026-04-09", "ICPC", "18C"),
        "assessmentOutcome (ICPC) must agree with the section 47 enquiry's conclusion s47Outcome (NO_ICPC)");
    work(caseRef, COMPLETE_SINGLE, assessed("2026-04-08", "2026-04-09", "CIN_PLAN", "18C"));

    // A worker who is also in the managers' group may not authorise their own assessment.
    String authoriseAgain = scenario.task(caseRef, AUTHORISE).getId();
    refused(authoriseAgain, Map.of("assessmentAuthorisation", "AUTHORISE", "assessmentManagerComments", "Agreed"),
        "assessmentAuthorisation: a social worker may not authorise their own assessment (completed by sw.jones)");
    signIn("tm.patel");
    work(caseRef, AUTHORISE, Map.of("assessmentAuthorisation", "AUTHORISE", "assessmentManagerComments", "Agreed"));

    assertThat(assessment).hasPassed(AUTHORISED).isEnded().variables()
        .containsEntry("assessmentOutcome", "CIN_PLAN")
        .containsEntry("s47Outcome", "NO_ICPC")
        .containsEntry("icpcNotRequired", true)
        .containsEntry("assessmentAuthorisedBy", "tm.patel");
  }

  @Test
  void whenTheEnquiryConcludesAConferenceIsRequiredTheAssessmentMustProposeOne() {
    EngineClock.setTo("2026-04-08T16:00:00+01:00");
    String caseRef = scenario.openCase("Mia");
    ProcessInstance assessment = startAssessment(caseRef, "2026-04-02", section47StartedOn("2026-04-08"));

    EngineClock.setTo("2026-04-16T12:00:00+01:00");
    signIn(WORKER);
    work(caseRef, CONCLUDE_S47, Map.of("s47Outcome", "ICPC_REQUIRED",
        "s47OutcomeReason", "Injuries non-accidental; mother unable to protect"));
    assertThat(assessment).isWaitingAt(COMPLETE_SINGLE).variables().containsEntry("icpcNotRequired", false);

    String single = scenario.task(caseRef, COMPLETE_SINGLE).getId();
    refused(single, assessed("2026-04-08", "2026-04-09", "CIN_PLAN", "18C", "3B"),
        "assessmentOutcome (CIN_PLAN) must agree with the section 47 enquiry's conclusion s47Outcome (ICPC_REQUIRED)");
    work(caseRef, COMPLETE_SINGLE, assessed("2026-04-08", "2026-04-09", "ICPC", "18C", "3B"));
    signIn(MANAGER);
    work(caseRef, AUTHORISE, Map.of("assessmentAuthorisation", "AUTHORISE", "assessmentManagerComments", "Agreed"));

    assertThat(assessment).isEnded().variables()
        .containsEntry("assessmentOutcome", "ICPC")
        .containsEntry("s47Outcome", "ICPC_REQUIRED")
        .containsEntry("s47ActualStartDate", "2026-04-08");
  }

  @Test
  void beforeApril2013AnInitialAssessmentLeadsToACoreAssessmentWhichAManagerReturnsThenAuthorises() {
    EngineClock.setTo("2012-06-01T10:00:00+01:00");
    String caseRef = scenario.openCase("Mia");
    ProcessInstance assessment = startAssessment(caseRef, "2012-05-31", Map.of());

    assertThat(assessment).isWaitingAt(COMPLETE_INITIAL);
    Task initial = scenario.task(caseRef, COMPLETE_INITIAL);
    assertThat(initial).isAssignedTo(WORKER).hasDueDate(INITIAL_DUE_END_OF_WEDNESDAY_13_JUNE_2012);
    Assertions.assertThat(initial.getFollowUpDate()).isEqualTo(at("2012-06-11T09:00:00+01:00"));

    // Completed on Tuesday 12 June: the core assessment's 35 working days run from then.
    EngineClock.setTo("2012-06-12T15:00:00+01:00");
    signIn(WORKER);
    Map<String, Object> initialAssessment = assessedBefore2013("2012-06-01", "2012-06-06", null, "16A", "2B");
    initialAssessment.put("coreAssessmentNeeded", true);
    work(caseRef, COMPLETE_INITIAL, initialAssessment);

    assertThat(assessment).hasPassed("EndEvent_InitialAssessmentCompleted", IS_CORE_NEEDED).isWaitingAt(COMPLETE_CORE);
    Task core = scenario.task(caseRef, COMPLETE_CORE);
    assertThat(core).isAssignedTo(WORKER).hasDueDate(CORE_DUE_END_OF_TUESDAY_31_JULY_2012);
    Assertions.assertThat(core.getFollowUpDate()).isEqualTo(at("2012-07-24T09:00:00+01:00"));

    EngineClock.setTo("2012-07-10T11:00:00+01:00");
    work(caseRef, COMPLETE_CORE, assessedBefore2013("2012-06-01", "2012-06-06", "CIN_PLAN", "16A", "2B"));
    signIn(MANAGER);
    work(caseRef, AUTHORISE, Map.of("assessmentAuthorisation", "RETURN",
        "assessmentManagerComments", "Record Mia's own views, not only her mother's"));

    // The core assessment resumes with its original deadline.
    assertThat(assessment).hasPassed(IS_CORE_UNDER_WAY).isWaitingAt(COMPLETE_CORE);
    assertThat(scenario.task(caseRef, COMPLETE_CORE)).hasDueDate(CORE_DUE_END_OF_TUESDAY_31_JULY_2012);
    signIn(WORKER);
    work(caseRef, COMPLETE_CORE, assessedBefore2013("2012-06-01", "2012-06-06", "CIN_PLAN", "16A", "2B"));
    signIn(MANAGER);
    EngineClock.setTo("2012-07-11T10:00:00+01:00");
    work(caseRef, AUTHORISE, Map.of("assessmentAuthorisation", "AUTHORISE", "assessmentManagerComments", "Agreed"));

    assertThat(assessment).hasPassed(AUTHORISED).isEnded().variables()
        .containsEntry("coreAssessmentNeeded", true)
        .containsEntry("assessmentAuthorisationDate", "2012-07-11");
    Assertions.assertThat(historicCount(assessment, COMPLETE_INITIAL)).isEqualTo(1);
    Assertions.assertThat(historicCount(assessment, COMPLETE_CORE)).isEqualTo(2);
  }

  @Test
  void beforeApril2013AnInitialAssessmentWithoutACoreAssessmentGoesBackToTheInitialAssessmentWhenReturned() {
    EngineClock.setTo("2012-06-01T10:00:00+01:00");
    String caseRef = scenario.openCase("Mia");
    ProcessInstance assessment = startAssessment(caseRef, "2012-05-31", Map.of());

    EngineClock.setTo("2012-06-08T12:00:00+01:00");
    signIn(WORKER);
    work(caseRef, COMPLETE_INITIAL, assessedBefore2013("2012-06-01", "2012-06-01", "NFA", "21"));
    assertThat(assessment).hasPassed(IS_CORE_NEEDED).hasNotPassed(CORE_ASSESSMENT).isWaitingAt(AUTHORISE);
    signIn(MANAGER);
    work(caseRef, AUTHORISE, Map.of("assessmentAuthorisation", "RETURN", "assessmentManagerComments", "Say why no factors"));

    assertThat(assessment).isWaitingAt(COMPLETE_INITIAL);
    assertThat(scenario.task(caseRef, COMPLETE_INITIAL)).hasDueDate(INITIAL_DUE_END_OF_WEDNESDAY_13_JUNE_2012);
    signIn(WORKER);
    work(caseRef, COMPLETE_INITIAL, assessedBefore2013("2012-06-01", "2012-06-01", "EARLY_HELP", "7A"));
    signIn(MANAGER);
    work(caseRef, AUTHORISE, Map.of("assessmentAuthorisation", "AUTHORISE", "assessmentManagerComments", "Agreed"));

    assertThat(assessment).hasNotPassed(CORE_ASSESSMENT).isEnded().variables()
        .containsEntry("assessmentOutcome", "EARLY_HELP")
        .containsEntry("coreAssessmentNeeded", false);
  }

  /** A statutory step of this stage with its deadline pattern, and when its timers fall due. */
  record Deadline(String key, String step, String taskKey, String referralDate, String startAt, Map<String, Object> startWith,
      String reminderAt, String deadline, String afterDeadline, String escalationDue, Map<String, Object> completion) {

    @Override
    public String toString() {
      return key;
    }
  }

  static Stream<Deadline> deadlines() {
    Map<String, Object> initial = assessedBefore2013("2012-06-01", "2012-06-06", "NFA", "21");
    Map<String, Object> core = assessedBefore2013("2012-06-01", "2012-06-06", "CIN_PLAN", "1B");
    Map<String, Object> single = assessed("2026-04-08", "2026-04-10", "EARLY_HELP", "5A");
    return Stream.of(
        new Deadline("SingleAssessment", "SINGLE_ASSESSMENT", COMPLETE_SINGLE, "2026-04-02", "2026-04-07T10:00:00+01:00", Map.of(),
            "2026-06-03T09:00:00+01:00", "2026-06-10T23:59:59+01:00", "2026-06-11T00:00:01+01:00", "2026-06-12T23:59:59+01:00", single),
        new Deadline("InitialAssessment", "INITIAL_ASSESSMENT", COMPLETE_INITIAL, "2012-05-31", "2012-06-01T10:00:00+01:00", Map.of(),
            "2012-06-11T09:00:00+01:00", "2012-06-13T23:59:59+01:00", "2012-06-14T00:00:01+01:00", "2012-06-15T23:59:59+01:00", initial),
        new Deadline("CoreAssessment", "CORE_ASSESSMENT", COMPLETE_CORE, "2012-05-31", "2012-06-12T15:00:00+01:00", Map.of(),
            "2012-07-24T09:00:00+01:00", "2012-07-31T23:59:59+01:00", "2012-08-01T00:00:01+01:00", "2012-08-02T23:59:59+01:00", core),
        new Deadline("Section47Enquiry", "S47_ENQUIRY", CONCLUDE_S47, "2026-04-02", "2026-04-08T16:00:00+01:00",
            section47StartedOn("2026-04-08"), "2026-04-20T09:00:00+01:00", "2026-04-22T23:59:59+01:00",
            "2026-04-23T00:00:01+01:00", "2026-04-24T23:59:59+01:00",
            Map.of("s47Outcome", "NO_ICPC", "s47OutcomeReason", "No evidence of significant harm")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("deadlines")
  void anOverdueStepRemindsTheWorkerEscalatesToAServiceManagerAndMustSayWhyItIsLate(Deadline d) {
    EngineClock.setTo(d.startAt());
    String caseRef = scenario.openCase("Mia");
    ProcessInstance assessment = startAssessment(caseRef, d.referralDate(), d.startWith());
    if (d.taskKey().equals(COMPLETE_CORE)) {
      Map<String, Object> initial = assessedBefore2013("2012-06-01", "2012-06-06", null, "1B");
      initial.put("coreAssessmentNeeded", true);
      work(caseRef, COMPLETE_INITIAL, initial);
    }
    assertThat(scenario.task(caseRef, d.taskKey())).hasDueDate(at(d.deadline()));
    String camel = Character.toLowerCase(d.key().charAt(0)) + d.key().substring(1);
    String stepName = d.key().equals("Section47Enquiry") ? "s47Enquiry" : camel;

    EngineClock.setTo(OffsetDateTime.parse(d.reminderAt()).minusMinutes(1).toString());
    Assertions.assertThat(scenario.runJobsDue(caseRef)).isZero();
    EngineClock.setTo(OffsetDateTime.parse(d.reminderAt()).plusSeconds(1).toString());
    scenario.runJobsDue(caseRef);
    assertThat(assessment).hasPassed("Timer_" + d.key() + "Reminder", "Task_RemindWorkerOf" + d.key(),
        "EndEvent_" + d.key() + "ReminderSent");
    Assertions.assertThat(notifications.forCase(caseRef)).singleElement().satisfies(n -> {
      Assertions.assertThat(n.type()).isEqualTo(d.step() + "_DUE");
      Assertions.assertThat(n.recipient()).isEqualTo("user:" + WORKER);
      Assertions.assertThat(n.body()).contains(caseRef).doesNotContain("Mia");
    });

    EngineClock.setTo(d.afterDeadline());
    scenario.runJobsDue(caseRef);
    String escalation = "Task_ServiceManagerReviewsOverdue" + d.key();
    assertThat(assessment).hasPassed("Timer_" + d.key() + "Due", "Task_Record" + d.key() + "Breach")
        .isWaitingAt(d.taskKey(), escalation).variables().containsEntry(stepName + "Overdue", true);
    Assertions.assertThat(breaches.forCase(caseRef)).singleElement().satisfies(b -> {
      Assertions.assertThat(b.step()).isEqualTo(d.step());
      Assertions.assertThat(b.dueAt()).isEqualTo(at(d.deadline()).toInstant());
    });
    Task followUp = scenario.task(caseRef, escalation);
    assertThat(followUp).hasCandidateGroup("service-managers").hasDueDate(at(d.escalationDue()));
    work(caseRef, escalation, Map.of(Step.ESCALATION_NOTE.name(), "Agreed completion by Friday with the worker"));
    assertThat(assessment).hasPassed("EndEvent_" + d.key() + "EscalationFollowedUp").isWaitingAt(d.taskKey());

    String late = scenario.task(caseRef, d.taskKey()).getId();
    signIn(WORKER);
    refused(late, d.completion(), stepName + "LateReason is required");
    Map<String, Object> withReason = new HashMap<>(d.completion());
    withReason.put(stepName + "LateReason", "Family did not engage until the school holidays ended");
    asSignedIn(() -> tasks.complete(late, withReason));

    Assertions.assertThat(tasks.createTaskQuery().processInstanceId(assessment.getId()).taskDefinitionKey(d.taskKey()).count()).isZero();
    assertThat(assessment).variables().containsEntry(stepName + "Late", true);
    Assertions.assertThat(breaches.forCase(caseRef)).singleElement().satisfies(b -> {
      Assertions.assertThat(b.reason()).isEqualTo("Family did not engage until the school holidays ended");
      Assertions.assertThat(b.explainedBy()).isEqualTo(WORKER);
    });
  }

  @Test
  void anAssessmentThatBreaksACensusRuleIsRefusedAndNothingOfItIsKept() {
    EngineClock.setTo("2026-04-20T10:00:00+01:00");
    String caseRef = scenario.openCase("Mia");
    ProcessInstance assessment = startAssessment(caseRef, "2026-04-02", Map.of());
    String single = scenario.task(caseRef, COMPLETE_SINGLE).getId();

    refused(single, assessed("2026-04-08", "2026-04-10", "NFA", "21", "3A"),
        "assessmentFactors: factor 21 (no factors identified) must stand alone, but was given with [3A] (DfE CIN census rule 8869)");
    refused(single, assessed("2026-04-08", "2026-04-10", "NFA"), "assessmentFactors must record at least one factor");
    refused(single, assessed("2026-04-08", "2026-04-10", "NFA"), "(DfE CIN census rule 8897)");
    refused(single, assessed("2026-04-08", "2026-04-10", "NFA", "18A"),
        "assessmentFactors: '18A' is not a CIN census assessment factor (DfE CIN census rule 8945Q)");
    // DfE census rules 8617 (8A is not a code) and 8945Q/8950Q (18A and 19A retired for 18B/C, 19B/C).
    refused(single, assessed("2026-04-08", "2026-04-10", "NFA", "8A"),
        "assessmentFactors: '8A' is not a CIN census assessment factor (DfE CIN census rule 8617)");
    refused(single, assessed("2026-04-08", "2026-04-10", "NFA", "19A"),
        "assessmentFactors: '19A' is not a CIN census assessment factor (DfE CIN census rule 8950Q)");
    refused(single, assessed("2026-04-08", "2026-04-10", "ICPC", "16A"), "assessmentOutcome ICPC needs a section 47 enquiry");
    refused(single, assessed("2026-04-09", "2026-04-08", "CIN_PLAN", "16A"),
        "assessmentChildSeenDate (2026-04-08) is before assessmentActualStartDate (2026-04-09)");
    refused(single, assessed("2026-04-01", "2026-04-08", "CIN_PLAN", "16A"),
        "assessmentActualStartDate (2026-04-01) is before the referral date (2026-04-02)");
    refused(single, assessed("2026-04-01", "2026-04-08", "CIN_PLAN", "16A"), "(DfE CIN census rule 1103)");
    refused(single, assessed("2026-04-08", "2026-04-21", "CIN_PLAN", "16A"), "assessmentChildSeenDate (2026-04-21) is in the future");
    refused(single, assessed("2026-04-08", "2026-04-10", null, "16A"), "assessmentOutcome is required");
    refused(single, assessed("2026-04-08", "2026-04-10", "ADOPTION", "16A"), "assessmentOutcome must be one of");
    Map<String, Object> noViews = assessed("2026-04-08", "2026-04-10", "CIN_PLAN", "16A");
    noViews.remove("assessmentChildViews");
    refused(single, noViews, "assessmentChildViews is required");

    assertThat(assessment).isWaitingAt(COMPLETE_SINGLE);
    Assertions.assertThat(runtime.getVariable(assessment.getId(), "assessmentOutcome")).isNull();
    Assertions.assertThat(runtime.getVariable(assessment.getId(), "assessmentFactors")).isNull();
  }

  /**
   * Found by a newcomer: Mia's enquiry found no conference needed and her assessment "no factors"
   * (21). The episode could then only close RC1-RC7 (rule 2990 forbids RC8 after an enquiry) and
   * the census refused every one of them (rule 8873 asks RC8 after factor 21 alone).
   */
  @Test
  void anAssessmentBesideAnEnquiryOrLeadingToAPlanRecordsTheFactorsNotNoFactorsFound() {
    EngineClock.setTo("2026-04-16T12:00:00+01:00");
    String caseRef = scenario.openCase("Mia");
    ProcessInstance assessment = startAssessment(caseRef, "2026-04-02", section47StartedOn("2026-04-08"));
    signIn(WORKER);
    work(caseRef, CONCLUDE_S47, Map.of("s47Outcome", "NO_ICPC", "s47OutcomeReason", "Bruising explained"));

    String single = scenario.task(caseRef, COMPLETE_SINGLE).getId();
    refused(single, assessed("2026-04-08", "2026-04-09", "NFA", "21"),
        "assessmentFactors: factor 21 (no factors identified) cannot be recorded when a section 47 enquiry runs in this episode");
    refused(single, assessed("2026-04-08", "2026-04-09", "NFA", "21"), "(DfE CIN census rule 8873)");
    refused(single, assessed("2026-04-08", "2026-04-09", "NFA", "21"), "(DfE CIN census rule 2990)");
    work(caseRef, COMPLETE_SINGLE, assessed("2026-04-08", "2026-04-09", "NFA", "2B"));
    assertThat(assessment).isWaitingAt(AUTHORISE);

    String planned = scenario.openCase("Mia");
    startAssessment(planned, "2026-04-02", Map.of());
    String second = scenario.task(planned, COMPLETE_SINGLE).getId();
    refused(second, assessed("2026-04-08", "2026-04-09", "CIN_PLAN", "21"),
        "cannot be recorded when the proposed outcome CIN_PLAN leads to a child in need plan");
    refused(second, assessed("2026-04-08", "2026-04-09", "STRATEGY_DISCUSSION", "21"),
        "cannot be recorded when the proposed outcome STRATEGY_DISCUSSION leads to a section 47 enquiry or conference");
    // Nothing found and nothing to follow: the episode closes RC8, as rule 8873 asks.
    work(planned, COMPLETE_SINGLE, assessed("2026-04-08", "2026-04-09", "EARLY_HELP", "21"));
    assertThat(scenario.task(planned, AUTHORISE)).isNotNull();
  }

  private ProcessInstance startAssessment(String caseRef, String referralDate, Map<String, Object> passedIn) {
    Map<String, Object> variables = new HashMap<>(Map.of("referralDate", referralDate, "allocatedWorker", WORKER,
        "childFirstName", "Mia", "childLastName", "Khan"));
    variables.putAll(passedIn);
    return scenario.start(AssessmentProcess.KEY, caseRef, variables);
  }

  static Map<String, Object> section47StartedOn(String strategyDiscussionDate) {
    return Map.of("s47Started", true, "strategyDiscussionDate", strategyDiscussionDate, "s47ActualStartDate", strategyDiscussionDate);
  }

  /** What the worker enters in an initial or core assessment (before April 2013): the census items only. */
  static Map<String, Object> assessedBefore2013(String started, String seen, String outcome, String... factors) {
    Map<String, Object> form = assessed(started, seen, outcome, factors);
    form.keySet().removeAll(Assessments.whole().keySet());
    return form;
  }

  /** What the worker enters in the assessment form, the whole assessment with it (the outcome left out when null). */
  public static Map<String, Object> assessed(String started, String seen, String outcome, String... factors) {
    Map<String, Object> form = new HashMap<>(Assessments.whole());
    form.put("assessmentActualStartDate", started);
    form.put("assessmentChildSeenDate", seen);
    form.put("assessmentChildSeenAlone", true);
    form.put("assessmentChildViews", "Mia says she wants to stay at home with her mum");
    form.put("assessmentFactors", List.of(factors));
    if (outcome != null) {
      form.put("assessmentOutcome", outcome);
      form.put("assessmentOutcomeReason", "Needs are met by a plan the family agrees to");
      form.put("primaryNeedCode", List.of("ICPC", "STRATEGY_DISCUSSION").contains(outcome) ? "N1" : "N4");
    }
    return form;
  }

  private String signedIn;

  /** Who works the next tasks. The test itself reads the case as the system. */
  private void signIn(String user) {
    signedIn = user;
  }

  /** Work done as Tasklist does it: signed in with the groups of the user's role, which the engine's authorizations read. */
  private void asSignedIn(Runnable work) {
    if (signedIn == null) {
      work.run();
      return;
    }
    // sw.jones is a senior practitioner, also in the managers' group: it is the assessment model, not the
    // group, that stops them authorising their own assessment.
    identity.setAuthentication(signedIn, signedIn.startsWith("tm.") ? List.of("team-managers", "north-team-managers")
        : List.of("social-workers", "north-social-workers", "team-managers", "north-team-managers"));
    try {
      work.run();
    } finally {
      identity.clearAuthentication();
    }
  }

  private void work(String caseRef, String taskDefinitionKey, Map<String, Object> variables) {
    String taskId = scenario.task(caseRef, taskDefinitionKey).getId();
    asSignedIn(() -> tasks.complete(taskId, variables));
  }

  private List<String> candidateGroups(Task task) {
    return tasks.getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> "candidate".equals(link.getType())).map(IdentityLink::getGroupId).toList();
  }

  private long historicCount(ProcessInstance instance, String activityId) {
    return engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
        .activityId(activityId).count();
  }

  private void refused(String taskId, Map<String, Object> variables, String message) {
    Assertions.assertThatThrownBy(() -> asSignedIn(() -> tasks.complete(taskId, variables)))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("Not recorded: ")
        .hasMessageContaining(message);
    Assertions.assertThat(tasks.createTaskQuery().taskId(taskId).count()).as("task stays open").isOne();
  }

  static Date at(String isoDateTime) {
    return Date.from(OffsetDateTime.parse(isoDateTime).toInstant());
  }
}
