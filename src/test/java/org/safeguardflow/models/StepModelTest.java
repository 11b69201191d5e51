package org.safeguardflow.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.safeguardflow.casework.assessment.AssessmentProcess;
import org.safeguardflow.casework.conference.InitialConferenceProcess;
import org.safeguardflow.casework.needplan.ChildInNeedPlanProcess;
import org.safeguardflow.casework.strategy.StrategyDiscussionProcess;
import org.safeguardflow.casework.supervision.CaseSupervisionProcess;
import org.safeguardflow.intake.ContactProcess;
import org.safeguardflow.timescales.Step;
import org.safeguardflow.variables.Var;

/**
 * The statutory step has one name in three places: the models in {@code bpmn/} that run it, the row
 * of {@code bpmn/statutory-timescales.dmn} that gives its timescale, and {@link Step}. A step added to
 * a model but not to the table would fail only when a child's case reached it (no row, no deadline);
 * a step added to the table but to no model is a timescale nobody keeps.
 */
class StepModelTest {

  /** A step code as a literal in a model: {@code timescales.dueDate('CP_VISIT', ...)}, a step input, a step choice. */
  private static final Pattern QUOTED_CODE = Pattern.compile("(?:'|&#39;)([A-Z][A-Z0-9_]+)(?:'|&#39;)");
  private static final Pattern STEP_INPUT = Pattern.compile(
      "<camunda:inputParameter name=\"(\\w*[sS]tep)\">([^<]*)</camunda:inputParameter>");
  private static final Pattern TIMESCALE_CALL = Pattern.compile("timescales\\.\\w+\\(\\s*(?:'|&#39;)([A-Z][A-Z0-9_]+)");
  private static final Pattern DMN_STEP_ROW = Pattern.compile("id=\"InputEntry_\\w+_Step\"><text>\"([A-Z0-9_]+)\"</text>");

  static Set<String> stepsNamedInModels() throws IOException {
    Set<String> named = new TreeSet<>();
    try (Stream<Path> models = Files.list(Path.of("bpmn"))) {
      for (Path model : models.filter(p -> p.toString().endsWith(".bpmn")).toList()) {
        String xml = Files.readString(model);
        Matcher call = TIMESCALE_CALL.matcher(xml);
        while (call.find()) {
          named.add(call.group(1));
        }
        Matcher input = STEP_INPUT.matcher(xml);
        while (input.find()) {
          String value = input.group(2).trim();
          if (value.matches("[A-Z][A-Z0-9_]+")) {
            named.add(value);
          }
          Matcher quoted = QUOTED_CODE.matcher(value);
          while (quoted.find()) {
            named.add(quoted.group(1));
          }
        }
      }
    }
    return named;
  }

  static Set<String> rowsOfTheTimescalesTable() throws IOException {
    Matcher row = DMN_STEP_ROW.matcher(Files.readString(Path.of("bpmn/statutory-timescales.dmn")));
    Set<String> rows = new TreeSet<>();
    while (row.find()) {
      rows.add(row.group(1));
    }
    return rows;
  }

  /** Steps chosen in Java and handed to a model as a variable (the child in need plan's first and later reviews). */
  static Set<String> stepsNamedInJava() throws IOException {
    Set<String> named = new TreeSet<>();
    Set<String> codes = Arrays.stream(Step.values()).map(Step::code).collect(Collectors.toSet());
    try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
      for (Path source : sources.filter(p -> p.toString().endsWith(".java")
          && !p.endsWith(Path.of("timescales", "Step.java"))).toList()) {
        String java = Files.readString(source);
        for (String code : codes) {
          if (java.contains("\"" + code + "\"") || java.contains("Step." + code)) {
            named.add(code);
          }
        }
      }
    }
    return named;
  }

  @Test
  void everyStepAModelNamesIsAKnownStepAndARowOfTheTimescalesTable() throws IOException {
    Set<String> named = stepsNamedInModels();
    assertThat(named).as("steps named in bpmn/ (sanity: the reader found them)").contains("CONTACT_DECISION", "CP_VISIT");
    assertThat(Arrays.stream(Step.values()).map(Step::code).toList())
        .as("every step named in bpmn/ is a constant of timescales.Step").containsAll(named);
    assertThat(rowsOfTheTimescalesTable())
        .as("every step named in bpmn/ is a row of bpmn/statutory-timescales.dmn").containsAll(named);
  }

  @Test
  void theTimescalesTableAndStepNameTheSameSteps() throws IOException {
    assertThat(rowsOfTheTimescalesTable())
        .containsExactlyInAnyOrderElementsOf(Arrays.stream(Step.values()).map(Step::code).toList());
  }

  @Test
  void everyKnownStepIsRunBySomeModel() throws IOException {
    Set<String> run = new TreeSet<>(stepsNamedInModels());
    run.addAll(stepsNamedInJava());
    assertThat(run).as("steps named in bpmn/ or chosen in Java for a model's step variable")
        .containsAll(Arrays.stream(Step.values()).map(Step::code).toList());
  }

  @Test
  void aStepsVariablesFollowItsCode() {
    assertThat(Step.CONTACT_DECISION.overdueFlag()).isEqualTo("contactDecisionOverdue");
    assertThat(Step.CP_VISIT.lateReason()).isEqualTo("cpVisitLateReason");
    assertThat(Step.S47_ENQUIRY.lateFlag()).isEqualTo("s47EnquiryLate");
    assertThat(Step.of("RETURN_HOME_INTERVIEW")).isEmpty();
  }

  /** The stages take their steps' variables from Step; forms, models and running cases know them by these names. */
  @Test
  void theStagesStepVariablesKeepTheirNames() {
    assertThat(Var.names(
        AssessmentProcess.Var.S47_ENQUIRY_OVERDUE, AssessmentProcess.Var.CORE_ASSESSMENT_OVERDUE,
        StrategyDiscussionProcess.Var.STRATEGY_MINUTES_OVERDUE, StrategyDiscussionProcess.Var.STRATEGY_MINUTES_LATE_REASON,
        InitialConferenceProcess.Var.INITIAL_CPC_OVERDUE, InitialConferenceProcess.Var.INITIAL_CPC_LATE,
        InitialConferenceProcess.Var.INITIAL_CPC_LATE_REASON,
        ChildInNeedPlanProcess.Var.REVIEW_OVERDUE, ChildInNeedPlanProcess.Var.LATER_REVIEW_OVERDUE,
        ChildInNeedPlanProcess.Var.REVIEW_LATE_REASON, ChildInNeedPlanProcess.Var.LATER_REVIEW_LATE_REASON,
        CaseSupervisionProcess.Var.OVERDUE, CaseSupervisionProcess.Var.LATE_REASON,
        ContactProcess.Var.CONTACT_DECISION_LATE_REASON))
        .containsExactly(
            "s47EnquiryOverdue", "coreAssessmentOverdue",
            "strategyMinutesOverdue", "strategyMinutesLateReason",
            "initialCpcOverdue", "initialCpcLate", "initialCpcLateReason",
            "cinPlanReviewOverdue", "cinPlanLaterReviewOverdue", "cinPlanReviewLateReason", "cinPlanLaterReviewLateReason",
            "caseSupervisionOverdue", "caseSupervisionLateReason",
            "contactDecisionLateReason");
  }
}
