package org.safeguardflow.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.VariableMap;
import org.junit.jupiter.api.Test;

/**
 * No form loses what a person typed because of what they chose afterwards. form-js does not submit
 * a field hidden by a condition, so a field (or a group or list) hidden by a choice made in the same
 * form must stay shown once something is typed in it: a worker who wrote Ella's views, then ticked
 * "Analysis", must still see and save her views (the 2026 try-out of "Record assessment work" lost
 * them). A hide that reads only what the process brought (e.g. whether the step is late) cannot
 * change while the person works, and is left as it is.
 *
 * <p>Each hide is evaluated with Camunda's FEEL engine for every value of every choice it reads,
 * with one typed field inside filled: it must not be true. A choice (a radio, a list of options) is
 * one click to make again, so only typed inputs are checked: text, dates, numbers and list rows.
 */
class FormsKeepWhatIsTypedTest {

  static final Set<String> TYPED = Set.of("textfield", "textarea", "datetime", "number", "dynamiclist");
  static final Set<String> CHOICES = Set.of("select", "radio", "checkbox", "checklist", "taglist");
  static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  static final FeelEngine FEEL = new ScalaFeelEngineFactory().createInstance();
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void noFormHidesWhatWasTypedWhenAChoiceChanges() throws IOException {
    List<String> lost = new ArrayList<>();
    int checked = 0;
    try (Stream<Path> forms = Files.list(Path.of("forms"))) {
      for (Path file : forms.filter(p -> p.toString().endsWith(".form")).sorted().toList()) {
        JsonNode form = JSON.readTree(file.toFile());
        Map<String, JsonNode> choices = new LinkedHashMap<>();
        Set<String> editable = new java.util.HashSet<>();
        collect(form, choices, editable);
        for (JsonNode hidden : withHide(form, new ArrayList<>())) {
          String hide = hidden.path("conditional").path("hide").asText().substring(1);
          List<JsonNode> typed = typedInputs(hidden, new ArrayList<>());
          List<String> controllers = new ArrayList<>();
          Matcher name = NAME.matcher(hide);
          while (name.find()) {
            if (editable.contains(name.group()) && typed.stream().noneMatch(t -> key(t).equals(name.group()))
                && !controllers.contains(name.group())) {
              controllers.add(name.group());
            }
          }
          if (controllers.isEmpty()) {
            continue;
          }
          for (JsonNode input : typed) {
            for (Map<String, Object> chosen : combinations(controllers, choices)) {
              VariableMap context = Variables.createVariables();
              chosen.forEach(context::putValue);
              context.putValue(key(input), filled(input));
              checked++;
              if (Boolean.TRUE.equals(FEEL.evaluateSimpleExpression(hide, context.asVariableContext()))) {
                lost.add(file.getFileName() + ": " + key(input) + " typed, then " + chosen + " hides it (" + hide + ")");
                break;
              }
            }
          }
        }
      }
    }
    assertThat(checked).as("hides over typed fields checked").isGreaterThan(50);
    assertThat(lost).as("typed text hidden, so not submitted, by a later choice").isEmpty();
  }

  static String key(JsonNode field) {
    return field.hasNonNull("key") ? field.get("key").asText() : field.path("path").asText();
  }

  static boolean editable(JsonNode field) {
    return !key(field).isEmpty() && !field.path("readonly").asBoolean() && !field.path("disabled").asBoolean();
  }

  static void collect(JsonNode container, Map<String, JsonNode> choices, Set<String> editable) {
    for (JsonNode field : container.path("components")) {
      String type = field.path("type").asText();
      if ((TYPED.contains(type) || CHOICES.contains(type)) && editable(field)) {
        editable.add(key(field));
        if (CHOICES.contains(type)) {
          choices.put(key(field), field);
        }
      }
      if (!type.equals("dynamiclist")) {
        collect(field, choices, editable);
      }
    }
  }

  static List<JsonNode> withHide(JsonNode container, List<JsonNode> found) {
    for (JsonNode field : container.path("components")) {
      if (field.path("conditional").path("hide").asText().startsWith("=")) {
        found.add(field);
      }
      if (!field.path("type").asText().equals("dynamiclist")) {
        withHide(field, found);
      }
    }
    return found;
  }

  static List<JsonNode> typedInputs(JsonNode field, List<JsonNode> found) {
    if (TYPED.contains(field.path("type").asText()) && editable(field)) {
      found.add(field);
    }
    if (!field.path("type").asText().equals("dynamiclist")) {
      field.path("components").forEach(inner -> typedInputs(inner, found));
    }
    return found;
  }

  /** What a person leaves in a typed input: text, a date, a number, or one list row with its first text. */
  static Object filled(JsonNode input) {
    return switch (input.path("type").asText()) {
      case "number" -> 3;
      case "datetime" -> "2026-05-05";
      case "dynamiclist" -> {
        Map<String, Object> row = new HashMap<>();
        for (JsonNode inner : input.path("components")) {
          if (TYPED.contains(inner.path("type").asText()) && row.isEmpty()) {
            row.put(key(inner), filled(inner));
          }
        }
        yield List.of(row);
      }
      default -> "Ella said she is hungry on Mondays";
    };
  }

  /** Every value each choice can take (nothing chosen included), in every combination. */
  static List<Map<String, Object>> combinations(List<String> controllers, Map<String, JsonNode> choices) {
    List<Map<String, Object>> all = new ArrayList<>();
    all.add(new HashMap<>());
    for (String controller : controllers) {
      List<Object> values = new ArrayList<>();
      values.add(null);
      JsonNode choice = choices.get(controller);
      String type = choice == null ? "textfield" : choice.path("type").asText();
      if (type.equals("checkbox")) {
        values.addAll(List.of(true, false));
      } else if (choice == null) {
        values.add("typed");
      } else {
        List<String> options = new ArrayList<>();
        choice.path("values").forEach(v -> options.add(v.path("value").asText()));
        if (type.equals("checklist") || type.equals("taglist")) {
          values.add(List.of());
          options.forEach(o -> values.add(List.of(o)));
          values.add(options);
        } else {
          values.addAll(options);
        }
      }
      List<Map<String, Object>> next = new ArrayList<>();
      for (Map<String, Object> before : all) {
        for (Object value : values) {
          Map<String, Object> with = new HashMap<>(before);
          with.put(controller, value);
          next.add(with);
        }
      }
      all = next;
    }
    return all;
  }
}
