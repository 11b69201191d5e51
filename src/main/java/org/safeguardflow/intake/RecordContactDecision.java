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
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
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
    possibleMatches.openOn(caseRef).ifPresent(match -> settle(execution, match, caseRef,
        ContactProcess.Var.POSSIBLE_MATCH_VERDICT.get(execution), decidedBy, decidedAt));
  }

  /**
   * The manager's answer to a possible match: rejected, the records stay two children; confirmed,
   * this contact's child record is merged into the known one. When that child has a case open already
   * (CheckContactDecision then allowed only a decision that closes this case), this case closes as
   * joined and the contact is handed to the open case exactly as a contact certainly about the child
   * would have been: its front-door managers review it as a further contact, due 1 working day from
   * its receipt (CONTACT_DECISION), and the referrer is told it joined that case. One open episode
   * per child.
   */
  private void settle(DelegateExecution execution, PossibleMatches.PossibleMatch match, String caseRef, String verdict,
      String decidedBy, OffsetDateTime decidedAt) {
    if (!CheckContactDecision.SAME_CHILD.equals(verdict)) {
      possibleMatches.decide(match.id(), PossibleMatches.Status.REJECTED, decidedBy, decidedAt);
      return;
    }
    long into = children.lockStanding(match.candidateChildId());
    var open = cases.openCaseOf(into).filter(ref -> !ref.equals(caseRef));
    open.ifPresent(ref -> cases.close(caseRef, "JOINED " + ref, decidedAt));
    merges.merge(match.childId(), into, "Confirmed by " + decidedBy + " deciding contact " + caseRef + ": " + match.rule()
        + " (" + match.evidence() + ")", decidedBy, decidedAt);
    open.ifPresent(ref -> handOver(execution, ref));
  }

  /** The contact of this case, reviewed on the child's open case as a further contact about them. */
  private void handOver(DelegateExecution execution, String openCaseRef) {
    var runtime = execution.getProcessEngineServices().getRuntimeService();
    var contactProcess = runtime.createProcessInstanceQuery().processInstanceBusinessKey(openCaseRef)
        .processDefinitionKey(ContactProcess.KEY).singleResult();
    if (contactProcess == null) {
      throw new IllegalStateException("Case " + openCaseRef + " is open but its contact process is not running");
    }
    String organisation = ContactProcess.Var.REFERRER_ORGANISATION.get(execution);
    VariableMap further = Variables.createVariables();
    ContactProcess.FurtherContact.CONTACT_ID.put(further, CONTACT_ID.require(execution));
    ContactProcess.FurtherContact.RECEIVED_AT.put(further, ContactProcess.Var.RECEIVED_AT.require(execution));
    ContactProcess.FurtherContact.RECEIVED_AT_TEXT.put(further, ContactProcess.Var.RECEIVED_AT_TEXT.get(execution));
    ContactProcess.FurtherContact.SOURCE_TEXT.put(further, ContactProcess.Var.REFERRAL_SOURCE_TEXT.get(execution));
    ContactProcess.FurtherContact.REFERRER.put(further, ContactProcess.Var.REFERRER_NAME.get(execution)
        + (organisation == null ? "" : " (" + organisation + ")"));
    ContactProcess.FurtherContact.CONCERNS.put(further, ContactProcess.Var.CONCERNS.get(execution));
    ContactProcess.FurtherContact.SCREENING_SUMMARY.put(further, ContactProcess.Var.SCREENING_SUMMARY.get(execution));
    ContactProcess.FurtherContact.CHILD_AS_SENT.put(further, FrontDoor.asSent(ContactProcess.Var.CHILD_FIRST_NAME.get(execution),
        ContactProcess.Var.CHILD_LAST_NAME.get(execution), ContactProcess.Var.CHILD_DATE_OF_BIRTH.get(execution),
        ContactProcess.Var.CHILD_EXPECTED_DATE_OF_BIRTH.get(execution), ContactProcess.Var.CHILD_SEX.get(execution),
        ContactProcess.Var.CHILD_NHS_NUMBER.get(execution)));
    runtime.createMessageCorrelation(ContactProcess.MESSAGE_FURTHER_CONTACT)
        .processInstanceId(contactProcess.getId())
        .setVariablesLocal(further)
        .correlateWithResult();
    ContactProcess.Var.JOINED_OPEN_CASE.set(execution, openCaseRef);
  }

  private static OffsetDateTime utc(Date date) {
    return date.toInstant().atOffset(ZoneOffset.UTC);
  }
}
