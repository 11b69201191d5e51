package org.safeguardflow.timescales;

/**
 * One row of the statutory timescales table: how long a step may take, and how early the team is
 * reminded, in working days before the deadline day.
 */
public record Timescale(String step, String edition, int amount, Unit unit, int reminderWorkingDaysBefore) {

  public enum Unit {
    WORKING_DAYS,
    CALENDAR_DAYS,
    CALENDAR_MONTHS
  }
}
