package org.safeguardflow.casework;

import java.time.LocalDate;

/** Who the child is, as the front door records them. An unborn child has an expected date of birth. */
public record ChildDetails(
    String firstName,
    String lastName,
    LocalDate dateOfBirth,
    LocalDate expectedDateOfBirth,
    String sex,
    String ethnicity,
    String nhsNumber) {}
