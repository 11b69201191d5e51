package org.safeguardflow.children;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.safeguardflow.casework.Actors;
import org.safeguardflow.timescales.EngineTime;
import org.safeguardflow.timescales.StatutoryTimescales;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Completion listener of "Record the child's birth" ({@code bpmn/record-birth.bpmn}): checks what the
 * team typed and writes the birth to the child's record ({@link ChildRegister#recordBirth}), or
 * refuses the whole form naming each field and rule, the task staying open and nothing written.
 * Rules: {@code birthDate} an ISO date (yyyy-MM-dd) on or after the pre-birth contact and not in the
 * future (Europe/London); {@code birthFirstName} a person's name of at most 100 characters;
 * {@code birthSex} M, F or U (CIN census Sex); {@code birthNhsNumber} optional, 10 digits with a valid
 * check digit, a real number in production, and not another child's.
 */
@Component("recordChildsBirth")
class RecordChildsBirth implements TaskListener {

  static final int MAX_NAME = 100;

  private final ChildRegister children;
  private final boolean allowTestNhsNumbers;

  RecordChildsBirth(ChildRegister children,
      @Value("${safeguard.intake.allow-test-nhs-numbers:false}") boolean allowTestNhsNumbers) {
    this.children = children;
    this.allowTestNhsNumbers = allowTestNhsNumbers;
  }

  @Override
  public void notify(DelegateTask task) {
    List<String> problems = new ArrayList<>();
    LocalDate today = StatutoryTimescales.londonDate(ClockUtil.getCurrentTime());
    LocalDate dateOfBirth = null;
    Object typedDate = RecordBirthProcess.Var.BIRTH_DATE.raw(task);
    if (!(typedDate instanceof String text) || text.isBlank()) {
      problems.add("birthDate is required: the date the child was born");
    } else {
      try {
        dateOfBirth = LocalDate.parse(text.strip());
        LocalDate contactOn = RecordBirthProcess.Var.CONTACT_RECEIVED_ON.get(task);
        if (dateOfBirth.isAfter(today)) {
          problems.add("birthDate must not be in the future");
        } else if (dateOfBirth.isBefore(contactOn)) {
          problems.add("birthDate must be on or after " + contactOn + ", when the child was referred before birth");
        }
      } catch (DateTimeParseException e) {
        problems.add("birthDate must be a date such as 2026-04-21");
      }
    }
    Object typedName = RecordBirthProcess.Var.BIRTH_FIRST_NAME.raw(task);
    String firstName = typedName instanceof String text ? text.strip() : null;
    if (firstName == null || firstName.isEmpty()) {
      problems.add("birthFirstName is required: the child's first name");
    } else if (firstName.length() > MAX_NAME) {
      problems.add("birthFirstName must be at most " + MAX_NAME + " characters");
    } else if (!ChildNames.PERSON_NAME.matcher(firstName).matches()) {
      problems.add("birthFirstName may hold only letters, spaces, hyphens, apostrophes and full stops, starting with a letter");
    }
    Object sex = RecordBirthProcess.Var.BIRTH_SEX.raw(task);
    if (!"M".equals(sex) && !"F".equals(sex) && !"U".equals(sex)) {
      problems.add("birthSex must be M, F or U");
    }
    Object typedNhs = RecordBirthProcess.Var.BIRTH_NHS_NUMBER.raw(task);
    String nhsNumber = typedNhs instanceof String text && !text.isBlank() ? text.strip() : null;
    if (nhsNumber != null && !NhsNumbers.hasValidCheckDigit(nhsNumber)) {
      problems.add("birthNhsNumber must be 10 digits with a valid modulus 11 check digit");
    } else if (nhsNumber != null && !allowTestNhsNumbers && !NhsNumbers.isReal(nhsNumber)) {
      problems.add("birthNhsNumber must be a real NHS number (" + NhsNumbers.notARealChildsNumber(nhsNumber).orElse("")
          + "); leave it out when not known");
    }
    if (problems.isEmpty()) {
      long childId = RecordBirthProcess.Var.CHILD_ID.get(task);
      boolean recorded = children.recordBirth(childId, dateOfBirth, firstName, sex.toString(), nhsNumber,
          Actors.currentUser(task), EngineTime.now());
      if (!recorded) {
        problems.add("birthNhsNumber is another child's NHS number: check it, or leave it out");
      }
    }
    if (!problems.isEmpty()) {
      throw new BadUserRequestException("The birth was not recorded: " + String.join("; ", problems));
    }
  }
}
