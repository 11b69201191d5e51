package org.safeguardflow.simulation;

import java.util.HashMap;
import java.util.Map;
import org.safeguardflow.variables.Var;

/**
 * The answers the simulator submits with a task, written through the variables' {@link Var} handles:
 * each answer is stored under the handle's name, encoded as the handle encodes it (a date as ISO text
 * {@code yyyy-MM-dd}, a code as its name), which is what the task's Camunda form submits.
 */
final class Answers {

  private final Map<String, Object> values = new HashMap<>();

  /** The answer to one field, encoded by its handle. */
  <T> Answers set(Var<T> field, T value) {
    field.put(values, value);
    return this;
  }

  /**
   * The answer to one field exactly as its form submits it, where that differs from the handle's Java
   * type: a Camunda Spin JSON value of a dynamic list or checklist, or a yes/no sent as the text
   * {@code "true"}/{@code "false"} (the field's completion rule reads both).
   */
  Answers setAsSubmitted(Var<?> field, Object submitted) {
    values.put(field.name(), submitted);
    return this;
  }

  /** The answers as the variables map {@code TaskService.complete} takes (the same map, not a copy). */
  Map<String, Object> asVariables() {
    return values;
  }
}
