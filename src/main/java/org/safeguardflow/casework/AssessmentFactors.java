package org.safeguardflow.casework;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Factors identified at the end of an assessment: the DfE CIN census code list
 * ({@code assessmentfactorstype} in the census schema), in census order. 18A and 19A are left out:
 * the DfE replaced them with 18B/18C and 19B/19C, so a new assessment must not use them.
 */
public final class AssessmentFactors {

  /** "No factors identified": only when there is no evidence of any other factor, so it stands alone. */
  public static final String NO_FACTORS = "21";

  public static final Map<String, String> CODES = codes(
      "1A", "Alcohol misuse: the child",
      "1B", "Alcohol misuse: the parent(s) or carer(s)",
      "1C", "Alcohol misuse: another person in the household",
      "2A", "Drug misuse: the child",
      "2B", "Drug misuse: the parent(s) or carer(s)",
      "2C", "Drug misuse: another person in the household",
      "3A", "Domestic abuse: the child is the subject",
      "3B", "Domestic abuse: the parent(s) or carer(s) are the subject",
      "3C", "Domestic abuse: another person in the household is the subject",
      "4A", "Mental health: the child",
      "4B", "Mental health: the parent(s) or carer(s)",
      "4C", "Mental health: another person in the family or household",
      "5A", "Learning disability: the child",
      "5B", "Learning disability: the parent(s) or carer(s)",
      "5C", "Learning disability: another person in the family or household",
      "6A", "Physical disability or illness: the child",
      "6B", "Physical disability or illness: the parent(s) or carer(s)",
      "6C", "Physical disability or illness: another person in the family or household",
      "7A", "Young carer",
      "8B", "Privately fostered: overseas child who intends to return",
      "8C", "Privately fostered: overseas child who intends to stay",
      "8D", "Privately fostered: UK child in an educational placement",
      "8E", "Privately fostered: UK child in an alternative family arrangement",
      "8F", "Privately fostered: other",
      "9A", "Unaccompanied asylum-seeking child",
      "10A", "Going or being missing",
      "11A", "Child sexual exploitation",
      "12A", "Trafficking",
      "13A", "Gangs",
      "14A", "Socially unacceptable behaviour",
      "15A", "Self-harm",
      "16A", "Abuse or neglect: neglect",
      "17A", "Abuse or neglect: emotional abuse",
      "18B", "Abuse or neglect: physical abuse, child on child",
      "18C", "Abuse or neglect: physical abuse, adult on child",
      "19B", "Abuse or neglect: sexual abuse, child on child",
      "19C", "Abuse or neglect: sexual abuse, adult on child",
      "20", "Other",
      "21", "No factors identified",
      "22A", "Female genital mutilation",
      "23A", "Abuse linked to faith or belief",
      "24A", "Child criminal exploitation");

  private AssessmentFactors() {}

  private static Map<String, String> codes(String... pairs) {
    Map<String, String> codes = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      codes.put(pairs[i], pairs[i + 1]);
    }
    return Collections.unmodifiableMap(codes);
  }
}
