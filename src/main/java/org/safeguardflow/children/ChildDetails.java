package org.safeguardflow.children;

import java.time.LocalDate;

/**
 * Who the child is, as the front door records them: the {@code child} object of {@code POST
 * /api/contacts} (field names are the JSON contract) and what {@link ChildRegister} matches and
 * records. An unborn child has an expected date of birth and may have no first name yet; the NHS
 * number is ten digits or null: written with spaces or dashes it is kept as its 10 digits, and an
 * empty one is not known ({@link NhsNumbers#asWritten}).
 */
public record ChildDetails(
    String firstName,
    String lastName,
    LocalDate dateOfBirth,
    LocalDate expectedDateOfBirth,
    String sex,
    String ethnicity,
    String nhsNumber) {

  public ChildDetails {
    nhsNumber = NhsNumbers.asWritten(nhsNumber);
  }
}
