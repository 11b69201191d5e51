package org.safeguardflow.casework;

import static org.safeguardflow.support.PlanAnswers.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.safeguardflow.casework.conference.InitialConferenceProcess;
import org.safeguardflow.casework.protectionplan.ChildProtectionPlanProcess;
import org.safeguardflow.documents.CaseDocument;
import org.safeguardflow.documents.DocumentSource;
import org.safeguardflow.support.CaseScenario;
import org.safeguardflow.support.EngineClock;
import org.safeguardflow.support.PlanAnswers;
import org.safeguardflow.support.SafeguardFlowTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Ella's outcomes change as her plan goes on. Her conference on 20 April 2026 set two outcomes; at her
 * first core group the school's half-term dates bring outcome 1's date forward and a dental outcome is
 * added with its action; at her first review her father has moved away and outcome 2 ends, his open
 * action closing and no longer chased. Each change says why; who made it and when is kept with the
 * outcome as it was before, so the plan's history shows every earlier version; the broken revisions are
 * refused naming the row and the rule, and nothing of the meeting is kept. An action naming a third
 * party (her mother's new partner's police check) is marked not for the family: the family's copy of
 * the plan leaves it out, the partners' keeps it.
 */
@SafeguardFlowTest
class OutcomeRevisionsScenarioTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> WORKER = List.of("social-workers", "north-social-workers");
  static final List<String> MANAGER = List.of("team-managers", "north-team-managers");

  @Autowired CaseScenario scenario;
  @Autowired PlanRecords plans;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired IdentityService identity;
  @Autowired List<DocumentSource> documents;
  @Autowired org.springframework.boot.test.web.client.TestRestTemplate http;

  @AfterEach
  void signOut() {
    identity.clearAuthentication();
  }

  @Test
  void ellasOutcomesAreChangedAddedAndEndedAtMeetingsWithEveryEarlierVersionKept() throws Exception {
    EngineClock.setTo("2026-04-20T17:00:00+01:00");
    String caseRef = scenario.openCase("Ella");
    holdConference(caseRef);
    startPlan(caseRef);
    long planId = plans.openPlan(caseRef, PlanRecords.Kind.CP).orElseThrow().id();

    // First core group, 30 April, recorded by Ella's worker.
    EngineClock.setTo("2026-04-30T15:00:00+01:00");
    Task coreGroup = scenario.task(caseRef, ChildProtectionPlanProcess.Element.RECORD_FIRST_CORE_GROUP);
    Map<String, Object> meeting = PlanAnswers.meeting(tasks.getVariable(coreGroup.getId(), "outcomeProgress"), "RED");
    meeting.put("coreGroupDate", "2026-04-30");
    meeting.put("coreGroupActions", "Plan explained to Ella's parents");
    String changeDate = "{\"revision\":\"CHANGE\",\"outcome\":1,\"byWhen\":\"2026-10-23\","
        + "\"why\":\"The school's autumn half term ends on 23 October: attendance is measured then\"}";
    String addDentist = "{\"revision\":\"ADD\",\"whatChanges\":\"Ella's teeth are checked and treated\","
        + "\"measuredBy\":\"A letter from the dentist\",\"byWhen\":\"2026-09-30\",\"why\":\"Two decayed teeth seen at the medical\"}";

    refused(coreGroup, meeting, "[" + addDentist + "]", "[]",
        "outcomeRevisions[1].revision adds outcome 3: agree at least one action for it in newPlanActions");
    refused(coreGroup, meeting, "[{\"revision\":\"END\",\"outcome\":9,\"why\":\"x\"},"
            + "{\"revision\":\"CHANGE\",\"outcome\":2,\"why\":\"Nothing new\"},{\"revision\":\"REWRITE\",\"outcome\":1}]", "[]",
        "outcomeRevisions[1].outcome must be the number of one of the plan's outcomes still in it",
        "outcomeRevisions[2].revision changes nothing in outcome 2",
        "outcomeRevisions[3].revision must be ADD, CHANGE or END", "outcomeRevisions[3].why is required");
    refused(coreGroup, meeting, "[{\"revision\":\"END\",\"outcome\":1,\"why\":\"Going well\"},"
            + "{\"revision\":\"END\",\"outcome\":2,\"why\":\"Father gone\"}]", "[]",
        "outcomeRevisions would end every outcome: a plan keeps at least one");
    refused(coreGroup, meeting, "[" + changeDate.replace("2026-10-23", "2026-04-01") + "]", "[]",
        "outcomeRevisions[1].byWhen (2026-04-01) is before 2026-04-30");
    Assertions.assertThat(plans.revisions(planId)).as("nothing kept of a refused meeting").isEmpty();
    Assertions.assertThat(plans.meetings(planId)).isEmpty();

    meeting.put("outcomeRevisions", json("[" + changeDate + "," + addDentist + "]"));
    meeting.put("newPlanActions", json("[{\"outcome\":3,\"who\":\"Mrs Smith (mother)\",\"what\":\"Book and take Ella to the"
        + " dentist\",\"byWhen\":\"2026-06-30\"}]"));
    as("sam.social", WORKER, () -> tasks.complete(coreGroup.getId(), meeting));

    List<PlanRecords.Outcome> outcomes = plans.outcomes(planId);
    Assertions.assertThat(outcomes).extracting(PlanRecords.Outcome::position).containsExactly(1, 2, 3);
    Assertions.assertThat(outcomes.get(0).byWhen()).hasToString("2026-10-23");
    Assertions.assertThat(outcomes.get(0).whatChanges()).as("a blank field keeps what it was")
        .isEqualTo("Ella is at school every day, on time");
    Assertions.assertThat(plans.actions(planId)).filteredOn(a -> a.outcomePosition() == 3)
        .extracting(PlanRecords.Action::who).containsExactly("Mrs Smith (mother)");

    // First review, 16 July, recorded by the team manager: the new outcome is rated for the first time;
    // outcome 2 ends and Mr Smith's action with it.
    EngineClock.setTo("2026-07-16T16:00:00+01:00");
    Task review = scenario.task(caseRef, ChildProtectionPlanProcess.Element.RECORD_REVIEW_CONFERENCE);
    JsonNode shown = JSON.readTree(tasks.getVariable(review.getId(), "outcomeProgress").toString());
    Assertions.assertThat(shown).extracting(r -> r.path("outcome").asInt() + ": " + r.path("previousRating").asText())
        .containsExactly("1: RED on 2026-04-30", "2: RED on 2026-04-30", "3: Not rated yet");
    Assertions.assertThat(shown.get(0).path("byWhen").asText()).isEqualTo("2026-10-23");
    Map<String, Object> answers = PlansWithOutcomesScenarioTest.review("2026-07-16", "CONTINUE",
        PlanAnswers.meeting(tasks.getVariable(review.getId(), "outcomeProgress"), "AMBER"));
    answers.put("outcomeRevisions", json("[{\"revision\":\"END\",\"outcome\":2,\"why\":\"Mr Smith has moved to Leeds and"
        + " sees Ella only at his mother's, supervised: safety goal 1 covers it\"}]"));
    refusedWith("manager", MANAGER, review, with(answers, "newPlanActions", json("[{\"outcome\":2,\"who\":\"Mr Smith\",\"what\":\"Keep going\","
        + "\"byWhen\":\"2026-08-30\"}]")), "newPlanActions has an action for outcome 2, which this meeting ends");
    String fathersChase = runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseRef)
        .processDefinitionKey(PlanActions.PROCESS).variableValueEquals(PlanActions.Var.WHO, "Mr Smith (father)")
        .singleResult().getId();
    as("manager", MANAGER, () -> tasks.complete(review.getId(), answers));

    Assertions.assertThat(plans.outcomes(planId).get(1).endedOn()).hasToString("2026-07-16");
    Assertions.assertThat(plans.currentOutcomes(planId)).extracting(PlanRecords.Outcome::position).containsExactly(1, 3);
    Assertions.assertThat(plans.actions(planId)).filteredOn(a -> a.who().equals("Mr Smith (father)"))
        .extracting(PlanRecords.Action::closedReason).containsExactly("OUTCOME_ENDED");
    Assertions.assertThat(runtime.createProcessInstanceQuery().processInstanceId(fathersChase).count())
        .as("no longer chased").isZero();

    // The next review rates only the outcomes still in the plan.
    Task next = scenario.task(caseRef, ChildProtectionPlanProcess.Element.RECORD_REVIEW_CONFERENCE);
    Assertions.assertThat(JSON.readTree(tasks.getVariable(next.getId(), "outcomeProgress").toString()))
        .extracting(r -> r.path("outcome").asInt()).containsExactly(1, 3);

    // The history: who, when, why, and every earlier version.
    List<PlanRecords.OutcomeRevision> history = plans.revisions(planId);
    Assertions.assertThat(history).extracting(r -> r.position() + " " + r.revision() + " by " + r.revisedBy() + " on "
        + r.revisedOn()).containsExactly("1 CHANGED by sam.social on 2026-04-30", "3 ADDED by sam.social on 2026-04-30",
        "2 ENDED by manager on 2026-07-16");
    Assertions.assertThat(history.get(0).previousByWhen()).hasToString("2026-12-18");
    Assertions.assertThat(history.get(0).byWhen()).hasToString("2026-10-23");
    Assertions.assertThat(history.get(0).why()).startsWith("The school's autumn half term");
    Assertions.assertThat(history.get(1).previousWhatChanges()).isNull();

    CaseDocument plan = documents.stream().filter(d -> d.kind().equals("child-protection-plan")).findFirst().orElseThrow()
        .build(caseRef).orElseThrow();
    Map<String, String> changes = plan.sections().stream()
        .filter(s -> s.heading().equals("Changes to the outcomes since the plan was set")).findFirst().orElseThrow()
        .entries().stream().collect(java.util.stream.Collectors.toMap(CaseDocument.Entry::label, CaseDocument.Entry::text));
    Assertions.assertThat(changes.get("Outcome 1, 2026-04-30")).contains("by 2026-10-23", "Was: ", "by 2026-12-18",
        "Why: The school's autumn half term");
    Assertions.assertThat(changes.get("Outcome 2, 2026-07-16")).startsWith("Ended: Ella is not hit or frightened at home");
    Assertions.assertThat(plan.sections().stream().filter(s -> s.heading().equals("Outcome 2")).findFirst().orElseThrow()
        .entries()).anySatisfy(e -> Assertions.assertThat(e.text()).isEqualTo("On 2026-07-16: no longer part of the plan"));
  }

  @Test
  void anActionNamingAThirdPartyIsLeftOutOfTheFamilysCopyOfThePlanAndKeptInThePartners() throws Exception {
    EngineClock.setTo("2026-04-20T17:00:00+01:00");
    String caseRef = scenario.openCase("Ella");
    Map<String, Object> plan = new HashMap<>(PlansWithOutcomesScenarioTest.ellasPlan());
    String actions = "[{\"outcome\":1,\"who\":\"Mrs Smith (mother)\",\"what\":\"Walk Ella to school each morning\","
        + "\"byWhen\":\"2026-05-08\"},{\"outcome\":2,\"who\":\"Police\",\"what\":\"Check Mrs Smith's new partner,"
        + " Dean Carter, before he stays overnight\",\"byWhen\":\"2026-05-29\",\"notForFamily\":%s}]";
    plan.put("planActions", json(String.format(actions, "\"yes\"")));
    Assertions.assertThatThrownBy(() -> holdConference(caseRef, plan))
        .hasMessageContaining("planActions[2].notForFamily must be true or false");
    plan.put("planActions", json(String.format(actions, "true")));
    scenario.complete(caseRef, InitialConferenceProcess.Element.RECORD_CONFERENCE_OUTCOME, conferenceOutcome(plan));
    scenario.runJobsDue(caseRef);

    String familys = pdfText(caseRef, "family");
    Assertions.assertThat(familys).contains("Walk Ella to school each morning").doesNotContain("Dean Carter", "new partner");
    Assertions.assertThat(pdfText(caseRef, "professionals")).contains("Dean Carter", "(not for the family)");
  }

  private String pdfText(String caseRef, String reader) throws java.io.IOException {
    org.springframework.http.ResponseEntity<byte[]> pdf = http.withBasicAuth("manager", "manager")
        .getForEntity("/api/cases/" + caseRef + "/documents/child-protection-plan.pdf?for=" + reader, byte[].class);
    Assertions.assertThat(pdf.getStatusCode().value()).isEqualTo(200);
    try (org.apache.pdfbox.pdmodel.PDDocument read = org.apache.pdfbox.Loader.loadPDF(pdf.getBody())) {
      return new org.apache.pdfbox.text.PDFTextStripper().getText(read).replaceAll("\\s+", " ");
    }
  }

  private void refused(Task task, Map<String, Object> meeting, String revisions, String newActions, String... messages) {
    Map<String, Object> answers = new HashMap<>(meeting);
    answers.put("outcomeRevisions", json(revisions));
    answers.put("newPlanActions", json(newActions));
    refusedWith("sam.social", WORKER, task, answers, messages);
  }

  private void refusedWith(String user, List<String> groups, Task task, Map<String, Object> answers, String... messages) {
    as(user, groups, () -> {
      var thrown = Assertions.assertThatThrownBy(() -> tasks.complete(task.getId(), answers));
      for (String message : messages) {
        thrown.hasMessageContaining(message);
      }
    });
    Assertions.assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).as("the meeting stays open").isOne();
  }

  private static Map<String, Object> with(Map<String, Object> answers, String key, Object value) {
    Map<String, Object> more = new HashMap<>(answers);
    more.put(key, value);
    return more;
  }

  private void as(String user, List<String> groups, Runnable work) {
    identity.setAuthentication(user, groups);
    try {
      work.run();
    } finally {
      identity.clearAuthentication();
    }
  }

  private void holdConference(String caseRef) {
    holdConference(caseRef, PlansWithOutcomesScenarioTest.ellasPlan());
  }

  private static Map<String, Object> conferenceOutcome(Map<String, Object> plan) {
    Map<String, Object> outcome = PlansWithOutcomesScenarioTest.conferenceOutcome("CP_PLAN");
    outcome.putAll(plan);
    return outcome;
  }

  /** Ella's conference, booked and held: the outcome with {@code plan} (refused: the outcome task stays open). */
  private void holdConference(String caseRef, Map<String, Object> plan) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("referralDate", "2026-03-23");
    vars.put("allocatedWorker", "sam.social");
    vars.put("strategyDiscussionDate", "2026-03-30");
    vars.put("s47ActualStartDate", "2026-03-30");
    vars.put("strategyInvitees", List.of("POLICE", "EDUCATION"));
    scenario.start(InitialConferenceProcess.KEY, caseRef, vars);
    scenario.complete(caseRef, InitialConferenceProcess.Element.SCHEDULE_CONFERENCE, Map.of("conferencePlannedDate",
        "2026-04-20", "conferenceVenue", "Civic Centre", "conferenceInvitees", List.of("POLICE", "EDUCATION")));
    scenario.runJobsDue(caseRef);
    scenario.complete(caseRef, InitialConferenceProcess.Element.RECORD_CONFERENCE_OUTCOME, conferenceOutcome(plan));
    scenario.runJobsDue(caseRef);
  }

  private void startPlan(String caseRef) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("referralDate", "2026-03-23");
    vars.put("allocatedWorker", "sam.social");
    vars.put("dateOfInitialCpc", "2026-04-20");
    vars.put("initialCategoryOfAbuse", "PHY");
    scenario.start(ChildProtectionPlanProcess.KEY, caseRef, vars);
  }
}
