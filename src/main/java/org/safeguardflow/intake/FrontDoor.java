package org.safeguardflow.intake;

import static org.safeguardflow.casework.ContactProcess.Var.*;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.safeguardflow.casework.CaseRecords;
import org.safeguardflow.casework.ChildDetails;
import org.safeguardflow.casework.CinCodes;
import org.safeguardflow.casework.ContactProcess;
import org.safeguardflow.security.SystemWork;
import org.safeguardflow.timescales.StatutoryTimescales;
import org.safeguardflow.operations.OperationsCounters;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records a contact and starts its case. One transaction covers our tables and the engine, so a
 * contact is either recorded with its running process or not at all.
 */
@Service
public class FrontDoor {

  static final String UNBORN_FIRST_NAME = "Unborn";
  private static final DateTimeFormatter READABLE =
      DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm", Locale.UK).withZone(StatutoryTimescales.LONDON);

  private final ContactValidator validator;
  private final CaseRecords cases;
  private final Contacts contacts;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final IdentityService identity;
  private final OperationsCounters counters;

  FrontDoor(ContactValidator validator, CaseRecords cases, Contacts contacts, RuntimeService runtime, TaskService tasks,
      @Lazy IdentityService identity, OperationsCounters counters) {
    this.validator = validator;
    this.cases = cases;
    this.contacts = contacts;
    this.runtime = runtime;
    this.tasks = tasks;
    this.identity = identity;
    this.counters = counters;
  }

  @Transactional
  public RecordedContact record(ContactSubmission contact, String submittedBy) {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    List<FieldError> errors = validator.validate(contact, now);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    OffsetDateTime recordedAt = now.atOffset(ZoneOffset.UTC);
    var c = contact.child();
    ChildDetails child = new ChildDetails(
        c.firstName() == null ? UNBORN_FIRST_NAME : c.firstName().strip(), c.lastName().strip(),
        c.dateOfBirth(), c.expectedDateOfBirth(), c.sex(), c.ethnicity(), c.nhsNumber());
    long childId = cases.findOrRegisterChild(child, recordedAt);
    var openCase = cases.openCaseOf(childId);
    counters.contactReceived();
    if (openCase.isPresent()) {
      // The sender may add to a case they cannot see: the case's own process takes the contact in.
      return SystemWork.call(identity, () -> joinOpenCase(openCase.get(), contact, submittedBy, recordedAt));
    }
    String caseRef = cases.nextCaseRef(recordedAt.atZoneSameInstant(StatutoryTimescales.LONDON).getYear());
    cases.open(caseRef, childId, recordedAt);
    long contactId = contacts.insert(caseRef, contact, submittedBy, recordedAt);

    var instance = runtime.createProcessInstanceByKey(ContactProcess.KEY)
        .businessKey(caseRef)
        .setVariables(variables(contact, child, caseRef, childId, contactId))
        .execute();
    cases.linkProcess(caseRef, instance.getId());

    // Started as the sender (checked: CREATE_INSTANCE on the contact process, and history names them);
    // the decision task that follows belongs to the managers, so its deadline is read as the system.
    Task decision = SystemWork.call(identity, () -> tasks.createTaskQuery()
        .processInstanceId(instance.getId())
        .taskDefinitionKey(ContactProcess.Element.MANAGER_DECIDES_CONTACT)
        .singleResult());
    return new RecordedContact(caseRef, instance.getId(), london(decision.getDueDate()), false);
  }

  /**
   * One open episode per child: a further contact joins the open case, and its front-door managers
   * review it within the same 1 working day, rather than a second episode being opened.
   */
  private RecordedContact joinOpenCase(String caseRef, ContactSubmission contact, String submittedBy,
      OffsetDateTime recordedAt) {
    long contactId = contacts.insert(caseRef, contact, submittedBy, recordedAt);
    String referrer = referrerName(contact)
        + (contact.referrer().organisation() == null ? "" : " (" + contact.referrer().organisation() + ")");
    var contactProcess = runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseRef)
        .processDefinitionKey(ContactProcess.KEY).singleResult();
    if (contactProcess == null) {
      throw new IllegalStateException("Case " + caseRef + " is open but its contact process is not running");
    }
    runtime.createMessageCorrelation(ContactProcess.MESSAGE_FURTHER_CONTACT)
        .processInstanceId(contactProcess.getId())
        .setVariablesLocal(Variables.createVariables()
            .putValue(ContactProcess.FurtherContact.CONTACT_ID, contactId)
            .putValue(ContactProcess.FurtherContact.RECEIVED_AT, Date.from(contact.receivedAt().toInstant()))
            .putValue(ContactProcess.FurtherContact.RECEIVED_AT_TEXT, READABLE.format(contact.receivedAt()))
            .putValue(ContactProcess.FurtherContact.SOURCE_TEXT,
                contact.source() + " " + CinCodes.REFERRAL_SOURCES.get(contact.source()))
            .putValue(ContactProcess.FurtherContact.REFERRER, referrer)
            .putValue(ContactProcess.FurtherContact.CONCERNS, contact.concerns())
            .putValue(ContactProcess.FurtherContact.SCREENING_SUMMARY, screeningSummary(contact.screening())))
        .correlateWithResult();
    String processInstanceId = contactProcess.getId();
    Task review = tasks.createTaskQuery().processInstanceId(processInstanceId)
        .taskDefinitionKey(ContactProcess.Element.REVIEW_FURTHER_CONTACT).list().stream()
        .filter(t -> Long.valueOf(contactId).equals(
            ((Number) tasks.getVariable(t.getId(), ContactProcess.FurtherContact.CONTACT_ID)).longValue()))
        .findFirst().orElseThrow();
    return new RecordedContact(caseRef, processInstanceId, london(review.getDueDate()), true);
  }

  private static OffsetDateTime london(Date date) {
    return date.toInstant().atZone(StatutoryTimescales.LONDON).toOffsetDateTime();
  }

  private static VariableMap variables(ContactSubmission contact, ChildDetails child, String caseRef,
      long childId, long contactId) {
    var s = contact.screening();
    return Variables.createVariables()
        .putValue(CASE_REF, caseRef)
        .putValue(CHILD_ID, childId)
        .putValue(CONTACT_ID, contactId)
        .putValue(RECEIVED_AT, Date.from(contact.receivedAt().toInstant()))
        .putValue(RECEIVED_AT_TEXT, READABLE.format(contact.receivedAt()))
        .putValue(REFERRAL_SOURCE, contact.source())
        .putValue(REFERRAL_SOURCE_TEXT, contact.source() + " " + CinCodes.REFERRAL_SOURCES.get(contact.source()))
        .putValue(REFERRER_NAME, referrerName(contact))
        .putValue(REFERRER_ORGANISATION, contact.referrer().organisation())
        .putValue(REFERRER_EMAIL, contact.referrer().email())
        .putValue(CHILD_FIRST_NAME, child.firstName())
        .putValue(CHILD_LAST_NAME, child.lastName())
        .putValue(CHILD_DATE_OF_BIRTH, child.dateOfBirth() == null ? null : child.dateOfBirth().toString())
        .putValue(CHILD_EXPECTED_DATE_OF_BIRTH,
            child.expectedDateOfBirth() == null ? null : child.expectedDateOfBirth().toString())
        .putValue(CHILD_SEX, child.sex())
        .putValue(CHILD_ETHNICITY, child.ethnicity())
        .putValue(CONCERNS, contact.concerns())
        .putValue(IMMEDIATE_DANGER, s.immediateDanger())
        .putValue(SIGNIFICANT_HARM_SUSPECTED, s.significantHarmSuspected())
        .putValue(NEEDS_MET_BY_UNIVERSAL_SERVICES, s.needsMetByUniversalServices())
        .putValue(AGENCIES_NEEDED, s.agenciesNeeded())
        .putValue(FAMILY_CONSENTS, s.familyConsents())
        .putValue(SCREENING_SUMMARY, screeningSummary(s));
  }

  static String referrerName(ContactSubmission contact) {
    String name = contact.referrer().name();
    return name == null || name.isBlank() ? "Anonymous" : name.strip();
  }

  private static String screeningSummary(ContactSubmission.Screening s) {
    return "Immediate danger: " + yesNo(s.immediateDanger())
        + " · Significant harm suspected: " + yesNo(s.significantHarmSuspected())
        + " · Needs met by universal services: " + yesNo(s.needsMetByUniversalServices())
        + " · Agencies needed: " + s.agenciesNeeded()
        + " · Family consents: " + yesNo(s.familyConsents());
  }

  private static String yesNo(boolean answer) {
    return answer ? "yes" : "no";
  }
}
