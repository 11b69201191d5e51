package org.safeguardflow.casework;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.safeguardflow.support.PlanAnswers.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safeguardflow.casework.conference.InitialConferenceProcess;
import org.safeguardflow.casework.protectionplan.ChildProtectionPlanProcess;
import org.safeguardflow.documents.CaseDocument;
import org.safeguardflow.documents.CaseDocument.Entry;
import org.safeguardflow.documents.CaseDocument.Sharing;
import org.safeguardflow.documents.DocumentSource;
import org.safeguardflow.support.CaseScenario;
import org.safeguardflow.support.EngineClock;
import org.safeguardflow.support.PlanAnswers;
import org.safeguardflow.support.SafeguardFlowTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Ella's plan. Her initial child protection conference on Monday 20 April 2026 makes her subject to a
 * plan under physical abuse and writes it: two danger statements, a safety goal, and two outcomes for
 * her (school every day; not hit or frightened at home), each with actions. Core groups and two
 * review conferences rate the outcomes red, then amber, then green; an action nobody marks done by its
 * date is chased by her worker and escalated to the team manager; and the plan and the review minutes
 * are built as documents from the record. Working days: England &amp; Wales, Europe/London.
 */
@SafeguardFlowTest
class PlansWithOutcomesScenarioTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired CaseScenario scenario;
  @Autowired JdbcTemplate jdbc;
  @Autowired List<DocumentSource> documents;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
  }

  @Test
  void ellasOutcomesAreSetAtConferenceAndRatedRedThenAmberThenGreenAcrossTwoReviews() throws Exception {
    EngineClock.setTo("2026-04-20T17:00:00+01:00");
    String caseRef = scenario.openCase("Ella");
    holdConference(caseRef, ellasPlan());

    // The plan is on record as the conference wrote it, and each action is being watched.
    Assertions.assertThat(jdbc.queryForList("select s.text from sf_plan_statement s join sf_plan p on p.id = s.plan_id"
        + " where p.case_ref = ? and s.statement_kind = 'DANGER' order by s.position", String.class, caseRef))
        .containsExactly("Ella's father may hit her when he has been drinking, and she could be badly hurt.",
            "Ella may miss school and medical care if no adult gets her there.");
    Assertions.assertThat(jdbc.queryForList("select o.measured_by from sf_plan_outcome o join sf_plan p on p.id = o.plan_id"
        + " where p.case_ref = ? order by o.position", String.class, caseRef))
        .containsExactly("School attendance above 95% each half term",
            "Ella says she feels safe (three houses tool) & there are no police call-outs");
    Assertions.assertThat(actionProcesses(caseRef)).hasSize(3);

    ProcessInstance plan = startPlan(caseRef);

    // First core group, 30 April: nothing rated yet; both outcomes red; the school's calls are in place.
    EngineClock.setTo("2026-04-30T15:00:00+01:00");
    Task firstCoreGroup = scenario.task(caseRef, ChildProtectionPlanProcess.Element.RECORD_FIRST_CORE_GROUP);
    JsonNode shown = shown(firstCoreGroup, "outcomeProgress");
    Assertions.assertThat(shown).hasSize(2);
    Assertions.assertThat(shown.get(0).path("whatChanges").asText()).isEqualTo("Ella is at school every day, on time");
    Assertions.assertThat(shown.get(0).path("previousRating").asText()).isEqualTo("Not rated yet");
    JsonNode open = shown(firstCoreGroup, "openPlanActions");
    Assertions.assertThat(open).extracting(a -> a.path("who").asText())
        .containsExactly("Mrs Smith (mother)", "Oak Primary School", "Mr Smith (father)");
    Map<String, Object> coreGroup = PlanAnswers.meeting(tasks.getVariable(firstCoreGroup.getId(), "outcomeProgress"), "RED");
    coreGroup.put("coreGroupDate", "2026-04-30");
    coreGroup.put("coreGroupActions", "Plan explained to Ella's parents; school and health visitor agreed their parts");
    coreGroup.put("openPlanActions", json(tick(open, "Oak Primary School").toString()));
    coreGroup.put("newPlanActions", json("[{\"outcome\":2,\"who\":\"Health visitor\",\"what\":\"Visit the family weekly\","
        + "\"byWhen\":\"2026-06-12\"}]"));
    tasks.complete(firstCoreGroup.getId(), coreGroup);
    Assertions.assertThat(actionProcesses(caseRef)).as("the school's action is done; the health visitor's is new").hasSize(3);

    // First review, 16 July: each outcome shown with its red rating; both now amber. Ella chose not to
    // have an advocate, and the review says why.
    EngineClock.setTo("2026-07-16T16:00:00+01:00");
    Task firstReview = scenario.task(caseRef, ChildProtectionPlanProcess.Element.RECORD_REVIEW_CONFERENCE);
    Assertions.assertThat(shown(firstReview, "outcomeProgress")).extracting(r -> r.path("previousRating").asText())
        .containsExactly("RED on 2026-04-30", "RED on 2026-04-30");
    Map<String, Object> review = review("2026-07-16", "CONTINUE",
        PlanAnswers.meeting(tasks.getVariable(firstReview.getId(), "outcomeProgress"), "AMBER"));
    review.put("childAttendedMeeting", false);
    review.put("advocateOffered", false);
    review.put("advocateNotOfferedReason", "Ella (7) asked to tell her social worker herself instead");
    tasks.complete(firstReview.getId(), review);

    // Second review, 14 January 2027: amber before, green now; Mrs Smith's walks are done. The plan ends
    // and what is still open stops being chased.
    EngineClock.setTo("2027-01-14T16:00:00Z");
    Task secondReview = scenario.task(caseRef, ChildProtectionPlanProcess.Element.RECORD_REVIEW_CONFERENCE);
    Assertions.assertThat(shown(secondReview, "outcomeProgress")).extracting(r -> r.path("previousRating").asText())
        .containsExactly("AMBER on 2026-07-16", "AMBER on 2026-07-16");
    Map<String, Object> lastReview = review("2027-01-14", "END_CLOSE",
        PlanAnswers.meeting(tasks.getVariable(secondReview.getId(), "outcomeProgress"), "GREEN"));
    lastReview.put("openPlanActions", json(tick(shown(secondReview, "openPlanActions"), "Mrs Smith (mother)").toString()));
    tasks.complete(secondReview.getId(), lastReview);

    assertThat(plan).hasPassed("Task_EndPlan").isEnded();
    Assertions.assertThat(actionProcesses(caseRef)).isEmpty();
    Assertions.assertThat(jdbc.queryForList("select a.who || ': ' || coalesce(cast(a.done_on as varchar(10)), a.closed_reason)"
        + " from sf_plan_action a join sf_plan_outcome o on o.id = a.outcome_id join sf_plan p on p.id = o.plan_id"
        + " where p.case_ref = ? order by a.id", String.class, caseRef)).containsExactly(
        "Mrs Smith (mother): 2027-01-14", "Oak Primary School: 2026-04-30", "Mr Smith (father): PLAN_ENDED",
        "Health visitor: PLAN_ENDED");
    Assertions.assertThat(jdbc.queryForList("select g.rating from sf_plan_progress g join sf_plan_outcome o on o.id = g.outcome_id"
        + " join sf_plan_meeting m on m.id = g.meeting_id join sf_plan p on p.id = o.plan_id"
        + " where p.case_ref = ? and o.position = 1 order by m.held_on", String.class, caseRef))
        .containsExactly("RED", "AMBER", "GREEN");

    // The plan as a document: everything the family carries out is theirs to read; the evidence is not.
    CaseDocument planDocument = document("child-protection-plan", caseRef);
    Assertions.assertThat(planDocument.title()).startsWith("Child protection plan for Ella ");
    Assertions.assertThat(planDocument.sections()).extracting(CaseDocument.Section::heading).containsExactly("The plan",
        "What we are worried will happen if nothing changes (danger statements)",
        "What must be true for the plan to end (safety goals)", "Outcome 1", "Outcome 2");
    Assertions.assertThat(texts(planDocument, "The plan")).containsEntry("Started", "2026-04-20")
        .containsEntry("Category of abuse", "Physical abuse").containsEntry("Ended", "2027-01-14");
    Map<String, String> outcome1 = texts(planDocument, "Outcome 1");
    Assertions.assertThat(outcome1).containsEntry("What will be different for the child", "Ella is at school every day, on time")
        .containsEntry("Progress", "Green: achieved or on track")
        .containsEntry("Action 1", "Who: Mrs Smith (mother)\nWhat: Walk Ella to school each morning\nBy when: 2026-05-08\nDone on 2027-01-14");
    Assertions.assertThat(entry(planDocument, "Outcome 1", "Evidence for the progress").sharing()).isEqualTo(Sharing.PROFESSIONALS);
    Assertions.assertThat(entry(planDocument, "Outcome 1", "Action 1").sharing()).isEqualTo(Sharing.EVERYONE);
    Assertions.assertThat(texts(planDocument, "Outcome 2")).containsEntry("How it will be measured",
        "Ella says she feels safe (three houses tool) & there are no police call-outs")
        .containsEntry("Action 2", "Who: Health visitor\nWhat: Visit the family weekly\nBy when: 2026-06-12\nNot done: the plan ended");

    // The review minutes: one section per review, each outcome with its rating and the one before.
    CaseDocument minutes = document("review-minutes", caseRef);
    Assertions.assertThat(minutes.sections()).extracting(CaseDocument.Section::heading).containsExactly(
        "Review child protection conference on 2026-07-16", "Review child protection conference on 2027-01-14");
    Map<String, String> july = texts(minutes, "Review child protection conference on 2026-07-16");
    Assertions.assertThat(july).containsEntry("The child attended", "No")
        .containsEntry("An advocate was offered", "No. Why: Ella (7) asked to tell her social worker herself instead")
        .containsEntry("Outcome 1: Ella is at school every day, on time", "Amber: some progress (before: Red: no progress yet)")
        .containsEntry("Decision", "The plan continues");
    Assertions.assertThat(texts(minutes, "Review child protection conference on 2027-01-14"))
        .containsEntry("Outcome 2: Ella is not hit or frightened at home", "Green: achieved or on track (before: Amber: some progress)")
        .containsEntry("Decision", "The plan ends");
    Assertions.assertThat(entry(minutes, "Review child protection conference on 2026-07-16", "The child's views").sharing())
        .isEqualTo(Sharing.PROFESSIONALS);
    // The family's copy (everything marked EVERYONE) carries neither the evidence nor Ella's own words.
    Assertions.assertThat(minutes.sections().stream().flatMap(s -> s.entries().stream())
            .filter(e -> e.sharing() == Sharing.EVERYONE).map(Entry::text))
        .noneMatch(text -> text.contains("Seen by the core group") || text.contains("I like school"));
    Assertions.assertThat(document(documents, "child-in-need-plan").build(caseRef)).isEmpty();
  }

  @Test
  void anActionNotDoneByItsDateIsChasedByEllasWorkerThenEscalatedToTheTeamManagerUntilMarkedDone() {
    EngineClock.setTo("2026-04-20T17:00:00+01:00");
    String caseRef = scenario.openCase("Ella");
    holdConference(caseRef, ellasPlan());
    startPlan(caseRef);
    ProcessInstance walks = actionProcess(caseRef, "Mrs Smith (mother)");

    // Mrs Smith's action was due by Friday 8 May. Nobody has marked it done when that day ends.
    EngineClock.setTo("2026-05-08T23:00:00+01:00");
    scenario.runJobsDue(caseRef);
    assertThat(walks).isWaitingAt("Timer_ActionByWhenPassed");
    EngineClock.setTo("2026-05-09T00:00:01+01:00");
    scenario.runJobsDue(caseRef);
    assertThat(walks).hasPassed("Timer_ActionByWhenPassed").isWaitingAt("Task_ChasePlanAction");
    // In the worker's Tasklist (assigned to her, her team's group), due 2 working days later: Tuesday 12 May.
    Task chase = chaseOf(walks);
    assertThat(chase).isAssignedTo("sam.social").hasCandidateGroupAssociated("north-social-workers")
        .hasDueDate(at("2026-05-12T23:59:59+01:00"));
    Assertions.assertThat(tasks.getVariable(chase.getId(), "planActionWhat")).isEqualTo("Walk Ella to school each morning");
    // Its heading names the case and the child ("Overdue plan action:" with nothing after it in the try-out).
    Assertions.assertThat(tasks.getVariables(chase.getId())).containsEntry("caseRef", caseRef)
        .containsEntry("childFirstName", "Ella").containsKey("childLastName");

    // Not chased by then: the team's managers get it in their Tasklist, due by the end of the next working day.
    EngineClock.setTo("2026-05-13T00:00:01+01:00");
    scenario.runJobsDue(caseRef);
    Task followUp = tasks.createTaskQuery().processInstanceId(walks.getId())
        .taskDefinitionKey("Task_ManagerFollowsUpPlanAction").singleResult();
    assertThat(followUp).hasCandidateGroup("north-team-managers").hasDueDate(at("2026-05-14T23:59:59+01:00"));
    Assertions.assertThat(tasks.getVariables(followUp.getId())).containsEntry("caseRef", caseRef)
        .containsEntry("childFirstName", "Ella");
    tasks.complete(followUp.getId(), Map.of("planActionManagerNote", "Spoke to Sam: Mrs Smith was ill; cover arranged"));
    assertThat(walks).hasPassed("EndEvent_ManagerFollowedUp");

    // The worker chases: not done yet. She must give a new date and say what she did; then it is watched again.
    EngineClock.setTo("2026-05-13T10:00:00+01:00");
    String chaseId = chaseOf(walks).getId();
    Assertions.assertThatThrownBy(() -> tasks.complete(chaseId, Map.of("planActionDone", "false")))
        .hasMessageContaining("planActionNewByWhen is required when the action is not done")
        .hasMessageContaining("planActionChaseNote is required");
    tasks.complete(chaseId, Map.of("planActionDone", "false", "planActionNewByWhen", "2026-05-20",
        "planActionChaseNote", "Mrs Smith was in hospital; her sister walks Ella until she is well"));
    assertThat(walks).hasPassed("Gateway_IsTheActionDone").isWaitingAt("Timer_ActionByWhenPassed");
    Assertions.assertThat(jdbc.queryForObject("select by_when from sf_plan_action where process_instance_id = ?",
        java.sql.Date.class, walks.getId()).toString()).isEqualTo("2026-05-20");

    // The core group on 14 May hears it is done: ticking it ends the chasing.
    EngineClock.setTo("2026-05-14T12:00:00+01:00");
    Task coreGroup = scenario.task(caseRef, ChildProtectionPlanProcess.Element.RECORD_FIRST_CORE_GROUP);
    Map<String, Object> answers = PlanAnswers.meeting(tasks.getVariable(coreGroup.getId(), "outcomeProgress"), "AMBER");
    answers.put("coreGroupDate", "2026-05-14");
    answers.put("coreGroupActions", "Walking to school restarted");
    answers.put("openPlanActions", json(tick(shown(coreGroup, "openPlanActions"), "Mrs Smith (mother)").toString()));
    tasks.complete(coreGroup.getId(), answers);
    assertThat(walks).hasPassed("StartEvent_ActionEnds", "EndEvent_ActionNoLongerChased").isEnded();

    // The school's action (by Friday 29 May) is chased and found done: it cannot be done in the future.
    ProcessInstance schoolCalls = actionProcess(caseRef, "Oak Primary School");
    EngineClock.setTo("2026-05-30T00:00:01+01:00");
    scenario.runJobsDue(caseRef);
    String schoolChase = chaseOf(schoolCalls).getId();
    Assertions.assertThatThrownBy(() -> tasks.complete(schoolChase, Map.of("planActionDone", "true", "planActionDoneOn", "2026-06-01")))
        .hasMessageContaining("planActionDoneOn (2026-06-01) must be between the day the action was agreed (2026-04-20) and today (2026-05-30)");
    tasks.complete(schoolChase, Map.of("planActionDone", "true", "planActionDoneOn", "2026-05-28"));
    assertThat(schoolCalls).hasPassed("EndEvent_ActionDone").isEnded();
    Assertions.assertThat(jdbc.queryForObject("select done_on from sf_plan_action where process_instance_id = ?",
        java.sql.Date.class, schoolCalls.getId()).toString()).isEqualTo("2026-05-28");
  }

  @Test
  void aPlanThatBreaksARuleIsRefusedNamingEachFieldAndNothingIsRecorded() {
    EngineClock.setTo("2026-04-20T17:00:00+01:00");
    String caseRef = scenario.openCase("Ella");
    startConference(caseRef);
    String taskId = scenario.task(caseRef, InitialConferenceProcess.Element.RECORD_CONFERENCE_OUTCOME).getId();

    Map<String, Object> bad = conferenceOutcome("CP_PLAN");
    bad.put("dangerStatements", json("[]"));
    bad.put("safetyGoals", json("[{\"goal\":\"   \"}]"));
    bad.put("planOutcomes", json("[{\"whatChanges\":\"" + "x".repeat(1001) + "\",\"byWhen\":\"2026-12-18\"},"
        + "{\"whatChanges\":\"Safe at home\",\"measuredBy\":\"Ella says so\",\"byWhen\":\"2026-04-01\"}]"));
    bad.put("planActions", json("[{\"outcome\":3,\"who\":\"Mother\",\"what\":\"Walk\",\"byWhen\":\"2026-05-08\"},"
        + "{\"outcome\":1,\"who\":\"School\",\"what\":\"Call\",\"byWhen\":\"2027-01-01\"}]"));
    Assertions.assertThatThrownBy(() -> tasks.complete(taskId, bad))
        .hasMessageContaining("dangerStatements needs at least one row")
        .hasMessageContaining("safetyGoals[1].goal is required")
        .hasMessageContaining("planOutcomes[1].whatChanges must be at most 1000 characters (it has 1001)")
        .hasMessageContaining("planOutcomes[1].measuredBy is required")
        .hasMessageContaining("planOutcomes[2].byWhen (2026-04-01) is before 2026-04-20, the day the plan starts")
        .hasMessageContaining("planActions[1].outcome must be the number of one of the plan's outcomes (1 to 2)")
        .hasMessageContaining("planActions[2].byWhen (2027-01-01) is after outcome 1's own date");
    Map<String, Object> noActions = conferenceOutcome("CP_PLAN");
    noActions.putAll(PlanAnswers.smallestCpPlan("2026-04-20"));
    noActions.put("planActions", json("[]"));
    Assertions.assertThatThrownBy(() -> tasks.complete(taskId, noActions))
        .hasMessageContaining("planActions has no action for outcome 1: every outcome has at least one action");
    Map<String, Object> planWithoutPlan = conferenceOutcome("NFA");
    planWithoutPlan.put("planOutcomes", json("[{\"whatChanges\":\"x\",\"measuredBy\":\"y\",\"byWhen\":\"2026-12-18\"}]"));
    Assertions.assertThatThrownBy(() -> tasks.complete(taskId, planWithoutPlan))
        .hasMessageContaining("planOutcomes must be absent when icpcOutcome is not CP_PLAN");
    Assertions.assertThat(jdbc.queryForObject("select count(*) from sf_plan where case_ref = ?", Integer.class, caseRef)).isZero();
    Assertions.assertThat(actionProcesses(caseRef)).isEmpty();

    // A thousand characters as a person counts them: an accented letter typed as e + combining accent is
    // one character (two UTF-16 units). Markup is kept as typed, to be shown as text.
    String thousandAccented = "e\u0301".repeat(1000);
    Map<String, Object> good = conferenceOutcome("CP_PLAN");
    good.putAll(PlanAnswers.smallestCpPlan("2026-04-20"));
    good.put("dangerStatements", json("[{\"statement\":\"" + thousandAccented + "\"},"
        + "{\"statement\":\"<script>alert('x')</script> **not bold** & [link](http://x)\"}]"));
    tasks.complete(taskId, good);
    Assertions.assertThat(jdbc.queryForList("select s.text from sf_plan_statement s join sf_plan p on p.id = s.plan_id"
        + " where p.case_ref = ? and s.statement_kind = 'DANGER' order by s.position", String.class, caseRef))
        .containsExactly(thousandAccented, "<script>alert('x')</script> **not bold** & [link](http://x)");

    // A core group that leaves an outcome unrated, rewrites what the form only shows or gives no reason
    // for not offering an advocate records nothing: not even the action it ticked done.
    startPlan(caseRef);
    EngineClock.setTo("2026-04-30T15:00:00+01:00");
    Task coreGroup = scenario.task(caseRef, ChildProtectionPlanProcess.Element.RECORD_FIRST_CORE_GROUP);
    ArrayNode rewritten = PlanAnswers.rated(tasks.getVariable(coreGroup.getId(), "outcomeProgress"), "RED");
    ((ObjectNode) rewritten.get(0)).put("whatChanges", "Ella goes to school sometimes");
    ((ObjectNode) rewritten.get(0)).putNull("rating");
    Map<String, Object> meeting = PlanAnswers.childsVoice();
    meeting.put("coreGroupDate", "2026-04-30");
    meeting.put("coreGroupActions", "Met");
    meeting.put("outcomeProgress", json(rewritten.toString()));
    meeting.put("openPlanActions", json(tick(shown(coreGroup, "openPlanActions"), "The mother").toString()));
    meeting.put("advocateOffered", false);
    meeting.put("childsViews", " ");
    Assertions.assertThatThrownBy(() -> tasks.complete(coreGroup.getId(), meeting))
        .hasMessageContaining("outcomeProgress[1].whatChanges is shown read-only")
        .hasMessageContaining("outcomeProgress[1].rating must be RED, AMBER or GREEN")
        .hasMessageContaining("childsViews is required")
        .hasMessageContaining("advocateNotOfferedReason is required");
    Map<String, Object> unrated = PlanAnswers.childsVoice();
    unrated.put("coreGroupDate", "2026-04-30");
    unrated.put("coreGroupActions", "Met");
    unrated.put("outcomeProgress", json("[]"));
    Assertions.assertThatThrownBy(() -> tasks.complete(coreGroup.getId(), unrated))
        .hasMessageContaining("outcomeProgress has no rating for outcome 1: a core group or review records progress against every outcome");
    Assertions.assertThat(jdbc.queryForObject("select count(*) from sf_plan_meeting m join sf_plan p on p.id = m.plan_id"
        + " where p.case_ref = ?", Integer.class, caseRef)).isZero();
    Assertions.assertThat(jdbc.queryForObject("select count(*) from sf_plan_action a join sf_plan_outcome o on o.id = a.outcome_id"
        + " join sf_plan p on p.id = o.plan_id where p.case_ref = ? and a.done_on is not null", Integer.class, caseRef)).isZero();
  }

  @Test
  void ellasChildInNeedPlanRecordsOutcomesAndActionsTheSameWayAndItsReviewMeasuresThem() {
    EngineClock.setTo("2027-01-18T10:00:00Z");
    String caseRef = scenario.openCase("Ella");
    Map<String, Object> afterStepDown = new HashMap<>();
    afterStepDown.put("referralDate", "2026-03-23");
    afterStepDown.put("allocatedWorker", "sam.social");
    ProcessInstance plan = scenario.start(Pathway.Process.CIN_PLAN, caseRef, afterStepDown);
    Map<String, Object> start = new HashMap<>();
    start.put("cinPlanStartDate", "2027-01-18");
    start.put("cinPlanAims", "Ella stays safe at home and keeps going to school");
    Task startTask = scenario.task(caseRef, "Task_StartChildInNeedPlan");
    Assertions.assertThatThrownBy(() -> tasks.complete(startTask.getId(), start))
        .hasMessageContaining("planOutcomes needs at least one row");
    start.put("planOutcomes", json("[{\"whatChanges\":\"Ella keeps going to school every day\","
        + "\"measuredBy\":\"Attendance above 95%\",\"byWhen\":\"2027-04-30\"}]"));
    start.put("planActions", json("[{\"outcome\":1,\"who\":\"Family support worker\",\"what\":\"Help with mornings twice a week\","
        + "\"byWhen\":\"2027-02-26\"}]"));
    tasks.complete(startTask.getId(), start);
    Assertions.assertThat(actionProcesses(caseRef)).hasSize(1);

    EngineClock.setTo("2027-01-29T11:00:00Z");
    Task review = scenario.task(caseRef, "Task_ReviewChildInNeedPlan");
    Map<String, Object> answers = PlanAnswers.meeting(tasks.getVariable(review.getId(), "outcomeProgress"), "GREEN");
    answers.put("cinPlanReviewDate", "2027-01-29");
    answers.put("cinPlanReviewProgress", "Ella has been at school every day");
    answers.put("cinPlanReviewDecision", "END_PLAN");
    tasks.complete(review.getId(), answers);

    assertThat(plan).isEnded();
    Assertions.assertThat(actionProcesses(caseRef)).isEmpty();
    CaseDocument cinPlan = document("child-in-need-plan", caseRef);
    Assertions.assertThat(cinPlan.title()).startsWith("Child in need plan for Ella ");
    Assertions.assertThat(cinPlan.sections()).extracting(CaseDocument.Section::heading).containsExactly("The plan", "Outcome 1");
    Assertions.assertThat(texts(cinPlan, "Outcome 1")).containsEntry("Progress", "Green: achieved or on track")
        .containsEntry("Action 1", "Who: Family support worker\nWhat: Help with mornings twice a week\nBy when: 2027-02-26"
            + "\nNot done: the plan ended");
    Assertions.assertThat(texts(document("review-minutes", caseRef), "Child in need plan review on 2027-01-29"))
        .containsEntry("Outcome 1: Ella keeps going to school every day", "Green: achieved or on track (first rating)")
        .containsEntry("Decision", "The plan ends");
    Assertions.assertThat(document(documents, "child-protection-plan").build(caseRef)).isEmpty();
  }

  // --- Ella's conference and plan -------------------------------------------------------------------------

  static Map<String, Object> ellasPlan() {
    Map<String, Object> plan = new HashMap<>();
    plan.put("dangerStatements", json("["
        + "{\"statement\":\"Ella's father may hit her when he has been drinking, and she could be badly hurt.\"},"
        + "{\"statement\":\"Ella may miss school and medical care if no adult gets her there.\"}]"));
    plan.put("safetyGoals", json("[{\"goal\":\"Ella lives with an adult who keeps her safe from her father's drinking,"
        + " and her school and GP see her regularly.\"}]"));
    plan.put("planOutcomes", json("["
        + "{\"whatChanges\":\"Ella is at school every day, on time\",\"measuredBy\":\"School attendance above 95% each half term\","
        + "\"byWhen\":\"2026-12-18\"},"
        + "{\"whatChanges\":\"Ella is not hit or frightened at home\","
        + "\"measuredBy\":\"Ella says she feels safe (three houses tool) & there are no police call-outs\",\"byWhen\":\"2027-01-29\"}]"));
    plan.put("planActions", json("["
        + "{\"outcome\":1,\"who\":\"Mrs Smith (mother)\",\"what\":\"Walk Ella to school each morning\",\"byWhen\":\"2026-05-08\"},"
        + "{\"outcome\":1,\"who\":\"Oak Primary School\",\"what\":\"Call Mrs Smith by 09:30 whenever Ella is absent\","
        + "\"byWhen\":\"2026-05-29\"},"
        + "{\"outcome\":2,\"who\":\"Mr Smith (father)\",\"what\":\"Start the alcohol service's programme\",\"byWhen\":\"2026-06-30\"}]"));
    return plan;
  }

  private void startConference(String caseRef) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("referralDate", "2026-03-23");
    vars.put("allocatedWorker", "sam.social");
    vars.put("strategyDiscussionDate", "2026-03-30");
    vars.put("s47ActualStartDate", "2026-03-30");
    vars.put("strategyInvitees", List.of("POLICE", "EDUCATION"));
    scenario.start(InitialConferenceProcess.KEY, caseRef, vars);
    scenario.complete(caseRef, InitialConferenceProcess.Element.SCHEDULE_CONFERENCE, Map.of("conferencePlannedDate", "2026-04-20",
        "conferenceVenue", "Civic Centre", "conferenceInvitees", List.of("POLICE", "EDUCATION")));
    scenario.runJobsDue(caseRef);
  }

  private void holdConference(String caseRef, Map<String, Object> plan) {
    startConference(caseRef);
    Map<String, Object> outcome = conferenceOutcome("CP_PLAN");
    outcome.putAll(plan);
    scenario.complete(caseRef, InitialConferenceProcess.Element.RECORD_CONFERENCE_OUTCOME, outcome);
    scenario.runJobsDue(caseRef);
  }

  static Map<String, Object> conferenceOutcome(String decision) {
    Map<String, Object> answers = new HashMap<>();
    answers.put("dateOfInitialCpc", "2026-04-20");
    answers.put("childAttendedConference", true);
    answers.put("childRepresentedByAdvocate", true);
    answers.put("icpcOutcome", decision);
    if ("CP_PLAN".equals(decision)) {
      answers.put("initialCategoryOfAbuse", "PHY");
    }
    answers.put("icpcOutcomeReasons", "Bruising Ella explained as her father's doing; father's drinking");
    return answers;
  }

  private ProcessInstance startPlan(String caseRef) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("referralDate", "2026-03-23");
    vars.put("allocatedWorker", "sam.social");
    vars.put("dateOfInitialCpc", "2026-04-20");
    vars.put("initialCategoryOfAbuse", "PHY");
    return scenario.start(ChildProtectionPlanProcess.KEY, caseRef, vars);
  }

  static Map<String, Object> review(String date, String decision, Map<String, Object> meeting) {
    Map<String, Object> answers = new HashMap<>(meeting);
    answers.put("reviewDate", date);
    answers.put("latestCategoryOfAbuse", "PHY");
    answers.put("reviewDecision", decision);
    answers.put("reviewNotes", "Progress reviewed with Ella's parents and the core group");
    return answers;
  }

  // --- reading the record ---------------------------------------------------------------------------------

  private JsonNode shown(Task task, String list) {
    try {
      return JSON.readTree(tasks.getVariable(task.getId(), list).toString());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  /** The open actions as the form shows them, with {@code who}'s ticked done. */
  private static ArrayNode tick(JsonNode shown, String who) {
    ArrayNode rows = ((ArrayNode) shown).deepCopy();
    rows.forEach(row -> {
      if (row.path("who").asText().equals(who)) {
        ((ObjectNode) row).put("done", true);
      }
    });
    return rows;
  }

  private List<ProcessInstance> actionProcesses(String caseRef) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseRef)
        .processDefinitionKey(PlanActions.PROCESS).list();
  }

  private ProcessInstance actionProcess(String caseRef, String who) {
    return actionProcesses(caseRef).stream()
        .filter(p -> who.equals(runtime.getVariable(p.getId(), PlanActions.Var.WHO))).findFirst().orElseThrow();
  }

  private Task chaseOf(ProcessInstance action) {
    return tasks.createTaskQuery().processInstanceId(action.getId()).taskDefinitionKey("Task_ChasePlanAction").singleResult();
  }

  private CaseDocument document(String kind, String caseRef) {
    return document(documents, kind).build(caseRef).orElseThrow();
  }

  static DocumentSource document(List<DocumentSource> sources, String kind) {
    return sources.stream().filter(s -> s.kind().equals(kind)).findFirst().orElseThrow();
  }

  private static Map<String, String> texts(CaseDocument document, String heading) {
    return document.sections().stream().filter(s -> s.heading().equals(heading)).findFirst().orElseThrow()
        .entries().stream().collect(Collectors.toMap(Entry::label, Entry::text, (a, b) -> a, java.util.LinkedHashMap::new));
  }

  private static Entry entry(CaseDocument document, String heading, String label) {
    return document.sections().stream().filter(s -> s.heading().equals(heading)).findFirst().orElseThrow()
        .entries().stream().filter(e -> e.label().equals(label)).findFirst().orElseThrow();
  }

  static Date at(String isoDateTime) {
    return Date.from(OffsetDateTime.parse(isoDateTime).toInstant());
  }
}
