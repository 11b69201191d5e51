package org.safeguardflow.casework.supervision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.camunda.spin.json.SpinJsonNode;
import org.safeguardflow.casework.CaseDates;
import org.safeguardflow.casework.CaseRuleException;

/**
 * The actions agreed in a supervision, as the form's dynamic list submits them: a JSON array of
 * {@code {"action": "...", "dueBy": "yyyy-MM-dd"}}. Tasklist sends it as a Json variable; the REST
 * API or a test may send JSON text or a list of maps, and all three read the same.
 */
final class SupervisionActions {

  static final int MAX_ACTIONS = 30;
  static final int MAX_ACTION_LENGTH = 1000;
  private static final ObjectMapper JSON = new ObjectMapper();

  record Action(String action, LocalDate dueBy) {}

  private SupervisionActions() {}

  /** The actions, each with its text and due date, none due before the supervision; none given is none agreed. */
  static List<Action> read(Object value, LocalDate supervisionDate) {
    String name = CaseSupervisionProcess.Var.ACTIONS.name();
    JsonNode array = tree(value);
    if (array == null) {
      return List.of();
    }
    if (!array.isArray()) {
      throw new CaseRuleException(name + " must be a list of actions");
    }
    if (array.size() > MAX_ACTIONS) {
      throw new CaseRuleException(name + " must hold at most " + MAX_ACTIONS + " actions");
    }
    List<Action> actions = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      String at = name + "[" + (i + 1) + "]"; // rows counted from 1, as a person counts them
      String text = item.path("action").isTextual() ? item.path("action").asText().strip() : "";
      if (text.isEmpty()) {
        throw new CaseRuleException(at + ".action is required: say what is to be done");
      }
      if (text.length() > MAX_ACTION_LENGTH) {
        throw new CaseRuleException(at + ".action must be at most " + MAX_ACTION_LENGTH + " characters");
      }
      JsonNode due = item.path("dueBy");
      LocalDate dueBy = CaseDates.of(at + ".dueBy", due.isTextual() ? due.asText() : null);
      if (dueBy == null) {
        throw new CaseRuleException(at + ".dueBy is required: every action has a date by which it is done");
      }
      if (supervisionDate != null && dueBy.isBefore(supervisionDate)) {
        throw new CaseRuleException(at + ".dueBy (" + dueBy + ") is before the supervision date (" + supervisionDate
            + "): an action agreed in supervision cannot be due before it was agreed");
      }
      actions.add(new Action(text, dueBy));
    }
    return actions;
  }

  /** The actions as the JSON the case file keeps. */
  static String json(List<Action> actions) {
    ArrayNode array = JSON.createArrayNode();
    actions.forEach(a -> array.addObject().put("action", a.action()).put("dueBy", a.dueBy().toString()));
    return array.toString();
  }

  private static JsonNode tree(Object value) {
    if (value == null) {
      return null;
    }
    try {
      if (value instanceof SpinJsonNode spin) {
        return JSON.readTree(spin.toString());
      }
      if (value instanceof String text) {
        return text.isBlank() ? null : JSON.readTree(text);
      }
      return JSON.valueToTree(value);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new CaseRuleException(CaseSupervisionProcess.Var.ACTIONS + " must be a list of actions (JSON)");
    }
  }
}
