package org.safeguardflow.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One step in a case's timeline. Which fields are filled depends on the kind: a user task has who,
 * created, completed, due, deadline and (when late) the reason; a decision or census date has the
 * variable and its value; a notification has its event; fields that do not apply are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TimelineEntry(
    Kind kind,
    Instant at,
    String name,
    String elementId,
    String elementType,
    TimelineProcess process,
    String who,
    Instant created,
    Instant completed,
    Long durationMillis,
    Instant due,
    Deadline deadline,
    String timescaleStep,
    String lateReason,
    String variable,
    Object value,
    String detail) {

  public enum Kind {
    /** An activity of a model that is not a user task: events, gateways, service tasks, call activities. */
    ACTIVITY,
    /** Work a person did (or has still to do). */
    USER_TASK,
    /** A statutory deadline passed before the step was done (sf_timescale_breach). */
    DEADLINE_MISSED,
    /** A decision variable changed: what a manager or practitioner decided, or the system suggested. */
    DECISION,
    /** A date the DfE census reads changed. */
    CENSUS_DATE,
    /** A step in the life of a message to a partner or a team. */
    NOTIFICATION,
    /** What a user did through the engine's API, from the user operation log. */
    USER_OPERATION,
    /** A change to the case's record itself: moved to another team, child records merged or unmerged. */
    RECORD_CHANGE
  }

  /** Whether a step with a deadline was done by it. */
  public enum Deadline {
    MET,
    LATE,
    /** Still open, deadline not yet passed. */
    PENDING,
    /** Still open, deadline passed. */
    OVERDUE
  }

  /** The process instance (model, version) an entry belongs to. */
  public record TimelineProcess(String processInstanceId, String key, String name, Integer version) {}

  static TimelineEntry activity(Instant at, String name, String elementId, String elementType, TimelineProcess process,
      Instant completed, Long durationMillis) {
    return new TimelineEntry(Kind.ACTIVITY, at, name, elementId, elementType, process, null, at, completed,
        durationMillis, null, null, null, null, null, null, null);
  }

  static TimelineEntry variable(Kind kind, Instant at, TimelineProcess process, String who, String variable, Object value) {
    return new TimelineEntry(kind, at, variable, null, null, process, who, null, null, null, null, null, null, null,
        variable, value, null);
  }

  static TimelineEntry event(Kind kind, Instant at, String name, TimelineProcess process, String who, String detail) {
    return new TimelineEntry(kind, at, name, null, null, process, who, null, null, null, null, null, null, null, null,
        null, detail);
  }
}
