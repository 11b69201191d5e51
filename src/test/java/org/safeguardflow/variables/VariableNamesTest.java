package org.safeguardflow.variables;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Process variables are read and written through their {@link Var} handle: no variable name written
 * as a string literal into {@code getVariable}/{@code setVariable}, and no cast of what
 * {@code getVariable} returns, and no variable name written as a literal into a map of answers or
 * variables that is sent to the engine ({@code complete}, {@code submitTaskForm}, {@code setVariables},
 * a process start), anywhere in {@code src/main} (CONTRIBUTING, "Process variables").
 */
class VariableNamesTest {

  private static final Path MAIN = Path.of("src/main/java/org/safeguardflow");

  /** {@code getVariable("x")}, {@code getVariableLocal("x")}, {@code tasks.getVariable(id, "x")}, and the same for set. */
  static final Pattern NAME_AS_LITERAL = Pattern.compile(
      "\\b[gs]etVariable(Local)?\\(\\s*(\"|[^,()\"]*(\\([^()]*\\))?[^,()\"]*,\\s*\")");

  /** {@code (String) execution.getVariable(...)}: a cast of a variable's value. */
  static final Pattern CAST_OF_VALUE = Pattern.compile(
      "\\(\\s*(String|Boolean|Integer|Long|Short|Double|Date|Number|Object\\[\\]|[A-Z]\\w*(<[^>]*>)?)\\s*\\)\\s*"
          + "[\\w.()]*\\.getVariable(Local)?\\(");

  /**
   * A map handed to the engine as variables: {@code tasks.complete(id, form)}, {@code submitTaskForm(id, vars)},
   * {@code setVariables(id, vars)}, {@code startProcessInstanceByKey(key, vars)}; group 1 is the map's name.
   */
  static final Pattern SENT_MAP = Pattern.compile(
      "\\b(?:complete|submitTaskForm|setVariables(?:Local)?|startProcessInstanceBy(?:Key|Id))\\((?:[^;]*,)?\\s*(\\w+)\\s*\\)");

  /** A literal name inside the call itself: {@code complete(id, Map.of("x", v))}, {@code complete(id, Variables.putValue("x", v))}. */
  static final Pattern NAME_IN_SENT_CALL = Pattern.compile(
      "\\b(?:complete|submitTaskForm|setVariables(?:Local)?|startProcessInstanceBy(?:Key|Id))\\([^;]*"
          + "(?:\\bMap\\.of|\\bput(?:Value)?)\\(\\s*\"");

  /**
   * The lines (numbered from 1) of one source file that put a literal variable name into a map the
   * file sends to the engine ({@code form.put("x", v)}, {@code vars.putValue("x", v)} where
   * {@code form}/{@code vars} is passed to {@code complete} and the like), or write one into the call.
   * Maps never sent (JSON nodes, DMN inputs, labels) are not looked at.
   */
  static List<Integer> namesPutIntoSentMaps(List<String> lines) {
    Set<String> sent = new LinkedHashSet<>();
    Matcher call = SENT_MAP.matcher(String.join("\n", lines));
    while (call.find()) {
      sent.add(call.group(1));
    }
    List<Pattern> puts = sent.stream()
        .map(map -> Pattern.compile("\\b" + Pattern.quote(map) + "\\s*\\.\\s*put(?:Value)?\\(\\s*\""))
        .toList();
    List<Integer> found = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (NAME_IN_SENT_CALL.matcher(line).find() || puts.stream().anyMatch(put -> put.matcher(line).find())) {
        found.add(i + 1);
      }
    }
    return found;
  }

  @Test
  void noVariableNameIsWrittenOutAndNoValueIsCast() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        String relative = MAIN.relativize(file).toString().replace('\\', '/');
        if (relative.startsWith("variables/")) {
          continue;
        }
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i);
          if (NAME_AS_LITERAL.matcher(line).find() || CAST_OF_VALUE.matcher(line).find()) {
            found.add(relative + ":" + (i + 1) + ": " + line.strip());
          }
        }
        for (int number : namesPutIntoSentMaps(lines)) {
          found.add(relative + ":" + number + ": " + lines.get(number - 1).strip());
        }
      }
    }
    assertThat(found).as("variables read or written by a literal name or cast: declare a Var handle").isEmpty();
  }

  @Test
  void theCheckFindsEachKindOfFault() {
    assertThat(NAME_AS_LITERAL.matcher("Object v = task.getVariable(\"referralDate\");").find()).isTrue();
    assertThat(NAME_AS_LITERAL.matcher("execution.getVariableLocal(\"timescaleStep\")").find()).isTrue();
    assertThat(NAME_AS_LITERAL.matcher("tasks.getVariable(t.getId(), \"requestId\")").find()).isTrue();
    assertThat(NAME_AS_LITERAL.matcher("execution.setVariable(\"mergeId\", merge.id());").find()).isTrue();
    assertThat(NAME_AS_LITERAL.matcher("runtime.setVariable(instance.getId(), \"incidentId\", incident);").find()).isTrue();
    assertThat(CAST_OF_VALUE.matcher("String who = (String) execution.getVariable(ALLOCATED_WORKER);").find()).isTrue();
    assertThat(CAST_OF_VALUE.matcher("((Number) tasks.getVariable(t.getId(), CONTACT_ID)).longValue()").find()).isTrue();

    assertThat(NAME_AS_LITERAL.matcher("LocalDate d = Pathway.Var.REFERRAL_DATE.get(task);").find()).isFalse();
    assertThat(NAME_AS_LITERAL.matcher("LocalDate date = CaseDates.variable(name).get(task);").find()).isFalse();
    assertThat(CAST_OF_VALUE.matcher("Object value = scope.getVariable(name);").find()).isFalse();

    // A literal name put into answers that a task is completed with, however the map is built and sent.
    assertThat(namesPutIntoSentMaps(List.of(
        "Map<String, Object> form = new HashMap<>();",
        "form.put(\"contactDecision\", \"NFA\");",
        "tasks.complete(task.getId(), form);"))).containsExactly(2);
    assertThat(namesPutIntoSentMaps(List.of(
        "VariableMap answers = Variables.createVariables();",
        "answers.putValue(\"closureDate\", today);",
        "formService.submitTaskForm(",
        "    taskId, answers);"))).containsExactly(2);
    assertThat(namesPutIntoSentMaps(List.of(
        "runtime.setVariables(instance.getId(), variables);",
        "variables .put( \"allocatedWorker\", worker);"))).containsExactly(2);
    assertThat(namesPutIntoSentMaps(List.of("tasks.complete(id, Map.of(\"contactDecision\", \"NFA\"));"))).containsExactly(1);
    assertThat(namesPutIntoSentMaps(List.of("tasks.complete(id, Variables.putValue(\"s47Started\", true));")))
        .containsExactly(1);

    // Handles, JSON built beside the answers, DMN inputs and maps never sent are not faults.
    assertThat(namesPutIntoSentMaps(List.of(
        "ContactProcess.Var.CONTACT_DECISION.put(form, Route.NFA);",
        "rows.addObject().put(\"outcome\", 1).put(\"rating\", \"RED\");",
        "given.put(\"children\", \"10\");",
        "decisions.evaluateDecisionTableByKey(KEY).variables(Variables.putValue(\"referralDate\", day)).evaluate();",
        "tasks.complete(task.getId(), form);"))).isEmpty();
  }
}
