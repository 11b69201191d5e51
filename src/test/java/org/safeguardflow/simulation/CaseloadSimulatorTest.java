package org.safeguardflow.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safeguardflow.audit.CensusCheck;
import org.safeguardflow.audit.CensusRules;
import org.safeguardflow.timescales.WorkingDayCalendar;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A synthetic census year driven through the real processes: the census it produces is valid
 * against the DfE schema and keeps every DfE rule the workflow is meant to make impossible to break.
 * On a database of its own, so that no other test's cases mix in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:simulation-test;DB_CLOSE_DELAY=-1",
    // Engines register by name in one JVM-wide registry that the REST API reads: this one must not
    // take the place of the engine the other tests' HTTP calls reach.
    "camunda.bpm.process-engine-name=simulation",
    "logging.level.org.safeguardflow=warn"})
@org.junit.jupiter.api.extension.ExtendWith(org.safeguardflow.support.EngineClock.class)
@org.springframework.test.annotation.DirtiesContext
class CaseloadSimulatorTest {

  static final int CHILDREN = 250;
  static final int YEAR = 2026;

  @Autowired CaseloadSimulator simulator;
  @Autowired WorkingDayCalendar calendar;

  @Test
  void aSimulatedYearGivesACensusThatKeepsEveryRuleTheWorkflowEnforces(@TempDir Path out) throws Exception {
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    var result = simulator.run(new CaseloadSimulator.Options(CHILDREN, YEAR, 42L, out), new PrintStream(progress));

    assertThat(result.contacts()).isEqualTo(CHILDREN);
    assertThat(progress.toString()).contains("contacts").contains("Wrote");
    assertThat(result.lateTasks()).as("some steps are late, as in life").isPositive();
    assertThat(Files.size(result.annexA())).isPositive();

    byte[] xml = Files.readAllBytes(result.census());
    SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
        .newSchema(getClass().getResource("/returns/cin-census/CIN_schema_" + YEAR + ".xsd"))
        .newValidator().validate(new StreamSource(new java.io.ByteArrayInputStream(xml)));

    var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new java.io.ByteArrayInputStream(xml));
    var children = doc.getElementsByTagName("Child");
    assertThat(children.getLength()).as("children referred in the year").isGreaterThan(20);
    List<String> broken = new ArrayList<>();
    int plans = 0;
    for (int i = 0; i < children.getLength(); i++) {
      Element child = (Element) children.item(i);
      String id = text(child, "LAchildID");
      List<LocalDate[]> episodes = new ArrayList<>();
      for (Element details : elements(child, "CINdetails")) {
        LocalDate referral = date(details, "CINreferralDate");
        LocalDate closure = date(details, "CINclosureDate");
        episodes.add(new LocalDate[] {referral, closure});
        for (String tag : List.of("AssessmentActualStartDate", "AssessmentAuthorisationDate", "S47ActualStartDate",
            "DateOfInitialCPC", "CPPstartDate", "CPPendDate", "CINPlanStartDate", "CINPlanEndDate", "CINclosureDate")) {
          for (Element e : descendants(details, tag)) {
            if (LocalDate.parse(e.getTextContent()).isBefore(referral)) {
              broken.add(id + ": " + tag + " before the referral date");
            }
          }
        }
        for (Element s47 : elements(details, "Section47")) {
          LocalDate start = date(s47, "S47ActualStartDate");
          LocalDate icpc = date(s47, "DateOfInitialCPC");
          if (icpc != null && start != null && start.isAfter(icpc)) {
            broken.add(id + ": s47 starts after the ICPC");
          }
          if (icpc != null && !calendar.isWorkingDay(icpc)) {
            broken.add(id + ": ICPC not on a working day");
          }
          LocalDate target = date(s47, "InitialCPCtarget");
          if (target != null && !calendar.isWorkingDay(target)) {
            broken.add(id + ": ICPC target not a working day");
          }
        }
        List<LocalDate[]> cpPlans = new ArrayList<>();
        for (Element plan : elements(details, "ChildProtectionPlans")) {
          plans++;
          LocalDate start = date(plan, "CPPstartDate");
          LocalDate end = date(plan, "CPPendDate");
          cpPlans.add(new LocalDate[] {start, end});
          if (start.equals(end)) {
            broken.add(id + ": CP plan starts and ends the same day");
          }
          for (Element review : descendants(plan, "CPPreviewDate")) {
            if (!LocalDate.parse(review.getTextContent()).isAfter(start)) {
              broken.add(id + ": review not after the plan start");
            }
          }
        }
        for (Element cin : elements(details, "CINPlanDates")) {
          LocalDate start = date(cin, "CINPlanStartDate");
          LocalDate end = date(cin, "CINPlanEndDate");
          for (LocalDate[] cp : cpPlans) {
            if (overlap(start, end, cp[0], cp[1])) {
              broken.add(id + ": CIN plan open while a CP plan is open");
            }
          }
        }
        String reason = text(details, "ReasonForClosure");
        if (("RC8".equals(reason) || "RC9".equals(reason)) && descendants(details, "AssessmentActualStartDate").isEmpty()) {
          broken.add(id + ": " + reason + " without an assessment");
        }
        if (("RC8".equals(reason) || "RC9".equals(reason)) && !(elements(details, "Section47").isEmpty()
            && elements(details, "ChildProtectionPlans").isEmpty() && elements(details, "CINPlanDates").isEmpty())) {
          broken.add(id + ": " + reason + " after an enquiry or a plan (rule 2990)");
        }
        for (Element factors : descendants(details, "FactorsIdentifiedAtAssessment")) {
          List<Element> codes = descendants(factors, "AssessmentFactors");
          if (codes.size() > 1 && codes.stream().anyMatch(c -> c.getTextContent().equals("21"))) {
            broken.add(id + ": factor 21 not alone");
          }
        }
      }
      for (int a = 0; a < episodes.size(); a++) {
        for (int b = a + 1; b < episodes.size(); b++) {
          if (overlap(episodes.get(a)[0], episodes.get(a)[1], episodes.get(b)[0], episodes.get(b)[1])) {
            broken.add(id + ": overlapping episodes");
          }
        }
      }
    }
    assertThat(broken).as("DfE rules broken in the simulated census").isEmpty();
    assertThat(plans).as("a year of referrals puts some children on plans").isPositive();

    // The product's own pre-submission check finds no error the DfE would refuse the return for;
    // its queries are stated for the council's data team.
    CensusCheck.Report check = result.check();
    Map<String, Long> queries = new java.util.TreeMap<>();
    check.failures().stream().filter(f -> f.type() == CensusRules.Type.QUERY)
        .forEach(f -> queries.merge(f.code(), 1L, Long::sum));
    System.out.printf("Simulated census %d of %d children: %s; queries by rule %s; not recorded by this system: %s%n",
        YEAR, children.getLength(), check.summary(), queries, check.notRecorded().stream().map(CensusRules.Rule::code).toList());
    assertThat(check.failures()).as("error-type failures of the simulated census")
        .filteredOn(f -> f.type() == CensusRules.Type.ERROR).isEmpty();
    assertThat(check.failures()).as("no RC8/RC9 closure after an enquiry, a conference or a plan (rule 2990)")
        .noneMatch(f -> f.code().equals("2990"));
    assertThat(progress.toString()).contains("Pre-submission check of").contains(check.summary())
        .as("the rules outside the count, said apart from it")
        .contains("Not in that count: " + check.notRecorded().size() + " rules not recorded by this system [")
        .contains("8770Q");
  }

  @Test
  void theCommandLineSaysWhatIsMissing() {
    assertThatThrownBy(() -> CaseloadSimulator.Options.parse(new String[] {"simulate", "--census-year=2026", "--out=x"}))
        .hasMessageContaining("--children");
    assertThatThrownBy(() -> CaseloadSimulator.Options.parse(new String[] {"simulate", "--children=5", "--census-year=1900", "--out=x"}))
        .hasMessageContaining("--census-year must be between");
    assertThatThrownBy(() -> CaseloadSimulator.Options.parse(new String[] {"simulate", "--children=5", "--census-year=2026"}))
        .hasMessageContaining("--out=DIR is required");
  }

  private static boolean overlap(LocalDate aStart, LocalDate aEnd, LocalDate bStart, LocalDate bEnd) {
    LocalDate far = LocalDate.MAX;
    return !aStart.isAfter(bEnd == null ? far : bEnd) && !bStart.isAfter(aEnd == null ? far : aEnd)
        && !(aEnd != null && aEnd.equals(bStart)) && !(bEnd != null && bEnd.equals(aStart));
  }

  private static List<Element> elements(Element parent, String tag) {
    List<Element> found = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(tag)) {
        found.add(e);
      }
    }
    return found;
  }

  private static List<Element> descendants(Element parent, String tag) {
    var list = parent.getElementsByTagName(tag);
    List<Element> found = new ArrayList<>();
    for (int i = 0; i < list.getLength(); i++) {
      found.add((Element) list.item(i));
    }
    return found;
  }

  private static String text(Element parent, String tag) {
    var found = descendants(parent, tag);
    return found.isEmpty() ? null : found.get(0).getTextContent();
  }

  private static LocalDate date(Element parent, String tag) {
    String text = text(parent, tag);
    return text == null ? null : LocalDate.parse(text);
  }
}
