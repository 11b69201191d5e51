package org.safeguardflow.intake;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.safeguardflow.intake.ContactProcess.Element.*;

import java.time.OffsetDateTime;
import java.util.Date;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.safeguardflow.casework.CaseRecord;
import org.safeguardflow.casework.CaseRecords;
import org.safeguardflow.intake.ContactProcess.Route;
import org.safeguardflow.notify.Notifications;
import org.safeguardflow.support.EngineClock;
import org.safeguardflow.support.FrontDoorClient;
import org.safeguardflow.support.SafeguardFlowTest;
import org.safeguardflow.support.SampleContact;
import org.safeguardflow.timescales.TimescaleBreaches;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * A child's case at the front door: the contact arrives, the threshold table suggests a route, a
 * team manager decides within one working day, the referrer is told, and the case closes or moves on.
 */
@SafeguardFlowTest
class ContactScenarioTest {

  /** Thursday before Easter 2026: Good Friday and Easter Monday follow, so the decision is due Tuesday. */
  static final String THURSDAY_2_APRIL_2026 = "2026-04-02T10:15:00+01:00";
  static final Date DUE_END_OF_TUESDAY_7_APRIL = at("2026-04-07T23:59:59+01:00");

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired CaseRecords cases;
  @Autowired Notifications notifications;
  @Autowired TimescaleBreaches breaches;
  @Autowired TestRestTemplate http;
  FrontDoorClient frontDoor;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    frontDoor = new FrontDoorClient(http);
  }

  @Test
  void aSchoolsConcernWaitsForAManagersDecisionDueAfterTheEasterBankHolidays() {
    EngineClock.setTo("2026-04-02T10:20:00+01:00");
    String caseRef = frontDoor.recorded(SampleContact.fromSchool(THURSDAY_2_APRIL_2026));

    ProcessInstance contact = contact(caseRef);
    assertThat(contact).hasPassed(SUGGEST_LEVEL_OF_NEED).isWaitingAt(MANAGER_DECIDES_CONTACT);
    assertThat(contact).variables()
        .containsEntry("suggestedLevelOfNeed", 3)
        .containsEntry("suggestedRoute", "EARLY_HELP");
    Task decision = task(contact);
    assertThat(decision).hasCandidateGroup("front-door-team-managers").hasDueDate(DUE_END_OF_TUESDAY_7_APRIL);
    Assertions.assertThat(decision.getFollowUpDate()).isEqualTo(at("2026-04-07T09:00:00+01:00"));
    Assertions.assertThat(cases.find(caseRef)).get().extracting(CaseRecord::status).isEqualTo(CaseRecord.Status.CONTACT);
  }

  @ParameterizedTest(name = "{0}: the case goes on at {1}")
  @CsvSource({
      "NFA, EndEvent_CaseClosed, CLOSED",
      "EARLY_HELP, EndEvent_CaseClosed, CLOSED",
      "S17_ASSESSMENT, CallActivity_ReferralEpisode, REFERRAL",
      "STRATEGY_DISCUSSION, CallActivity_ReferralEpisode, REFERRAL",
      "IMMEDIATE_PROTECTION, CallActivity_ReferralEpisode, REFERRAL"
  })
  void theManagersDecisionRoutesTheCaseAndTheReferrerIsTold(Route route, String nextStep, CaseRecord.Status status) {
    EngineClock.setTo("2026-04-02T10:20:00+01:00");
    String caseRef = frontDoor.recorded(SampleContact.fromSchool(THURSDAY_2_APRIL_2026));
    ProcessInstance contact = contact(caseRef);

    EngineClock.setTo("2026-04-02T15:00:00+01:00");
    complete(task(contact), withVariables("contactDecision", route.name(),
        "contactDecisionReason", "Discussed with the school's safeguarding lead"));

    assertThat(contact).hasPassed(RECORD_CONTACT_DECISION).isWaitingAt(NOTIFY_REFERRER);
    runJobsDue(contact);

    if (route.closesTheCase()) {
      assertThat(contact).hasPassed(NOTIFY_REFERRER, CLOSE_CONTACT, CASE_CLOSED).isEnded();
    } else {
      // A referral: the referral episode starts, first of all to allocate a qualified social worker.
      assertThat(contact).hasPassed(NOTIFY_REFERRER).isWaitingAt(nextStep);
      Assertions.assertThat(tasks.createTaskQuery().processInstanceBusinessKey(caseRef)
          .taskDefinitionKey("Task_AllocateSocialWorker").singleResult()).isNotNull();
    }
    Assertions.assertThat(cases.find(caseRef)).get().extracting(CaseRecord::status).isEqualTo(status);
    var told = notifications.forCase(caseRef);
    Assertions.assertThat(told).singleElement().satisfies(n -> {
      Assertions.assertThat(n.recipient()).isEqualTo("dsl@oak-primary.example");
      Assertions.assertThat(n.body()).contains(caseRef, route.label());
      Assertions.assertThat(n.body()).doesNotContain("Amy", "bruise");
    });
    Assertions.assertThat(breaches.forCase(caseRef)).isEmpty();
  }

  @ParameterizedTest(name = "danger={0} harm={1} universal={2} agencies={3} consents={4} suggests level {5} {6}")
  @CsvSource({
      "true, true, false, 1, false, 4, IMMEDIATE_PROTECTION",
      "false, true, false, 1, true, 4, STRATEGY_DISCUSSION",
      "false, false, true, 0, true, 1, NFA",
      "false, false, false, 3, false, 3, S17_ASSESSMENT",
      "false, false, false, 2, true, 3, EARLY_HELP",
      "false, false, false, 1, false, 2, EARLY_HELP"
  })
  void theThresholdTableSuggestsALevelOfNeed(boolean danger, boolean harm, boolean universal, int agencies,
      boolean consents, int level, String route) {
    String caseRef = frontDoor.recorded(SampleContact.fromSchool(OffsetDateTime.now().minusHours(1).toString())
        .screenedAs(danger, harm, universal, agencies, consents));
    assertThat(contact(caseRef)).variables()
        .containsEntry("suggestedLevelOfNeed", level)
        .containsEntry("suggestedRoute", route);
  }

  @Test
  void aDecisionWithoutAReasonIsRefusedAndTheTaskStaysOpen() {
    String caseRef = frontDoor.recorded(SampleContact.fromSchool(OffsetDateTime.now().minusHours(1).toString()));
    ProcessInstance contact = contact(caseRef);
    String taskId = task(contact).getId();

    Assertions.assertThatThrownBy(() -> tasks.complete(taskId, Map.of("contactDecision", "NFA")))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("contactDecisionReason is required");
    Assertions.assertThatThrownBy(() -> tasks.complete(taskId, Map.of("contactDecision", "CLOSE_IT",
            "contactDecisionReason", "x")))
        .hasMessageContaining("contactDecision must be one of NFA, EARLY_HELP");

    assertThat(contact).isWaitingAt(MANAGER_DECIDES_CONTACT);
    Assertions.assertThat(runtime.getVariable(contact.getId(), "contactDecision")).isNull();
  }

  @Test
  void anUndecidedContactRemindsTheTeamThenEscalatesToServiceManagersAndTheLateReasonIsKept() {
    EngineClock.setTo("2026-04-02T10:20:00+01:00");
    String caseRef = frontDoor.recorded(SampleContact.fromSchool(THURSDAY_2_APRIL_2026));
    ProcessInstance contact = contact(caseRef);

    // Over the Easter weekend nothing is due.
    EngineClock.setTo("2026-04-06T23:00:00+01:00");
    Assertions.assertThat(runJobsDue(contact)).isZero();

    // 09:00 on the due day: the front-door managers are reminded.
    EngineClock.setTo("2026-04-07T09:00:01+01:00");
    runJobsDue(contact);
    assertThat(contact).hasPassed(DECISION_REMINDER, REMIND_TEAM).isWaitingAt(MANAGER_DECIDES_CONTACT);
    Assertions.assertThat(notifications.forCase(caseRef))
        .extracting(Notifications.Notification::type).containsExactly("CONTACT_DECISION_DUE");
    Assertions.assertThat(breaches.forCase(caseRef)).isEmpty();

    // Midnight passes with no decision: the breach is recorded and a service manager is asked to act.
    EngineClock.setTo("2026-04-08T00:00:01+01:00");
    runJobsDue(contact);
    assertThat(contact).hasPassed(DECISION_DUE, RECORD_DECISION_BREACH)
        .isWaitingAt(MANAGER_DECIDES_CONTACT, SERVICE_MANAGER_REVIEWS_OVERDUE);
    Task escalation = tasks.createTaskQuery().processInstanceId(contact.getId())
        .taskDefinitionKey(SERVICE_MANAGER_REVIEWS_OVERDUE).singleResult();
    assertThat(escalation).hasCandidateGroup("service-managers").hasDueDate(at("2026-04-09T23:59:59+01:00"));
    Assertions.assertThat(runtime.getVariable(contact.getId(), "contactDecisionOverdue")).isEqualTo(true);
    Assertions.assertThat(breaches.forCase(caseRef)).singleElement().satisfies(b -> {
      Assertions.assertThat(b.step()).isEqualTo("CONTACT_DECISION");
      Assertions.assertThat(b.dueAt()).isEqualTo(DUE_END_OF_TUESDAY_7_APRIL.toInstant());
      Assertions.assertThat(b.reason()).isNull();
    });

    // A late decision must say why it is late.
    Task decision = tasks.createTaskQuery().processInstanceId(contact.getId())
        .taskDefinitionKey(MANAGER_DECIDES_CONTACT).singleResult();
    EngineClock.setTo("2026-04-08T10:00:00+01:00");
    Assertions.assertThatThrownBy(() -> tasks.complete(decision.getId(), Map.of(
            "contactDecision", "S17_ASSESSMENT", "contactDecisionReason", "Needs assessment")))
        .hasMessageContaining("contactDecisionLateReason is required");

    complete(decision, withVariables("contactDecision", "S17_ASSESSMENT",
        "contactDecisionReason", "Needs assessment",
        "contactDecisionLateReason", "Waiting for the health visitor's information over Easter"));

    // The decision closes the escalation by itself.
    Assertions.assertThat(tasks.createTaskQuery().processInstanceId(contact.getId())
        .taskDefinitionKey(SERVICE_MANAGER_REVIEWS_OVERDUE).count()).isZero();
    assertThat(contact).variables().containsEntry("contactDecisionLate", true);
    Assertions.assertThat(breaches.forCase(caseRef)).singleElement().satisfies(b ->
        Assertions.assertThat(b.reason()).isEqualTo("Waiting for the health visitor's information over Easter"));
    runJobsDue(contact);
    assertThat(contact).isWaitingAt(REFERRAL_EPISODE);
  }

  @Test
  void aServiceManagerFollowsUpTheEscalationWhileTheDecisionIsStillAwaited() {
    EngineClock.setTo("2026-04-02T10:20:00+01:00");
    String caseRef = frontDoor.recorded(SampleContact.fromSchool(THURSDAY_2_APRIL_2026));
    ProcessInstance contact = contact(caseRef);
    EngineClock.setTo("2026-04-08T08:00:00+01:00");
    runJobsDue(contact);

    Task escalation = tasks.createTaskQuery().processInstanceId(contact.getId())
        .taskDefinitionKey(SERVICE_MANAGER_REVIEWS_OVERDUE).singleResult();
    complete(escalation, withVariables("escalationNote", "Spoke to the duty manager; decision by noon"));

    assertThat(contact).hasPassed(SERVICE_MANAGER_REVIEWS_OVERDUE, "EndEvent_EscalationReviewed")
        .isWaitingAt(MANAGER_DECIDES_CONTACT);
  }

  /**
   * One open episode per child: a further contact joins the open case, which keeps DfE CIN census
   * rules 8815 (one open episode), 8816 (the open episode is the latest) and 8820 (no overlapping
   * episodes).
   */
  @Test
  void aFurtherContactAboutAChildWithAnOpenCaseJoinsItAndIsReviewedWithinAWorkingDay() {
    String nhsNumber = SampleContact.newNhsNumber();
    EngineClock.setTo("2026-04-02T10:20:00+01:00");
    String lastName = "Smith-" + SampleContact.letters(System.nanoTime() % (1 << 30));
    String caseRef = frontDoor.recorded(SampleContact.fromSchool(THURSDAY_2_APRIL_2026).with("child.lastName", lastName)
        .with("child.nhsNumber", nhsNumber));

    // The health visitor calls about the same child the next week, before the first contact is decided.
    EngineClock.setTo("2026-04-08T09:30:00+01:00");
    var answer = frontDoor.submit(SampleContact.fromSchool("2026-04-08T09:15:00+01:00").with("child.lastName", lastName)
        .with("child.nhsNumber", nhsNumber).with("source", "3B")
        .with("referrer.name", "Health visitor").with("concerns", "Home conditions have worsened."), "partner");

    Assertions.assertThat(answer.getStatusCode().value()).isEqualTo(201);
    Assertions.assertThat(answer.getBody()).containsEntry("caseRef", caseRef).containsEntry("joinedOpenCase", true);
    Assertions.assertThat(OffsetDateTime.parse((String) answer.getBody().get("decisionDueBy")))
        .isEqualTo(OffsetDateTime.parse("2026-04-09T23:59:59+01:00"));
    ProcessInstance contact = contact(caseRef);
    assertThat(contact).isWaitingAt(MANAGER_DECIDES_CONTACT, REVIEW_FURTHER_CONTACT);
    Task review = tasks.createTaskQuery().processInstanceId(contact.getId()).taskDefinitionKey(REVIEW_FURTHER_CONTACT).singleResult();
    Assertions.assertThat(tasks.getVariable(review.getId(), "furtherContactConcerns")).isEqualTo("Home conditions have worsened.");

    complete(review, withVariables("furtherContactReview", "Added to the information for the decision"));
    assertThat(contact).hasPassed(REVIEW_FURTHER_CONTACT, "EndEvent_FurtherContactReviewed").isWaitingAt(MANAGER_DECIDES_CONTACT);
  }

  /**
   * A further contact reviewed late says why, in its own words: the first decision's late reason, still
   * in the case, neither satisfies the rule nor fills the review's form (README: every statutory task
   * asks why when completed late).
   */
  @Test
  void aFurtherContactReviewedLateSaysWhyAndTheFirstDecisionsReasonDoesNotCount() {
    String nhsNumber = SampleContact.newNhsNumber();
    EngineClock.setTo("2026-04-02T10:20:00+01:00");
    String lastName = "Smith-" + SampleContact.letters(System.nanoTime() % (1 << 30));
    String caseRef = frontDoor.recorded(SampleContact.fromSchool(THURSDAY_2_APRIL_2026).with("child.lastName", lastName)
        .with("child.nhsNumber", nhsNumber));
    ProcessInstance contact = contact(caseRef);
    EngineClock.setTo("2026-04-08T10:00:00+01:00");
    Task decision = tasks.createTaskQuery().processInstanceId(contact.getId())
        .taskDefinitionKey(MANAGER_DECIDES_CONTACT).singleResult();
    complete(decision, withVariables("contactDecision", "S17_ASSESSMENT", "contactDecisionReason", "Needs assessment",
        "contactDecisionLateReason", "Waiting for the health visitor's information over Easter"));

    // The health visitor calls again; the review is left until four working days later.
    EngineClock.setTo("2026-04-09T09:30:00+01:00");
    var answer = frontDoor.submit(SampleContact.fromSchool("2026-04-09T09:15:00+01:00").with("child.lastName", lastName)
        .with("child.nhsNumber", nhsNumber).with("source", "3B")
        .with("referrer.name", "Health visitor").with("concerns", "Home conditions have worsened."), "partner");
    Assertions.assertThat(answer.getStatusCode().value()).isEqualTo(201);
    Task review = tasks.createTaskQuery().processInstanceId(contact.getId()).taskDefinitionKey(REVIEW_FURTHER_CONTACT).singleResult();
    EngineClock.setTo("2026-04-15T10:00:00+01:00");

    Assertions.assertThat(engine.getFormService().getTaskFormVariables(review.getId()))
        .containsEntry("contactDecisionOverdue", true).containsEntry("contactDecisionLateReason", null);
    Assertions.assertThatThrownBy(() -> tasks.complete(review.getId(), Map.of(
            "furtherContactReview", "Added to the assessment")))
        .hasMessageContaining("contactDecisionLateReason is required");

    complete(review, withVariables("furtherContactReview", "Added to the assessment",
        "contactDecisionLateReason", "The duty manager was off sick"));
    assertThat(contact).hasPassed(REVIEW_FURTHER_CONTACT, "EndEvent_FurtherContactReviewed");
    Assertions.assertThat(breaches.forCase(caseRef)).extracting(TimescaleBreaches.Breach::reason)
        .contains("The duty manager was off sick");
  }

  @Test
  void aContactAfterTheCaseClosedOpensANewEpisode() {
    String nhsNumber = SampleContact.newNhsNumber();
    String first = frontDoor.recorded(SampleContact.fromSchool(OffsetDateTime.now().minusHours(2).toString())
        .with("child.nhsNumber", nhsNumber));
    ProcessInstance contact = contact(first);
    complete(task(contact), withVariables("contactDecision", "NFA", "contactDecisionReason", "Advice given"));
    runJobsDue(contact);
    assertThat(contact).isEnded();

    var again = frontDoor.submit(SampleContact.fromSchool(OffsetDateTime.now().minusHours(1).toString())
        .with("child.nhsNumber", nhsNumber), "manager");
    Assertions.assertThat(again.getBody()).containsEntry("joinedOpenCase", false);
    Assertions.assertThat((String) again.getBody().get("caseRef")).isNotEqualTo(first);
  }

  private ProcessInstance contact(String caseRef) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseRef).singleResult();
  }

  /** Runs the case's jobs that the engine's clock says are due, as the job executor would; returns how many ran. */
  private int runJobsDue(ProcessInstance contact) {
    int ran = 0;
    for (int round = 0; round < 20; round++) {
      var due = management.createJobQuery().processInstanceId(contact.getId()).executable().list();
      if (due.isEmpty()) {
        return ran;
      }
      for (Job job : due) {
        management.executeJob(job.getId());
        ran++;
      }
    }
    throw new AssertionError("Jobs kept falling due: a timer loop?");
  }

  static Date at(String isoDateTime) {
    return Date.from(OffsetDateTime.parse(isoDateTime).toInstant());
  }
}
