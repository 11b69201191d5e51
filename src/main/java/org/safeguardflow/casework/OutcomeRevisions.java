package org.safeguardflow.casework;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A plan's outcomes revised at a core group or review, after the conference (or the child in need plan's
 * start) set them: Working Together 2023, 4.3: the core group develops the plan and the review considers
 * whether it should change. The meeting forms' list {@code outcomeRevisions} has one row per revision:
 * <ul>
 *   <li>{@code revision} {@code ADD}: a new outcome ({@code whatChanges}, {@code measuredBy}, {@code byWhen}
 *   on or after the meeting), numbered after the plan's last outcome, with at least one new action agreed
 *   for it at the same meeting (as when the plan was set);</li>
 *   <li>{@code CHANGE} outcome n: new words or a new date (a field left blank keeps what it was; a row that
 *   changes nothing is refused);</li>
 *   <li>{@code END} outcome n: it is no longer rated, its open actions close ({@code OUTCOME_ENDED}) and stop
 *   being chased; a plan keeps at least one outcome (ending the plan is the review's decision).</li>
 * </ul>
 * Each row says {@code why} (at most 1,000 characters as a person counts them). Who recorded it and the
 * meeting's day are kept with the outcome before and after ({@code sf_plan_outcome_revision}), so every
 * earlier version of an outcome stays in the plan's history ({@link PlanRecords#revisions}).
 */
final class OutcomeRevisions {

  static final String FIELD = "outcomeRevisions";
  static final int WHY_LENGTH = 1000;
  static final int MAX_ROWS = PlanContent.MAX_OUTCOMES;

  private OutcomeRevisions() {}

  /** One revision as submitted and checked: which outcome (its number), the outcome after it, and why. */
  record Revised(int row, PlanRecords.Revision revision, int position, String whatChanges, String measuredBy,
      LocalDate byWhen, String why) {}

  /** The revisions a meeting submitted, or the problems with them (named {@code outcomeRevisions[row].key}). */
  static List<Revised> read(Object value, List<PlanRecords.Outcome> all, LocalDate heldOn, List<String> problems) {
    JsonNode rows = PlanContent.rows(FIELD, value, problems);
    List<Revised> revised = new ArrayList<>();
    if (rows == null) {
      return revised;
    }
    if (rows.size() > MAX_ROWS) {
      problems.add(FIELD + " must hold at most " + MAX_ROWS + " rows");
      return revised;
    }
    int next = all.stream().mapToInt(PlanRecords.Outcome::position).max().orElse(0) + 1;
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < rows.size(); i++) {
      JsonNode row = rows.get(i);
      String kind = PlanContent.textOf(row, "revision");
      PlanRecords.Revision revision = kind == null ? null : switch (kind) {
        case "ADD" -> PlanRecords.Revision.ADDED;
        case "CHANGE" -> PlanRecords.Revision.CHANGED;
        case "END" -> PlanRecords.Revision.ENDED;
        default -> null;
      };
      if (revision == null) {
        problems.add(PlanContent.at(FIELD, i, "revision") + " must be ADD, CHANGE or END");
      }
      String why = FormValues.asTyped(PlanContent.at(FIELD, i, "why"), PlanContent.textOf(row, "why"), WHY_LENGTH, problems);
      if (revision == null) {
        continue;
      }
      if (revision == PlanRecords.Revision.ADDED) {
        String changes = FormValues.asTyped(PlanContent.at(FIELD, i, "whatChanges"), PlanContent.textOf(row, "whatChanges"),
            PlanContent.OUTCOME_TEXT_LENGTH, problems);
        String measured = FormValues.asTyped(PlanContent.at(FIELD, i, "measuredBy"), PlanContent.textOf(row, "measuredBy"),
            PlanContent.OUTCOME_TEXT_LENGTH, problems);
        LocalDate byWhen = PlanContent.date(PlanContent.at(FIELD, i, "byWhen"), row, heldOn, "of this meeting", problems);
        if (changes != null && measured != null && byWhen != null && why != null) {
          revised.add(new Revised(i, revision, next, changes, measured, byWhen, why));
        }
        next++;
        continue;
      }
      Optional<PlanRecords.Outcome> outcome = outcome(row, all);
      if (outcome.isEmpty() || !outcome.get().current() || !seen.add(outcome.get().position())) {
        problems.add(PlanContent.at(FIELD, i, "outcome") + " must be the number of one of the plan's outcomes still in it,"
            + " each revised once");
        continue;
      }
      PlanRecords.Outcome before = outcome.get();
      if (revision == PlanRecords.Revision.ENDED) {
        if (why != null) {
          revised.add(new Revised(i, revision, before.position(), before.whatChanges(), before.measuredBy(), before.byWhen(),
              why));
        }
        continue;
      }
      String changes = given(row, "whatChanges") ? FormValues.asTyped(PlanContent.at(FIELD, i, "whatChanges"),
          PlanContent.textOf(row, "whatChanges"), PlanContent.OUTCOME_TEXT_LENGTH, problems) : before.whatChanges();
      String measured = given(row, "measuredBy") ? FormValues.asTyped(PlanContent.at(FIELD, i, "measuredBy"),
          PlanContent.textOf(row, "measuredBy"), PlanContent.OUTCOME_TEXT_LENGTH, problems) : before.measuredBy();
      LocalDate byWhen = given(row, "byWhen")
          ? PlanContent.date(PlanContent.at(FIELD, i, "byWhen"), row, heldOn, "of this meeting", problems) : before.byWhen();
      if (changes == null || measured == null || byWhen == null || why == null) {
        continue;
      }
      if (changes.equals(before.whatChanges()) && measured.equals(before.measuredBy()) && byWhen.equals(before.byWhen())) {
        problems.add(PlanContent.at(FIELD, i, "revision") + " changes nothing in outcome " + before.position()
            + ": give its new words or date");
        continue;
      }
      revised.add(new Revised(i, revision, before.position(), changes, measured, byWhen, why));
    }
    long stays = all.stream().filter(PlanRecords.Outcome::current).count()
        - revised.stream().filter(r -> r.revision() == PlanRecords.Revision.ENDED).count()
        + revised.stream().filter(r -> r.revision() == PlanRecords.Revision.ADDED).count();
    if (!all.isEmpty() && stays < 1) {
      problems.add(FIELD + " would end every outcome: a plan keeps at least one (a review decides to end the plan)");
    }
    return revised;
  }

  /**
   * New actions are for outcomes still in the plan after the meeting, and every outcome added there has
   * at least one, as when the plan was set.
   */
  static void checkActions(List<Revised> revised, List<PlanRecords.Outcome> all, List<PlanContent.NewAction> agreed,
      List<String> problems) {
    for (PlanContent.NewAction action : agreed) {
      boolean endedBefore = all.stream().anyMatch(o -> o.position() == action.outcome() && !o.current());
      boolean endedNow = revised.stream().anyMatch(r -> r.position() == action.outcome()
          && r.revision() == PlanRecords.Revision.ENDED);
      if (endedBefore || endedNow) {
        problems.add(PlanContent.NEW_ACTIONS + " has an action for outcome " + action.outcome()
            + ", which " + (endedNow ? "this meeting ends" : "has ended") + ": agree it for an outcome still in the plan");
      }
    }
    for (Revised r : revised) {
      if (r.revision() == PlanRecords.Revision.ADDED && agreed.stream().noneMatch(a -> a.outcome() == r.position())) {
        problems.add(PlanContent.at(FIELD, r.row(), "revision") + " adds outcome " + r.position() + ": agree at least one"
            + " action for it in " + PlanContent.NEW_ACTIONS);
      }
    }
  }

  /**
   * Records the revisions of a meeting just recorded: adds, changes and ends outcomes, keeping each
   * revision with the outcome before and after; answers every outcome's id by its number, the added ones
   * included, for the actions the meeting agreed.
   */
  static Map<Integer, Long> apply(PlanRecords plans, PlanActions actions, long planId, long meetingId,
      List<PlanRecords.Outcome> all, List<Revised> revised, String by, LocalDate heldOn, OffsetDateTime at) {
    Map<Integer, Long> ids = new LinkedHashMap<>();
    all.forEach(o -> ids.put(o.position(), o.id()));
    for (Revised r : revised) {
      PlanRecords.Outcome after = new PlanRecords.Outcome(0, planId, r.position(), r.whatChanges(), r.measuredBy(),
          r.byWhen(), r.revision() == PlanRecords.Revision.ENDED ? heldOn : null);
      PlanRecords.Outcome before = all.stream().filter(o -> o.position() == r.position()).findFirst().orElse(null);
      long id;
      switch (r.revision()) {
        case ADDED -> id = plans.addOutcome(planId, r.position(), r.whatChanges(), r.measuredBy(), r.byWhen());
        case CHANGED -> {
          id = before.id();
          plans.changeOutcome(id, r.whatChanges(), r.measuredBy(), r.byWhen());
        }
        default -> {
          id = before.id();
          actions.outcomeEnded(plans.endOutcome(id, heldOn, PlanActions.OUTCOME_ENDED));
        }
      }
      ids.put(r.position(), id);
      plans.addRevision(id, meetingId, r.revision(), after, before, r.why(), by, heldOn, at);
    }
    return ids;
  }

  private static Optional<PlanRecords.Outcome> outcome(JsonNode row, List<PlanRecords.Outcome> all) {
    JsonNode number = row.path("outcome");
    int n = number.isIntegralNumber() ? number.asInt()
        : number.isTextual() && number.asText().strip().matches("\\d{1,3}") ? Integer.parseInt(number.asText().strip()) : 0;
    return all.stream().filter(o -> o.position() == n).findFirst();
  }

  private static boolean given(JsonNode row, String key) {
    JsonNode node = row.path(key);
    return node.isTextual() && !node.asText().isBlank();
  }
}
