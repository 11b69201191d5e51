package org.safeguardflow.timescales;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The days a statutory clock does not count: weekends and England & Wales bank holidays. */
class WorkingDayCalendarTest {

  final WorkingDayCalendar calendar = new WorkingDayCalendar();

  @ParameterizedTest(name = "{0} is a bank holiday")
  @ValueSource(strings = {
      "2011-04-29", // royal wedding
      "2012-06-04", "2012-06-05", // diamond jubilee, with the spring bank holiday moved
      "2020-05-08", // VE day, the May bank holiday moved
      "2022-06-02", "2022-06-03", // platinum jubilee
      "2022-09-19", // the Queen's state funeral
      "2023-05-08", // coronation
      "2026-04-03", "2026-04-06", // Good Friday and Easter Monday 2026
      "2025-12-25", "2025-12-26", "2026-01-01", "2026-05-04", "2026-05-25", "2026-08-31"
  })
  void bankHolidaysAreNotWorkingDays(String date) {
    assertThat(calendar.isWorkingDay(LocalDate.parse(date))).isFalse();
  }

  @ParameterizedTest(name = "{0} is an ordinary working day")
  @ValueSource(strings = {
      "2012-05-28", // the spring bank holiday that 2012 moved to June
      "2020-05-04", // the early May bank holiday that 2020 moved to VE day
      "2026-03-17", // St Patrick's day: Northern Ireland only
      "2026-06-15", // a bank holiday in Scotland only
      "2026-11-30", // St Andrew's day: Scotland only
      "2026-01-02"  // 2 January: Scotland only
  })
  void holidaysOfOtherNationsAreWorkingDaysInEngland(String date) {
    assertThat(calendar.isWorkingDay(LocalDate.parse(date))).isTrue();
  }

  @Test
  void weekendsAreNotWorkingDays() {
    assertThat(calendar.isWorkingDay(LocalDate.parse("2026-11-21"))).isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.parse("2026-11-22"))).isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.parse("2026-11-23"))).isTrue();
  }

  @ParameterizedTest(name = "{1} working day(s) after {0} is {2}")
  @CsvSource({
      "2026-04-02, 1, 2026-04-07", // Thursday before Easter: Good Friday, weekend, Easter Monday skipped
      "2026-04-02, 0, 2026-04-02", // the event's own date is day 0
      "2025-12-24, 1, 2025-12-29", // Christmas Eve: Christmas, Boxing Day and the weekend skipped
      "2025-12-19, 10, 2026-01-07", // ten working days over Christmas and New Year
      "2026-11-21, 1, 2026-11-23", // a contact on Saturday is due Monday
      "2022-09-16, 1, 2022-09-20", // Friday before the state funeral
      "2012-06-01, 1, 2012-06-06", // Friday before the diamond jubilee's two days
      "2023-05-05, 1, 2023-05-09", // Friday before the coronation
      "2026-04-02, 45, 2026-06-10" // a single assessment from the Thursday before Easter 2026
  })
  void workingDaysAreCountedFromTheDayAfterTheEvent(String from, int days, String expected) {
    assertThat(calendar.addWorkingDays(LocalDate.parse(from), days)).isEqualTo(LocalDate.parse(expected));
  }

  @Test
  void countingBackAndBetweenAgreeWithCountingForward() {
    LocalDate start = LocalDate.parse("2025-12-19");
    LocalDate end = calendar.addWorkingDays(start, 10);
    assertThat(calendar.workingDaysBetween(start, end)).isEqualTo(10);
    assertThat(calendar.subtractWorkingDays(end, 10)).isEqualTo(LocalDate.parse("2025-12-19"));
    assertThat(calendar.subtractWorkingDays(LocalDate.parse("2026-04-07"), 1)).isEqualTo(LocalDate.parse("2026-04-02"));
  }
}
