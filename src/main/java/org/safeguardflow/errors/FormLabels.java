package org.safeguardflow.errors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * A refused form's message in the words of the form the person sees: each field named by the
 * label on screen, its key in brackets, e.g. "Risks: what could harm the child (analysisRisks) is
 * required", "Family members, row 2: Email (familyMembers[2].email) must be an email address". The
 * labels are read from the task's deployed Camunda Form (its JSON: key → label; a dynamic list's
 * path → its label, each row's keys → their labels). Rows are counted from 1, as the rules count
 * them. A message without a known key, or for a task without a Camunda Form, is left as it is.
 */
public final class FormLabels {

  /** How every refusal of a form begins (the product's {@code CaseRuleException}). */
  static final String REFUSED = "Not recorded: ";
  private static final Pattern TASK_COMPLETION = Pattern.compile("/task/([^/]+)/(complete|submit-form|resolve)$");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern FIELD_AT_START =
      Pattern.compile("(?<=^" + REFUSED + "|; )([A-Za-z_]\\w*)(?:\\[(\\d+)\\]\\.(\\w+))?(?![\\w(\\[])");

  private FormLabels() {}

  /** The message with labels, when {@code path} completes a task whose form knows the message's keys. */
  static String inWordsOfTheForm(String message, String path) {
    if (message == null || !message.startsWith(REFUSED) || path == null) {
      return message;
    }
    Matcher task = TASK_COMPLETION.matcher(path);
    if (!task.find()) {
      return message;
    }
    try {
      JsonNode form = deployedForm(task.group(1));
      return form == null ? message : withLabels(message, form);
    } catch (RuntimeException e) {
      return message; // no form to read (a task form of another kind, a task gone): the keys alone
    }
  }

  /** Each key of {@code form} found in {@code message} becomes "Label (key)"; a list row's "List, row n: Label (key)". */
  public static String withLabels(String message, JsonNode form) {
    Map<String, String> fields = new LinkedHashMap<>();
    Map<String, Map<String, String>> lists = new LinkedHashMap<>();
    collect(form, fields, lists);
    StringBuilder out = new StringBuilder();
    // A rule's problem starts with the field it is about: after "Not recorded: " or after "; ".
    Matcher name = FIELD_AT_START.matcher(message);
    while (name.find()) {
      String key = name.group(1);
      String words = null;
      if (name.group(2) != null && lists.containsKey(key)) {
        String row = lists.get(key).get(name.group(3));
        words = label(fields.get(key), key) + ", row " + name.group(2) + ": " + label(row, name.group(3)) + " (" + name.group() + ")";
      } else if (name.group(2) == null && fields.containsKey(key)) {
        words = label(fields.get(key), key) + " (" + key + ")";
      }
      name.appendReplacement(out, Matcher.quoteReplacement(words == null ? name.group() : words));
    }
    name.appendTail(out);
    return out.toString();
  }

  private static String label(String label, String key) {
    return label == null || label.isBlank() ? key : label.strip();
  }

  private static void collect(JsonNode container, Map<String, String> fields, Map<String, Map<String, String>> lists) {
    for (JsonNode component : container.path("components")) {
      String key = component.hasNonNull("key") ? component.get("key").asText() : component.path("path").asText();
      String label = component.hasNonNull("label") ? component.get("label").asText()
          : component.path("dateLabel").asText(null);
      if ("dynamiclist".equals(component.path("type").asText()) && !key.isEmpty()) {
        fields.putIfAbsent(key, label);
        Map<String, String> rows = new LinkedHashMap<>();
        for (JsonNode row : component.path("components")) {
          if (row.hasNonNull("key")) {
            rows.putIfAbsent(row.get("key").asText(), row.hasNonNull("label") ? row.get("label").asText()
                : row.path("dateLabel").asText(null));
          }
        }
        lists.put(key, rows);
        continue;
      }
      if (component.hasNonNull("key") && label != null) {
        fields.putIfAbsent(key, label);
      }
      collect(component, fields, lists);
    }
  }

  /** The task's deployed Camunda Form, read as the system: the person's rights were checked by the completion. */
  private static JsonNode deployedForm(String taskId) {
    ProcessEngine engine = ProcessEngines.getDefaultProcessEngine();
    if (engine == null) {
      return null;
    }
    IdentityService identity = engine.getIdentityService();
    Authentication person = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try (InputStream form = engine.getFormService().getDeployedTaskForm(taskId)) {
      return JSON.readTree(form);
    } catch (java.io.IOException e) {
      return null;
    } finally {
      if (person != null) {
        identity.setAuthentication(person);
      }
    }
  }
}
