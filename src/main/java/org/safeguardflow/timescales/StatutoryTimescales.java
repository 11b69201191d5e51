package org.safeguardflow.timescales;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Statutory deadlines, read from the decision tables in {@code bpmn/statutory-timescales.dmn} so
 * that process owners change timescales without Java. Called from BPMN as {@code timescales}, e.g.
 * {@code camunda:dueDate="${timescales.dueDate('CONTACT_DECISION', receivedAt)}"}.
 *
 * <p>Deadline rule: N working days after an event is the end (23:59:59 Europe/London) of the Nth
 * working day after the event's date, the event's own date being day 0.
 */
@Component("timescales")
public class StatutoryTimescales {

  public static final ZoneId LONDON = ZoneId.of("Europe/London");
  static final String TIMESCALE_DECISION = "StatutoryTimescale";
  static final String EDITION_DECISION = "WorkingTogetherEdition";
  private static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59);
  private static final LocalTime START_OF_WORKING_DAY = LocalTime.of(9, 0);

  private final DecisionService decisions;
  private final WorkingDayCalendar calendar;

  // Lazy: the engine evaluates these expressions, so the engine must not need this bean to start.
  public StatutoryTimescales(@Lazy DecisionService decisions, WorkingDayCalendar calendar) {
    this.decisions = decisions;
    this.calendar = calendar;
  }

  /** The Working Together edition in force on the referral date, e.g. {@code WT2010}, {@code WT2023}. */
  public String edition(Object referralDate) {
    DmnDecisionResult result =
        decisions
            .evaluateDecisionByKey(EDITION_DECISION)
            .variables(Variables.putValue("referralDate", londonDate(referralDate)))
            .evaluate();
    if (result.isEmpty()) {
      throw new TimescaleNotDefinedException(
          "No Working Together edition covers the referral date " + londonDate(referralDate));
    }
    return result.getSingleEntry();
  }

  /** The timescale of a step for a case whose referral (or contact) date is given. */
  public Timescale timescale(String step, Object referralDate) {
    String edition = edition(referralDate);
    DmnDecisionResult result =
        decisions
            .evaluateDecisionByKey(TIMESCALE_DECISION)
            .variables(Variables.putValue("step", step).putValue("edition", edition))
            .evaluate();
    if (result.isEmpty()) {
      throw new TimescaleNotDefinedException(
          "The statutory timescales table has no row for step " + step + " under " + edition);
    }
    DmnDecisionResultEntries row = result.getSingleResult();
    return new Timescale(
        step,
        edition,
        ((Number) row.getEntry("amount")).intValue(),
        Timescale.Unit.valueOf(row.getEntry("unit")),
        ((Number) row.getEntry("reminderWorkingDaysBefore")).intValue());
  }

  /** Deadline of a step that starts at {@code startedAt}; the edition follows the same date. */
  public Date dueDate(String step, Object startedAt) {
    return dueDate(step, startedAt, startedAt);
  }

  /** Deadline of a step that starts at {@code startedAt} in a case referred on {@code referralDate}. */
  public Date dueDate(String step, Object startedAt, Object referralDate) {
    return Date.from(deadlineDay(timescale(step, referralDate), londonDate(startedAt))
        .atTime(END_OF_DAY).atZone(LONDON).toInstant());
  }

  /** When the team is reminded: 09:00 on the working day that many working days before the deadline day. */
  public Date reminderDate(String step, Object startedAt) {
    return reminderDate(step, startedAt, startedAt);
  }

  public Date reminderDate(String step, Object startedAt, Object referralDate) {
    Timescale timescale = timescale(step, referralDate);
    LocalDate deadlineDay = deadlineDay(timescale, londonDate(startedAt));
    LocalDate reminderDay = calendar.subtractWorkingDays(deadlineDay, timescale.reminderWorkingDaysBefore());
    return Date.from(reminderDay.atTime(START_OF_WORKING_DAY).atZone(LONDON).toInstant());
  }

  /** The engine's clock, which tests move with ClockUtil. */
  public Date now() {
    return ClockUtil.getCurrentTime();
  }

  /** Whether {@code at} is after the deadline. */
  public boolean isLate(Date deadline, Object at) {
    return toInstant(at).isAfter(deadline.toInstant());
  }

  LocalDate deadlineDay(Timescale timescale, LocalDate eventDate) {
    return switch (timescale.unit()) {
      case WORKING_DAYS -> calendar.addWorkingDays(eventDate, timescale.amount());
      case CALENDAR_DAYS -> eventDate.plusDays(timescale.amount());
      case CALENDAR_MONTHS -> eventDate.plusMonths(timescale.amount());
    };
  }

  /**
   * The camelCase stem of a step's variables: CONTACT_DECISION gives contactDecision, as in
   * {@code contactDecisionOverdue} and {@code contactDecisionLateReason}.
   */
  public static String variableStem(String step) {
    StringBuilder name = new StringBuilder();
    boolean upper = false;
    for (char c : step.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        name.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return name.toString();
  }

  /** The calendar date in England of a moment given as a Date, java.time value or ISO-8601 text. */
  public static LocalDate londonDate(Object moment) {
    if (moment instanceof LocalDate date) {
      return date;
    }
    return toInstant(moment).atZone(LONDON).toLocalDate();
  }

  static Instant toInstant(Object moment) {
    if (moment == null) {
      throw new IllegalArgumentException("A timescale needs the date its step started; none was given");
    }
    if (moment instanceof Date date) {
      return date.toInstant();
    }
    if (moment instanceof Instant instant) {
      return instant;
    }
    if (moment instanceof OffsetDateTime odt) {
      return odt.toInstant();
    }
    if (moment instanceof ZonedDateTime zdt) {
      return zdt.toInstant();
    }
    if (moment instanceof LocalDate date) {
      return date.atStartOfDay(LONDON).toInstant();
    }
    if (moment instanceof String text) {
      return text.length() == 10
          ? LocalDate.parse(text).atStartOfDay(LONDON).toInstant()
          : OffsetDateTime.parse(text).toInstant();
    }
    throw new IllegalArgumentException("Not a date: " + moment.getClass().getName());
  }
}
