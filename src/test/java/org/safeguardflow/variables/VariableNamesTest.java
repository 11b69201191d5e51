package org.safeguardflow.variables;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Process variables are read and written through their {@link Var} handle: no variable name written
 * as a string literal into {@code getVariable}/{@code setVariable}, and no cast of what
 * {@code getVariable} returns, anywhere in {@code src/main} (CONTRIBUTING, "Process variables").
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
  }
}
