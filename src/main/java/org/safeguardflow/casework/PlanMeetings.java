package org.safeguardflow.casework;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.safeguardflow.security.SystemWork;
import org.safeguardflow.timescales.EngineTime;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Core groups and reviews measure the plan: the progress against each outcome (red, amber or green,
 * with the evidence), the child's views and how they were gathered, whether the child attended, and
 * whether an advocate was offered (and if not, why); actions done are marked done and new ones agreed.
 * Working Together to Safeguard Children 2023, 4.3: the core group and the review conference review
 * progress against the plan's outcomes; the child's wishes and feelings are sought and recorded.
 *
 * <p>Input parameters of each meeting task: {@code planKind} ({@code CP}, {@code CIN}),
 * {@code planMeetingKind} ({@link PlanRecords.MeetingKind}), {@code planMeetingDateField} (the form's
 * date field, e.g. {@code coreGroupDate}) and, for reviews, {@code planMeetingDecisionField}.
 */
final class PlanMeetings {

  static final String CHILD_ATTENDED = "childAttendedMeeting";
  static final String CHILDS_VIEWS = "childsViews";
  static final String HOW_VIEWS_GATHERED = "howChildsViewsWereGathered";
  static final String ADVOCATE_OFFERED = "advocateOffered";
  static final String ADVOCATE_NOT_OFFERED_REASON = "advocateNotOfferedReason";

  static final int VIEWS_LENGTH = 4000;
  static final int HOW_LENGTH = 1000;
  static final int REASON_LENGTH = 1000;
  /** Input parameters of each meeting task (see the class comment). */
  static final org.safeguardflow.variables.Var<PlanRecords.Kind> PLAN_KIND =
      org.safeguardflow.variables.Var.code("planKind", PlanRecords.Kind.class);
  static final org.safeguardflow.variables.Var<PlanRecords.MeetingKind> MEETING_KIND =
      org.safeguardflow.variables.Var.code("planMeetingKind", PlanRecords.MeetingKind.class);
  static final org.safeguardflow.variables.Var<String> DATE_FIELD = org.safeguardflow.variables.Var.text("planMeetingDateField");
  static final org.safeguardflow.variables.Var<String> DECISION_FIELD =
      org.safeguardflow.variables.Var.text("planMeetingDecisionField");

  private PlanMeetings() {}

  static PlanRecords.Kind kind(DelegateTask task) {
    return PLAN_KIND.get(task);
  }

  static String caseRef(DelegateTask task) {
    return task.getExecution().getProcessBusinessKey();
  }

  /** The rows the meeting form shows: each outcome with its previous rating, to be rated now. */
  static ArrayNode progressRows(PlanRecords plans, PlanRecords.Plan plan) {
    Map<Long, PlanRecords.Progress> latest = plans.latestProgress(plan.id());
    Map<Long, LocalDate> ratedOn = new HashMap<>();
    for (PlanRecords.Meeting meeting : plans.meetings(plan.id())) {
      plans.progress(meeting.id()).keySet().forEach(outcome -> ratedOn.put(outcome, meeting.heldOn()));
    }
    ArrayNode rows = PlanContent.newRows();
    // An outcome a meeting ended is no longer rated; an outcome added later is, from the next meeting.
    for (PlanRecords.Outcome outcome : plans.currentOutcomes(plan.id())) {
      PlanRecords.Progress previous = latest.get(outcome.id());
      rows.addObject()
          .put("outcome", outcome.position())
          .put("whatChanges", outcome.whatChanges())
          .put("measuredBy", outcome.measuredBy())
          .put("byWhen", outcome.byWhen().toString())
          .put("previousRating", previous == null ? "Not rated yet"
              : previous.rating().name() + " on " + ratedOn.get(outcome.id()))
          .putNull("rating")
          .putNull("evidence");
    }
    return rows;
  }

  /** The rows of open actions the meeting form shows, each to be ticked when done. */
  static ArrayNode openActionRows(PlanRecords plans, PlanRecords.Plan plan) {
    ArrayNode rows = PlanContent.newRows();
    for (PlanRecords.Action action : plans.actions(plan.id())) {
      if (action.open()) {
        rows.addObject()
            .put("actionId", action.id())
            .put("outcome", action.outcomePosition())
            .put("who", action.who())
            .put("what", action.what())
            .put("byWhen", action.byWhen().toString())
            .put("done", false);
      }
    }
    return rows;
  }

  /** The open meeting tasks' forms, whose lists are refreshed whenever the plan's record changes. */
  static final List<String> MEETING_TASKS = List.of("Task_RecordFirstCoreGroup", "Task_RecordCoreGroup",
      "Task_RecordReviewConference", "Task_ReviewChildInNeedPlan");

  /**
   * Keeps the lists of every open meeting form of a case as the record now stands: a review task is
   * created when the plan starts and stays open for months, while core groups rate the outcomes and
   * chases move or close actions, and its form must show the latest rating and the actions still open.
   */
  @Component
  static class Forms {

    private final PlanRecords plans;
    private final TaskService tasks;
    private final RuntimeService runtime;
    private final IdentityService identity;

    Forms(PlanRecords plans, @Lazy TaskService tasks,
        @Lazy RuntimeService runtime,
        @Lazy IdentityService identity) {
      this.plans = plans;
      this.tasks = tasks;
      this.runtime = runtime;
      this.identity = identity;
    }

    /**
     * Refreshes the case's open meeting forms but {@code except} (the task being completed). Runs as the
     * system: the caller completed a task of this case, and practitioners may not write task variables.
     */
    void refresh(String caseRef, String except) {
      SystemWork.call(identity, () -> {
        for (org.camunda.bpm.engine.task.Task open : tasks.createTaskQuery().processInstanceBusinessKey(caseRef)
            .taskDefinitionKeyIn(MEETING_TASKS.toArray(String[]::new)).list()) {
          if (open.getId().equals(except) || !(tasks.getVariable(open.getId(), PLAN_KIND.name()) instanceof String kind)) {
            continue;
          }
          Optional<PlanRecords.Plan> plan = plans.openPlan(caseRef, PlanRecords.Kind.valueOf(kind));
          runtime.setVariableLocal(open.getExecutionId(), PlanContent.OUTCOME_PROGRESS,
              PlanContent.jsonVariable(plan.map(p -> progressRows(plans, p)).orElseGet(PlanContent::newRows)));
          runtime.setVariableLocal(open.getExecutionId(), PlanContent.OPEN_ACTIONS,
              PlanContent.jsonVariable(plan.map(p -> openActionRows(plans, p)).orElseGet(PlanContent::newRows)));
        }
        return null;
      });
    }
  }

  /** Create listener {@code preparePlanMeeting}: fills the meeting form's lists from the plan's record. */
  @Component("preparePlanMeeting")
  static class Prepare implements TaskListener {

    private final PlanRecords plans;

    Prepare(PlanRecords plans) {
      this.plans = plans;
    }

    @Override
    public void notify(DelegateTask task) {
      Optional<PlanRecords.Plan> plan = plans.openPlan(caseRef(task), kind(task));
      // On the task's own scope (its input parameters declare both), where the submitted lists land too.
      task.getExecution().setVariableLocal(PlanContent.OUTCOME_PROGRESS,
          PlanContent.jsonVariable(plan.map(p -> progressRows(plans, p)).orElseGet(PlanContent::newRows)));
      task.getExecution().setVariableLocal(PlanContent.OPEN_ACTIONS,
          PlanContent.jsonVariable(plan.map(p -> openActionRows(plans, p)).orElseGet(PlanContent::newRows)));
    }
  }

  /**
   * Completion listener {@code recordPlanMeeting}: refuses, naming each field and rule, a meeting that
   * leaves an outcome unrated or without evidence, rates an outcome the plan does not have, changes what
   * the form only shows (an outcome's words, an action's owner), omits the child's views or how they were
   * gathered, or says no advocate was offered without saying why; otherwise records the meeting, marks
   * the actions ticked done (ending their chasing), and agrees the new actions. A plan set before plans
   * had outcomes (no record) still records the child's voice checks but has no progress to store.
   */
  @Component("recordPlanMeeting")
  static class Record implements TaskListener {

    private final PlanRecords plans;
    private final PlanActions actions;
    private final Forms forms;

    Record(PlanRecords plans, PlanActions actions, Forms forms) {
      this.plans = plans;
      this.actions = actions;
      this.forms = forms;
    }

    @Override
    public void notify(DelegateTask task) {
      List<String> problems = new ArrayList<>();
      String dateField = DATE_FIELD.get(task);
      LocalDate heldOn = CaseDates.of(dateField, task.getVariable(dateField));
      Optional<PlanRecords.Plan> plan = plans.openPlan(caseRef(task), kind(task));

      Object attended = task.getVariable(CHILD_ATTENDED);
      if (!(attended instanceof Boolean)) {
        problems.add(CHILD_ATTENDED + " is required: answer yes or no");
      }
      String views = FormValues.asTyped(CHILDS_VIEWS, task.getVariable(CHILDS_VIEWS), VIEWS_LENGTH, problems);
      String how = FormValues.asTyped(HOW_VIEWS_GATHERED, task.getVariable(HOW_VIEWS_GATHERED), HOW_LENGTH, problems);
      Object offered = task.getVariable(ADVOCATE_OFFERED);
      String notOffered = null;
      if (!(offered instanceof Boolean)) {
        problems.add(ADVOCATE_OFFERED + " is required: answer yes or no");
      } else if (!(Boolean) offered) {
        // Without an advocate the record says why (e.g. the child declined, or is too young).
        notOffered = FormValues.asTyped(ADVOCATE_NOT_OFFERED_REASON, task.getVariable(ADVOCATE_NOT_OFFERED_REASON), REASON_LENGTH, problems);
      }

      List<PlanRecords.Outcome> all = plan.map(p -> plans.outcomes(p.id())).orElse(List.of());
      List<PlanRecords.Outcome> outcomes = all.stream().filter(PlanRecords.Outcome::current).toList();
      List<RatedOutcome> ratings = ratings(task, plan, outcomes, problems);
      List<Long> done = doneActions(task, plan, problems);
      List<OutcomeRevisions.Revised> revisions = plan.isEmpty() ? List.of()
          : OutcomeRevisions.read(task.getVariable(OutcomeRevisions.FIELD), all, heldOn, problems);
      // New actions may be for any outcome still part of the plan after this meeting, the added ones included.
      int lastNumber = all.stream().mapToInt(PlanRecords.Outcome::position).max().orElse(0)
          + (int) revisions.stream().filter(r -> r.revision() == PlanRecords.Revision.ADDED).count();
      List<LocalDate> byWhenOf = new ArrayList<>();
      for (int number = 1; number <= lastNumber; number++) {
        int n = number;
        byWhenOf.add(revisions.stream().filter(r -> r.position() == n && r.revision() != PlanRecords.Revision.ENDED)
            .map(OutcomeRevisions.Revised::byWhen).findFirst().orElse(null));
      }
      List<PlanContent.NewAction> agreed = PlanContent.actions(task.getVariable(PlanContent.NEW_ACTIONS),
          PlanContent.NEW_ACTIONS, byWhenOf, heldOn, problems);
      OutcomeRevisions.checkActions(revisions, all, agreed, problems);
      FormValues.refuseIfAny(problems);
      if (plan.isEmpty() || heldOn == null) {
        return;
      }

      String decisionField = DECISION_FIELD.get(task);
      Object decision = decisionField == null ? null : task.getVariable(decisionField);
      String by = Actors.currentUser(task);
      long meetingId = plans.addMeeting(plan.get().id(),
          MEETING_KIND.get(task), heldOn, (Boolean) attended,
          views, how, (Boolean) offered, notOffered, decision instanceof String d ? d : null, by != null ? by : "unknown",
          EngineTime.now());
      ratings.forEach(r -> plans.addProgress(meetingId, r.outcomeId(), r.rating(), r.evidence()));
      done.forEach(actionId -> actions.done(actionId, heldOn));
      Map<Integer, Long> outcomeIds = OutcomeRevisions.apply(plans, actions, plan.get().id(), meetingId, all, revisions,
          by != null ? by : "unknown", heldOn, EngineTime.now());
      String worker = Pathway.Var.ALLOCATED_WORKER.get(task);
      for (PlanContent.NewAction action : agreed) {
        actions.agree(caseRef(task), plan.get().kind(), outcomeIds.get(action.outcome()), action.outcome(),
            action, heldOn, Pathway.Var.ALLOCATED_TEAM.get(task), worker);
      }
      forms.refresh(caseRef(task), task.getId());
    }

    private record RatedOutcome(long outcomeId, PlanRecords.Rating rating, String evidence) {}

    private List<RatedOutcome> ratings(DelegateTask task, Optional<PlanRecords.Plan> plan,
        List<PlanRecords.Outcome> outcomes, List<String> problems) {
      String field = PlanContent.OUTCOME_PROGRESS;
      JsonNode rows = PlanContent.rows(field, task.getVariable(field), problems);
      List<RatedOutcome> rated = new ArrayList<>();
      if (rows == null) {
        return rated;
      }
      JsonNode shown = plan.map(p -> (JsonNode) progressRows(plans, p)).orElseGet(PlanContent::newRows);
      Set<Integer> seen = new HashSet<>();
      for (int i = 0; i < rows.size(); i++) {
        JsonNode row = rows.get(i);
        int number = row.path("outcome").asInt(0);
        Optional<PlanRecords.Outcome> outcome = outcomes.stream().filter(o -> o.position() == number).findFirst();
        if (outcome.isEmpty() || !seen.add(number)) {
          problems.add(PlanContent.at(field, i, "outcome") + " must be one of the plan's outcomes, each once");
          continue;
        }
        // The previous rating may have changed since the form was opened (another meeting); the plan's words cannot.
        JsonNode shownRow = null;
        for (JsonNode candidate : shown) {
          if (candidate.path("outcome").asInt() == number) {
            shownRow = candidate;
          }
        }
        unchanged(field, i, row, shownRow == null ? PlanContent.newRows().addObject() : shownRow,
            List.of("whatChanges", "measuredBy", "byWhen"), problems);
        String rating = PlanContent.textOf(row, "rating");
        PlanRecords.Rating value = null;
        try {
          value = rating == null ? null : PlanRecords.Rating.valueOf(rating);
        } catch (IllegalArgumentException e) {
          // reported below
        }
        if (value == null) {
          problems.add(PlanContent.at(field, i, "rating") + " must be RED, AMBER or GREEN");
        }
        String evidence = FormValues.asTyped(PlanContent.at(field, i, "evidence"), PlanContent.textOf(row, "evidence"),
            PlanContent.EVIDENCE_LENGTH, problems);
        if (value != null && evidence != null) {
          rated.add(new RatedOutcome(outcome.get().id(), value, evidence));
        }
      }
      for (PlanRecords.Outcome outcome : outcomes) {
        if (!seen.contains(outcome.position())) {
          problems.add(field + " has no rating for outcome " + outcome.position()
              + ": a core group or review records progress against every outcome");
        }
      }
      return rated;
    }

    private List<Long> doneActions(DelegateTask task, Optional<PlanRecords.Plan> plan, List<String> problems) {
      String field = PlanContent.OPEN_ACTIONS;
      JsonNode rows = PlanContent.rows(field, task.getVariable(field), problems);
      List<Long> done = new ArrayList<>();
      if (rows == null) {
        return done;
      }
      JsonNode shown = plan.map(p -> (JsonNode) openActionRows(plans, p)).orElseGet(PlanContent::newRows);
      for (int i = 0; i < rows.size(); i++) {
        JsonNode row = rows.get(i);
        long id = row.path("actionId").asLong(-1);
        JsonNode original = null;
        for (JsonNode candidate : shown) {
          if (candidate.path("actionId").asLong() == id) {
            original = candidate;
          }
        }
        if (original == null) {
          problems.add(PlanContent.at(field, i, "actionId") + " must be one of the plan's open actions");
          continue;
        }
        // A chase may have moved the by-when date since the form was opened; who and what cannot change.
        unchanged(field, i, row, original, List.of("outcome", "who", "what"), problems);
        JsonNode tick = row.path("done");
        if (!tick.isMissingNode() && !tick.isNull() && !tick.isBoolean()) {
          problems.add(PlanContent.at(field, i, "done") + " must be true or false");
        } else if (tick.asBoolean(false)) {
          done.add(id);
        }
      }
      return done;
    }

    /** What the form only shows may come back as shown (Tasklist sends it) or not at all, never changed. */
    private static void unchanged(String field, int i, JsonNode row, JsonNode shown, List<String> keys, List<String> problems) {
      for (String key : keys) {
        JsonNode sent = row.get(key);
        if (sent != null && !sent.isNull() && !sent.asText().equals(shown.path(key).asText())) {
          problems.add(PlanContent.at(field, i, key) + " is shown read-only: a meeting records progress, it does not rewrite the plan");
        }
      }
    }
  }
}
