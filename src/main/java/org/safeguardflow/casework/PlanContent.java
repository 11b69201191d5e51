package org.safeguardflow.casework;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;

/**
 * A plan's content as its forms submit it. Each repeatable group of a Camunda Form ({@code dynamiclist})
 * arrives as one variable holding a JSON array of rows: Tasklist sends it as a {@code Json} variable
 * (Spin), the REST API or a test may send JSON text or a list of maps, and all three read the same.
 * Every problem is collected, naming the field as {@code list[row].key} with rows counted from 1 as the
 * form shows them, so one refusal lists them all and nothing is recorded.
 *
 * <p>Variables: {@code dangerStatements} [{statement}], {@code safetyGoals} [{goal}], {@code planOutcomes}
 * [{whatChanges, measuredBy, byWhen}], {@code planActions} and {@code newPlanActions} [{outcome, who, what,
 * byWhen}] (outcome = the outcome's number in the plan), and at meetings {@code outcomeProgress}
 * [{outcomeId, ..., rating, evidence}] and {@code openPlanActions} [{actionId, ..., done}].
 */
final class PlanContent {

  static final String DANGER_STATEMENTS = "dangerStatements";
  static final String SAFETY_GOALS = "safetyGoals";
  static final String OUTCOMES = "planOutcomes";
  static final String ACTIONS = "planActions";
  static final String NEW_ACTIONS = "newPlanActions";
  static final String OUTCOME_PROGRESS = "outcomeProgress";
  static final String OPEN_ACTIONS = "openPlanActions";

  static final int MAX_STATEMENTS = 10;
  static final int MAX_OUTCOMES = 12;
  static final int MAX_ACTIONS = 60;
  static final int STATEMENT_LENGTH = 1000;
  static final int OUTCOME_TEXT_LENGTH = 1000;
  static final int WHO_LENGTH = 200;
  static final int WHAT_LENGTH = 1000;
  static final int EVIDENCE_LENGTH = 2000;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** An outcome as submitted: its number in the plan (from 1) and its three parts. */
  record NewOutcome(int position, String whatChanges, String measuredBy, LocalDate byWhen) {}

  /** An action as submitted, for the outcome numbered {@code outcome}. */
  record NewAction(int outcome, String who, String what, LocalDate byWhen, boolean notForFamily) {}

  private PlanContent() {}

  /** Danger statements or safety goals: at least one, each required text. */
  static List<String> statements(Object value, String field, String itemKey, List<String> problems) {
    JsonNode rows = rows(field, value, problems);
    List<String> texts = new ArrayList<>();
    if (rows == null) {
      return texts;
    }
    if (rows.isEmpty()) {
      problems.add(field + " needs at least one row");
    } else if (rows.size() > MAX_STATEMENTS) {
      problems.add(field + " must hold at most " + MAX_STATEMENTS + " rows");
    }
    for (int i = 0; i < rows.size(); i++) {
      String text = FormValues.asTyped(at(field, i, itemKey), textOf(rows.get(i), itemKey), STATEMENT_LENGTH, problems);
      if (text != null) {
        texts.add(text);
      }
    }
    return texts;
  }

  /** The plan's outcomes: at least one, each by a date on or after {@code from} (the plan's start). */
  static List<NewOutcome> outcomes(Object value, LocalDate from, List<String> problems) {
    JsonNode rows = rows(OUTCOMES, value, problems);
    List<NewOutcome> outcomes = new ArrayList<>();
    if (rows == null) {
      return outcomes;
    }
    if (rows.isEmpty()) {
      problems.add(OUTCOMES + " needs at least one row: a plan says what will be different for the child");
    } else if (rows.size() > MAX_OUTCOMES) {
      problems.add(OUTCOMES + " must hold at most " + MAX_OUTCOMES + " rows");
    }
    for (int i = 0; i < rows.size(); i++) {
      JsonNode row = rows.get(i);
      String changes = FormValues.asTyped(at(OUTCOMES, i, "whatChanges"), textOf(row, "whatChanges"), OUTCOME_TEXT_LENGTH, problems);
      String measured = FormValues.asTyped(at(OUTCOMES, i, "measuredBy"), textOf(row, "measuredBy"), OUTCOME_TEXT_LENGTH, problems);
      LocalDate byWhen = date(at(OUTCOMES, i, "byWhen"), row, from, "the plan starts", problems);
      if (changes != null && measured != null && byWhen != null) {
        outcomes.add(new NewOutcome(i + 1, changes, measured, byWhen));
      }
    }
    return outcomes;
  }

  /**
   * Actions for the outcomes numbered 1 to {@code outcomeByWhen.size()}: who, what, and a by-when date
   * on or after {@code from} (the day they were agreed) and not after their outcome's own date.
   */
  static List<NewAction> actions(Object value, String field, List<LocalDate> outcomeByWhen, LocalDate from,
      List<String> problems) {
    JsonNode rows = rows(field, value, problems);
    List<NewAction> actions = new ArrayList<>();
    if (rows == null) {
      return actions;
    }
    if (rows.size() > MAX_ACTIONS) {
      problems.add(field + " must hold at most " + MAX_ACTIONS + " rows");
    }
    for (int i = 0; i < rows.size(); i++) {
      JsonNode row = rows.get(i);
      JsonNode number = row.path("outcome");
      int outcome = number.canConvertToInt() && number.isIntegralNumber() ? number.asInt()
          : number.isTextual() && number.asText().strip().matches("\\d{1,3}") ? Integer.parseInt(number.asText().strip()) : 0;
      if (outcome < 1 || outcome > outcomeByWhen.size()) {
        problems.add(at(field, i, "outcome") + " must be the number of one of the plan's outcomes (1 to "
            + outcomeByWhen.size() + ")");
        outcome = 0;
      }
      String who = FormValues.asTyped(at(field, i, "who"), textOf(row, "who"), WHO_LENGTH, problems);
      String what = FormValues.asTyped(at(field, i, "what"), textOf(row, "what"), WHAT_LENGTH, problems);
      LocalDate byWhen = date(at(field, i, "byWhen"), row, from, "it was agreed", problems);
      if (byWhen != null && outcome > 0 && outcomeByWhen.get(outcome - 1) != null
          && byWhen.isAfter(outcomeByWhen.get(outcome - 1))) {
        problems.add(at(field, i, "byWhen") + " (" + byWhen + ") is after outcome " + outcome + "'s own date ("
            + outcomeByWhen.get(outcome - 1) + "): an action is done by the time its outcome is due");
        byWhen = null;
      }
      // Optional tick: the action names a third party or was agreed in confidence (left out of the family's copy).
      JsonNode mark = row.path("notForFamily");
      if (!mark.isMissingNode() && !mark.isNull() && !mark.isBoolean()) {
        problems.add(at(field, i, "notForFamily") + " must be true or false");
      }
      if (outcome > 0 && who != null && what != null && byWhen != null) {
        actions.add(new NewAction(outcome, who, what, byWhen, mark.asBoolean(false)));
      }
    }
    return actions;
  }

  /** The rows of a repeatable group, or null (with the problem noted) when the value is not a list. */
  static JsonNode rows(String field, Object value, List<String> problems) {
    JsonNode tree;
    try {
      tree = tree(value);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      problems.add(field + " must be a list of rows (JSON)");
      return null;
    }
    if (tree == null || tree.isNull()) {
      return JSON.createArrayNode();
    }
    if (!tree.isArray()) {
      problems.add(field + " must be a list of rows");
      return null;
    }
    for (int i = 0; i < tree.size(); i++) {
      if (!tree.get(i).isObject()) {
        problems.add(field + "[" + (i + 1) + "] must be a row of fields");
        return null;
      }
    }
    return tree;
  }

  static String textOf(JsonNode row, String key) {
    JsonNode node = row.path(key);
    return node.isTextual() ? node.asText() : null;
  }

  static String at(String field, int index, String key) {
    return field + "[" + (index + 1) + "]." + key;
  }

  /** A required by-when date on or after {@code from}. */
  static LocalDate date(String field, JsonNode row, LocalDate from, String event, List<String> problems) {
    JsonNode node = row.path(field.substring(field.lastIndexOf('.') + 1));
    LocalDate date;
    try {
      date = CaseDates.of(field, node.isTextual() ? node.asText() : null);
    } catch (CaseRuleException e) {
      problems.add(field + " must be a date (yyyy-MM-dd)");
      return null;
    }
    if (date == null) {
      problems.add(field + " is required: by when");
      return null;
    }
    if (from != null && date.isBefore(from)) {
      problems.add(field + " (" + date + ") is before " + from + ", the day " + event);
      return null;
    }
    return date;
  }

  /** A JSON array as the variable Tasklist would send back: a Json (Spin) variable. */
  static TypedValue jsonVariable(ArrayNode rows) {
    return SpinValues.jsonValue(rows.toString()).create();
  }

  static ArrayNode newRows() {
    return JSON.createArrayNode();
  }

  private static JsonNode tree(Object value) throws JsonProcessingException {
    if (value == null) {
      return null;
    }
    if (value instanceof SpinJsonNode spin) {
      return JSON.readTree(spin.toString());
    }
    if (value instanceof String text) {
      return text.isBlank() ? null : JSON.readTree(text);
    }
    return JSON.valueToTree(value);
  }
}
