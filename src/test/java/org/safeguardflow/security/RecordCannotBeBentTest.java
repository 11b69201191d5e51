package org.safeguardflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.safeguardflow.casework.Pathway;
import org.safeguardflow.support.CaseScenario;
import org.safeguardflow.support.EngineClock;
import org.safeguardflow.support.FrontDoorClient;
import org.safeguardflow.support.SafeguardFlowTest;
import org.safeguardflow.support.SampleContact;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Issue 11: the record of a child's case cannot be bent through Tasklist or the REST API Tasklist
 * uses. A team manager tries each back door on a real case, over HTTP with the demo users: moving a
 * statutory deadline, rewriting the concerns, completing a step with variables its form does not
 * hold, handing the case to another team's group; and every statutory step's form asks why it is late
 * exactly when its rule requires a reason, with the job executor off and the clock past the deadline.
 */
@SafeguardFlowTest
class RecordCannotBeBentTest {

  static final String ANY_TIME_IN_2099 = "2099-12-31T12:00:00.000+0000";

  @Autowired TestRestTemplate http;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired IdentityService identity;
  @Autowired CaseScenario scenario;

  @BeforeEach
  void nobodySignedIn() {
    identity.clearAuthentication();
  }

  // --- 1. statutory deadlines -----------------------------------------------------------------------

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void aManagerCannotMoveTheStatutoryDeadlineOfAnOverdueContactDecision(CapturedOutput log) {
    Contact contact = contactReceived(OffsetDateTime.now().minusDays(10));
    Map<String, Object> task = taskAsTasklistHoldsIt("manager", contact.taskId());
    Date due = contact.task(tasks).getDueDate();

    task.put("due", ANY_TIME_IN_2099);
    ResponseEntity<String> moved = send("manager", HttpMethod.PUT, "/engine-rest/task/" + contact.taskId(), task);

    assertThat(moved.getStatusCode().value()).as(moved.getBody()).isEqualTo(403);
    assertThat(contact.task(tasks).getDueDate()).isEqualTo(due);
    assertThat(log.getOut()).contains("Refused: user=manager case=" + contact.caseRef() + " PUT /engine-rest/task/"
        + contact.taskId() + " -> 403");
  }

  @Test
  void theFollowUpDateStaysAPersonalReminderAndIsInTheRecord() {
    Contact contact = contactReceived(OffsetDateTime.now().minusHours(1));
    assertThat(send("manager", HttpMethod.POST, "/engine-rest/task/" + contact.taskId() + "/claim",
        Map.of("userId", "manager")).getStatusCode().value()).isEqualTo(204);
    Map<String, Object> task = taskAsTasklistHoldsIt("manager", contact.taskId());

    task.put("followUp", "2099-01-15T09:00:00.000+0000");
    ResponseEntity<String> reminded = send("manager", HttpMethod.PUT, "/engine-rest/task/" + contact.taskId(), task);

    assertThat(reminded.getStatusCode().value()).as(reminded.getBody()).isEqualTo(204);
    assertThat(contact.task(tasks).getFollowUpDate()).isEqualTo(Date.from(OffsetDateTime.parse("2099-01-15T09:00:00Z").toInstant()));
    assertThat(history.createUserOperationLogQuery().taskId(contact.taskId()).userId("manager").list())
        .extracting(UserOperationLogEntry::getOperationType, UserOperationLogEntry::getProperty)
        .contains(org.assertj.core.groups.Tuple.tuple(UserOperationLogEntry.OPERATION_TYPE_CLAIM, "assignee"),
            org.assertj.core.groups.Tuple.tuple(UserOperationLogEntry.OPERATION_TYPE_UPDATE, "followUpDate"));
    String timeline = get("manager", "/api/cases/" + contact.caseRef() + "/timeline", String.class).getBody();
    assertThat(timeline).contains("Claim Task", "assignee=manager", "Update Task", "followUpDate=");
  }

  @Test
  void aLateDecisionIsLateByTheDeadlineRecordedWhenItWasAskedForWhateverTheDueDateSays() {
    Contact contact = contactReceived(OffsetDateTime.now().minusDays(10));
    // Only an administrator may move a due date; lateness is still read from the recorded deadline.
    Map<String, Object> task = taskAsTasklistHoldsIt("demo", contact.taskId());
    task.put("due", ANY_TIME_IN_2099);
    assertThat(send("demo", HttpMethod.PUT, "/engine-rest/task/" + contact.taskId(), task).getStatusCode().value())
        .isEqualTo(204);
    send("manager", HttpMethod.POST, "/engine-rest/task/" + contact.taskId() + "/claim", Map.of("userId", "manager"));

    assertThat(formVariables("manager", contact.taskId())).containsEntry("contactDecisionOverdue", true);
    ResponseEntity<String> onTime = complete("manager", contact.taskId(), Map.of(
        "contactDecision", "NFA", "contactDecisionReason", "Advice given to the school"));

    assertThat(onTime.getStatusCode().is2xxSuccessful()).as(onTime.getBody()).isFalse();
    assertThat(onTime.getBody()).contains("contactDecisionLateReason");
    assertThat(contact.task(tasks)).isNotNull();

    ResponseEntity<String> late = complete("manager", contact.taskId(), Map.of(
        "contactDecision", "NFA", "contactDecisionReason", "Advice given to the school",
        "contactDecisionLateReason", "The school's information came in late"));
    assertThat(late.getStatusCode().value()).as(late.getBody()).isEqualTo(204);
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(contact.processInstanceId())
        .variableName("contactDecisionLate").singleResult().getValue()).isEqualTo(true);
    // The audit timeline judges it by the same recorded deadline, not the moved due date.
    String timeline = get("auditor", "/api/cases/" + contact.caseRef() + "/timeline", String.class).getBody();
    assertThat(timeline).contains("\"deadline\":\"LATE\"", "The school's information came in late")
        .doesNotContain("2099-12-31");
  }

  // --- 2. case data only through forms ----------------------------------------------------------------

  @Test
  void aManagerCannotRewriteTheConcernsOutsideAForm() {
    Contact contact = contactReceived(OffsetDateTime.now().minusHours(1));
    String concerns = (String) runtime.getVariable(contact.processInstanceId(), "concerns");

    for (ResponseEntity<String> attempt : List.of(
        send("manager", HttpMethod.PUT, "/engine-rest/task/" + contact.taskId() + "/variables/concerns",
            Map.of("value", "Nothing to worry about", "type", "String")),
        send("manager", HttpMethod.POST, "/engine-rest/task/" + contact.taskId() + "/variables",
            Map.of("modifications", Map.of("concerns", Map.of("value", "Nothing to worry about")))),
        send("manager", HttpMethod.PUT, "/engine-rest/task/" + contact.taskId() + "/localVariables/concerns",
            Map.of("value", "Nothing to worry about", "type", "String")),
        send("manager", HttpMethod.DELETE, "/engine-rest/task/" + contact.taskId() + "/variables/concerns", null))) {
      assertThat(attempt.getStatusCode().value()).as(attempt.getBody()).isEqualTo(403);
    }
    assertThat(runtime.getVariable(contact.processInstanceId(), "concerns")).isEqualTo(concerns);
  }

  /**
   * The decision form shows the contact's concerns read-only: completing it may send them back as
   * they are (Tasklist may), never with new words.
   */
  @Test
  void aManagerCannotRewriteTheConcernsByCompletingTheDecisionThatShowsThem() {
    Contact contact = contactReceived(OffsetDateTime.now().minusHours(1));
    String concerns = (String) runtime.getVariable(contact.processInstanceId(), "concerns");
    send("manager", HttpMethod.POST, "/engine-rest/task/" + contact.taskId() + "/claim", Map.of("userId", "manager"));
    Map<String, Object> decided = new HashMap<>(Map.of("contactDecision", "EARLY_HELP",
        "contactDecisionReason", "Family asked for help with routines"));

    decided.put("concerns", "No concerns were raised.");
    for (String door : List.of("/complete", "/submit-form")) {
      ResponseEntity<String> refused = complete("manager", contact.taskId(), decided, door);
      assertThat(refused.getStatusCode().value()).as(door + " " + refused.getBody()).isEqualTo(400);
      assertThat(refused.getBody()).contains("(concerns) is shown read-only on the form");
    }
    assertThat(runtime.getVariable(contact.processInstanceId(), "concerns")).isEqualTo(concerns);

    decided.put("concerns", concerns);
    assertThat(complete("manager", contact.taskId(), decided).getStatusCode().value()).isEqualTo(204);
  }

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void completingTheAllocationWithVariablesItsFormDoesNotHoldIsRefusedNamingEachOne(CapturedOutput log) {
    Contact contact = contactReceived(OffsetDateTime.now().minusHours(1));
    send("manager", HttpMethod.POST, "/engine-rest/task/" + contact.taskId() + "/claim", Map.of("userId", "manager"));
    assertThat(complete("manager", contact.taskId(), Map.of("contactDecision", "S17_ASSESSMENT",
        "contactDecisionReason", "Needs an assessment")).getStatusCode().value()).isEqualTo(204);
    scenario.runJobsDue(contact.caseRef());
    String allocation = scenario.task(contact.caseRef(), "Task_AllocateSocialWorker").getId();
    send("manager", HttpMethod.POST, "/engine-rest/task/" + allocation + "/claim", Map.of("userId", "manager"));
    Object referralDate = history.createHistoricVariableInstanceQuery().processInstanceId(contact.processInstanceId())
        .variableName(Pathway.Var.REFERRAL_DATE.name()).list();

    Map<String, Object> allocated = Map.of("allocatedTeam", "north", "allocatedWorker", "worker");
    Map<String, Object> bent = new HashMap<>(allocated);
    bent.put("referralDate", "2020-01-01");
    bent.put("concerns", "Rewritten at allocation");
    for (String door : List.of("/complete", "/submit-form", "/resolve")) {
      ResponseEntity<String> refused = complete("manager", allocation, bent, door);
      // Refused as a rule (CaseRuleException; the engine REST error mapping answers it as a bad request).
      assertThat(refused.getStatusCode().is2xxSuccessful()).as(door + " " + refused.getBody()).isFalse();
      assertThat(refused.getStatusCode().value()).as(door + " " + refused.getBody()).isNotIn(401, 403, 404);
      assertThat(refused.getBody()).contains("concerns, referralDate are not fields of the form")
          .doesNotContain("allocatedTeam,");
    }
    assertThat(tasks.createTaskQuery().taskId(allocation).singleResult()).isNotNull();
    assertThat(log.getOut()).contains("Refused completion: user=manager case=" + contact.caseRef()
        + " task=Task_AllocateSocialWorker (" + allocation + "): not fields of its form: [concerns, referralDate]");
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(contact.processInstanceId())
        .variableName(Pathway.Var.REFERRAL_DATE.name()).list()).usingRecursiveComparison().isEqualTo(referralDate);

    // What Tasklist sends, every field of the form (the shown, disabled contactDecisionReason too), passes.
    Map<String, Object> asTasklist = new HashMap<>(allocated);
    asTasklist.put("contactDecisionReason", "Needs an assessment");
    asTasklist.put("referralAllocationLateReason", null);
    ResponseEntity<String> done = complete("manager", allocation, asTasklist, "/submit-form");
    assertThat(done.getStatusCode().value()).as(done.getBody()).isEqualTo(204);
  }

  @Test
  void endingATaskByBpmnErrorOrEscalationIsNotWork() {
    Contact contact = contactReceived(OffsetDateTime.now().minusHours(1));
    send("manager", HttpMethod.POST, "/engine-rest/task/" + contact.taskId() + "/claim", Map.of("userId", "manager"));

    assertThat(send("manager", HttpMethod.POST, "/engine-rest/task/" + contact.taskId() + "/bpmnError",
        Map.of("errorCode", "ANY")).getStatusCode().value()).isEqualTo(403);
    assertThat(send("manager", HttpMethod.POST, "/engine-rest/task/" + contact.taskId() + "/bpmnEscalation",
        Map.of("escalationCode", "ANY")).getStatusCode().value()).isEqualTo(403);
    assertThat(contact.task(tasks)).isNotNull();
  }

  // --- 3. team boundaries --------------------------------------------------------------------------

  @Test
  void aNorthManagerCannotHandANorthCaseToSouthByTheBackDoor() {
    EngineClock.setTo("2026-04-07T14:00:00+01:00");
    String caseRef = scenario.openCase("Ellie");
    scenario.start(Pathway.Process.STRATEGY_DISCUSSION, caseRef, Map.of());
    String convene = scenario.task(caseRef, "Task_ConveneStrategyDiscussion").getId();

    for (ResponseEntity<String> attempt : List.of(
        send("manager", HttpMethod.POST, "/engine-rest/task/" + convene + "/identity-links",
            Map.of("groupId", "south-social-workers", "type", "candidate")),
        send("manager", HttpMethod.POST, "/engine-rest/task/" + convene + "/identity-links",
            Map.of("userId", "south-worker", "type", "candidate")),
        send("manager", HttpMethod.POST, "/engine-rest/task/" + convene + "/assignee", Map.of("userId", "south-worker")),
        send("manager", HttpMethod.POST, "/engine-rest/task/" + convene + "/delegate", Map.of("userId", "south-worker")),
        send("manager", HttpMethod.POST, "/engine-rest/task/" + convene + "/identity-links/delete",
            Map.of("groupId", "north-team-managers", "type", "candidate")))) {
      assertThat(attempt.getStatusCode().value()).as(attempt.getBody()).isEqualTo(403);
    }
    assertThat(tasks.getIdentityLinksForTask(convene)).extracting(IdentityLink::getGroupId, IdentityLink::getUserId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("north-team-managers", null));
    assertThat(get("south-worker", "/engine-rest/task?processInstanceBusinessKey=" + caseRef, String.class).getBody())
        .doesNotContain(convene);
  }

  @Test
  void ellasWorkerHandsHerTaskBackToTheTeamAndTheTeamManagerGivesItBackToHerButToNobodyOutsideIt() {
    EngineClock.setTo("2026-05-05T09:00:00+01:00");
    String caseRef = scenario.openCase("Ella");
    scenario.start(org.safeguardflow.casework.assessment.AssessmentProcess.KEY, caseRef,
        Map.of("allocatedWorker", "worker", "referralDate", "2026-05-01"));
    String work = scenario.task(caseRef, "Task_RecordAssessmentWork").getId();
    Date due = tasks.createTaskQuery().taskId(work).singleResult().getDueDate();

    // The worker gives it back to the team (Tasklist's ×): allowed, as claiming is.
    ResponseEntity<String> handedBack = send("worker", HttpMethod.POST, "/engine-rest/task/" + work + "/unclaim", Map.of());
    assertThat(handedBack.getStatusCode().value()).as(handedBack.getBody()).isEqualTo(204);
    assertThat(tasks.createTaskQuery().taskId(work).singleResult().getAssignee()).isNull();

    // The worker cannot give a task to someone else, even in her team.
    assertThat(send("worker", HttpMethod.POST, "/engine-rest/task/" + work + "/claim", Map.of("userId", "worker"))
        .getStatusCode().value()).isEqualTo(204);
    assertThat(send("worker", HttpMethod.POST, "/engine-rest/task/" + work + "/assignee", Map.of("userId", "manager"))
        .getStatusCode().value()).isEqualTo(403);
    // Nor may anyone who is not its assignee hand it back, but a manager of the team.
    assertThat(send("south-manager", HttpMethod.POST, "/engine-rest/task/" + work + "/unclaim", Map.of())
        .getStatusCode().value()).isIn(403, 404);

    // North's manager reassigns within the team: back to the group, then to the worker; never to South.
    assertThat(send("manager", HttpMethod.POST, "/engine-rest/task/" + work + "/unclaim", Map.of())
        .getStatusCode().value()).isEqualTo(204);
    ResponseEntity<String> given = send("manager", HttpMethod.POST, "/engine-rest/task/" + work + "/assignee",
        Map.of("userId", "worker"));
    assertThat(given.getStatusCode().value()).as(given.getBody()).isEqualTo(204);
    assertThat(send("manager", HttpMethod.POST, "/engine-rest/task/" + work + "/assignee", Map.of("userId", "south-worker"))
        .getStatusCode().value()).isEqualTo(403);
    assertThat(tasks.createTaskQuery().taskId(work).singleResult().getAssignee()).isEqualTo("worker");

    // Handing back opens nothing else: the statutory due date still moves for nobody.
    Map<String, Object> task = taskAsTasklistHoldsIt("worker", work);
    task.put("due", ANY_TIME_IN_2099);
    assertThat(send("worker", HttpMethod.PUT, "/engine-rest/task/" + work, task).getStatusCode().value()).isEqualTo(403);
    assertThat(tasks.createTaskQuery().taskId(work).singleResult().getDueDate()).isEqualTo(due);
  }

  // --- 4. the form and the rule decide "late" alike ------------------------------------------------

  /** Every statutory step: model, task, its step, who works it, and what its deadline is computed from. */
  static Stream<Arguments> statutorySteps() {
    return Stream.of(
        Arguments.of(Pathway.Process.REFERRAL_EPISODE, "Task_AllocateSocialWorker", "referralAllocation", "manager", Map.of()),
        Arguments.of(Pathway.Process.STRATEGY_DISCUSSION, "Task_RecordStrategyMinutes", "strategyMinutes", "manager",
            Map.of("strategyDiscussionDate", "2026-04-08")),
        // Initial and core assessments: referrals before 15 April 2013 (Working Together 2010).
        Arguments.of(Pathway.Process.ASSESSMENT, "Task_CompleteInitialAssessment", "initialAssessment", "worker",
            Map.of(Pathway.Var.REFERRAL_DATE.name(), "2013-03-01")),
        Arguments.of(Pathway.Process.ASSESSMENT, "Task_CompleteCoreAssessment", "coreAssessment", "worker",
            Map.of(Pathway.Var.REFERRAL_DATE.name(), "2013-03-01", "coreAssessmentStartedAt", "2013-03-08")),
        Arguments.of(Pathway.Process.ASSESSMENT, "Task_CompleteSingleAssessment", "singleAssessment", "worker", Map.of()),
        Arguments.of(Pathway.Process.ASSESSMENT, "Task_ConcludeSection47Enquiry", "s47Enquiry", "worker",
            Map.of("strategyDiscussionDate", "2026-04-08")),
        Arguments.of(Pathway.Process.INITIAL_CPC, "Task_RecordConferenceOutcome", "initialCpc", "manager",
            Map.of("strategyDiscussionDate", "2026-04-08")),
        Arguments.of(Pathway.Process.CASE_SUPERVISION, "Task_RecordCaseSupervision", "caseSupervision", "manager",
            Map.of("supervisionDueFrom", "2026-04-02")),
        Arguments.of(Pathway.Process.CIN_PLAN, "Task_ReviewChildInNeedPlan", "cinPlanReview", "worker",
            Map.of("cinPlanReviewStep", "CIN_PLAN_REVIEW", "cinPlanReviewDueFrom", "2026-04-10")),
        Arguments.of(Pathway.Process.CIN_PLAN, "Task_ReviewChildInNeedPlan", "cinPlanLaterReview", "worker",
            Map.of("cinPlanReviewStep", "CIN_PLAN_LATER_REVIEW", "cinPlanReviewDueFrom", "2026-04-10")),
        Arguments.of(Pathway.Process.CP_PLAN, "Task_RecordStatutoryVisit", "cpVisit", "worker",
            Map.of("cpVisitDueFrom", "2026-04-10")),
        Arguments.of(Pathway.Process.CP_PLAN, "Task_RecordReviewConference", "firstReviewCpc", "manager",
            Map.of("reviewConferenceCount", 0, "reviewDueFrom", "2026-04-10")),
        Arguments.of(Pathway.Process.CP_PLAN, "Task_RecordReviewConference", "laterReviewCpc", "manager",
            Map.of("reviewConferenceCount", 1, "reviewDueFrom", "2026-04-10")),
        Arguments.of("Process_Contact", "Task_ManagerDecidesContact", "contactDecision", "manager",
            Map.of("receivedAt", Date.from(OffsetDateTime.parse("2026-04-07T10:00:00+01:00").toInstant()))));
  }

  @ParameterizedTest(name = "{2}: the late-reason field shows exactly when the rule requires it")
  @MethodSource("statutorySteps")
  void theFormAsksWhyExactlyWhenTheRuleRequiresAReasonEvenBeforeTheDeadlineTimerRan(String processKey, String taskKey,
      String step, String user, Map<String, Object> startedFrom) {
    EngineClock.setTo("2026-04-07T14:00:00+01:00");
    String caseRef = scenario.openCase("Olivia");
    Map<String, Object> variables = new HashMap<>(startedFrom);
    variables.putIfAbsent(Pathway.Var.REFERRAL_DATE.name(), "2026-04-02");
    variables.put(Pathway.Var.ALLOCATED_TEAM.name(), CaseScenario.NORTH);
    variables.put(Pathway.Var.ALLOCATED_WORKER.name(), "worker");
    variables.put("caseRef", caseRef);
    ProcessInstance instance = runtime.createProcessInstanceByKey(processKey).businessKey(caseRef)
        .setVariables(variables).startBeforeActivity(taskKey).execute();
    Task task = tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(taskKey).singleResult();
    Date deadline = task.getDueDate();
    String flag = step + "Overdue";

    // The job executor is off: the deadline timer that used to set the flag has not run.
    ClockUtil.setCurrentTime(new Date(deadline.getTime() - 60_000));
    assertThat(formVariables(user, task.getId())).containsEntry(flag, false);
    ClockUtil.setCurrentTime(new Date(deadline.getTime() + 60_000));
    assertThat(formVariables(user, task.getId())).containsEntry(flag, true);
    assertThat(runtime.getVariable(instance.getId(), flag)).as("no timer has run").isNotEqualTo(true);
  }

  @Test
  void lateMinutesWithoutAReasonAreRefusedBeforeTheDeadlineTimerRanAndAcceptedWithOne() {
    EngineClock.setTo("2026-04-08T16:00:00+01:00");
    String caseRef = scenario.openCase("Ellie");
    ProcessInstance discussion = runtime.createProcessInstanceByKey(Pathway.Process.STRATEGY_DISCUSSION).businessKey(caseRef)
        .setVariables(Map.of(Pathway.Var.REFERRAL_DATE.name(), "2026-04-02", Pathway.Var.ALLOCATED_TEAM.name(), CaseScenario.NORTH,
            "caseRef", caseRef, "strategyDiscussionDate", "2026-04-08"))
        .startBeforeActivity("Task_RecordStrategyMinutes").execute();
    String minutes = tasks.createTaskQuery().processInstanceId(discussion.getId()).singleResult().getId();
    EngineClock.setTo("2026-04-10T10:00:00+01:00");
    identity.setAuthentication("manager", List.of("team-managers", "north-team-managers"));

    assertThatThrownBy(() -> tasks.complete(minutes, Map.of("strategyMinutes", "Police and health agreed a s47 enquiry")))
        .hasMessageContaining("strategyMinutesLateReason");
    tasks.complete(minutes, Map.of("strategyMinutes", "Police and health agreed a s47 enquiry",
        "strategyMinutesLateReason", "The police minutes came late"));
    identity.clearAuthentication();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(discussion.getId())
        .variableName("strategyMinutesLate").singleResult().getValue()).isEqualTo(true);
  }

  // --- the calls ---------------------------------------------------------------------------------

  record Contact(String caseRef, String processInstanceId, String taskId) {
    Task task(TaskService tasks) {
      return tasks.createTaskQuery().taskId(taskId).singleResult();
    }
  }

  Contact contactReceived(OffsetDateTime receivedAt) {
    ResponseEntity<Map> answer = new FrontDoorClient(http).submit(
        SampleContact.fromSchool(receivedAt.withOffsetSameInstant(ZoneOffset.UTC).toString()), "manager");
    assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(201);
    String processInstanceId = (String) answer.getBody().get("processInstanceId");
    String taskId = tasks.createTaskQuery().processInstanceId(processInstanceId).singleResult().getId();
    return new Contact((String) answer.getBody().get("caseRef"), processInstanceId, taskId);
  }

  Map<String, Object> formVariables(String user, String taskId) {
    ResponseEntity<Map<String, Map<String, Object>>> answer = http.exchange("/engine-rest/task/" + taskId + "/form-variables",
        HttpMethod.GET, new HttpEntity<>(json(user)), new ParameterizedTypeReference<>() {});
    assertThat(answer.getStatusCode().value()).isEqualTo(200);
    Map<String, Object> values = new HashMap<>();
    answer.getBody().forEach((name, value) -> values.put(name, value.get("value")));
    return values;
  }

  ResponseEntity<String> complete(String user, String taskId, Map<String, Object> variables) {
    return complete(user, taskId, variables, "/complete");
  }

  ResponseEntity<String> complete(String user, String taskId, Map<String, Object> variables, String door) {
    Map<String, Object> typed = new HashMap<>();
    variables.forEach((name, value) -> typed.put(name, value == null ? new HashMap<>() : Map.of("value", value)));
    return send(user, HttpMethod.POST, "/engine-rest/task/" + taskId + door, Map.of("variables", typed));
  }

  /** The task as Tasklist holds it for its date controls (the form reference is not part of an update). */
  /** The whole task as Tasklist reads it and sends it back when a date is changed, camundaFormRef included. */
  Map<String, Object> taskAsTasklistHoldsIt(String user, String taskId) {
    Map<String, Object> task = new HashMap<>(get(user, "/engine-rest/task/" + taskId, Map.class).getBody());
    assertThat(task.get("camundaFormRef")).as("a task with a Camunda Form, as Tasklist sends it back").isNotNull();
    return task;
  }

  <T> ResponseEntity<T> get(String user, String path, Class<T> type) {
    return http.exchange(path, HttpMethod.GET, new HttpEntity<>(json(user)), type);
  }

  ResponseEntity<String> send(String user, HttpMethod method, String path, Object body) {
    return http.exchange(path, method, new HttpEntity<>(body, json(user)), String.class);
  }

  private static HttpHeaders json(String user) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setBasicAuth(user, user);
    return headers;
  }
}
