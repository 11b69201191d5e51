package org.safeguardflow.intake;

import static org.safeguardflow.intake.ContactProcess.Var.CONTACT_DECIDED_AT;
import static org.safeguardflow.intake.ContactProcess.Var.CONTACT_DECIDED_BY;
import static org.safeguardflow.intake.ContactProcess.Var.CONTACT_DECISION;
import static org.safeguardflow.intake.ContactProcess.Var.CONTACT_DECISION_REASON;
import static org.safeguardflow.intake.ContactProcess.Var.CONTACT_ID;
import static org.safeguardflow.intake.ContactProcess.Var.SUGGESTED_LEVEL_OF_NEED;
import static org.safeguardflow.intake.ContactProcess.Var.SUGGESTED_ROUTE;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.safeguardflow.casework.CaseRecords;
import org.safeguardflow.children.ChildMerges;
import org.safeguardflow.children.ChildRegister;
import org.safeguardflow.children.PossibleMatches;
import org.safeguardflow.intake.ContactProcess.Route;
import org.springframework.stereotype.Component;

/**
 * Writes the threshold suggestion and the manager's decision side by side on the contact, moves a
 * referral on, and settles a possible match of the child as the manager answered it. (The reason for
 * a late decision was filed with its breach as the decision was completed, by {@code explainLateStep}
 * as for every statutory step.)
 */
@Component("recordContactDecision")
class RecordContactDecision implements JavaDelegate {

  private final Contacts contacts;
  private final CaseRecords cases;

  private final PossibleMatches possibleMatches;
  private final ChildMerges merges;
  private final ChildRegister children;

  RecordContactDecision(Contacts contacts, CaseRecords cases, PossibleMatches possibleMatches, ChildMerges merges,
      ChildRegister children) {
    this.possibleMatches = possibleMatches;
    this.merges = merges;
    this.children = children;
    this.contacts = contacts;
    this.cases = cases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseRef = execution.getProcessBusinessKey();
    Route decision = CONTACT_DECISION.require(execution);
    String decidedBy = CONTACT_DECIDED_BY.get(execution);
    OffsetDateTime decidedAt = utc(CONTACT_DECIDED_AT.require(execution));

    contacts.recordDecision(
        CONTACT_ID.require(execution),
        SUGGESTED_LEVEL_OF_NEED.get(execution),
        SUGGESTED_ROUTE.get(execution),
        decision.name(),
        CONTACT_DECISION_REASON.get(execution),
        decidedBy,
        decidedAt);

    if (!decision.closesTheCase()) {
      cases.acceptAsReferral(caseRef);
    }
    possibleMatches.openOn(caseRef).ifPresent(match -> settle(match, caseRef,
        ContactProcess.Var.POSSIBLE_MATCH_VERDICT.get(execution), decidedBy, decidedAt));
  }

  /**
   * The manager's answer to a possible match: rejected, the records stay two children; confirmed,
   * this contact's child record is merged into the known one. When that child has a case open already
   * (CheckContactDecision then allowed only a decision that closes this case), this case closes
   * first: one open episode per child.
   */
  private void settle(PossibleMatches.PossibleMatch match, String caseRef, String verdict, String decidedBy,
      OffsetDateTime decidedAt) {
    if (!CheckContactDecision.SAME_CHILD.equals(verdict)) {
      possibleMatches.decide(match.id(), PossibleMatches.Status.REJECTED, decidedBy, decidedAt);
      return;
    }
    long into = children.lockStanding(match.candidateChildId());
    var open = cases.openCaseOf(into);
    if (open.isPresent() && !open.get().equals(caseRef)) {
      cases.close(caseRef, "JOINED " + open.get(), decidedAt);
    }
    merges.merge(match.childId(), into, "Confirmed by " + decidedBy + " deciding contact " + caseRef + ": " + match.rule()
        + " (" + match.evidence() + ")", decidedBy, decidedAt);
  }

  private static OffsetDateTime utc(Date date) {
    return date.toInstant().atOffset(ZoneOffset.UTC);
  }
}
