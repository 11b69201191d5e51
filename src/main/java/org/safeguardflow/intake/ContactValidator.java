package org.safeguardflow.intake;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.safeguardflow.casework.CinCodes;
import org.safeguardflow.children.ChildDetails;
import org.safeguardflow.children.NhsNumbers;
import org.safeguardflow.timescales.StatutoryTimescales;
import org.safeguardflow.web.EmailAddress;
import org.safeguardflow.web.FieldError;
import org.springframework.stereotype.Component;

/**
 * The front door's rules for a contact. Every broken rule is reported at once, named by the JSON
 * path of its field, so a partner's system can fix its message in one go.
 */
@Component
class ContactValidator {

  static final int MAX_NAME = 100;
  static final int MAX_REFERRER = 200;
  static final int MAX_EMAIL = 254;
  static final int MAX_CONCERNS = 10_000;
  static final int MAX_AGENCIES = 20;
  /** Clocks of partner systems drift; a contact stamped a few minutes ahead is not "from the future". */
  static final long CLOCK_SKEW_SECONDS = 300;
  static final Instant EARLIEST_CONTACT = Instant.parse("2000-01-01T00:00:00Z");

  /**
   * DfE CIN census rule 8606: a referral may be at most 40 weeks (280 days) before the child's date of
   * birth or expected date of birth. A contact becomes a referral on or after the day it arrives, so
   * an expected date at most 280 days after the contact keeps the rule.
   */
  static final int MAX_DAYS_BEFORE_BIRTH = 280;
  static final String RULE_8606 = "cin-8606";
  /** DfE CIN census rule 8750: an unborn child's sex is returned as U (unknown). */
  static final String RULE_8750 = "cin-8750";
  static final String UNBORN_SEX = "U";

  /**
   * A person's name: letters of any script with the marks, spaces, hyphens, apostrophes and full
   * stops names are written with. Nothing that Markdown or HTML would read as markup, so a name can
   * stand in the headings of every form a manager opens.
   */
  static final Pattern PERSON_NAME = org.safeguardflow.children.ChildNames.PERSON_NAME;
  /** An organisation's name may also hold digits, commas, ampersands, brackets and slashes ("St Mary's C of E (VA)"). */
  static final Pattern ORGANISATION_NAME = Pattern.compile("^[\\p{L}\\p{M}\\p{N}][\\p{L}\\p{M}\\p{N} '\u2019.,&()/-]*$");

  /**
   * Whether NHS numbers no child holds (999 test range, one digit repeated) are accepted: true only in
   * the demo and tests ({@code safeguard.intake.allow-test-nhs-numbers}); in production they are
   * refused at the door, since they mean "not known" and must never match two children together.
   * Even where accepted they never match anyone ({@code children.NhsNumbers#isReal}).
   */
  private final boolean allowTestNhsNumbers;

  ContactValidator(@org.springframework.beans.factory.annotation.Value(
      "${safeguard.intake.allow-test-nhs-numbers:false}") boolean allowTestNhsNumbers) {
    this.allowTestNhsNumbers = allowTestNhsNumbers;
  }

  List<FieldError> validate(ContactSubmission contact, Instant now) {
    List<FieldError> errors = new ArrayList<>();
    if (contact == null) {
      errors.add(new FieldError("$", "required", "The request body must be a contact (a JSON object)"));
      return errors;
    }
    LocalDate today = StatutoryTimescales.londonDate(now);

    if (contact.receivedAt() == null) {
      errors.add(required("receivedAt", "when the contact reached the front door (ISO-8601 with offset)"));
    } else if (contact.receivedAt().toInstant().isAfter(now.plusSeconds(CLOCK_SKEW_SECONDS))) {
      errors.add(new FieldError("receivedAt", "not-in-future", "receivedAt must not be in the future"));
    } else if (contact.receivedAt().toInstant().isBefore(EARLIEST_CONTACT)) {
      // Statutory timescales and the working-day calendar start there; an older date is a typing slip.
      errors.add(new FieldError("receivedAt", "too-old", "receivedAt must be on or after 2000-01-01"));
    }
    LocalDate receivedOn = contact.receivedAt() == null ? today : StatutoryTimescales.londonDate(contact.receivedAt());

    code(errors, "source", contact.source(), CinCodes.REFERRAL_SOURCES, true, "a CIN census referral source code");

    if (contact.referrer() == null) {
      errors.add(required("referrer", "who raised the concern"));
    } else {
      var referrer = contact.referrer();
      boolean anonymous = CinCodes.ANONYMOUS_SOURCE.equals(contact.source());
      text(errors, "referrer.name", referrer.name(), !anonymous, MAX_REFERRER, "the referrer's name (not needed when source is 9, anonymous)");
      name(errors, "referrer.name", referrer.name(), PERSON_NAME, PERSON_NAME_RULE);
      text(errors, "referrer.organisation", referrer.organisation(), false, MAX_REFERRER, "");
      name(errors, "referrer.organisation", referrer.organisation(), ORGANISATION_NAME, ORGANISATION_NAME_RULE);
      if (referrer.email() != null) {
        if (referrer.email().length() > MAX_EMAIL) {
          errors.add(tooLong("referrer.email", MAX_EMAIL));
        } else if (hasControlCharacter(referrer.email(), false)) {
          errors.add(controlCharacter("referrer.email"));
        } else if (!EmailAddress.isValid(referrer.email())) {
          errors.add(new FieldError("referrer.email", "email", "referrer.email must be an email address such as name@school.example"));
        }
      }
    }

    if (contact.child() == null) {
      errors.add(required("child", "the child the concern is about"));
    } else {
      child(errors, contact.child(), receivedOn);
    }

    text(errors, "concerns", contact.concerns(), true, MAX_CONCERNS, "what the referrer is worried about");

    if (contact.screening() == null) {
      errors.add(required("screening", "the screening answers"));
    } else {
      var s = contact.screening();
      bool(errors, "screening.immediateDanger", s.immediateDanger());
      bool(errors, "screening.significantHarmSuspected", s.significantHarmSuspected());
      bool(errors, "screening.needsMetByUniversalServices", s.needsMetByUniversalServices());
      bool(errors, "screening.familyConsents", s.familyConsents());
      if (s.agenciesNeeded() == null) {
        errors.add(required("screening.agenciesNeeded", "how many agencies are needed (a whole number)"));
      } else if (s.agenciesNeeded() < 0 || s.agenciesNeeded() > MAX_AGENCIES) {
        errors.add(new FieldError("screening.agenciesNeeded", "range",
            "screening.agenciesNeeded must be between 0 and " + MAX_AGENCIES));
      }
    }
    return errors;
  }

  private void child(List<FieldError> errors, ChildDetails child, LocalDate receivedOn) {
    boolean unborn = child.expectedDateOfBirth() != null;
    text(errors, "child.firstName", child.firstName(), !unborn, MAX_NAME, "the child's first name (may be left out for an unborn child)");
    name(errors, "child.firstName", child.firstName(), PERSON_NAME, PERSON_NAME_RULE);
    text(errors, "child.lastName", child.lastName(), true, MAX_NAME, "the child's last name");
    name(errors, "child.lastName", child.lastName(), PERSON_NAME, PERSON_NAME_RULE);

    if (child.dateOfBirth() == null && child.expectedDateOfBirth() == null) {
      errors.add(new FieldError("child.dateOfBirth", "one-of-required",
          "Give child.dateOfBirth, or child.expectedDateOfBirth for an unborn child (DfE CIN census rule 8525)"));
    } else if (child.dateOfBirth() != null && child.expectedDateOfBirth() != null) {
      errors.add(new FieldError("child.expectedDateOfBirth", "only-one-of",
          "Give child.dateOfBirth or child.expectedDateOfBirth, not both (DfE CIN census rule 8525)"));
    } else if (child.dateOfBirth() != null) {
      if (child.dateOfBirth().isAfter(receivedOn)) {
        errors.add(new FieldError("child.dateOfBirth", "not-after-contact",
            "child.dateOfBirth must not be after the contact was received; use expectedDateOfBirth for an unborn child"
                + " (DfE CIN census rule 8520)"));
      } else if (!child.dateOfBirth().isAfter(receivedOn.minusYears(18))) {
        errors.add(new FieldError("child.dateOfBirth", "under-18",
            "child.dateOfBirth must make the child under 18 when the contact was received"));
      }
    } else if (child.expectedDateOfBirth().isBefore(receivedOn)) {
      errors.add(new FieldError("child.expectedDateOfBirth", "not-before-contact",
          "child.expectedDateOfBirth must not be before the contact was received; use dateOfBirth for a child already born"));
    } else if (child.expectedDateOfBirth().isAfter(receivedOn.plusDays(MAX_DAYS_BEFORE_BIRTH))) {
      errors.add(new FieldError("child.expectedDateOfBirth", RULE_8606,
          "child.expectedDateOfBirth must be at most 40 weeks (" + MAX_DAYS_BEFORE_BIRTH + " days) after the contact,"
              + " by " + receivedOn.plusDays(MAX_DAYS_BEFORE_BIRTH) + " (DfE CIN census rule 8606: a referral more than"
              + " 40 weeks before the expected date of birth is refused)"));
    }

    code(errors, "child.sex", child.sex(), CinCodes.SEX, true, "M, F or U");
    if (child.expectedDateOfBirth() != null && child.dateOfBirth() == null && child.sex() != null && CinCodes.SEX.containsKey(child.sex())
        && !UNBORN_SEX.equals(child.sex())) {
      // Refused rather than changed to U: a partner's record must not be silently altered.
      errors.add(new FieldError("child.sex", RULE_8750,
          "child.sex must be U (unknown) for an unborn child (DfE CIN census rule 8750); record the sex when the"
              + " child is born"));
    }
    code(errors, "child.ethnicity", child.ethnicity(), CinCodes.ETHNICITIES, false, "a CIN census ethnicity code");
    if (child.nhsNumber() != null && !NhsNumbers.hasValidCheckDigit(child.nhsNumber())) {
      errors.add(new FieldError("child.nhsNumber", "nhs-number",
          "child.nhsNumber must be 10 digits with a valid modulus 11 check digit"));
    } else if (child.nhsNumber() != null && !allowTestNhsNumbers) {
      NhsNumbers.notARealChildsNumber(child.nhsNumber()).ifPresent(rule -> errors.add(new FieldError("child.nhsNumber", rule,
          NhsNumbers.TEST_RANGE.equals(rule)
              ? "child.nhsNumber must be a real NHS number: numbers starting 999 are reserved for testing; leave it out when not known"
              : "child.nhsNumber must be a real NHS number, not one digit repeated; leave it out when not known")));
    }
  }

  static final String PERSON_NAME_RULE = "letters, spaces, hyphens, apostrophes and full stops, starting with a letter";
  static final String ORGANISATION_NAME_RULE =
      "letters, digits, spaces and . , ' & ( ) / -, starting with a letter or digit";

  /** A name already checked for presence and length, checked for the characters names are written with. */
  private static void name(List<FieldError> errors, String field, String value, Pattern allowed, String rule) {
    boolean reported = errors.stream().anyMatch(e -> e.field().equals(field));
    if (value != null && !value.isBlank() && !reported && !allowed.matcher(value.strip()).matches()) {
      errors.add(new FieldError(field, "name-characters", field + " may hold only " + rule));
    }
  }

  private static FieldError required(String field, String what) {
    return new FieldError(field, "required", field + " is required: " + what);
  }

  private static FieldError tooLong(String field, int max) {
    return new FieldError(field, "max-length", field + " must be at most " + max + " characters");
  }

  private static void text(List<FieldError> errors, String field, String value, boolean required, int max, String what) {
    if (value == null || value.isBlank()) {
      if (required) {
        errors.add(required(field, what));
      }
    } else if (value.length() > max) {
      errors.add(tooLong(field, max));
    } else if (hasControlCharacter(value, "concerns".equals(field))) {
      errors.add(controlCharacter(field));
    }
  }

  /**
   * Control characters are never part of a name or a concern: a NUL is refused by PostgreSQL, an
   * escape or a bell garbles a screen, and bidirectional overrides make a name read differently from
   * how it is stored. Concerns keep their line breaks and tabs.
   */
  static boolean hasControlCharacter(String value, boolean multiline) {
    return value.codePoints().anyMatch(c -> (Character.getType(c) == Character.CONTROL
        && !(multiline && (c == '\n' || c == '\r' || c == '\t')))
        || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069));
  }

  private static FieldError controlCharacter(String field) {
    return new FieldError(field, "control-character",
        field + " must not contain control characters (only concerns may have line breaks and tabs)");
  }

  private static void bool(List<FieldError> errors, String field, Boolean value) {
    if (value == null) {
      errors.add(required(field, "true or false"));
    }
  }

  private static void code(List<FieldError> errors, String field, String value, Map<String, String> codes,
      boolean required, String what) {
    if (value == null) {
      if (required) {
        errors.add(required(field, what));
      }
    } else if (!codes.containsKey(value)) {
      errors.add(new FieldError(field, "code-list", field + " must be " + what + ", one of " + String.join(", ", codes.keySet())));
    }
  }
}
