package org.safeguardflow.casework;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Date;
import org.safeguardflow.timescales.StatutoryTimescales;
import org.safeguardflow.variables.Var;

/** Dates of a case as variables hold them: ISO text from forms, or Date values from the engine. */
public final class CaseDates {

  private CaseDates() {}

  /**
   * A handle for a date a practitioner enters: stored as ISO text {@code yyyy-MM-dd} (Camunda Forms'
   * date field), read as the date in England (a Date the engine stored is read by its day).
   * A value that is not a date is refused as {@link #of(String, Object)} refuses it: a
   * {@link CaseRuleException} naming the variable.
   */
  public static Var<LocalDate> variable(String name) {
    return Var.withCodec(name, "ISO date text (yyyy-MM-dd)", stored -> of(name, stored), LocalDate::toString);
  }

  /** The date in England, or null when the value is absent; throws when it is not a date. */
  public static LocalDate of(String variable, Object value) {
    if (value == null || (value instanceof String text && text.isBlank())) {
      return null;
    }
    if (value instanceof Date date) {
      return StatutoryTimescales.londonDate(date);
    }
    if (value instanceof LocalDate date) {
      return date;
    }
    if (value instanceof String text) {
      try {
        return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
      } catch (DateTimeParseException e) {
        throw new CaseRuleException(variable + " must be a date (yyyy-MM-dd), not '" + text + "'");
      }
    }
    throw new CaseRuleException(variable + " must be a date, not " + value.getClass().getSimpleName());
  }
}
