package org.safeguardflow.timescales;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
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

  /** Answers kept at most: a table version's answers for some decades of days and every step. */
  private static final int ANSWERS_KEPT = 50_000;

  private final DecisionService decisions;
  private final WorkingDayCalendar calendar;
  private final JdbcTemplate jdbc;
  /** The tables' answers by their deployed versions (definition ids) and inputs. */
  private final Map<List<Object>, Object> answers = new ConcurrentHashMap<>();

  // Lazy: the engine evaluates these expressions, so the engine must not need this bean to start.
  public StatutoryTimescales(@Lazy DecisionService decisions, WorkingDayCalendar calendar, JdbcTemplate jdbc) {
    this.decisions = decisions;
    this.calendar = calendar;
    this.jdbc = jdbc;
  }

  /** The Working Together edition in force on the referral date, e.g. {@code WT2010}, {@code WT2023}. */
  public String edition(Object referralDate) {
    return edition(londonDate(referralDate), latestVersions());
  }

  private String edition(LocalDate referralDate, Map<String, String> versions) {
    return (String) answer(versions, EDITION_DECISION, List.of(referralDate), definitionId -> {
      DmnDecisionResult result =
          decisions
              .evaluateDecisionById(definitionId)
              .variables(Variables.putValue("referralDate", referralDate))
              .evaluate();
      if (result.isEmpty()) {
        throw new TimescaleNotDefinedException(
            "No Working Together edition covers the referral date " + referralDate);
      }
      return result.getSingleEntry();
    });
  }

  /**
   * The timescale of a step for a case whose referral (or contact) date is given.
   *
   * <p>The tables' answer for the same inputs is kept per deployed version of the tables: every
   * deadline, reminder and escalation of every task asked the engine to evaluate both tables again
   * (a FEEL evaluation and its decision history rows each), which was 42 % of the CPU time of deciding a
   * contact (bench/RESULTS.md, JFR). The latest version is still looked up on every call, so a table a
   * process owner deploys applies to the next deadline on every node.
   *
   * @throws TimescaleNotDefinedException when no edition covers the date or the table has no row
   *     for the step under that edition
   */
  public Timescale timescale(String step, Object referralDate) {
    Map<String, String> versions = latestVersions();
    String edition = edition(londonDate(referralDate), versions);
    return (Timescale) answer(versions, TIMESCALE_DECISION, List.of(step, edition),
        definitionId -> evaluateTimescale(definitionId, step, edition));
  }

  private Timescale evaluateTimescale(String definitionId, String step, String edition) {
    DmnDecisionResult result =
        decisions
            .evaluateDecisionById(definitionId)
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

  /** The table's kept answer for these inputs under its latest version, evaluated once when not kept. */
  private Object answer(Map<String, String> versions, String decision, List<Object> inputs,
      Function<String, Object> evaluate) {
    String definitionId = versions.get(decision);
    if (definitionId == null) {
      throw new TimescaleNotDefinedException("The decision table " + decision + " is not deployed");
    }
    List<Object> key = new ArrayList<>(inputs.size() + 1);
    key.add(definitionId);
    key.addAll(inputs);
    Object kept = answers.get(key);
    if (kept != null) {
      return kept;
    }
    Object answer = evaluate.apply(definitionId);
    if (answers.size() >= ANSWERS_KEPT) {
      answers.clear(); // older versions' answers go too; the next calls evaluate again
    }
    answers.put(key, answer);
    return answer;
  }

  /**
   * The ids of the latest deployed versions of the two tables (deployed without a tenant, as the
   * engine's evaluation by key finds them): one indexed read of the decision definitions.
   */
  private Map<String, String> latestVersions() {
    Map<String, String> versions = new HashMap<>(4);
    jdbc.query("""
        select d.key_, d.id_ from act_re_decision_def d
         where d.key_ in (?, ?) and d.tenant_id_ is null
           and d.version_ = (select max(m.version_) from act_re_decision_def m
                              where m.key_ = d.key_ and m.tenant_id_ is null)
        """, rs -> {
          versions.put(rs.getString(1), rs.getString(2));
        }, EDITION_DECISION, TIMESCALE_DECISION);
    return versions;
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
