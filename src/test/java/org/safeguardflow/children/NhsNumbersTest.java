package org.safeguardflow.children;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which NHS numbers may identify a child (NHS Data Dictionary; DOMAIN.md "Identity at the front door"). */
class NhsNumbersTest {

  @ParameterizedTest(name = "{0}: check digit {1}, real {2}, rule {3}")
  @CsvSource({
      "4010232137, true, true, ''",
      "4010232138, false, false, ''",
      "9999999999, true, false, nhs-number-filler",
      "0000000000, true, false, nhs-number-filler",
      "1111111111, true, false, nhs-number-filler",
      "9990000018, true, false, nhs-number-test-range",
      "401023213, false, false, ''"})
  void aNumberIsRealOnlyWithAValidCheckDigitOutsideTheTestRangeAndNotAFiller(String number, boolean checkDigit,
      boolean real, String rule) {
    assertThat(NhsNumbers.hasValidCheckDigit(number)).isEqualTo(checkDigit);
    assertThat(NhsNumbers.isReal(number)).isEqualTo(real);
    assertThat(NhsNumbers.notARealChildsNumber(number).orElse("")).isEqualTo(number.length() == 10 ? rule : "");
  }
}
