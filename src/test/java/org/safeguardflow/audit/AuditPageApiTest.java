package org.safeguardflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
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
 * The audit API as an auditor's browser uses it: finding a case, the path through each model, the
 * refusals (malformed reference, unknown case, no or wrong login, a partner agency's login), and
 * the page itself.
 */
@SafeguardFlowTest
class AuditPageApiTest {

  @Autowired TestRestTemplate http;
  @Autowired CaseScenario scenario;
  @Autowired RepositoryService repository;

  @Test
  void aCaseIsFoundByItsReferenceOrTheChildsNameInAnyCase() {
    String surname = "Okafor-" + SampleContact.letters(System.nanoTime());
    String caseRef = new FrontDoorClient(http).recorded(SampleContact.fromSchool(java.time.OffsetDateTime.now().minusHours(1).toString())
        .with("child.firstName", "Tobi").with("child.lastName", surname));

    assertThat(found("ref=" + caseRef)).singleElement().satisfies(c -> assertThat(c)
        .containsEntry("caseRef", caseRef).containsEntry("childFirstName", "Tobi").containsEntry("childLastName", surname)
        .containsEntry("childDateOfBirth", "2018-03-04").containsEntry("status", "CONTACT"));
    assertThat(found("ref=" + caseRef.toLowerCase())).extracting(c -> c.get("caseRef")).containsExactly(caseRef);
    assertThat(found("child=" + surname.toUpperCase())).extracting(c -> c.get("caseRef")).containsExactly(caseRef);
    assertThat(found("child=tobi " + surname.toLowerCase())).extracting(c -> c.get("caseRef")).containsExactly(caseRef);
    // Both words must match: another first name finds nothing.
    assertThat(found("child=Amy " + surname)).isEmpty();
    // A LIKE wildcard in a name is searched for as written.
    assertThat(found("child=%")).isEmpty();
  }

  @Test
  void searchResultsStopAtFifty() {
    for (int i = 0; i < 51; i++) {
      scenario.openCase("Child" + i);
    }
    // openCase names every child Tester-<n>: all of them match the common start.
    assertThat(found("child=tester")).hasSize(50);
  }

  @Test
  void theDiagramPathHasEachModelThePassedActivitiesWithTheirTimeAndTheFlowsBetweenThem() {
    EngineClock.setTo("2026-04-02T10:20:00+01:00");
    String caseRef = new FrontDoorClient(http).recorded(SampleContact.fromSchool("2026-04-02T10:15:00+01:00"));
    EngineClock.setTo("2026-04-02T15:20:00+01:00");
    scenario.complete(caseRef, "Task_ManagerDecidesContact",
        Map.of("contactDecision", "NFA", "contactDecisionReason", "Advice given to the school"));
    scenario.runJobsDue(caseRef);

    ResponseEntity<Map<String, Object>> answer = get("/api/cases/" + caseRef + "/diagram-path", "auditor", "auditor");
    assertThat(answer.getStatusCode().value()).isEqualTo(200);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> processes = (List<Map<String, Object>>) answer.getBody().get("processes");
    assertThat(processes).singleElement().satisfies(p -> {
      assertThat(p).containsEntry("processKey", "Process_Contact");
      assertThat((String) p.get("bpmnXml")).contains("<bpmn:process id=\"Process_Contact\"");
      ProcessDefinition definition = repository.getProcessDefinition((String) p.get("processDefinitionId"));
      assertThat(definition.getKey()).isEqualTo("Process_Contact");

      @SuppressWarnings("unchecked")
      List<Map<String, Object>> activities = (List<Map<String, Object>>) p.get("activities");
      assertThat(activities).extracting(a -> a.get("activityId")).containsSubsequence(
          "StartEvent_ContactReceived", "Task_SuggestLevelOfNeed", "SubProcess_ContactDecision",
          "Task_ManagerDecidesContact", "Task_RecordContactDecision", "Task_NotifyReferrerOfOutcome",
          "Gateway_WhatDidManagerDecide", "Task_CloseContact", "EndEvent_CaseClosed")
          .doesNotContain("Task_RecordDecisionBreach");
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> spent = (List<Map<String, Object>>) p.get("timeSpent");
      // The manager decided five hours after the contact arrived.
      assertThat(spent).filteredOn(s -> "Task_ManagerDecidesContact".equals(s.get("activityId"))).singleElement()
          .satisfies(s -> assertThat(s).containsEntry("times", 1).containsEntry("totalMillis", 5 * 3600_000)
              .containsEntry("stillOpen", false));

      @SuppressWarnings("unchecked")
      List<String> flows = (List<String>) p.get("sequenceFlowsTaken");
      assertThat(flows).contains("Flow_ToSuggestLevelOfNeed", "Flow_ToContactDecision", "Flow_ToManagerDecidesContact",
          "Flow_ToRecordContactDecision", "Flow_NoFurtherActionOrEarlyHelp", "Flow_ToCaseClosed")
          .doesNotContain("Flow_ChildInNeedAssessment", "Flow_StrategyDiscussion", "Flow_ToRecordDecisionBreach");
      // Every flow said to be taken joins two activities the case passed.
      BpmnModelInstance model = repository.getBpmnModelInstance(definition.getId());
      List<Object> passed = activities.stream().map(a -> a.get("activityId")).toList();
      assertThat(flows).allSatisfy(id -> {
        SequenceFlow flow = model.getModelElementById(id);
        assertThat(passed).contains(flow.getSource().getId(), flow.getTarget().getId());
      });
    });
  }

  @ParameterizedTest(name = "{0} is refused")
  @ValueSource(strings = {"CR-26-1", "cr-2026-000001", "CR-2026-0000001", "anything"})
  @SuppressWarnings("unchecked")
  void aMalformedCaseReferenceIsRefused(String caseRef) {
    for (String view : List.of("timeline", "diagram-path")) {
      ResponseEntity<Map<String, Object>> answer = get("/api/cases/" + caseRef + "/" + view, "auditor", "auditor");
      assertThat(answer.getStatusCode().value()).isEqualTo(400);
      assertThat(answer.getBody().get("errors")).asList().singleElement()
          .satisfies(e -> assertThat((Map<String, Object>) e).containsEntry("field", "caseRef").containsEntry("rule", "format"));
    }
  }

  @Test
  void anUnknownCaseIsNotFoundAndTheAnswerNamesIt() {
    for (String view : List.of("timeline", "diagram-path")) {
      ResponseEntity<Map<String, Object>> answer = get("/api/cases/CR-1999-999999/" + view, "auditor", "auditor");
      assertThat(answer.getStatusCode().value()).isEqualTo(404);
      assertThat(answer.getBody()).containsEntry("caseRef", "CR-1999-999999");
      assertThat((String) answer.getBody().get("message")).contains("CR-1999-999999");
    }
  }

  @ParameterizedTest(name = "search with {0} is refused")
  @CsvSource(delimiter = '|', value = {
      "''| ref | required",
      "ref=&child=| ref | required",
      "ref=CR 2026| ref | format"})
  @SuppressWarnings("unchecked")
  void aSearchWithoutATermOrWithAMalformedReferenceIsRefused(String query, String field, String rule) {
    ResponseEntity<Map<String, Object>> answer = get("/api/cases?" + query, "auditor", "auditor");
    assertThat(answer.getStatusCode().value()).isEqualTo(400);
    assertThat(answer.getBody().get("errors")).asList()
        .anySatisfy(e -> assertThat((Map<String, Object>) e).containsEntry("field", field).containsEntry("rule", rule));
  }

  @ParameterizedTest(name = "timeliness from={0} to={1} team={2}: {3} {4}")
  @CsvSource({
      "'', 2026-04-30, '', from, required",
      "2026-04-01, '', '', to, required",
      "2026-4-1, 2026-04-30, '', from, date",
      "2026-04-01, 2026-02-30, '', to, date",
      "2026-04-30, 2026-04-01, '', to, after-from",
      "2025-01-01, 2026-04-30, '', to, max-range",
      "2026-04-01, 2026-04-30, team;drop, team, format"})
  @SuppressWarnings("unchecked")
  void aTimelinessReportWithBadDatesOrRangeIsRefused(String from, String to, String team, String field, String rule) {
    ResponseEntity<Map<String, Object>> answer = get("/api/timeliness?from=" + from + "&to=" + to + "&team=" + team,
        "auditor", "auditor");
    assertThat(answer.getStatusCode().value()).isEqualTo(400);
    assertThat(answer.getBody().get("errors")).asList()
        .anySatisfy(e -> assertThat((Map<String, Object>) e).containsEntry("field", field).containsEntry("rule", rule));
  }

  @ParameterizedTest(name = "{0} without a valid login: 401")
  @ValueSource(strings = {"/api/cases/CR-2026-000001/timeline", "/api/cases/CR-2026-000001/diagram-path",
      "/api/cases?ref=CR-2026", "/api/timeliness?from=2026-04-01&to=2026-04-30"})
  void nothingIsShownWithoutAValidLogin(String path) {
    assertThat(get(path, null, null).getStatusCode().value()).isEqualTo(401);
    // An unknown user rather than a wrong password: a wrong password would lock the auditor out of the next tests.
    assertThat(get(path, "nobody", "wrong").getStatusCode().value()).isEqualTo(401);
  }

  @ParameterizedTest(name = "{0} for a partner agency: 403")
  @ValueSource(strings = {"/api/cases/CR-2026-000001/timeline", "/api/cases/CR-2026-000001/diagram-path",
      "/api/cases?ref=CR-2026", "/api/timeliness?from=2026-04-01&to=2026-04-30"})
  void aPartnerAgencyMayNotReadCaseHistories(String path) {
    assertThat(get(path, "partner", "partner").getStatusCode().value()).isEqualTo(403);
    // Nor may a social worker: case histories across the service are for auditors and managers.
    assertThat(get(path, "worker", "worker").getStatusCode().value()).isEqualTo(403);
  }

  @ParameterizedTest(name = "{0} may search case histories: {1}; may read the timeliness report: {2}")
  @CsvSource({"auditor, true, true", "manager, true, false", "south-manager, true, false", "senior, true, true",
      "demo, true, true"})
  void auditorsManagersAndAdministratorsMayReadCaseHistoriesAndOnlyServiceWideRolesTheReport(String user,
      boolean searches, boolean readsReport) {
    assertThat(get("/api/cases?ref=CR-2026", user, user).getStatusCode().value()).isEqualTo(searches ? 200 : 403);
    assertThat(get("/api/timeliness?from=2026-04-01&to=2026-04-30", user, user).getStatusCode().value())
        .isEqualTo(readsReport ? 200 : 403);
  }

  @Test
  void thePageIsServedWithoutLoginAndHoldsNoCaseData() {
    ResponseEntity<String> page = http.getForEntity("/audit/", String.class);
    assertThat(page.getStatusCode().value()).isEqualTo(200);
    assertThat(page.getBody()).contains("Safeguard Flow: case audit", "audit.js", "vendor/bpmn-navigated-viewer.production.min.js")
        .doesNotContain("https://");
    ResponseEntity<String> script = http.getForEntity("/audit/audit.js", String.class);
    assertThat(script.getStatusCode().value()).isEqualTo(200);
    assertThat(script.getBody()).contains("textContent").doesNotContain("innerHTML");
    // The census pre-submission check is on the page, each failure linking to its case.
    assertThat(page.getBody()).contains("CIN census: pre-submission check", "census-check-table");
    assertThat(script.getBody()).contains("/api/returns/cin-census/check?year=", "openCase(ref)");
  }

  @Test
  void theDiagramViewerIsServedFromTheAppEveryBuildCopiedItTo() {
    // Every build installs bpmn-js (bin/install-node-tools at generate-resources) unless told not to.
    Assumptions.assumeFalse(Boolean.getBoolean("node.skip"), "built with -Dnode.skip=true: no viewer copied");
    ResponseEntity<String> viewer = http.getForEntity("/audit/vendor/bpmn-navigated-viewer.production.min.js", String.class);
    assertThat(viewer.getStatusCode().value()).isEqualTo(200);
    assertThat(viewer.getBody()).contains("bpmn.io");
    assertThat(http.getForEntity("/audit/vendor/assets/bpmn-js.css", String.class).getStatusCode().value()).isEqualTo(200);
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> found(String query) {
    ResponseEntity<Map<String, Object>> answer = get("/api/cases?" + query, "auditor", "auditor");
    assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(200);
    assertThat(answer.getBody()).containsEntry("limit", 50);
    return (List<Map<String, Object>>) answer.getBody().get("cases");
  }

  private ResponseEntity<Map<String, Object>> get(String path, String user, String password) {
    HttpHeaders headers = new HttpHeaders();
    if (user != null) {
      headers.setBasicAuth(user, password);
    }
    return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), new ParameterizedTypeReference<>() {});
  }
}
