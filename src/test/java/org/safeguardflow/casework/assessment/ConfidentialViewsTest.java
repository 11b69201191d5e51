package org.safeguardflow.casework.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.safeguardflow.casework.CaseRecords;
import org.safeguardflow.support.Assessments;
import org.safeguardflow.support.CaseScenario;
import org.safeguardflow.support.EngineClock;
import org.safeguardflow.support.SafeguardFlowTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/**
 * What must not be shared, entry by entry. Ella's mother told her worker, in confidence, that Ella's
 * father was violent to her; her worker marks those views "given in confidence: not for the family".
 * The family's copy of Ella's assessment leaves them out by rule, whoever downloads it; the partners'
 * copy keeps them, marked as given in confidence; her father's own views stay in both.
 */
@SafeguardFlowTest
class ConfidentialViewsTest {

  static final List<String> WORKER = List.of("social-workers", "north-social-workers");
  static final String IN_CONFIDENCE = "Tom hit me in March; please do not tell him I said so";

  @Autowired CaseScenario scenario;
  @Autowired CaseRecords cases;
  @Autowired IdentityService identity;
  @Autowired TestRestTemplate http;

  @AfterEach
  void signOut() {
    identity.clearAuthentication();
  }

  @Test
  void viewsGivenInConfidenceAreLeftOutOfTheFamilysCopyAndKeptInThePartners() throws IOException {
    EngineClock.setTo("2026-05-05T09:00:00+01:00");
    String ellasCase = scenario.openCase("Ella");
    cases.allocate(ellasCase, CaseScenario.NORTH, "worker", OffsetDateTime.parse("2026-05-01T10:00:00+01:00"));
    scenario.start(AssessmentProcess.KEY, ellasCase, Map.of("referralDate", "2026-05-01", "allocatedWorker", "worker",
        "childFirstName", "Ella", "childLastName", "Smith"));
    identity.setAuthentication("worker", WORKER);

    // A mark that is not yes or no is refused by name, and nothing is saved.
    assertThatThrownBy(() -> scenario.complete(ellasCase, AssessmentProcess.Element.RECORD_WORK, Map.of(
        "assessmentWorkParts", List.of("PARENTS_AND_CARERS"), "parentsViews", List.of(Map.of("name", "Sarah Smith",
            "relationship", "MOTHER", "views", IN_CONFIDENCE, "notForFamily", "secret")))))
        .hasMessageContaining("parentsViews[1].notForFamily must be yes (true) or no (false)");

    Map<String, Object> whole = new HashMap<>(Assessments.whole());
    whole.put("parentsViews", List.of(
        Map.of("name", "Sarah Smith", "relationship", "MOTHER", "livesWithChild", true, "views", IN_CONFIDENCE,
            "howGathered", "Alone with her at the children's centre", "notForFamily", true),
        Map.of("name", "Tom Smith", "relationship", "FATHER", "livesWithChild", false,
            "views", "Wants to see the children every weekend", "howGathered", "Phone call", "notForFamily", false)));
    whole.putAll(SingleAssessmentScenarioTest.census("CIN_PLAN"));
    scenario.complete(ellasCase, AssessmentProcess.Element.COMPLETE_SINGLE, whole);
    identity.clearAuthentication();

    String familys = pdfText("worker", ellasCase, "family");
    assertThat(familys).doesNotContain(IN_CONFIDENCE, "Alone with her at the children's centre", "given in confidence")
        .contains("Wants to see the children every weekend");
    assertThat(pdfText("senior", ellasCase, "family")).as("the rule is the record's, not the reader's")
        .doesNotContain(IN_CONFIDENCE);
    String partners = pdfText("worker", ellasCase, "professionals");
    assertThat(partners).contains(IN_CONFIDENCE, "Sarah Smith (mother, lives with the child), given in confidence",
        "Wants to see the children every weekend");
  }

  private String pdfText(String user, String caseRef, String reader) throws IOException {
    ResponseEntity<byte[]> pdf = http.withBasicAuth(user, user)
        .getForEntity("/api/cases/" + caseRef + "/documents/single-assessment.pdf?for=" + reader, byte[].class);
    assertThat(pdf.getStatusCode().value()).isEqualTo(200);
    try (PDDocument read = Loader.loadPDF(pdf.getBody())) {
      // PDF text wraps long labels onto the next line; read it as one run of words.
      return new PDFTextStripper().getText(read).replaceAll("\\s+", " ");
    }
  }
}
