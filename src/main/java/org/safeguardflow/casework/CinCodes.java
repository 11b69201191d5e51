package org.safeguardflow.casework;

import java.util.Map;
import java.util.TreeMap;

/** Code lists of the DfE Children in Need census that the front door records. */
public final class CinCodes {

  private CinCodes() {}

  public static final Map<String, String> REFERRAL_SOURCES = ordered(Map.ofEntries(
      Map.entry("1A", "Individual: family member/relative/carer"),
      Map.entry("1B", "Individual: acquaintance (including neighbours and child minders)"),
      Map.entry("1C", "Individual: self"),
      Map.entry("1D", "Individual: other"),
      Map.entry("2A", "Schools"),
      Map.entry("2B", "Education services"),
      Map.entry("3A", "Health services: GP"),
      Map.entry("3B", "Health services: health visitor"),
      Map.entry("3C", "Health services: school nurse"),
      Map.entry("3D", "Health services: other primary health services"),
      Map.entry("3E", "Health services: A&E (emergency department)"),
      Map.entry("3F", "Health services: other"),
      Map.entry("4", "Housing"),
      Map.entry("5A", "LA services: social care (e.g. adults social care)"),
      Map.entry("5B", "LA services: other internal department"),
      Map.entry("5C", "LA services: external (e.g. from another local authority)"),
      Map.entry("5D", "LA services: early help"),
      Map.entry("6", "Police"),
      Map.entry("7", "Other legal agency"),
      Map.entry("8", "Other"),
      Map.entry("9", "Anonymous"),
      Map.entry("10", "Unknown")));

  public static final String ANONYMOUS_SOURCE = "9";

  public static final Map<String, String> ETHNICITIES = ordered(Map.ofEntries(
      Map.entry("WBRI", "White British"),
      Map.entry("WIRI", "White Irish"),
      Map.entry("WIRT", "Traveller of Irish heritage"),
      Map.entry("WOTH", "Any other White background"),
      Map.entry("WROM", "Gypsy/Roma"),
      Map.entry("MWBC", "White and Black Caribbean"),
      Map.entry("MWBA", "White and Black African"),
      Map.entry("MWAS", "White and Asian"),
      Map.entry("MOTH", "Any other mixed background"),
      Map.entry("AIND", "Indian"),
      Map.entry("APKN", "Pakistani"),
      Map.entry("ABAN", "Bangladeshi"),
      Map.entry("AOTH", "Any other Asian background"),
      Map.entry("BCRB", "Caribbean"),
      Map.entry("BAFR", "African"),
      Map.entry("BOTH", "Any other Black background"),
      Map.entry("CHNE", "Chinese"),
      Map.entry("OOTH", "Any other ethnic group"),
      Map.entry("REFU", "Refused"),
      Map.entry("NOBT", "Information not yet obtained")));

  /** Reasons for closure of a CIN episode. RC8 and RC9 need an assessment. */
  public static final Map<String, String> REASONS_FOR_CLOSURE = ordered(Map.of(
      "RC1", "Adopted",
      "RC2", "Died",
      "RC3", "Child arrangements order",
      "RC4", "Special guardianship order",
      "RC5", "Transferred to services of another local authority",
      "RC6", "Transferred to adult social care services",
      "RC7", "Services ceased for any other reason, including child no longer in need",
      "RC8", "Case closed after assessment, no further action",
      "RC9", "Case closed after assessment, referred to early help"));

  /** The child's primary need (census PrimaryNeedCode), recorded when an assessment proposes its outcome. */
  public static final Map<String, String> PRIMARY_NEEDS = ordered(Map.of(
      "N1", "Abuse or neglect",
      "N2", "Child's disability or illness",
      "N3", "Parental disability or illness",
      "N4", "Family in acute stress",
      "N5", "Family dysfunction",
      "N6", "Socially unacceptable behaviour",
      "N7", "Low income",
      "N8", "Absent parenting",
      "N9", "Cases other than children in need",
      "N0", "Not stated"));

  /** From the 2024-25 census, Sex replaces GenderCurrent. */
  public static final Map<String, String> SEX = ordered(Map.of("M", "Male", "F", "Female", "U", "Unknown"));

  /** In code order; a LinkedHashMap answers "no" for a missing (null) code where a TreeMap would throw. */
  private static Map<String, String> ordered(Map<String, String> codes) {
    return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(new TreeMap<>(codes)));
  }
}
