package org.safeguardflow.casework;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.safeguardflow.documents.CaseDocument;
import org.safeguardflow.documents.CaseDocument.Entry;
import org.safeguardflow.documents.CaseDocument.Section;
import org.safeguardflow.documents.CaseDocument.Sharing;
import org.safeguardflow.documents.DocumentSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * The plan stages' documents, built from the plan's record ({@link PlanRecords}) for the family and
 * the partner agencies: the child protection plan ({@code child-protection-plan}), the child in need
 * plan ({@code child-in-need-plan}) and the minutes of every review ({@code review-minutes}).
 *
 * <p>What each reader may see (Working Together 2023 on information sharing; Data Protection Act 2018
 * schedule 2 part 3): the plan itself (danger statements, safety goals, outcomes, actions, ratings,
 * whether the child attended and was offered an advocate, the review's decision) is
 * {@link Sharing#EVERYONE}'s: the family is asked to carry it out. The evidence for each rating is
 * {@link Sharing#PROFESSIONALS}: it is what agencies told the meeting, often about other people. The
 * child's own views and how they were gathered are {@link Sharing#PROFESSIONALS}: a child's words about
 * their family can put them at risk in the family's copy, and the chair shares them with the family by
 * decision, not by default. Text is as typed; dates are ISO (yyyy-MM-dd).
 */
final class PlanDocuments {

  private PlanDocuments() {}

  /**
   * A plan of one kind as its document: the child protection plan ({@code child-protection-plan}:
   * danger statements, safety goals, outcomes with actions and latest ratings) or the child in need
   * plan ({@code child-in-need-plan}: outcomes with actions and latest ratings). One class, a bean per
   * kind ({@link Plans}).
   */
  record PlanDocument(PlanRecords plans, PlanRecords.Kind plan, String kind, String title) implements DocumentSource {
    @Override
    public Optional<CaseDocument> build(String caseRef) {
      return planDocument(plans, caseRef, plan, kind, title);
    }
  }

  /** The two plans' documents as beans, so that the case's documents list them. */
  @Configuration(proxyBeanMethods = false)
  static class Plans {
    @Bean
    DocumentSource childProtectionPlanDocument(PlanRecords plans) {
      return new PlanDocument(plans, PlanRecords.Kind.CP, "child-protection-plan", "Child protection plan for ");
    }

    @Bean
    DocumentSource childInNeedPlanDocument(PlanRecords plans) {
      return new PlanDocument(plans, PlanRecords.Kind.CIN, "child-in-need-plan", "Child in need plan for ");
    }
  }

  /** The minutes of every review of the case's plans, oldest first: attendance, the child's voice, progress, decision. */
  @Component
  static class ReviewMinutes implements DocumentSource {
    private final PlanRecords plans;

    ReviewMinutes(PlanRecords plans) {
      this.plans = plans;
    }

    @Override
    public String kind() {
      return "review-minutes";
    }

    @Override
    public Optional<CaseDocument> build(String caseRef) {
      Optional<String> child = plans.childName(caseRef);
      if (child.isEmpty()) {
        return Optional.empty();
      }
      List<Section> sections = new ArrayList<>();
      for (PlanRecords.Plan plan : plans.plans(caseRef)) {
        List<PlanRecords.Outcome> outcomes = plans.outcomes(plan.id());
        Map<Long, PlanRecords.Progress> previous = new java.util.HashMap<>();
        for (PlanRecords.Meeting meeting : plans.meetings(plan.id())) {
          Map<Long, PlanRecords.Progress> progress = plans.progress(meeting.id());
          if (meeting.kind() != PlanRecords.MeetingKind.CORE_GROUP) {
            sections.add(minutes(plan, meeting, outcomes, progress, previous));
          }
          previous.putAll(progress);
        }
      }
      if (sections.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new CaseDocument(kind(), "Review minutes for " + child.get(), caseRef, sections));
    }

    private static Section minutes(PlanRecords.Plan plan, PlanRecords.Meeting meeting, List<PlanRecords.Outcome> outcomes,
        Map<Long, PlanRecords.Progress> progress, Map<Long, PlanRecords.Progress> previous) {
      List<Entry> entries = new ArrayList<>();
      entries.add(Entry.shared("The child attended", meeting.childAttended() ? "Yes" : "No"));
      entries.add(new Entry("The child's views", meeting.childsViews(), Sharing.PROFESSIONALS));
      entries.add(new Entry("How the child's views were gathered", meeting.howViewsWereGathered(), Sharing.PROFESSIONALS));
      entries.add(Entry.shared("An advocate was offered", meeting.advocateOffered() ? "Yes"
          : "No. Why: " + meeting.advocateNotOfferedReason()));
      for (PlanRecords.Outcome outcome : outcomes) {
        PlanRecords.Progress now = progress.get(outcome.id());
        if (now == null) {
          continue;
        }
        PlanRecords.Progress before = previous.get(outcome.id());
        entries.add(Entry.shared("Outcome " + outcome.position() + ": " + outcome.whatChanges(),
            words(now.rating()) + (before == null ? " (first rating)" : " (before: " + words(before.rating()) + ")")));
        entries.add(new Entry("Outcome " + outcome.position() + ": evidence", now.evidence(), Sharing.PROFESSIONALS));
      }
      if (meeting.decision() != null) {
        entries.add(Entry.shared("Decision", decision(meeting.decision())));
      }
      String heading = (plan.kind() == PlanRecords.Kind.CP ? "Review child protection conference on " : "Child in need plan review on ")
          + meeting.heldOn();
      return new Section(heading, entries);
    }
  }

  static Optional<CaseDocument> planDocument(PlanRecords plans, String caseRef, PlanRecords.Kind kind, String documentKind,
      String titleStart) {
    Optional<String> child = plans.childName(caseRef);
    Optional<PlanRecords.Plan> found = child.isEmpty() ? Optional.empty() : plans.latestPlan(caseRef, kind);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    PlanRecords.Plan plan = found.get();
    List<Section> sections = new ArrayList<>();
    List<Entry> about = new ArrayList<>();
    about.add(Entry.shared("Started", plan.startedOn().toString()));
    if (plan.categoryOfAbuse() != null) {
      about.add(Entry.shared("Category of abuse", category(plan.categoryOfAbuse())));
    }
    about.add(Entry.shared("Ended", plan.endedOn() == null ? "The plan is in force" : plan.endedOn().toString()));
    sections.add(new Section("The plan", about));
    if (kind == PlanRecords.Kind.CP) {
      sections.add(numbered("What we are worried will happen if nothing changes (danger statements)", "Danger statement",
          plans.statements(plan.id(), "DANGER")));
      sections.add(numbered("What must be true for the plan to end (safety goals)", "Safety goal",
          plans.statements(plan.id(), "GOAL")));
    }
    Map<Long, PlanRecords.Progress> latest = plans.latestProgress(plan.id());
    List<PlanRecords.Action> actions = plans.actions(plan.id());
    for (PlanRecords.Outcome outcome : plans.outcomes(plan.id())) {
      List<Entry> entries = new ArrayList<>();
      entries.add(Entry.shared("What will be different for the child", outcome.whatChanges()));
      entries.add(Entry.shared("How it will be measured", outcome.measuredBy()));
      entries.add(Entry.shared("By when", outcome.byWhen().toString()));
      if (!outcome.current()) {
        entries.add(Entry.shared("Ended", "On " + outcome.endedOn() + ": no longer part of the plan"));
      }
      PlanRecords.Progress progress = latest.get(outcome.id());
      entries.add(Entry.shared("Progress", progress == null ? "Not rated yet" : words(progress.rating())));
      if (progress != null) {
        entries.add(new Entry("Evidence for the progress", progress.evidence(), Sharing.PROFESSIONALS));
      }
      int number = 0;
      for (PlanRecords.Action action : actions) {
        if (action.outcomeId() == outcome.id()) {
          number++;
          // An action the worker marked not for the family (a third party's details) is for professionals only.
          entries.add(new Entry("Action " + number + (action.notForFamily() ? " (not for the family)" : ""),
              "Who: " + action.who() + "\nWhat: " + action.what() + "\nBy when: " + action.byWhen() + "\n" + status(action),
              action.notForFamily() ? Sharing.PROFESSIONALS : Sharing.EVERYONE));
        }
      }
      sections.add(new Section("Outcome " + outcome.position(), entries));
    }
    // The outcomes' history: every revision since the plan was set, with the version it replaced.
    List<Entry> history = new ArrayList<>();
    for (PlanRecords.OutcomeRevision r : plans.revisions(plan.id())) {
      String what = switch (r.revision()) {
        case ADDED -> "Added: " + r.whatChanges() + " (measured by: " + r.measuredBy() + "; by " + r.byWhen() + ")";
        case CHANGED -> "Changed to: " + r.whatChanges() + " (measured by: " + r.measuredBy() + "; by " + r.byWhen() + ")"
            + "\nWas: " + r.previousWhatChanges() + " (measured by: " + r.previousMeasuredBy() + "; by " + r.previousByWhen() + ")";
        case ENDED -> "Ended: " + r.whatChanges();
      };
      history.add(Entry.shared("Outcome " + r.position() + ", " + r.revisedOn(), what + "\nWhy: " + r.why()));
    }
    if (!history.isEmpty()) {
      sections.add(new Section("Changes to the outcomes since the plan was set", history));
    }
    return Optional.of(new CaseDocument(documentKind, titleStart + child.get(), caseRef, sections));
  }

  private static Section numbered(String heading, String label, List<String> texts) {
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      entries.add(Entry.shared(label + " " + (i + 1), texts.get(i)));
    }
    return new Section(heading, entries);
  }

  private static String status(PlanRecords.Action action) {
    if (action.doneOn() != null) {
      return "Done on " + action.doneOn();
    }
    if (PlanActions.OUTCOME_ENDED.equals(action.closedReason())) {
      return "Not done: its outcome ended";
    }
    return action.closedReason() != null ? "Not done: the plan ended" : "Open";
  }

  static String words(PlanRecords.Rating rating) {
    return switch (rating) {
      case RED -> "Red: no progress yet";
      case AMBER -> "Amber: some progress";
      case GREEN -> "Green: achieved or on track";
    };
  }

  private static String category(String code) {
    return switch (code) {
      case "NEG" -> "Neglect";
      case "PHY" -> "Physical abuse";
      case "SAB" -> "Sexual abuse";
      case "EMO" -> "Emotional abuse";
      case "MUL" -> "Multiple categories";
      default -> code;
    };
  }

  private static String decision(String code) {
    return switch (code) {
      case "CONTINUE" -> "The plan continues";
      case "END_STEP_DOWN_TO_CIN_PLAN" -> "The child protection plan ends; a child in need plan follows";
      case "END_CLOSE", "END_PLAN" -> "The plan ends";
      case "PRE_PROCEEDINGS" -> "The plan continues and pre-proceedings start (Public Law Outline)";
      default -> code;
    };
  }

}
