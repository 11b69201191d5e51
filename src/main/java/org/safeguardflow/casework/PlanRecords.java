package org.safeguardflow.casework;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The plans on each case file (V14: {@code sf_plan}, {@code sf_plan_statement}, {@code sf_plan_outcome},
 * {@code sf_plan_action}, {@code sf_plan_meeting}, {@code sf_plan_progress}): a child protection plan's
 * danger statements and safety goals, each plan's specific outcomes and their actions, and the progress
 * every core group and review records against each outcome. Rows rather than a JSON variable, so that
 * a manager's or an auditor's question across cases ("overdue actions", "outcomes still red") is one
 * query. Free text is returned exactly as it was typed. Runs in the caller's transaction (the task
 * completion that recorded it), so a refused completion leaves nothing here.
 */
@Repository
public class PlanRecords {

  /** Which plan: a child protection plan (Children Act 1989 s47) or a child in need plan (s17). */
  public enum Kind { CP, CIN }

  /** What kind of meeting recorded progress. */
  public enum MeetingKind { CORE_GROUP, REVIEW_CONFERENCE, CIN_PLAN_REVIEW }

  /** Progress against an outcome as the meeting judged it. */
  public enum Rating { RED, AMBER, GREEN }

  /** A plan; {@code endedOn} is null while it lasts; {@code categoryOfAbuse} is null for a CIN plan. */
  public record Plan(long id, String caseRef, Kind kind, LocalDate startedOn, LocalDate endedOn, String categoryOfAbuse) {}

  /**
   * A specific outcome for the child, numbered from 1 in the plan ({@code position}; an outcome added
   * later takes the next number, and an ended one keeps its number), as it stands now; {@code endedOn} is
   * the meeting that ended it, null while it is part of the plan.
   */
  public record Outcome(long id, long planId, int position, String whatChanges, String measuredBy, LocalDate byWhen,
      LocalDate endedOn) {
    /** Still part of the plan: rated at meetings, open to new actions. */
    public boolean current() {
      return endedOn == null;
    }
  }

  /** How a meeting revised an outcome. */
  public enum Revision { ADDED, CHANGED, ENDED }

  /**
   * One revision of an outcome after the plan was set: the outcome after it and (unless it was added)
   * before it, why, who recorded it and the day of the meeting.
   */
  public record OutcomeRevision(long id, long outcomeId, int position, long meetingId, Revision revision,
      String whatChanges, String measuredBy, LocalDate byWhen, String previousWhatChanges, String previousMeasuredBy,
      LocalDate previousByWhen, String why, String revisedBy, LocalDate revisedOn) {}

  /**
   * An action towards an outcome. Open while {@code doneOn} and {@code closedReason} are null;
   * {@code processInstanceId} is its chasing process ({@code Process_PlanAction}); {@code notForFamily} when
   * the worker marked it not for the family (it names a third party): the family's copy leaves it out.
   */
  public record Action(long id, long outcomeId, int outcomePosition, String who, String what, LocalDate byWhen,
      LocalDate agreedOn, LocalDate doneOn, String closedReason, String processInstanceId, boolean notForFamily) {
    public boolean open() {
      return doneOn == null && closedReason == null;
    }
  }

  /** A core group or review, with the child's voice in it. */
  public record Meeting(long id, long planId, MeetingKind kind, LocalDate heldOn, boolean childAttended,
      String childsViews, String howViewsWereGathered, boolean advocateOffered, String advocateNotOfferedReason,
      String decision) {}

  /** The progress a meeting recorded against one outcome. */
  public record Progress(long meetingId, long outcomeId, Rating rating, String evidence) {}

  private final JdbcTemplate jdbc;

  public PlanRecords(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  long createPlan(String caseRef, Kind kind, LocalDate startedOn, String categoryOfAbuse, String recordedBy,
      OffsetDateTime at) {
    return insert("insert into sf_plan (case_ref, plan_kind, started_on, category_of_abuse, recorded_by, recorded_at)"
        + " values (?, ?, ?, ?, ?, ?)", caseRef, kind.name(), startedOn, categoryOfAbuse, recordedBy, at);
  }

  void addStatement(long planId, String statementKind, int position, String text) {
    jdbc.update("insert into sf_plan_statement (plan_id, statement_kind, position, text) values (?, ?, ?, ?)",
        planId, statementKind, position, text);
  }

  long addOutcome(long planId, int position, String whatChanges, String measuredBy, LocalDate byWhen) {
    return insert("insert into sf_plan_outcome (plan_id, position, what_changes, measured_by, by_when) values (?, ?, ?, ?, ?)",
        planId, position, whatChanges, measuredBy, byWhen);
  }

  long addAction(long outcomeId, String who, String what, LocalDate byWhen, LocalDate agreedOn, boolean notForFamily) {
    return insert("insert into sf_plan_action (outcome_id, who, what, by_when, agreed_on, not_for_family)"
        + " values (?, ?, ?, ?, ?, ?)", outcomeId, who, what, byWhen, agreedOn, notForFamily);
  }

  void linkActionProcess(long actionId, String processInstanceId) {
    jdbc.update("update sf_plan_action set process_instance_id = ? where id = ?", processInstanceId, actionId);
  }

  /** Marks an open action done; false when it was already done or closed (nothing changes then). */
  boolean markDone(long actionId, LocalDate doneOn) {
    return jdbc.update("update sf_plan_action set done_on = ? where id = ? and done_on is null and closed_reason is null",
        doneOn, actionId) == 1;
  }

  /** Moves an open action's by-when date (the chase task agreed a new one). */
  void moveByWhen(long actionId, LocalDate byWhen) {
    jdbc.update("update sf_plan_action set by_when = ? where id = ?", byWhen, actionId);
  }

  /** Ends the plan and closes its open actions with the reason; answers the closed actions. */
  public List<Action> endPlan(long planId, LocalDate endedOn, String reason) {
    List<Action> open = actions(planId).stream().filter(Action::open).toList();
    jdbc.update("update sf_plan set ended_on = ? where id = ? and ended_on is null", endedOn, planId);
    jdbc.update("update sf_plan_action set closed_reason = ? where done_on is null and closed_reason is null"
        + " and outcome_id in (select id from sf_plan_outcome where plan_id = ?)", reason, planId);
    return open;
  }

  long addMeeting(long planId, MeetingKind kind, LocalDate heldOn, boolean childAttended, String childsViews,
      String howGathered, boolean advocateOffered, String advocateNotOfferedReason, String decision, String recordedBy,
      OffsetDateTime at) {
    return insert("insert into sf_plan_meeting (plan_id, meeting_kind, held_on, child_attended, childs_views,"
            + " how_views_were_gathered, advocate_offered, advocate_not_offered_reason, decision, recorded_by, recorded_at)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        planId, kind.name(), heldOn, childAttended, childsViews, howGathered, advocateOffered, advocateNotOfferedReason,
        decision, recordedBy, at);
  }

  void addProgress(long meetingId, long outcomeId, Rating rating, String evidence) {
    jdbc.update("insert into sf_plan_progress (meeting_id, outcome_id, rating, evidence) values (?, ?, ?, ?)",
        meetingId, outcomeId, rating.name(), evidence);
  }

  /** The plan of this kind the case has open now, if any. */
  public Optional<Plan> openPlan(String caseRef, Kind kind) {
    return jdbc.query("select * from sf_plan where case_ref = ? and plan_kind = ? and ended_on is null order by id desc",
        PlanRecords::plan, caseRef, kind.name()).stream().findFirst();
  }

  /** Every plan of the case, oldest first. */
  public List<Plan> plans(String caseRef) {
    return jdbc.query("select * from sf_plan where case_ref = ? order by started_on, id", PlanRecords::plan, caseRef);
  }

  /** The case's latest plan of this kind, open or ended. */
  public Optional<Plan> latestPlan(String caseRef, Kind kind) {
    return jdbc.query("select * from sf_plan where case_ref = ? and plan_kind = ? order by id desc",
        PlanRecords::plan, caseRef, kind.name()).stream().findFirst();
  }

  /** A plan's danger statements ({@code DANGER}) or safety goals ({@code GOAL}), in order. */
  public List<String> statements(long planId, String statementKind) {
    return jdbc.queryForList("select text from sf_plan_statement where plan_id = ? and statement_kind = ? order by position",
        String.class, planId, statementKind);
  }

  public List<Outcome> outcomes(long planId) {
    return jdbc.query("select * from sf_plan_outcome where plan_id = ? order by position",
        (rs, i) -> new Outcome(rs.getLong("id"), rs.getLong("plan_id"), rs.getInt("position"), rs.getString("what_changes"),
            rs.getString("measured_by"), rs.getObject("by_when", LocalDate.class), rs.getObject("ended_on", LocalDate.class)),
        planId);
  }

  /** The outcomes still part of the plan (not ended), in number order. */
  public List<Outcome> currentOutcomes(long planId) {
    return outcomes(planId).stream().filter(Outcome::current).toList();
  }

  /** Changes an outcome's words or date as a meeting revised it (the revision keeps what it was). */
  void changeOutcome(long outcomeId, String whatChanges, String measuredBy, LocalDate byWhen) {
    jdbc.update("update sf_plan_outcome set what_changes = ?, measured_by = ?, by_when = ? where id = ?",
        whatChanges, measuredBy, byWhen, outcomeId);
  }

  /** Ends an outcome on the meeting's day and closes its open actions; answers the actions closed. */
  List<Action> endOutcome(long outcomeId, LocalDate endedOn, String reason) {
    List<Action> open = jdbc.query("select a.*, o.position from sf_plan_action a join sf_plan_outcome o on o.id = a.outcome_id"
        + " where a.outcome_id = ? and a.done_on is null and a.closed_reason is null", PlanRecords::action, outcomeId);
    jdbc.update("update sf_plan_outcome set ended_on = ? where id = ? and ended_on is null", endedOn, outcomeId);
    jdbc.update("update sf_plan_action set closed_reason = ? where outcome_id = ? and done_on is null and closed_reason is null",
        reason, outcomeId);
    return open;
  }

  void addRevision(long outcomeId, long meetingId, Revision revision, Outcome after, Outcome before, String why,
      String revisedBy, LocalDate revisedOn, OffsetDateTime at) {
    jdbc.update("insert into sf_plan_outcome_revision (outcome_id, meeting_id, revision, what_changes, measured_by, by_when,"
            + " previous_what_changes, previous_measured_by, previous_by_when, why, revised_by, revised_on, recorded_at)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        outcomeId, meetingId, revision.name(), after.whatChanges(), after.measuredBy(), after.byWhen(),
        before == null ? null : before.whatChanges(), before == null ? null : before.measuredBy(),
        before == null ? null : before.byWhen(), why, revisedBy, revisedOn, at);
  }

  /** Every revision of the plan's outcomes since it was set, oldest first: the outcomes' history. */
  public List<OutcomeRevision> revisions(long planId) {
    return jdbc.query("select r.*, o.position from sf_plan_outcome_revision r join sf_plan_outcome o on o.id = r.outcome_id"
            + " where o.plan_id = ? order by r.id",
        (rs, i) -> new OutcomeRevision(rs.getLong("id"), rs.getLong("outcome_id"), rs.getInt("position"),
            rs.getLong("meeting_id"), Revision.valueOf(rs.getString("revision")), rs.getString("what_changes"),
            rs.getString("measured_by"), rs.getObject("by_when", LocalDate.class), rs.getString("previous_what_changes"),
            rs.getString("previous_measured_by"), rs.getObject("previous_by_when", LocalDate.class), rs.getString("why"),
            rs.getString("revised_by"), rs.getObject("revised_on", LocalDate.class)), planId);
  }

  public List<Action> actions(long planId) {
    return jdbc.query("select a.*, o.position from sf_plan_action a join sf_plan_outcome o on o.id = a.outcome_id"
        + " where o.plan_id = ? order by o.position, a.id", PlanRecords::action, planId);
  }

  public Optional<Action> action(long actionId) {
    return jdbc.query("select a.*, o.position from sf_plan_action a join sf_plan_outcome o on o.id = a.outcome_id"
        + " where a.id = ?", PlanRecords::action, actionId).stream().findFirst();
  }

  public List<Meeting> meetings(long planId) {
    return jdbc.query("select * from sf_plan_meeting where plan_id = ? order by held_on, id",
        (rs, i) -> new Meeting(rs.getLong("id"), rs.getLong("plan_id"), MeetingKind.valueOf(rs.getString("meeting_kind")),
            rs.getObject("held_on", LocalDate.class), rs.getBoolean("child_attended"), rs.getString("childs_views"),
            rs.getString("how_views_were_gathered"), rs.getBoolean("advocate_offered"),
            rs.getString("advocate_not_offered_reason"), rs.getString("decision")), planId);
  }

  /** The progress a meeting recorded, by outcome id. */
  public Map<Long, Progress> progress(long meetingId) {
    Map<Long, Progress> byOutcome = new LinkedHashMap<>();
    jdbc.query("select * from sf_plan_progress where meeting_id = ? order by outcome_id", rs -> {
      byOutcome.put(rs.getLong("outcome_id"), new Progress(meetingId, rs.getLong("outcome_id"),
          Rating.valueOf(rs.getString("rating")), rs.getString("evidence")));
    }, meetingId);
    return byOutcome;
  }

  /** Each outcome's latest rating, from the most recent meeting that rated it. */
  public Map<Long, Progress> latestProgress(long planId) {
    Map<Long, Progress> latest = new LinkedHashMap<>();
    for (Meeting meeting : meetings(planId)) {
      latest.putAll(progress(meeting.id()));
    }
    return latest;
  }

  /** The child's name as the case's documents head it, e.g. "Ella Smith"; empty for an unknown case. */
  public Optional<String> childName(String caseRef) {
    return jdbc.query("select c.first_name, c.last_name from sf_case k join sf_child c on c.id = k.child_id where k.case_ref = ?",
        (rs, i) -> rs.getString(1) + " " + rs.getString(2), caseRef).stream().findFirst();
  }

  private static Plan plan(ResultSet rs, int row) throws SQLException {
    return new Plan(rs.getLong("id"), rs.getString("case_ref"), Kind.valueOf(rs.getString("plan_kind")),
        rs.getObject("started_on", LocalDate.class), rs.getObject("ended_on", LocalDate.class),
        rs.getString("category_of_abuse"));
  }

  private static Action action(ResultSet rs, int row) throws SQLException {
    return new Action(rs.getLong("id"), rs.getLong("outcome_id"), rs.getInt("position"), rs.getString("who"),
        rs.getString("what"), rs.getObject("by_when", LocalDate.class), rs.getObject("agreed_on", LocalDate.class),
        rs.getObject("done_on", LocalDate.class), rs.getString("closed_reason"), rs.getString("process_instance_id"),
        rs.getBoolean("not_for_family"));
  }

  private long insert(String sql, Object... args) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      PreparedStatement statement = connection.prepareStatement(sql, new String[] {"id"});
      for (int i = 0; i < args.length; i++) {
        statement.setObject(i + 1, args[i]);
      }
      return statement;
    }, keys);
    return keys.getKey().longValue();
  }
}
