package org.safeguardflow.casework;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;

/**
 * Values as Camunda Forms and the REST API submit them: a checklist arrives as a Java list, a JSON
 * variable or JSON text; a yes/no radio as the text "true"/"false".
 */
public final class FormValues {

  private FormValues() {}

  /** The ticked values of a checklist, in the order given; empty when nothing was ticked. */
  public static List<String> list(String variable, Object value) {
    List<String> values = new ArrayList<>();
    if (value == null) {
      return values;
    }
    if (value instanceof Collection<?> items) {
      items.forEach(item -> values.add(String.valueOf(item)));
      return values;
    }
    if (value instanceof String text) {
      if (text.isBlank()) {
        return values;
      }
      if (!text.strip().startsWith("[")) {
        for (String item : text.split(",")) {
          if (!item.isBlank()) {
            values.add(item.strip());
          }
        }
        return values;
      }
      value = parse(variable, text);
    }
    if (value instanceof SpinJsonNode json && json.isArray()) {
      json.elements().forEach(item -> values.add(item.isString() ? item.stringValue() : item.toString()));
      return values;
    }
    throw new CaseRuleException(variable + " must be a list of choices");
  }

  /** A yes/no answer, or null when it was not given. */
  public static Boolean yesNo(String variable, Object value) {
    if (value == null || (value instanceof String text && text.isBlank())) {
      return null;
    }
    if (value instanceof Boolean answer) {
      return answer;
    }
    if ("true".equals(value)) {
      return true;
    }
    if ("false".equals(value)) {
      return false;
    }
    throw new CaseRuleException(variable + " must be yes (true) or no (false), not '" + value + "'");
  }

  /** Required text no longer than {@code maxLength} characters as a person counts them ({@link Texts}). */
  public static String requiredText(String variable, Object value, int maxLength) {
    return Texts.required(variable, value, maxLength);
  }

  private static SpinJsonNode parse(String variable, String text) {
    try {
      return Spin.JSON(text);
    } catch (RuntimeException e) {
      throw new CaseRuleException(variable + " must be a list of choices");
    }
  }
}
