package org.safeguardflow.timescales;

import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.DayOfWeek;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/**
 * Working days as statutory guidance counts them: Monday to Friday, less England & Wales bank
 * holidays, one-off days (jubilees, the 2022 state funeral, the 2023 coronation) included.
 */
@Component
public class WorkingDayCalendar {

  // Without the "eng" subdivision jollyday answers for the whole UK and misses Easter Monday.
  private static final String ENGLAND_AND_WALES = "eng";

  private final HolidayManager holidays =
      HolidayManager.getInstance(ManagerParameters.create(HolidayCalendar.UNITED_KINGDOM));

  public boolean isWorkingDay(LocalDate date) {
    DayOfWeek day = date.getDayOfWeek();
    return day != DayOfWeek.SATURDAY
        && day != DayOfWeek.SUNDAY
        && !holidays.isHoliday(date, ENGLAND_AND_WALES);
  }

  /** The Nth working day after {@code date}, which itself counts as day 0 whatever it is. */
  public LocalDate addWorkingDays(LocalDate date, int workingDays) {
    if (workingDays < 0) {
      throw new IllegalArgumentException("workingDays must not be negative: " + workingDays);
    }
    LocalDate day = date;
    int counted = 0;
    while (counted < workingDays) {
      day = day.plusDays(1);
      if (isWorkingDay(day)) {
        counted++;
      }
    }
    return day;
  }

  /** The working day that lies {@code workingDays} working days before {@code date}. */
  public LocalDate subtractWorkingDays(LocalDate date, int workingDays) {
    LocalDate day = date;
    int counted = 0;
    while (counted < workingDays) {
      day = day.minusDays(1);
      if (isWorkingDay(day)) {
        counted++;
      }
    }
    return day;
  }

  /** Working days after {@code from} up to and including {@code to}; 0 when {@code to} is not later. */
  public int workingDaysBetween(LocalDate from, LocalDate to) {
    int count = 0;
    for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
      if (isWorkingDay(day)) {
        count++;
      }
    }
    return count;
  }
}
