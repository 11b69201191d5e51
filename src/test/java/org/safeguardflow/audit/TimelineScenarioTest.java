package org.safeguardflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.safeguardflow.casework.CaseRecords;
import org.safeguardflow.casework.Pathway;
import org.safeguardflow.casework.assessment.AssessmentProcess;
import org.safeguardflow.casework.conference.InitialConferenceProcess;
import org.safeguardflow.casework.protectionplan.ChildProtectionPlanProcess;
import org.safeguardflow.casework.referral.ReferralEpisode;
import org.safeguardflow.support.PlanAnswers;
import org.safeguardflow.support.CaseScenario;
import org.safeguardflow.support.EngineClock;
import org.safeguardflow.support.FrontDoorClient;
import org.safeguardflow.support.SafeguardFlowTest;
import org.safeguardflow.support.SampleContact;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * An auditor replays three cases whose statutory steps ran late: a contact decided after the Easter
 * weekend, Mia's initial conference two working days late, and a missed visit to Leo on a child
 * protection plan; and Sara's child in need referral, walked through the referral episode's stages. Each late step shows in the case's timeline with who did it and the reason given,
 * and in the timeliness report of its team. Each case is allocated to a team of its own, so the
 * report's counts for that team are exactly this case's.
 */
@SafeguardFlowTest
class TimelineScenarioTest {

  @Autowired TestRestTemplate http;
  @Autowired CaseScenario scenario;
  @Autowired CaseRecords cases;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;

  @Test
  void aContactDecidedLateShowsWhoDecidedWhyItWasLateAndTheSuggestionBesideTheDecision() {
    EngineClock.setTo("2026-04-02T10:20:00+01:00");
    String caseRef = new FrontDoorClient(http).recorded(SampleContact.fromSchool("2026-04-02T10:15:00+01:00"));
    String team = ownTeam(caseRef);
    // The deadline (end of Tuesday 7 April) passes: the breach is recorded.
    EngineClock.setTo("2026-04-08T00:00:01+01:00");
    scenario.runJobsDue(caseRef);

    EngineClock.setTo("2026-04-08T10:00:00+01:00");
    as("manager", "team-managers", () -> scenario.complete(caseRef, "Task_ManagerDecidesContact", Map.of(
        "contactDecision", "EARLY_HELP", "contactDecisionReason", "Family agree to a family support worker",
        "contactDecisionLateReason", "Waiting for the health visitor's information over Easter")));
    scenario.runJobsDue(caseRef);

    List<Map<String, Object>> timeline = timeline(caseRef);
    Map<String, Object> decision = task(timeline, "Task_ManagerDecidesContact");
    assertThat(decision).containsEntry("who", "manager").containsEntry("deadline", "LATE")
        .containsEntry("timescaleStep", "CONTACT_DECISION")
        .containsEntry("lateReason", "Waiting for the health visitor's information over Easter");
    assertThat(OffsetDateTime.parse((String) decision.get("due")))
        .isAtSameInstantAs(OffsetDateTime.parse("2026-04-07T23:59:59+01:00"));
    assertThat(OffsetDateTime.parse((String) decision.get("completed")))
        .isAtSameInstantAs(OffsetDateTime.parse("2026-04-08T10:00:00+01:00"));
    assertThat(decision.get("process")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("key", "Process_Contact").containsKey("version");
    // The threshold table's suggestion and the manager's decision, side by side.
    assertThat(values(timeline, "DECISION")).containsEntry("suggestedRoute", "EARLY_HELP")
        .containsEntry("contactDecision", "EARLY_HELP")
        .containsEntry("contactDecisionReason", "Family agree to a family support worker");
    assertThat(timeline).filteredOn(e -> "DECISION".equals(e.get("kind")) && "contactDecision".equals(e.get("variable")))
        .singleElement().satisfies(e -> assertThat(e).containsEntry("who", "manager"));
    assertThat(timeline).filteredOn(e -> "DEADLINE_MISSED".equals(e.get("kind"))).singleElement()
        .satisfies(e -> assertThat(e).containsEntry("timescaleStep", "CONTACT_DECISION")
            .containsEntry("lateReason", "Waiting for the health visitor's information over Easter")
            .containsEntry("who", "manager"));
    // The referrer was told, and the reminder to the team before the deadline is there too.
    assertThat(timeline).filteredOn(e -> "NOTIFICATION".equals(e.get("kind"))).extracting(e -> (String) e.get("name"))
        .contains("CONTACT_DECISION_DUE RECORDED", "REFERRER_OUTCOME RECORDED");
    assertThat(timeline).filteredOn(e -> "USER_OPERATION".equals(e.get("kind")))
        .anySatisfy(e -> assertThat(e).containsEntry("name", "Complete Task").containsEntry("who", "manager"));
    assertThat(timeline).filteredOn(e -> "ACTIVITY".equals(e.get("kind"))).extracting(e -> (String) e.get("elementId"))
        .contains("Task_SuggestLevelOfNeed", "Task_RecordDecisionBreach", "Task_CloseContact", "EndEvent_CaseClosed");
    assertNothingShownAsNoneBeforeItsFirstValue(timeline);
    assertInTimeOrder(timeline);

    Map<String, Object> row = timeliness("2026-04-01", "2026-04-30", team, "CONTACT_DECISION");
    assertThat(row).containsEntry("onTime", 0).containsEntry("late", 1).containsEntry("lateCases", List.of(caseRef));
  }

  @Test
  void miasConferenceHeldTwoWorkingDaysLateIsLateInTheTimelineAndTheTimelinessReport() {
    EngineClock.setTo("2026-03-31T09:00:00+01:00");
    String caseRef = scenario.openCase("Mia");
    String team = ownTeam(caseRef);
    Map<String, Object> vars = new HashMap<>();
    vars.put("referralDate", "2026-03-23");
    vars.put("allocatedWorker", "sam.social");
    vars.put("strategyDiscussionDate", "2026-03-30");
    vars.put("s47ActualStartDate", "2026-03-30");
    vars.put("strategyInvitees", List.of("POLICE", "EDUCATION"));
    scenario.start(InitialConferenceProcess.KEY, caseRef, vars);
    EngineClock.setTo("2026-04-01T11:00:00+01:00");
    as("manager", "team-managers", () -> scenario.complete(caseRef, "Task_ScheduleConference", Map.of(
        "conferencePlannedDate", "2026-04-21", "conferenceVenue", "Online", "conferenceInvitees", List.of("POLICE"))));
    scenario.runJobsDue(caseRef);
    EngineClock.setTo("2026-04-23T00:00:01+01:00");
    scenario.runJobsDue(caseRef);

    EngineClock.setTo("2026-04-24T15:00:00+01:00");
    Map<String, Object> outcome = new HashMap<>();
    outcome.put("dateOfInitialCpc", "2026-04-24");
    outcome.put("childAttendedConference", true);
    outcome.put("childRepresentedByAdvocate", false);
    outcome.put("icpcOutcome", "CP_PLAN");
    outcome.put("initialCategoryOfAbuse", "EMO");
    outcome.put("icpcOutcomeReasons", "Persistent emotional harm; parents minimise");
    outcome.put("initialCpcLateReason", "The police officer in the case could not attend until Friday");
    outcome.putAll(PlanAnswers.smallestCpPlan("2026-04-24"));
    as("chair", "team-managers", () -> scenario.complete(caseRef, "Task_RecordConferenceOutcome", outcome));
    scenario.runJobsDue(caseRef);

    List<Map<String, Object>> timeline = timeline(caseRef);
    assertThat(task(timeline, "Task_ScheduleConference")).containsEntry("who", "manager").containsEntry("deadline", "MET");
    assertThat(task(timeline, "Task_RecordConferenceOutcome")).containsEntry("who", "chair")
        .containsEntry("deadline", "LATE").containsEntry("timescaleStep", "INITIAL_CPC")
        .containsEntry("lateReason", "The police officer in the case could not attend until Friday");
    assertThat(values(timeline, "DECISION")).containsEntry("icpcOutcome", "CP_PLAN")
        .containsEntry("initialCategoryOfAbuse", "EMO")
        .containsEntry("icpcOutcomeReasons", "Persistent emotional harm; parents minimise");
    assertThat(values(timeline, "CENSUS_DATE")).containsEntry("dateOfInitialCpc", "2026-04-24")
        .containsEntry("s47ActualStartDate", "2026-03-30")
        .containsEntry("initialCpcTarget", "2026-04-22T22:59:59Z");
    // Invitations and the outcome went to the police, delivered or not yet.
    assertThat(timeline).filteredOn(e -> "NOTIFICATION".equals(e.get("kind"))).extracting(e -> (String) e.get("name"))
        .contains("ICPC_INVITE RECORDED", "ICPC_OUTCOME RECORDED");
    assertNothingShownAsNoneBeforeItsFirstValue(timeline);
    assertInTimeOrder(timeline);

    Map<String, Object> row = timeliness("2026-04-01", "2026-04-30", team, "INITIAL_CPC");
    assertThat(row).containsEntry("late", 1).containsEntry("lateCases", List.of(caseRef));
  }

  @Test
  void leosMissedVisitIsOverdueWhileAwaitedAndLateWithItsReasonOnceRecorded() {
    EngineClock.setTo("2026-04-20T17:00:00+01:00");
    String caseRef = scenario.openCase("Leo");
    String team = ownTeam(caseRef);
    Map<String, Object> vars = new HashMap<>();
    vars.put("referralDate", "2026-03-23");
    vars.put("allocatedWorker", "sam.social");
    vars.put("dateOfInitialCpc", "2026-04-20");
    vars.put("initialCategoryOfAbuse", "NEG");
    scenario.start(ChildProtectionPlanProcess.KEY, caseRef, vars);
    EngineClock.setTo("2026-04-30T15:00:00+01:00");
    scenario.runJobsDue(caseRef);
    scenario.complete(caseRef, "Task_RecordStatutoryVisit", visit("2026-04-30"));

    // The second visit (due by the end of Friday 15 May) is missed.
    EngineClock.setTo("2026-05-16T00:00:01+01:00");
    scenario.runJobsDue(caseRef);
    List<Map<String, Object>> awaited = timeline(caseRef);
    assertThat(awaited).filteredOn(e -> "Task_RecordStatutoryVisit".equals(e.get("elementId")))
        .extracting(e -> e.get("deadline")).containsExactly("MET", "OVERDUE");
    Map<String, Object> overdue = timeliness("2026-05-01", "2026-05-31", team, "CP_VISIT");
    assertThat(overdue).containsEntry("onTime", 0).containsEntry("late", 0)
        .containsEntry("stillOpenPastDeadline", 1).containsEntry("overdueCases", List.of(caseRef));

    EngineClock.setTo("2026-05-18T14:00:00+01:00");
    Map<String, Object> late = visit("2026-05-18");
    late.put("cpVisitLateReason", "Family away; visit rearranged for the first day back");
    scenario.complete(caseRef, "Task_RecordStatutoryVisit", late);

    List<Map<String, Object>> timeline = timeline(caseRef);
    List<Map<String, Object>> visits = timeline.stream()
        .filter(e -> "Task_RecordStatutoryVisit".equals(e.get("elementId"))).toList();
    assertThat(visits).extracting(e -> e.get("deadline")).containsExactly("MET", "LATE", "PENDING");
    // The visits are the allocated worker's own work.
    assertThat(visits.get(0)).containsEntry("who", "sam.social").doesNotContainKey("lateReason");
    assertThat(visits.get(1)).containsEntry("who", "sam.social").containsEntry("timescaleStep", "CP_VISIT")
        .containsEntry("lateReason", "Family away; visit rearranged for the first day back");
    assertThat(values(timeline, "CENSUS_DATE")).containsEntry("cppStartDate", "2026-04-20")
        .containsEntry("latestCpVisitDate", "2026-05-18");
    assertNothingShownAsNoneBeforeItsFirstValue(timeline);
    assertInTimeOrder(timeline);

    Map<String, Object> row = timeliness("2026-04-01", "2026-05-31", team, "CP_VISIT");
    assertThat(row).containsEntry("onTime", 1).containsEntry("late", 1).containsEntry("lateCases", List.of(caseRef));
  }

  /**
   * Sara's referral goes from the front door through allocation and a single assessment to a child in
   * need plan. Each stage takes from the referral episode only what it names on its call activity, so
   * an input the episode does not hold yet (no strategy discussion, no earlier assessment, no child
   * protection plan) arrives as empty: the timeline shows what each stage recorded, and never
   * "(none)" for something nobody had recorded yet.
   */
  @Test
  void saraChildInNeedReferralShowsWhatEachStageRecordedAndNothingForWhatWasNeverAsked() {
    EngineClock.setTo("2026-04-02T10:30:00+01:00");
    String caseRef = new FrontDoorClient(http).recorded(SampleContact.fromSchool("2026-04-02T10:15:00+01:00")
        .with("child.firstName", "Sara"));
    as("manager", "team-managers", () -> scenario.complete(caseRef, "Task_ManagerDecidesContact", Map.of(
        "contactDecision", "S17_ASSESSMENT", "contactDecisionReason", "Needs a child in need assessment")));
    scenario.runJobsDue(caseRef);
    EngineClock.setTo("2026-04-02T16:00:00+01:00");
    as("manager", "team-managers", () -> scenario.complete(caseRef, ReferralEpisode.ALLOCATE_SOCIAL_WORKER,
        Map.of(Pathway.Var.ALLOCATED_WORKER.name(), "worker", Pathway.Var.ALLOCATED_TEAM.name(), CaseScenario.NORTH)));
    scenario.runJobsDue(caseRef);

    EngineClock.setTo("2026-04-20T11:00:00+01:00");
    Map<String, Object> assessment = new HashMap<>(org.safeguardflow.support.Assessments.whole());
    assessment.put("assessmentActualStartDate", "2026-04-08");
    assessment.put("assessmentChildSeenDate", "2026-04-09");
    assessment.put("assessmentChildSeenAlone", true);
    assessment.put("assessmentChildViews", "Sara says she wants help with her mum's illness");
    assessment.put("assessmentFactors", List.of("18C"));
    assessment.put("assessmentOutcome", "CIN_PLAN");
    assessment.put("assessmentOutcomeReason", "A young carer who needs support");
    assessment.put("primaryNeedCode", "N5");
    as("worker", "social-workers", () -> scenario.complete(caseRef, AssessmentProcess.Element.COMPLETE_SINGLE, assessment));
    as("manager", "team-managers", () -> scenario.complete(caseRef, AssessmentProcess.Element.AUTHORISE, Map.of(
        "assessmentAuthorisation", "AUTHORISE", "assessmentManagerComments", "Agreed")));
    assertThat(scenario.openTasks(caseRef)).contains("Task_StartChildInNeedPlan");

    List<Map<String, Object>> timeline = timeline(caseRef);
    assertThat(values(timeline, "DECISION")).containsEntry("contactDecision", "S17_ASSESSMENT")
        .containsEntry("allocatedWorker", "worker").containsEntry("assessmentOutcome", "CIN_PLAN")
        .containsEntry("primaryNeedCode", "N5");
    assertThat(values(timeline, "CENSUS_DATE")).containsEntry("referralDate", "2026-04-02")
        .containsEntry("assessmentActualStartDate", "2026-04-08").containsEntry("assessmentAuthorisationDate", "2026-04-20")
        .doesNotContainKeys("strategyDiscussionDate", "s47ActualStartDate", "initialCpcTarget", "cppStartDate", "cppEndDate");
    // What the assessment decided is shown once, not again as the copy the episode was given back.
    assertThat(timeline).filteredOn(e -> "assessmentOutcome".equals(e.get("variable"))).singleElement()
        .satisfies(e -> assertThat(e).containsEntry("value", "CIN_PLAN"));
    assertNothingShownAsNoneBeforeItsFirstValue(timeline);
    assertInTimeOrder(timeline);
  }

  /** Gives the case a team of its own, so that the timeliness report for that team is this case alone. */
  private String ownTeam(String caseRef) {
    String team = "audit-" + Long.toString(System.nanoTime(), 36);
    cases.allocate(caseRef, team, "sam.social", ClockUtil.getCurrentTime().toInstant().atOffset(ZoneOffset.UTC));
    return team;
  }

  /**
   * Does the work as a logged-in user, as Tasklist would, so that the engine logs who did it: a
   * manager at the front door and of team North, which holds the scenarios' cases (CaseScenario).
   */
  private void as(String user, String group, Runnable work) {
    identity.setAuthentication(user, List.of(group, "front-door-" + group, CaseScenario.NORTH + "-" + group));
    try {
      work.run();
    } finally {
      identity.clearAuthentication();
    }
  }

  private List<Map<String, Object>> timeline(String caseRef) {
    ResponseEntity<Map<String, Object>> answer = get("/api/cases/" + caseRef + "/timeline");
    assertThat(answer.getStatusCode().value()).isEqualTo(200);
    assertThat(answer.getBody()).containsEntry("caseRef", caseRef);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> entries = (List<Map<String, Object>>) answer.getBody().get("entries");
    return entries;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> timeliness(String from, String to, String team, String step) {
    ResponseEntity<Map<String, Object>> answer = get("/api/timeliness?from=" + from + "&to=" + to + "&team=" + team);
    assertThat(answer.getStatusCode().value()).isEqualTo(200);
    List<Map<String, Object>> steps = (List<Map<String, Object>>) answer.getBody().get("steps");
    assertThat(steps).allSatisfy(s -> assertThat(s).containsEntry("team", team));
    return steps.stream().filter(s -> step.equals(s.get("step"))).findFirst()
        .orElseThrow(() -> new AssertionError("No " + step + " in " + steps));
  }

  private ResponseEntity<Map<String, Object>> get(String path) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth("auditor", "auditor");
    return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), new ParameterizedTypeReference<>() {});
  }

  private static Map<String, Object> task(List<Map<String, Object>> timeline, String elementId) {
    List<Map<String, Object>> found = timeline.stream()
        .filter(e -> "USER_TASK".equals(e.get("kind")) && elementId.equals(e.get("elementId"))).toList();
    assertThat(found).as("user task %s in the timeline", elementId).hasSize(1);
    return found.get(0);
  }

  /** The latest value shown for each variable of that kind. */
  private static Map<String, Object> values(List<Map<String, Object>> timeline, String kind) {
    Map<String, Object> values = new HashMap<>();
    timeline.stream().filter(e -> kind.equals(e.get("kind"))).forEach(e -> values.put((String) e.get("variable"), e.get("value")));
    return values;
  }

  /** "(none)" means a value was cleared: it is never shown for a name before that name had a value. */
  private static void assertNothingShownAsNoneBeforeItsFirstValue(List<Map<String, Object>> timeline) {
    Set<String> recorded = new HashSet<>();
    for (Map<String, Object> e : timeline) {
      if ("DECISION".equals(e.get("kind")) || "CENSUS_DATE".equals(e.get("kind"))) {
        String name = (String) e.get("variable");
        if (e.get("value") == null) {
          assertThat(recorded).as("%s shown as (none) before it had a value", name).contains(name);
        } else {
          recorded.add(name);
        }
      }
    }
  }

  private static void assertInTimeOrder(List<Map<String, Object>> timeline) {
    List<OffsetDateTime> times = timeline.stream().map(e -> OffsetDateTime.parse((String) e.get("at"))).toList();
    assertThat(times).isSortedAccordingTo(java.util.Comparator.naturalOrder());
  }

  private static Map<String, Object> visit(String date) {
    Map<String, Object> answers = new HashMap<>();
    answers.put("cpVisitDate", date);
    answers.put("cpVisitChildSeen", true);
    answers.put("cpVisitChildSeenAlone", true);
    answers.put("cpVisitNotes", "Seen at home");
    return answers;
  }
}
