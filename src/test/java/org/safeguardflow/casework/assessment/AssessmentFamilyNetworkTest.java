package org.safeguardflow.casework.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.safeguardflow.casework.CaseRecords;
import org.safeguardflow.casework.family.FamilyMember;
import org.safeguardflow.casework.family.FamilyNetwork;
import org.safeguardflow.casework.family.Relationship;
import org.safeguardflow.support.Assessments;
import org.safeguardflow.support.CaseScenario;
import org.safeguardflow.support.EngineClock;
import org.safeguardflow.support.SafeguardFlowTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Ella's single assessment and her family network tell one story about who was heard. Her network lists
 * her mother, her father who lives elsewhere and her grandmother; her worker's assessment records her
 * mother's views (her name typed in another case and spacing) and her step-father's, whom the network
 * did not list, and says why her father's views are missing. When the assessment is sent to the manager,
 * the network shows her mother as having taken part and her father as not, keeps her grandmother as
 * the worker recorded her, and gains her step-father, without parental responsibility until the worker
 * records it (so nobody is written to on a guess).
 */
@SafeguardFlowTest
class AssessmentFamilyNetworkTest {

  static final List<String> WORKER = List.of("social-workers", "north-social-workers");

  @Autowired CaseScenario scenario;
  @Autowired CaseRecords cases;
  @Autowired FamilyNetwork network;
  @Autowired IdentityService identity;

  @AfterEach
  void signOut() {
    identity.clearAuthentication();
  }

  @Test
  void sendingTheAssessmentSetsWhoTookPartInTheNetworkAndAddsWhomItDidNotList() {
    EngineClock.setTo("2026-05-05T09:00:00+01:00");
    String ellasCase = scenario.openCase("Ella");
    cases.allocate(ellasCase, CaseScenario.NORTH, "worker", OffsetDateTime.parse("2026-05-01T10:00:00+01:00"));
    network.replace(ellasCase, List.of(
        new FamilyMember("Sarah Smith", Relationship.MOTHER, null, true, true, null, null, "12 Elm Road", false, false),
        new FamilyMember("Tom Smith", Relationship.FATHER, null, true, false, "tom@family.example", null, null,
            true, false),
        new FamilyMember("Margaret Smith", Relationship.GRANDPARENT, null, false, false, null, null, null, true, false)),
        "worker", OffsetDateTime.parse("2026-05-04T10:00:00+01:00"));
    scenario.start(AssessmentProcess.KEY, ellasCase, Map.of("referralDate", "2026-05-01", "allocatedWorker", "worker",
        "childFirstName", "Ella", "childLastName", "Smith"));

    Map<String, Object> whole = new HashMap<>(Assessments.whole());
    whole.put("parentsViews", List.of(
        Map.of("name", "  sarah  SMITH ", "relationship", "MOTHER", "livesWithChild", true,
            "views", "Wants help with money and her mood", "howGathered", "Home visit"),
        Map.of("name", "Ray Jones", "relationship", "STEP_PARENT", "livesWithChild", true,
            "views", "Says the home is fine", "howGathered", "Home visit")));
    whole.put("fatherNotIncludedReason", "Tom did not answer three calls and a letter");
    whole.putAll(SingleAssessmentScenarioTest.census("CIN_PLAN"));
    identity.setAuthentication("worker", WORKER);
    scenario.complete(ellasCase, AssessmentProcess.Element.COMPLETE_SINGLE, whole);
    identity.clearAuthentication();

    List<FamilyMember> now = network.of(ellasCase);
    assertThat(now).extracting(FamilyMember::name)
        .containsExactly("Sarah Smith", "Tom Smith", "Margaret Smith", "Ray Jones");
    assertThat(now).extracting(FamilyMember::tookPartInAssessment).as("mother heard; father not; grandmother as recorded")
        .containsExactly(true, false, true, true);
    FamilyMember ray = now.get(3);
    assertThat(ray.relationship()).isEqualTo(Relationship.STEP_PARENT);
    assertThat(ray.parentalResponsibility()).isFalse();
    assertThat(ray.livesWithChild()).isTrue();
    // What the worker recorded of everyone else is kept as it was.
    assertThat(now.get(0).address()).isEqualTo("12 Elm Road");
    assertThat(now.get(1).email()).isEqualTo("tom@family.example");
    assertThat(now.get(1).parentalResponsibility()).isTrue();
  }

  @Test
  void aMotherNamedOnlyInTheAssessmentJoinsTheNetworkWithParentalResponsibilityAsTheLawGivesIt() {
    EngineClock.setTo("2026-05-05T09:00:00+01:00");
    String leosCase = scenario.openCase("Leo");
    scenario.start(AssessmentProcess.KEY, leosCase, Map.of("referralDate", "2026-05-01", "allocatedWorker", "worker",
        "childFirstName", "Leo", "childLastName", "Jones"));
    Map<String, Object> whole = new HashMap<>(Assessments.whole());
    whole.putAll(SingleAssessmentScenarioTest.census("CIN_PLAN"));
    identity.setAuthentication("worker", WORKER);
    scenario.complete(leosCase, AssessmentProcess.Element.COMPLETE_SINGLE, whole);
    identity.clearAuthentication();

    assertThat(network.of(leosCase)).extracting(FamilyMember::name, FamilyMember::relationship,
            FamilyMember::parentalResponsibility, FamilyMember::tookPartInAssessment)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Sarah Smith", Relationship.MOTHER, true, true),
            org.assertj.core.groups.Tuple.tuple("Tom Smith", Relationship.FATHER, false, true));
  }
}
