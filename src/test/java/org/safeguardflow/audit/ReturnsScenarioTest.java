package org.safeguardflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.safeguardflow.casework.Pathway;
import org.safeguardflow.casework.assessment.AssessmentProcess;
import org.safeguardflow.casework.conference.InitialConferenceProcess;
import org.safeguardflow.casework.needplan.ChildInNeedPlanProcess;
import org.safeguardflow.casework.protectionplan.ChildProtectionPlanProcess;
import org.safeguardflow.casework.referral.ReferralEpisode;
import org.safeguardflow.casework.strategy.StrategyDiscussionProcess;
import org.safeguardflow.support.PlanAnswers;
import org.safeguardflow.support.CaseScenario;
import org.safeguardflow.support.EngineClock;
import org.safeguardflow.support.FrontDoorClient;
import org.safeguardflow.support.SafeguardFlowTest;
import org.safeguardflow.support.SampleContact;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

/**
 * Three children's cases walked through the engine, then read back as inspectors and the DfE see
 * them: Nadia's referral closed after an assessment found no further action (RC8, census year 2025);
 * Ella's section 47 enquiry, conference and child protection plan; Leo's child in need plan (both in
 * census year 2026).
 */
@SafeguardFlowTest
class ReturnsScenarioTest {

  @Autowired CaseScenario scenario;
  @Autowired IdentityService identity;
  @Autowired org.camunda.bpm.engine.RuntimeService runtime;
  @Autowired org.camunda.bpm.engine.TaskService taskService;
  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;

  @AfterEach
  void signOut() {
    identity.clearAuthentication();
  }

  @Test
  void theCensusAndAnnexAShowEachChildsEpisodeAsTheCaseRecordedIt() throws Exception {
    String nadia = closedAfterAssessment();
    String ella = protectedOnAPlan();
    String leo = onAChildInNeedPlan();

    // Census year 2025 (April 2024 to March 2025): Nadia only.
    Document census2025 = census(2025);
    assertThat(text(census2025, "/Message/Header/CollectionDetails/Year")).isEqualTo("2025");
    assertThat(text(census2025, "/Message/Header/CollectionDetails/ReferenceDate")).isEqualTo("2025-03-31");
    assertThat(text(census2025, "/Message/Header/Source/LEA")).isEqualTo("999");
    assertThat(text(census2025, "/Message/Header/Source/SourceLevel")).isEqualTo("L");
    String n = child(nadia);
    assertThat(text(census2025, n + "/ChildIdentifiers/Sex")).isEqualTo("F");
    assertThat(text(census2025, n + "/ChildIdentifiers/PersonBirthDate")).isEqualTo("2018-03-04");
    assertThat(text(census2025, n + "/ChildCharacteristics/Ethnicity")).isEqualTo("WBRI");
    assertThat(children(census2025, n + "/CINdetails/*")).containsExactly(
        "CINreferralDate=2025-02-03", "ReferralSource=2A", "PrimaryNeedCode=N5", "CINclosureDate=2025-02-12",
        "ReasonForClosure=RC8", "Assessments=", "ReferralNFA=0");
    assertThat(children(census2025, n + "/CINdetails/Assessments/descendant::*[not(*)]")).containsExactly(
        "AssessmentActualStartDate=2025-02-04", "AssessmentAuthorisationDate=2025-02-11", "AssessmentFactors=21");
    assertThat(count(census2025, child(ella))).isZero();

    // Census year 2026: Ella and Leo; Nadia's episode closed before it began.
    Document census2026 = census(2026);
    assertThat(text(census2026, "/Message/Header/CollectionDetails/Year")).isEqualTo("2026");
    assertThat(text(census2026, "/Message/Header/CollectionDetails/ReferenceDate")).isEqualTo("2026-03-31");
    assertThat(count(census2026, n)).isZero();
    String e = child(ella);
    assertThat(count(census2026, e + "/ChildIdentifiers/GenderCurrent")).isZero();
    assertThat(children(census2026, e + "/CINdetails/*")).containsExactly(
        "CINreferralDate=2025-09-01", "ReferralSource=2A", "PrimaryNeedCode=N1", "Assessments=", "Section47=",
        "ReferralNFA=0", "ChildProtectionPlans=");
    assertThat(children(census2026, e + "/CINdetails/Assessments/descendant::*[not(*)]")).containsExactly(
        "AssessmentActualStartDate=2025-09-02", "AssessmentAuthorisationDate=2025-09-10", "AssessmentFactors=3A",
        "AssessmentFactors=4B");
    // The conference target: 15 working days from the strategy discussion on Tuesday 2 September.
    assertThat(children(census2026, e + "/CINdetails/Section47/*")).containsExactly(
        "S47ActualStartDate=2025-09-02", "InitialCPCtarget=2025-09-23", "DateOfInitialCPC=2025-09-22",
        "ICPCnotRequired=0");
    assertThat(children(census2026, e + "/CINdetails/ChildProtectionPlans/descendant::*[not(*)]")).containsExactly(
        "CPPstartDate=2025-09-22", "InitialCategoryOfAbuse=NEG", "LatestCategoryOfAbuse=EMO", "NumberOfPreviousCPP=0",
        "CPPreviewDate=2025-12-15");
    String l = child(leo);
    assertThat(children(census2026, l + "/CINdetails/*")).containsExactly(
        "CINreferralDate=2025-10-06", "ReferralSource=2A", "PrimaryNeedCode=N5", "Assessments=", "CINPlanDates=",
        "ReferralNFA=0");
    assertThat(children(census2026, l + "/CINdetails/CINPlanDates/*")).containsExactly("CINPlanStartDate=2025-10-14");

    // Annex A for the year to March 2026, then for the first half of 2025 (Nadia).
    ResponseEntity<byte[]> answer = asAuditor().getForEntity("/api/returns/annex-a?from=2025-04-01&to=2026-03-31", byte[].class);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answer.getHeaders().getContentDisposition().getFilename()).isEqualTo("Annex_A_2025-04-01_to_2026-03-31.xlsx");
    assertThat(answer.getHeaders().getContentDisposition().isAttachment()).isTrue();
    try (Workbook book = WorkbookFactory.create(new ByteArrayInputStream(answer.getBody()))) {
      assertThat(sheetNames(book)).containsExactly("List 1", "List 2", "List 3", "List 4", "List 5", "List 6", "List 7");
      String ellaId = childId(ella);
      String leoId = childId(leo);
      List<String> ellaChild = List.of(ellaId, "b) Female", "a) WBRI", "04/03/2018", "8");
      assertThat(row(book, "List 1", ellaId)).isEqualTo(concat(ellaChild, "01/09/2025", "e) 2A: Schools"));
      assertThat(row(book, "List 2", ellaId)).isNull();
      assertThat(row(book, "List 3", ellaId)).isEqualTo(concat(ellaChild, "01/09/2025", "e) 2A: Schools", "b) No", "0",
          "Assessment team North", "worker"));
      assertThat(row(book, "List 4", ellaId)).isEqualTo(concat(ellaChild, "", "02/09/2025", "a) Yes", "10/09/2025",
          "a) Yes", "Assessment team North", "worker"));
      assertThat(row(book, "List 5", ellaId)).isEqualTo(concat(ellaChild, "", "02/09/2025", "b) No", "22/09/2025",
          "a) Yes", "1", "1", "Assessment team North", "worker"));
      assertThat(row(book, "List 6", ellaId)).isEqualTo(concat(ellaChild, "", "01/09/2025", "N1 - Abuse or neglect",
          "26/09/2025", "", "", "b) Child Protection plan", "Assessment team North", "worker"));
      assertThat(row(book, "List 7", ellaId)).isEqualTo(concat(ellaChild, "", "22/09/2025", "a) Neglect",
          "d) Emotional abuse", "26/09/2025", "a) Yes", "15/12/2025", "", "", "0", "Assessment team North", "worker"));
      assertThat(row(book, "List 6", leoId)).containsSubsequence("06/10/2025", "N5 - Family dysfunction", "08/10/2025", "",
          "", "c) Child in need plan");
      assertThat(row(book, "List 4", leoId)).containsSubsequence("07/10/2025", "a) Yes", "14/10/2025", "a) Yes");
      assertThat(row(book, "List 7", leoId)).isNull();
      assertThat(row(book, "List 3", childId(nadia))).isNull();
    }
    try (Workbook book = WorkbookFactory.create(new ByteArrayInputStream(asAuditor()
        .getForEntity("/api/returns/annex-a?from=2025-01-01&to=2025-06-30", byte[].class).getBody()))) {
      String nadiaId = childId(nadia);
      assertThat(row(book, "List 3", nadiaId)).containsSubsequence("03/02/2025", "e) 2A: Schools", "b) No", "0");
      assertThat(row(book, "List 6", nadiaId)).containsSubsequence("03/02/2025", "N5 - Family dysfunction", "05/02/2025",
          "12/02/2025", "RC8 - Case closed after assessment, no further action", "e) Closed episode");
      assertThat(row(book, "List 4", nadiaId)).containsSubsequence("04/02/2025", "a) Yes", "11/02/2025", "b) No");
      assertThat(row(book, "List 5", nadiaId)).isNull();
    }
  }

  @Test
  void theHeaderRowsAreThoseOfOfstedsTemplate() throws Exception {
    try (InputStream template = getClass().getResourceAsStream("/returns/annex-a/Annex_A_2024_sample.xlsx");
        Workbook expected = WorkbookFactory.create(template);
        Workbook actual = WorkbookFactory.create(new ByteArrayInputStream(asAuditor()
            .getForEntity("/api/returns/annex-a?from=2030-01-01&to=2030-06-30", byte[].class).getBody()))) {
      for (int list = 1; list <= 7; list++) {
        assertThat(header(actual.getSheet("List " + list))).as("List " + list)
            .isEqualTo(header(expected.getSheet("List " + list)));
      }
      assertThat(actual.getNumberOfSheets()).isEqualTo(7);
    }
  }

  @Test
  void everyCensusYearWeShipASchemaForKeepsIt() throws Exception {
    // Whatever other tests left in the database, each message must keep its year's schema.
    for (int year : new int[] {2025, 2026}) {
      census(year);
    }
    ResponseEntity<String> year2027 = asAuditor().getForEntity("/api/returns/cin-census?year=2027", String.class);
    assertThat(year2027.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(year2027.getBody()).contains("<Year>2027</Year>", "<ReferenceDate>2027-03-31</ReferenceDate>");
  }

  @Test
  void badParametersAreRefusedFieldByField() {
    refused("/api/returns/cin-census?year=20x6", "year", "format");
    refused("/api/returns/cin-census", "year", "required");
    refused("/api/returns/cin-census?year=2012", "year", "census-year");
    refused("/api/returns/cin-census?year=2099", "year", "census-year");
    refused("/api/returns/annex-a?from=2025-13-01&to=2025-06-30", "from", "date");
    refused("/api/returns/annex-a?from=2025-06-30", "to", "required");
    refused("/api/returns/annex-a?from=2025-06-30&to=2025-06-01", "to", "not-before-from");
    refused("/api/returns/annex-a?from=2025-01-01&to=2026-01-01", "to", "at-most-12-months");
    assertThat(asAuditor().getForEntity("/api/returns/annex-a?from=2025-01-01&to=2025-12-31", byte[].class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  /**
   * DfE CIN census rule 2990, the issue's case walked through the workflow: Noor's school raises a
   * concern, a strategy discussion starts a section 47 enquiry, the enquiry concludes no conference is
   * needed, the assessment is authorised with no further action. "Closed after assessment" (RC8, RC9)
   * is neither offered nor accepted; the case closes RC7 and the census and the check agree.
   */
  @Test
  @SuppressWarnings("unchecked")
  void anEnquiryThatNeededNoConferenceIsNotReturnedAsClosedAfterAssessment() throws Exception {
    String caseRef = referred("2025-10-06", "Noor", "STRATEGY_DISCUSSION");
    as("manager", () -> scenario.complete(caseRef, StrategyDiscussionProcess.Element.CONVENE, Map.of(
        "strategyInvitees", List.of("POLICE", "HEALTH"), "strategyPlannedFor", "Tuesday 7 October, 10:00")));
    scenario.runJobsDue(caseRef);
    EngineClock.setTo("2025-10-07T11:00:00Z");
    as("manager", () -> scenario.complete(caseRef, StrategyDiscussionProcess.Element.RECORD, Map.of(
        "strategyDiscussionDate", "2025-10-07", "strategyAttendees", "Police, health visitor, chair",
        "s47Started", "true", "strategyDecisionReason", "Unexplained bruising")));
    as("manager", () -> scenario.complete(caseRef, StrategyDiscussionProcess.Element.RECORD_MINUTES,
        Map.of("strategyMinutes", "Visit today.")));
    scenario.runJobsDue(caseRef);
    EngineClock.setTo("2025-10-14T13:00:00Z");
    as("worker", () -> scenario.complete(caseRef, AssessmentProcess.Element.CONCLUDE_S47, Map.of(
        "s47Outcome", "NO_ICPC", "s47OutcomeReason", "Accidental injury, explanation consistent")));
    as("worker", () -> scenario.complete(caseRef, AssessmentProcess.Element.COMPLETE_SINGLE,
        assessed("2025-10-07", "2025-10-07", "NFA", "3A")));
    EngineClock.setTo("2025-10-15T10:00:00Z");
    as("manager", () -> scenario.complete(caseRef, AssessmentProcess.Element.AUTHORISE, authorised()));
    scenario.runJobsDue(caseRef);

    var closure = scenario.task(caseRef, ReferralEpisode.CLOSE_EPISODE);
    assertThat(String.valueOf(taskService.getVariable(closure.getId(), "closureReasonOptions")))
        .contains("\"RC7\"").doesNotContain("\"RC8\"", "\"RC9\"");
    EngineClock.setTo("2025-10-16T10:00:00Z");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> as("manager", () -> scenario.complete(caseRef,
            ReferralEpisode.CLOSE_EPISODE, Map.of(Pathway.Var.CLOSURE_DATE.name(), "2025-10-16", Pathway.Var.REASON_FOR_CLOSURE.name(),
                "RC8", ReferralEpisode.CLOSURE_NOTE, "No further action"))))
        .hasMessageContaining("reasonForClosure RC8 breaks DfE CIN census rule 2990")
        .hasMessageContaining("s47ActualStartDate 2025-10-07");
    as("manager", () -> scenario.complete(caseRef, ReferralEpisode.CLOSE_EPISODE, Map.of(Pathway.Var.CLOSURE_DATE.name(),
        "2025-10-16", Pathway.Var.REASON_FOR_CLOSURE.name(), "RC7", ReferralEpisode.CLOSURE_NOTE, "No further action")));
    scenario.runJobsDue(caseRef);

    Document census2026 = census(2026);
    assertThat(text(census2026, child(caseRef) + "/CINdetails/ReasonForClosure")).isEqualTo("RC7");
    assertThat(text(census2026, child(caseRef) + "/CINdetails/Section47/ICPCnotRequired")).isEqualTo("1");
    List<Map<String, Object>> failures = (List<Map<String, Object>>) asAuditor()
        .getForEntity("/api/returns/cin-census/check?year=2026", Map.class).getBody().get("failures");
    assertThat(failures).noneMatch(f -> caseRef.equals(f.get("caseRef")));
  }

  /**
   * Found by a newcomer: Kai's child in need assessment found his mother's drinking and domestic
   * abuse (2C, 3A) and proposed a strategy discussion; a section 47 enquiry began and with it a second
   * assessment. The census returned only one assessment: while the second was being written, one
   * "started" that day with no factors; once authorised, only the second's. Now each assessment is
   * returned with its own start, authorisation and factors, the open one with its start alone, and a
   * second assessment may not start on the day the first was authorised (DfE rule 8863).
   */
  @Test
  @SuppressWarnings("unchecked")
  void everyAssessmentOfAnEpisodeIsReturnedTheOpenOneWithItsStartDate() throws Exception {
    String caseRef = referred("2025-10-06", "Kai", "S17_ASSESSMENT");
    EngineClock.setTo("2025-10-13T15:00:00+01:00");
    as("worker", () -> scenario.complete(caseRef, AssessmentProcess.Element.COMPLETE_SINGLE,
        assessed("2025-10-07", "2025-10-08", "STRATEGY_DISCUSSION", "2C", "3A")));
    EngineClock.setTo("2025-10-14T10:00:00+01:00");
    as("manager", () -> scenario.complete(caseRef, AssessmentProcess.Element.AUTHORISE, authorised()));
    scenario.runJobsDue(caseRef);
    as("manager", () -> scenario.complete(caseRef, StrategyDiscussionProcess.Element.CONVENE, Map.of(
        "strategyInvitees", List.of("POLICE", "HEALTH"), "strategyPlannedFor", "Wednesday 15 October, 10:00")));
    scenario.runJobsDue(caseRef);
    EngineClock.setTo("2025-10-15T11:00:00+01:00");
    as("manager", () -> scenario.complete(caseRef, StrategyDiscussionProcess.Element.RECORD, Map.of(
        "strategyDiscussionDate", "2025-10-15", "strategyAttendees", "Police, health visitor, chair",
        "s47Started", "true", "strategyDecisionReason", "Disclosure of violence at home")));
    as("manager", () -> scenario.complete(caseRef, StrategyDiscussionProcess.Element.RECORD_MINUTES,
        Map.of("strategyMinutes", "Visit today.")));
    scenario.runJobsDue(caseRef);

    // While the second assessment is being written: both returned, the open one from the day it opened.
    Document whileOpen = census(2026);
    String assessments = child(caseRef) + "/CINdetails/Assessments";
    assertThat(count(whileOpen, assessments)).isEqualTo(2);
    assertThat(text(whileOpen, assessments + "[1]/AssessmentActualStartDate")).isEqualTo("2025-10-07");
    assertThat(text(whileOpen, assessments + "[1]/AssessmentAuthorisationDate")).isEqualTo("2025-10-14");
    assertThat(children(whileOpen, assessments + "[1]/FactorsIdentifiedAtAssessment/AssessmentFactors"))
        .containsExactly("AssessmentFactors=2C", "AssessmentFactors=3A");
    assertThat(text(whileOpen, assessments + "[2]/AssessmentActualStartDate")).isEqualTo("2025-10-15");
    assertThat(count(whileOpen, assessments + "[2]/AssessmentAuthorisationDate")).isZero();
    assertThat(count(whileOpen, assessments + "[2]/FactorsIdentifiedAtAssessment")).isZero();
    List<Map<String, Object>> failures = (List<Map<String, Object>>) asAuditor()
        .getForEntity("/api/returns/cin-census/check?year=2026", Map.class).getBody().get("failures");
    assertThat(failures).as("no 2991Q (enquiry without assessment) nor 8863 for Kai")
        .noneMatch(f -> caseRef.equals(f.get("caseRef")));

    EngineClock.setTo("2025-10-20T12:00:00+01:00");
    as("worker", () -> scenario.complete(caseRef, AssessmentProcess.Element.CONCLUDE_S47, Map.of(
        "s47Outcome", "NO_ICPC", "s47OutcomeReason", "Mother has left with the children; safety plan in place")));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> as("worker", () -> scenario.complete(caseRef,
            AssessmentProcess.Element.COMPLETE_SINGLE, assessed("2025-10-14", "2025-10-15", "NFA", "3A"))))
        .hasMessageContaining("assessmentActualStartDate (2025-10-14) is on or before the day the episode's previous"
            + " assessment was authorised (2025-10-14)")
        .hasMessageContaining("(DfE CIN census rule 8863)");
    as("worker", () -> scenario.complete(caseRef, AssessmentProcess.Element.COMPLETE_SINGLE,
        assessed("2025-10-15", "2025-10-15", "NFA", "3A", "4A")));
    EngineClock.setTo("2025-10-21T10:00:00+01:00");
    as("manager", () -> scenario.complete(caseRef, AssessmentProcess.Element.AUTHORISE, authorised()));
    scenario.runJobsDue(caseRef);

    Document authorisedBoth = census(2026);
    assertThat(count(authorisedBoth, assessments)).isEqualTo(2);
    assertThat(children(authorisedBoth, assessments + "[1]/FactorsIdentifiedAtAssessment/AssessmentFactors"))
        .containsExactly("AssessmentFactors=2C", "AssessmentFactors=3A");
    assertThat(text(authorisedBoth, assessments + "[2]/AssessmentActualStartDate")).isEqualTo("2025-10-15");
    assertThat(text(authorisedBoth, assessments + "[2]/AssessmentAuthorisationDate")).isEqualTo("2025-10-21");
    assertThat(children(authorisedBoth, assessments + "[2]/FactorsIdentifiedAtAssessment/AssessmentFactors"))
        .containsExactly("AssessmentFactors=3A", "AssessmentFactors=4A");
  }

  /**
   * The pre-submission check, as an auditor runs it before the upload: Sam's episode closed in
   * February 2026 with RC2 (died), but this system records no date of death, so the DfE will query it
   * (rule 8585Q). The report names the rule, its type and message, the child, the case and the link
   * to the case on the audit page; the census export says how many errors and queries the check found.
   */
  @Test
  @SuppressWarnings("unchecked")
  void thePreSubmissionCheckListsWhatTheDfeWouldQueryWithTheCaseToCorrect() {
    EngineClock.setTo("2026-01-05T10:00:00Z");
    String caseRef = scenario.openCase("Sam");
    runtime.createProcessInstanceByKey(Pathway.Process.REFERRAL_EPISODE).businessKey(caseRef)
        .startBeforeActivity(ReferralEpisode.CLOSE_EPISODE)
        .setVariables(Map.of(Pathway.Var.REFERRAL_DATE.name(), "2026-01-05", Pathway.Var.ASSESSMENT_ACTUAL_START_DATE.name(),
            "2026-01-06", Pathway.Var.ASSESSMENT_AUTHORISATION_DATE.name(), "2026-01-20", Pathway.Var.ASSESSMENT_OUTCOME.name(), "CIN_PLAN",
            Pathway.Var.ASSESSMENT_FACTORS.name(), new ArrayList<>(List.of("3A")), "caseRef", caseRef))
        .execute();
    EngineClock.setTo("2026-02-03T10:00:00Z");
    as("manager", () -> scenario.complete(caseRef, ReferralEpisode.CLOSE_EPISODE, Map.of(Pathway.Var.CLOSURE_DATE.name(),
        "2026-02-02", Pathway.Var.REASON_FOR_CLOSURE.name(), "RC2", ReferralEpisode.CLOSURE_NOTE, "Sam died")));

    ResponseEntity<Map> answer = asAuditor().getForEntity("/api/returns/cin-census/check?year=2026", Map.class);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    Map<String, Object> report = answer.getBody();
    assertThat(report).containsEntry("year", 2026).containsEntry("referenceDate", "2026-03-31");
    List<Map<String, Object>> failures = (List<Map<String, Object>>) report.get("failures");
    assertThat(failures).anySatisfy(f -> assertThat(f)
        .containsEntry("code", "8585Q").containsEntry("type", "query").containsEntry("caseRef", caseRef)
        .containsEntry("link", "/audit/#" + caseRef)
        .containsEntry("message", "An episode closed RC2 (died) has a date of death."));
    assertThat(failures).allSatisfy(f -> assertThat(f).containsKeys("code", "type", "message", "laChildId", "caseRef",
        "link", "detail"));
    assertThat((List<Map<String, Object>>) report.get("notRecorded")).extracting(r -> r.get("code"))
        .contains("8770Q", "2887Q", "8540");
    long errors = ((Number) report.get("errors")).longValue();
    long queries = ((Number) report.get("queries")).longValue();
    assertThat(errors + queries).isEqualTo(failures.size());
    assertThat(queries).isPositive();

    ResponseEntity<byte[]> census = asAuditor().getForEntity("/api/returns/cin-census?year=2026", byte[].class);
    assertThat(census.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(census.getHeaders().getFirst("X-Census-Check")).isEqualTo(report.get("summary"))
        .isEqualTo(errors + (errors == 1 ? " error, " : " errors, ") + queries + (queries == 1 ? " query" : " queries"));

    assertThat(http.withBasicAuth("worker", "worker").getForEntity("/api/returns/cin-census/check?year=2026", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.withBasicAuth("senior", "senior").getForEntity("/api/returns/cin-census/check?year=2026", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(http.getForEntity("/api/returns/cin-census/check?year=2026", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    refused("/api/returns/cin-census/check?year=20x6", "year", "format");
  }

  @Test
  void nobodyAnonymousGetsAReturn() {
    assertThat(http.getForEntity("/api/returns/cin-census?year=2026", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.getForEntity("/api/returns/annex-a?from=2025-01-01&to=2025-06-30", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.withBasicAuth("nobody-known", "guess").getForEntity("/api/returns/cin-census?year=2026", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  /** 400 naming the field and the rule it broke. */
  @SuppressWarnings("unchecked")
  private void refused(String url, String field, String rule) {
    ResponseEntity<Map> answer = asAuditor().getForEntity(url, Map.class);
    assertThat(answer.getStatusCode()).as(url).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((List<Map<String, String>>) answer.getBody().get("errors")).as(url)
        .anySatisfy(error -> {
          assertThat(error.get("field")).isEqualTo(field);
          assertThat(error.get("rule")).isEqualTo(rule);
        });
  }

  // --- the three cases ---------------------------------------------------------------------------

  /** Nadia: referred by her school on Monday 3 February 2025, assessed, no further action, closed RC8. */
  private String closedAfterAssessment() {
    String caseRef = referred("2025-02-03", "Nadia", "S17_ASSESSMENT");
    EngineClock.setTo("2025-02-10T15:00:00Z");
    as("worker", () -> scenario.complete(caseRef, AssessmentProcess.Element.COMPLETE_SINGLE,
        assessed("2025-02-04", "2025-02-05", "NFA", "21")));
    EngineClock.setTo("2025-02-11T10:00:00Z");
    as("manager", () -> scenario.complete(caseRef, AssessmentProcess.Element.AUTHORISE, authorised()));
    EngineClock.setTo("2025-02-12T10:00:00Z");
    as("manager", () -> scenario.complete(caseRef, ReferralEpisode.CLOSE_EPISODE, Map.of(Pathway.Var.CLOSURE_DATE.name(),
        "2025-02-12", Pathway.Var.REASON_FOR_CLOSURE.name(), "RC8", ReferralEpisode.CLOSURE_NOTE, "No concerns found")));
    scenario.runJobsDue(caseRef);
    return caseRef;
  }

  /** Ella: a strategy discussion, a section 47 enquiry, a conference and a plan for neglect, reviewed once. */
  private String protectedOnAPlan() {
    String caseRef = referred("2025-09-01", "Ella", "STRATEGY_DISCUSSION");
    as("manager", () -> scenario.complete(caseRef, StrategyDiscussionProcess.Element.CONVENE, Map.of(
        "strategyInvitees", List.of("POLICE", "HEALTH", "EDUCATION"), "strategyPlannedFor", "Tuesday 2 September, 10:00")));
    scenario.runJobsDue(caseRef);
    EngineClock.setTo("2025-09-02T11:00:00Z");
    as("manager", () -> scenario.complete(caseRef, StrategyDiscussionProcess.Element.RECORD, Map.of(
        "strategyDiscussionDate", "2025-09-02", "strategyAttendees", "Police, health visitor, school, chair",
        "s47Started", "true", "strategyDecisionReason", "Reasonable cause to suspect significant harm")));
    as("manager", () -> scenario.complete(caseRef, StrategyDiscussionProcess.Element.RECORD_MINUTES,
        Map.of("strategyMinutes", "Joint visit by police and social worker today.")));
    scenario.runJobsDue(caseRef);
    EngineClock.setTo("2025-09-09T13:00:00Z");
    as("worker", () -> scenario.complete(caseRef, AssessmentProcess.Element.CONCLUDE_S47, Map.of(
        "s47Outcome", "ICPC_REQUIRED", "s47OutcomeReason", "Injuries and disclosure substantiated")));
    as("worker", () -> scenario.complete(caseRef, AssessmentProcess.Element.COMPLETE_SINGLE,
        assessed("2025-09-02", "2025-09-02", "ICPC", "3A", "4B")));
    EngineClock.setTo("2025-09-10T10:00:00Z");
    as("manager", () -> scenario.complete(caseRef, AssessmentProcess.Element.AUTHORISE, authorised()));
    as("manager", () -> scenario.complete(caseRef, InitialConferenceProcess.Element.SCHEDULE_CONFERENCE, Map.of(
        "conferencePlannedDate", "2025-09-22", "conferenceVenue", "Civic Centre",
        "conferenceInvitees", List.of("POLICE", "HEALTH", "EDUCATION", "FAMILY"))));
    scenario.runJobsDue(caseRef);
    EngineClock.setTo("2025-09-22T15:00:00Z");
    Map<String, Object> conference = new HashMap<>();
    conference.put("dateOfInitialCpc", "2025-09-22");
    conference.put("childAttendedConference", true);
    conference.put("childRepresentedByAdvocate", false);
    conference.put("icpcOutcome", "CP_PLAN");
    conference.put("initialCategoryOfAbuse", "NEG");
    conference.put("icpcOutcomeReasons", "Home conditions and supervision neglectful");
    conference.putAll(PlanAnswers.smallestCpPlan("2025-09-22"));
    as("manager", () -> scenario.complete(caseRef, InitialConferenceProcess.Element.RECORD_CONFERENCE_OUTCOME, conference));
    scenario.runJobsDue(caseRef);
    EngineClock.setTo("2025-09-26T12:00:00+01:00");
    as("worker", () -> scenario.complete(caseRef, ChildProtectionPlanProcess.Element.RECORD_STATUTORY_VISIT, Map.of(
        "cpVisitDate", "2025-09-26", "cpVisitChildSeen", true, "cpVisitChildSeenAlone", true,
        "cpVisitNotes", "Seen at home and alone in her room")));
    as("worker", () -> scenario.complete(caseRef, ChildProtectionPlanProcess.Element.RECORD_FIRST_CORE_GROUP, PlanAnswers.with(Map.of(
        "coreGroupDate", "2025-09-26", "coreGroupActions", "Health visitor weekly"), PlanAnswers.meetingOn(1, "RED"))));
    EngineClock.setTo("2025-12-15T16:00:00Z");
    as("manager", () -> scenario.complete(caseRef, ChildProtectionPlanProcess.Element.RECORD_REVIEW_CONFERENCE, PlanAnswers.with(Map.of(
        "reviewDate", "2025-12-15", "latestCategoryOfAbuse", "EMO", "reviewDecision", "CONTINUE",
        "reviewNotes", "Neglect improving; emotional harm now the main concern"), PlanAnswers.meetingOn(1, "AMBER"))));
    return caseRef;
  }

  /** Leo: assessed as a child in need; his plan started on Tuesday 14 October 2025. */
  private String onAChildInNeedPlan() {
    String caseRef = referred("2025-10-06", "Leo", "S17_ASSESSMENT");
    EngineClock.setTo("2025-10-13T15:00:00+01:00");
    as("worker", () -> scenario.complete(caseRef, AssessmentProcess.Element.COMPLETE_SINGLE,
        assessed("2025-10-07", "2025-10-08", "CIN_PLAN", "4B")));
    EngineClock.setTo("2025-10-14T10:00:00+01:00");
    as("manager", () -> scenario.complete(caseRef, AssessmentProcess.Element.AUTHORISE, authorised()));
    as("worker", () -> scenario.complete(caseRef, ChildInNeedPlanProcess.Element.START_PLAN, PlanAnswers.with(Map.of(
        Pathway.Var.CIN_PLAN_START_DATE.name(), "2025-10-14", ChildInNeedPlanProcess.Var.AIMS.name(), "Leo's mother supported"),
        PlanAnswers.smallestCinPlan("2025-10-14"))));
    return caseRef;
  }

  /** A school's contact received at 10:15 that day, decided at 10:30 and allocated at 16:00. */
  private String referred(String day, String firstName, String decision) {
    EngineClock.setTo(day + "T10:30:00Z");
    String caseRef = new FrontDoorClient(http).recorded(SampleContact.fromSchool(day + "T10:15:00Z")
        .with("child.firstName", firstName).screenedAs(false, "STRATEGY_DISCUSSION".equals(decision), false, 3, false));
    as("manager", () -> scenario.complete(caseRef, "Task_ManagerDecidesContact", Map.of(
        "contactDecision", decision, "contactDecisionReason", "Concerns need social work")));
    scenario.runJobsDue(caseRef);
    EngineClock.setTo(day + "T16:00:00Z");
    as("manager", () -> scenario.complete(caseRef, ReferralEpisode.ALLOCATE_SOCIAL_WORKER,
        Map.of(Pathway.Var.ALLOCATED_WORKER.name(), "worker", Pathway.Var.ALLOCATED_TEAM.name(), "north")));
    scenario.runJobsDue(caseRef);
    return caseRef;
  }

  private static Map<String, Object> assessed(String started, String seen, String outcome, String... factors) {
    Map<String, Object> form = new HashMap<>(org.safeguardflow.support.Assessments.whole());
    form.put("assessmentActualStartDate", started);
    form.put("assessmentChildSeenDate", seen);
    form.put("assessmentChildSeenAlone", true);
    form.put("assessmentChildViews", "Says she feels safe at school");
    form.put("assessmentFactors", List.of(factors));
    form.put("assessmentOutcome", outcome);
    form.put("assessmentOutcomeReason", "As the assessment found");
    // The worker names the child's primary need; the census and Annex A report it as recorded.
    form.put("primaryNeedCode", "ICPC".equals(outcome) ? "N1" : "N5");
    return form;
  }

  private static Map<String, Object> authorised() {
    return Map.of("assessmentAuthorisation", "AUTHORISE", "assessmentManagerComments", "Agreed");
  }

  /** Signed in as Tasklist signs a user in: with the groups of their role. */
  private void as(String user, Runnable work) {
    identity.setAuthentication(user, identity.createGroupQuery().groupMember(user).list().stream()
        .map(org.camunda.bpm.engine.identity.Group::getId).toList());
    try {
      work.run();
    } finally {
      identity.clearAuthentication();
    }
  }

  // --- reading the returns -----------------------------------------------------------------------

  private TestRestTemplate asAuditor() {
    return http.withBasicAuth("auditor", "auditor");
  }

  /** The census message of that year, after checking it against the year's schema. */
  private Document census(int year) throws Exception {
    ResponseEntity<byte[]> answer = asAuditor().getForEntity("/api/returns/cin-census?year=" + year, byte[].class);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answer.getHeaders().getContentDisposition().getFilename()).isEqualTo("CIN_census_" + year + ".xml");
    var schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(
        getClass().getResource("/returns/cin-census/CIN_schema_" + year + ".xsd"));
    schema.newValidator().validate(new StreamSource(new ByteArrayInputStream(answer.getBody())));
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(answer.getBody()));
  }

  private String childId(String caseRef) {
    return "C" + jdbc.queryForObject("select child_id from sf_case where case_ref = ?", Long.class, caseRef);
  }

  private String child(String caseRef) {
    return "/Message/Children/Child[ChildIdentifiers/LAchildID='" + childId(caseRef) + "']";
  }

  private static String text(Document doc, String xpath) throws Exception {
    return XPathFactory.newInstance().newXPath().evaluate(xpath, doc);
  }

  private static int count(Document doc, String xpath) throws Exception {
    return ((org.w3c.dom.NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, doc, XPathConstants.NODESET))
        .getLength();
  }

  /** Each element as name=text, where only leaves show their text. */
  private static List<String> children(Document doc, String xpath) throws Exception {
    var nodes = (org.w3c.dom.NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, doc, XPathConstants.NODESET);
    List<String> found = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node node = nodes.item(i);
      boolean leaf = node.getChildNodes().getLength() <= 1;
      found.add(node.getNodeName() + "=" + (leaf ? node.getTextContent().trim() : ""));
    }
    return found;
  }

  private static List<String> sheetNames(Workbook book) {
    List<String> names = new ArrayList<>();
    book.forEach(sheet -> names.add(sheet.getSheetName()));
    return names;
  }

  private static List<String> header(Sheet sheet) {
    List<String> names = new ArrayList<>();
    for (Cell cell : sheet.getRow(0)) {
      names.add(cell.getStringCellValue());
    }
    return names;
  }

  /** The row of that child on the list as the cells show it (dates dd/mm/yyyy, blanks empty), or null. */
  private static List<String> row(Workbook book, String list, String childId) {
    Sheet sheet = book.getSheet(list);
    DataFormatter shown = new DataFormatter(java.util.Locale.UK);
    List<String> found = null;
    for (Row row : sheet) {
      if (row.getRowNum() == 0 || !childId.equals(shown.formatCellValue(row.getCell(0)))) {
        continue;
      }
      assertThat(found).as("one row of " + childId + " on " + list).isNull();
      found = new ArrayList<>();
      int width = sheet.getRow(0).getLastCellNum();
      for (int i = 0; i < width; i++) {
        Cell cell = row.getCell(i);
        found.add(cell == null || cell.getCellType() == CellType.BLANK ? "" : shown.formatCellValue(cell));
      }
    }
    return found;
  }

  private static List<String> concat(List<String> first, String... rest) {
    List<String> all = new ArrayList<>(first);
    all.addAll(List.of(rest));
    return all;
  }
}
