package org.safeguardflow.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;

/**
 * What a conference, core group or review form submits about the child's plan, as Tasklist sends it:
 * each repeatable list as one Json variable. The smallest plan a rule accepts (one danger statement,
 * one safety goal, one outcome with one action) for tests whose story is elsewhere, and the child's
 * voice and ratings a meeting records.
 */
public final class PlanAnswers {

  private static final ObjectMapper JSON = new ObjectMapper();

  private PlanAnswers() {}

  /** A Json variable holding {@code json}, as Tasklist submits a dynamic list. */
  public static TypedValue json(String json) {
    return SpinValues.jsonValue(json).create();
  }

  /** The smallest child protection plan: one danger statement, one safety goal, one outcome with one action. */
  public static Map<String, Object> smallestCpPlan(String conferenceDate) {
    Map<String, Object> plan = new HashMap<>();
    plan.put("dangerStatements", json("[{\"statement\":\"The child may be left without food or care\"}]"));
    plan.put("safetyGoals", json("[{\"goal\":\"The child is fed and cared for every day\"}]"));
    plan.putAll(smallestCinPlan(conferenceDate));
    return plan;
  }

  /** The smallest child in need plan: one outcome with one action, due within 6 months of the start. */
  public static Map<String, Object> smallestCinPlan(String startDate) {
    LocalDate start = LocalDate.parse(startDate);
    Map<String, Object> plan = new HashMap<>();
    plan.put("planOutcomes", json("[{\"whatChanges\":\"The child goes to school every day\",\"measuredBy\":\"School attendance\","
        + "\"byWhen\":\"" + start.plusMonths(6) + "\"}]"));
    plan.put("planActions", json("[{\"outcome\":1,\"who\":\"The mother\",\"what\":\"Take the child to school\","
        + "\"byWhen\":\"" + start.plusMonths(3) + "\"}]"));
    return plan;
  }

  /** The child's voice at a meeting: attended, views and how they were gathered, advocate offered. */
  public static Map<String, Object> childsVoice() {
    Map<String, Object> voice = new HashMap<>();
    voice.put("childAttendedMeeting", true);
    voice.put("childsViews", "I like school and I want my mum to come to the meetings");
    voice.put("howChildsViewsWereGathered", "Seen alone at school before the meeting");
    voice.put("advocateOffered", true);
    return voice;
  }

  /**
   * Ratings for outcomes 1 to {@code outcomes} (as a form sends them back, the shown fields left out),
   * with the child's voice: for tests that know how many outcomes the plan has.
   */
  public static Map<String, Object> meetingOn(int outcomes, String rating) {
    Map<String, Object> answers = childsVoice();
    ArrayNode rows = JSON.createArrayNode();
    for (int i = 1; i <= outcomes; i++) {
      rows.addObject().put("outcome", i).put("rating", rating).put("evidence", "Seen by the core group: rated " + rating.toLowerCase());
    }
    answers.put("outcomeProgress", json(rows.toString()));
    return answers;
  }

  /** {@code answers} with {@code more} added (a new map). */
  public static Map<String, Object> with(Map<String, Object> answers, Map<String, Object> more) {
    Map<String, Object> all = new HashMap<>(answers);
    all.putAll(more);
    return all;
  }

  /** The child's voice and every outcome the form shows ({@code prefilled}: its outcomeProgress) rated alike. */
  public static Map<String, Object> meeting(Object prefilled, String rating) {
    Map<String, Object> answers = childsVoice();
    answers.put("outcomeProgress", json(rated(prefilled, rating).toString()));
    return answers;
  }

  /** The form's progress rows with each outcome given {@code rating} and evidence, the shown fields as shown. */
  public static ArrayNode rated(Object prefilled, String rating) {
    try {
      JsonNode rows = prefilled == null ? JSON.createArrayNode() : JSON.readTree(prefilled.toString());
      ArrayNode answered = JSON.createArrayNode();
      for (JsonNode row : rows) {
        ObjectNode copy = ((ObjectNode) row).deepCopy();
        copy.put("rating", rating);
        copy.put("evidence", "Seen by the core group: rated " + rating.toLowerCase());
        answered.add(copy);
      }
      return answered;
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
