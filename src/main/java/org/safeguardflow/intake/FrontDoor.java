package org.safeguardflow.intake;

import static org.safeguardflow.intake.ContactProcess.Var.*;

import java.time.Instant;
import java.time.LocalDate;
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
import org.safeguardflow.casework.CinCodes;
import org.safeguardflow.children.ChildDetails;
import org.safeguardflow.children.ChildRegister;
import org.safeguardflow.children.PossibleMatches;
import org.safeguardflow.children.RecordBirthProcess;
import org.safeguardflow.metrics.OperationsCounters;
import org.safeguardflow.security.SystemWork;
import org.safeguardflow.timescales.StatutoryTimescales;
import org.safeguardflow.web.FieldError;
import org.safeguardflow.web.LostRaces;
import org.safeguardflow.web.InvalidInputException;
import org.springframework.context.annotation.Lazy;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Service;

/**
 * Records a contact and starts its case. One transaction covers our tables and the engine, so a
 * contact is either recorded with its running process or not at all (a new child's record is
 * committed just before, in a transaction of its own, so that simultaneous contacts find it).
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
  private final ChildRegister children;
  private final PossibleMatches possibleMatches;
  private final ContactRequests requests;
  private final LostRaces lostRaces;
  private final OperationsCounters counters;

  FrontDoor(ContactValidator validator, CaseRecords cases, Contacts contacts, RuntimeService runtime, TaskService tasks,
      @Lazy IdentityService identity, ChildRegister children, PossibleMatches possibleMatches, ContactRequests requests,
      LostRaces lostRaces, OperationsCounters counters) {
    this.children = children;
    this.possibleMatches = possibleMatches;
    this.requests = requests;
    this.lostRaces = lostRaces;
    this.counters = counters;
    this.validator = validator;
    this.cases = cases;
    this.contacts = contacts;
    this.runtime = runtime;
    this.tasks = tasks;
    this.identity = identity;
  }

  /** Records a contact sent without an {@code Idempotency-Key}. See {@link #record(ContactSubmission, String, Retry)}. */
  public RecordedContact record(ContactSubmission contact, String submittedBy) {
    return record(contact, submittedBy, null);
  }

  /**
   * A sender's {@code Idempotency-Key} and the SHA-256 (hex) of the body it came with: a retry with
   * the same key gets the first answer; the same key with another body is refused.
   */
  public record Retry(String key, String requestHash) {}

  /**
   * Records a contact: validates it (400 with every broken rule, nothing written), finds or records
   * the child ({@link ChildRegister}), then in one transaction joins the child's open case or opens a
   * case and starts its contact process. One open episode per child holds under simultaneous
   * contacts: the child's record is locked while its case is opened or joined, and the database
   * refuses a second open case ({@code sf_case_one_open_episode}); a contact that loses either race
   * is recorded again and joins the winner's case. A contact that loses the engine's race with other
   * work on the open case it joins (a deadline timer firing, a manager's review) is recorded again too
   * ({@link LostRaces}).
   *
   * @throws InvalidInputException a rule of the contact is broken, or an {@code Idempotency-Key} was
   *     used before with another body
   * @throws LostRaces.TryAgain every attempt lost a race (answered 503 with {@code Retry-After})
   */
  public RecordedContact record(ContactSubmission contact, String submittedBy, Retry retry) {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    List<FieldError> errors = validator.validate(contact, now);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    if (retry != null) {
      var first = answered(submittedBy, retry);
      if (first.isPresent()) {
        return first.get();
      }
    }
    OffsetDateTime recordedAt = now.atOffset(ZoneOffset.UTC);
    var c = contact.child();
    ChildDetails child = new ChildDetails(
        c.firstName() == null ? UNBORN_FIRST_NAME : c.firstName().strip(), c.lastName().strip(),
        c.dateOfBirth(), c.expectedDateOfBirth(), c.sex(), c.ethnicity(), c.nhsNumber());
    ChildRegister.Resolution resolution = children.resolve(child, recordedAt);
    // A contact that lost a race did nothing wrong: another contact opened the child's case first
    // (which this one now joins), or a timer, another node or a manager changed the case's process at
    // that moment. Each attempt is a fresh transaction; one that finds its Idempotency-Key answered
    // meanwhile gives that answer.
    return lostRaces.inFreshTransactions("contact", FrontDoor::anotherContactWasFirst, attempt -> {
      if (attempt > 0 && retry != null) {
        var first = answered(submittedBy, retry);
        if (first.isPresent()) {
          return first.get();
        }
      }
      RecordedContact answer = recordOnce(contact, child, resolution, submittedBy, recordedAt);
      if (retry != null) {
        requests.remember(submittedBy, retry.key(), retry.requestHash(), answer, recordedAt);
      }
      return answer;
    });
  }

  private static boolean anotherContactWasFirst(Throwable failure) {
    return failure instanceof DataIntegrityViolationException || failure instanceof TransientDataAccessException;
  }

  private java.util.Optional<RecordedContact> answered(String submittedBy, Retry retry) {
    return requests.find(submittedBy, retry.key()).map(first -> {
      if (!first.requestHash().equals(retry.requestHash())) {
        throw new InvalidInputException(List.of(new FieldError(ContactController.IDEMPOTENCY_KEY, "same-request",
            ContactController.IDEMPOTENCY_KEY + " was used before with another contact; use a new key for a new contact")));
      }
      return first.answer();
    });
  }

  private RecordedContact recordOnce(ContactSubmission contact, ChildDetails child, ChildRegister.Resolution resolution,
      String submittedBy, OffsetDateTime recordedAt) {
    long childId = children.lockStanding(resolution.childId());
    var openCase = cases.openCaseOf(childId);
    counters.contactReceived();
    if (openCase.isPresent()) {
      // The sender may add to a case they cannot see: the case's own process takes the contact in.
      return SystemWork.call(identity, () -> joinOpenCase(openCase.get(), contact, submittedBy, recordedAt));
    }
    String caseRef = cases.nextCaseRef(recordedAt.atZoneSameInstant(StatutoryTimescales.LONDON).getYear());
    cases.open(caseRef, childId, recordedAt);
    long contactId = contacts.insert(caseRef, contact, submittedBy, recordedAt);

    VariableMap variables = variables(contact, child, caseRef, childId, contactId);
    possibleMatch(caseRef, childId, resolution, recordedAt, variables);
    var instance = runtime.createProcessInstanceByKey(ContactProcess.KEY)
        .businessKey(caseRef)
        .setVariables(variables)
        .execute();
    cases.linkProcess(caseRef, instance.getId());
    if (child.expectedDateOfBirth() != null && !resolution.known()) {
      awaitBirth(caseRef, childId, child, contact);
    }

    // Started as the sender (checked: CREATE_INSTANCE on the contact process, and history names them);
    // the decision task that follows belongs to the managers, so its deadline is read as the system.
    Task decision = SystemWork.call(identity, () -> tasks.createTaskQuery()
        .processInstanceId(instance.getId())
        .taskDefinitionKey(ContactProcess.Element.MANAGER_DECIDES_CONTACT)
        .singleResult());
    return new RecordedContact(caseRef, instance.getId(), london(decision.getDueDate()), false);
  }

  /**
   * A child recorded before birth: once the expected date has passed, the team records the birth
   * ({@code bpmn/record-birth.bpmn}). Started by the system: the sender's right was to send the contact.
   */
  private void awaitBirth(String caseRef, long childId, ChildDetails child, ContactSubmission contact) {
    LocalDate expected = child.expectedDateOfBirth();
    VariableMap variables = Variables.createVariables();
    CASE_REF.put(variables, caseRef);
    CHILD_ID.put(variables, childId);
    CHILD_FIRST_NAME.put(variables, child.firstName());
    CHILD_LAST_NAME.put(variables, child.lastName());
    CHILD_EXPECTED_DATE_OF_BIRTH.put(variables, expected);
    variables.putValue(RecordBirthProcess.BIRTH_DUE_FROM,
            Date.from(expected.plusDays(1).atStartOfDay(StatutoryTimescales.LONDON).toInstant()))
        .putValue(RecordBirthProcess.CONTACT_RECEIVED_ON, StatutoryTimescales.londonDate(contact.receivedAt()).toString());
    SystemWork.call(identity, () -> runtime.createProcessInstanceByKey(RecordBirthProcess.KEY)
        .businessKey(caseRef)
        .setVariables(variables)
        .execute());
  }

  /**
   * A child who may be one already known is not merged silently: the first possible match (the rules'
   * order) is kept with its evidence and shown on the manager's decision form to confirm or reject.
   */
  private void possibleMatch(String caseRef, long childId, ChildRegister.Resolution resolution, OffsetDateTime at,
      VariableMap variables) {
    var match = resolution.known() ? java.util.Optional.<ChildRegister.PossibleMatch>empty()
        : resolution.possibleMatches().stream().findFirst();
    POSSIBLE_MATCH.put(variables, match.isPresent());
    match.ifPresent(m -> {
      possibleMatches.record(caseRef, childId, m, at);
      POSSIBLE_MATCH_CHILD.put(variables, m.candidate());
      POSSIBLE_MATCH_CASES.put(variables, String.join(", ", cases.caseRefsOf(m.candidateChildId())));
      // Every other record the details may be is shown too: a contact sent with one child's NHS number
      // and another child's name, date of birth and sex matches both, and the manager weighs both.
      StringBuilder evidence = new StringBuilder(m.rule() + ". " + m.evidence());
      resolution.possibleMatches().stream().skip(1).forEach(other -> evidence.append(". Also possibly ")
          .append(other.candidate()).append(" (cases ").append(String.join(", ", cases.caseRefsOf(other.candidateChildId())))
          .append("): ").append(other.rule()).append(". ").append(other.evidence()));
      POSSIBLE_MATCH_EVIDENCE.put(variables, evidence.toString());
    });
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
        .setVariablesLocal(furtherContact(contactId, contact, referrer))
        .correlateWithResult();
    String processInstanceId = contactProcess.getId();
    Task review = tasks.createTaskQuery().processInstanceId(processInstanceId)
        .taskDefinitionKey(ContactProcess.Element.REVIEW_FURTHER_CONTACT).list().stream()
        .filter(t -> Long.valueOf(contactId).equals(
            ContactProcess.FurtherContact.CONTACT_ID.get(tasks, t.getId())))
        .findFirst().orElseThrow();
    return new RecordedContact(caseRef, processInstanceId, london(review.getDueDate()), true);
  }

  private static OffsetDateTime london(Date date) {
    return date.toInstant().atZone(StatutoryTimescales.LONDON).toOffsetDateTime();
  }

  private static VariableMap variables(ContactSubmission contact, ChildDetails child, String caseRef,
      long childId, long contactId) {
    var s = contact.screening();
    VariableMap variables = Variables.createVariables();
    CASE_REF.put(variables, caseRef);
    CHILD_ID.put(variables, childId);
    CONTACT_ID.put(variables, contactId);
    RECEIVED_AT.put(variables, Date.from(contact.receivedAt().toInstant()));
    RECEIVED_AT_TEXT.put(variables, READABLE.format(contact.receivedAt()));
    REFERRAL_SOURCE.put(variables, contact.source());
    REFERRAL_SOURCE_TEXT.put(variables, contact.source() + " " + CinCodes.REFERRAL_SOURCES.get(contact.source()));
    REFERRER_NAME.put(variables, referrerName(contact));
    REFERRER_ORGANISATION.put(variables, contact.referrer().organisation());
    REFERRER_EMAIL.put(variables, contact.referrer().email());
    CHILD_FIRST_NAME.put(variables, child.firstName());
    CHILD_LAST_NAME.put(variables, child.lastName());
    CHILD_DATE_OF_BIRTH.put(variables, child.dateOfBirth());
    CHILD_EXPECTED_DATE_OF_BIRTH.put(variables, child.expectedDateOfBirth());
    CHILD_SEX.put(variables, child.sex());
    CHILD_NHS_NUMBER.put(variables, child.nhsNumber());
    CHILD_ETHNICITY.put(variables, child.ethnicity());
    CONCERNS.put(variables, contact.concerns());
    IMMEDIATE_DANGER.put(variables, s.immediateDanger());
    SIGNIFICANT_HARM_SUSPECTED.put(variables, s.significantHarmSuspected());
    NEEDS_MET_BY_UNIVERSAL_SERVICES.put(variables, s.needsMetByUniversalServices());
    AGENCIES_NEEDED.put(variables, s.agenciesNeeded());
    FAMILY_CONSENTS.put(variables, s.familyConsents());
    SCREENING_SUMMARY.put(variables, screeningSummary(s));
    return variables;
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

  /** The further-contact event subprocess's local variables. */
  private static VariableMap furtherContact(long contactId, ContactSubmission contact, String referrer) {
    VariableMap variables = Variables.createVariables();
    ContactProcess.FurtherContact.CONTACT_ID.put(variables, contactId);
    ContactProcess.FurtherContact.RECEIVED_AT.put(variables, Date.from(contact.receivedAt().toInstant()));
    ContactProcess.FurtherContact.RECEIVED_AT_TEXT.put(variables, READABLE.format(contact.receivedAt()));
    ContactProcess.FurtherContact.SOURCE_TEXT.put(variables,
        contact.source() + " " + CinCodes.REFERRAL_SOURCES.get(contact.source()));
    ContactProcess.FurtherContact.REFERRER.put(variables, referrer);
    ContactProcess.FurtherContact.CONCERNS.put(variables, contact.concerns());
    ContactProcess.FurtherContact.SCREENING_SUMMARY.put(variables, screeningSummary(contact.screening()));
    ContactProcess.FurtherContact.CHILD_AS_SENT.put(variables, asSent(contact.child()));
    return variables;
  }

  /** The child as a contact named them, for a manager to set beside the record it joined. */
  static String asSent(ChildDetails child) {
    return asSent(child.firstName() == null ? UNBORN_FIRST_NAME : child.firstName().strip(), child.lastName().strip(),
        child.dateOfBirth(), child.expectedDateOfBirth(), child.sex(), child.nhsNumber());
  }

  /** "Felix Bell, born 2019-03-12, sex M, NHS number 4358866360" (or "expected …", "no NHS number"). */
  static String asSent(String firstName, String lastName, LocalDate born, LocalDate expected, String sex, String nhsNumber) {
    return firstName + " " + lastName + (born != null ? ", born " + born : ", expected " + expected) + ", sex " + sex
        + (nhsNumber == null ? ", no NHS number" : ", NHS number " + nhsNumber);
  }

}
