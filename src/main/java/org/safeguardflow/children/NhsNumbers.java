package org.safeguardflow.children;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an NHS number can tell us about who a child is. A number identifies a child only when it is
 * real: 10 digits with a valid modulus 11 check digit (NHS Data Dictionary), outside the range NHS
 * England reserves for testing (numbers starting 999) and not a "not known" filler typed as one digit
 * ten times (0000000000, 9999999999: both pass the check digit, since every repeated digit does).
 */
public final class NhsNumbers {

  /** Rule name of a number in the range reserved for testing. */
  public static final String TEST_RANGE = "nhs-number-test-range";
  /** Rule name of a number typed as one digit repeated ("not known"). */
  public static final String FILLER = "nhs-number-filler";

  private static final Pattern TEN_DIGITS = Pattern.compile("^\\d{10}$");

  /** Ten digits as people write them: grouped 3-3-4 (or otherwise) with spaces, dashes or both. */
  private static final Pattern WRITTEN = Pattern.compile("^\\s*(\\d[\\s\\-\u2010\u2011\u2013\u00a0]*){9}\\d\\s*$");

  private NhsNumbers() {}

  /**
   * An NHS number as a person or a partner system wrote it, as the front door keeps it: the 10 digits
   * when it is 10 digits grouped with spaces or dashes ({@code 432 262 8567}, {@code 432-262-8567});
   * null when blank (not known); anything else unchanged, for the check digit rule to refuse by name.
   */
  public static String asWritten(String number) {
    if (number == null || number.isBlank()) {
      return null;
    }
    return WRITTEN.matcher(number).matches() ? number.replaceAll("\\D", "") : number;
  }

  /** Whether the text is 10 digits, perhaps grouped with spaces or dashes (a search by NHS number). */
  public static boolean looksWritten(String text) {
    return text != null && WRITTEN.matcher(text).matches();
  }

  /** Modulus 11 over the first nine digits weighted 10 down to 2; a remainder giving 10 is never issued. */
  public static boolean hasValidCheckDigit(String number) {
    if (number == null || !TEN_DIGITS.matcher(number).matches()) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += (number.charAt(i) - '0') * (10 - i);
    }
    int check = 11 - (sum % 11);
    if (check == 11) {
      check = 0;
    }
    return check != 10 && check == number.charAt(9) - '0';
  }

  /** The rule ({@link #TEST_RANGE} or {@link #FILLER}) that says a well-formed number is no real child's, if any. */
  public static Optional<String> notARealChildsNumber(String number) {
    if (number == null) {
      return Optional.empty();
    }
    if (number.chars().distinct().count() == 1) {
      return Optional.of(FILLER);
    }
    if (number.startsWith("999")) {
      return Optional.of(TEST_RANGE);
    }
    return Optional.empty();
  }

  /** A number that may identify a child: well formed, valid check digit, neither test range nor filler. */
  public static boolean isReal(String number) {
    return hasValidCheckDigit(number) && notARealChildsNumber(number).isEmpty();
  }
}
