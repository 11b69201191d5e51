package org.safeguardflow.support;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A contact as a partner's system would send it: a primary school worried about Amy, aged 8. Tests
 * change one field at a time with {@link #with} and {@link #without}.
 */
public final class SampleContact {

  private static final java.util.concurrent.atomic.AtomicLong SEQUENCE =
      new java.util.concurrent.atomic.AtomicLong(System.currentTimeMillis() % 1_000_000);
  private static final java.util.Random RANDOM = new java.util.Random();
  private static final java.util.Set<String> ISSUED_NHS_NUMBERS = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private final Map<String, Object> body;

  /**
   * A real NHS number (modulus 11 check digit, outside the 999 test range, not a one-digit filler) that
   * no other contact in this JVM was given: random numbers alone once fell in the test range, which the
   * register rightly never records, and a test expecting the number on the child's record failed.
   */
  public static String newNhsNumber() {
    while (true) {
      StringBuilder digits = new StringBuilder();
      for (int i = 0; i < 9; i++) {
        digits.append(RANDOM.nextInt(10));
      }
      for (int check = 0; check < 10; check++) {
        String number = digits.toString() + check;
        if (org.safeguardflow.children.NhsNumbers.isReal(number) && ISSUED_NHS_NUMBERS.add(number)) {
          return number;
        }
      }
    }
  }

  private SampleContact(Map<String, Object> body) {
    this.body = body;
  }

  /** A number written in letters (1 = Ab, 2 = Ac, ...): unique surnames that are still names (no digits). */
  public static String letters(long number) {
    StringBuilder word = new StringBuilder();
    long n = Math.abs(number);
    do {
      word.append((char) ('a' + n % 26));
      n /= 26;
    } while (n > 0);
    return "A" + word.reverse();
  }

  public static SampleContact fromSchool(String receivedAt) {
    Map<String, Object> referrer = new LinkedHashMap<>();
    referrer.put("name", "Ms Patel");
    referrer.put("organisation", "Oak Primary School");
    referrer.put("email", "dsl@oak-primary.example");
    Map<String, Object> child = new LinkedHashMap<>();
    child.put("firstName", "Amy");
    // A different child each time: a second contact about the same child joins the open case. Two
    // parts, so that no two samples' names are one letter apart (a possible match for a manager).
    long n = SEQUENCE.incrementAndGet();
    child.put("lastName", "Smith-" + letters(n) + "-" + letters(n * 7919));
    child.put("dateOfBirth", "2018-03-04");
    child.put("sex", "F");
    child.put("ethnicity", "WBRI");
    child.put("nhsNumber", newNhsNumber());
    Map<String, Object> screening = new LinkedHashMap<>();
    screening.put("immediateDanger", false);
    screening.put("significantHarmSuspected", false);
    screening.put("needsMetByUniversalServices", false);
    screening.put("agenciesNeeded", 2);
    screening.put("familyConsents", true);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("receivedAt", receivedAt);
    body.put("source", "2A");
    body.put("referrer", referrer);
    body.put("child", child);
    body.put("concerns", "Amy arrived with a bruise on her arm and said she is scared to go home.");
    body.put("screening", screening);
    return new SampleContact(body);
  }

  /** Sets a field by its JSON path, e.g. {@code child.dateOfBirth}. */
  public SampleContact with(String path, Object value) {
    parent(path).put(leaf(path), value);
    return this;
  }

  public SampleContact without(String path) {
    parent(path).remove(leaf(path));
    return this;
  }

  /** The screening answers that make the threshold table suggest each route. */
  public SampleContact screenedAs(boolean immediateDanger, boolean significantHarm, boolean universal,
      int agencies, boolean consents) {
    return with("screening.immediateDanger", immediateDanger)
        .with("screening.significantHarmSuspected", significantHarm)
        .with("screening.needsMetByUniversalServices", universal)
        .with("screening.agenciesNeeded", agencies)
        .with("screening.familyConsents", consents);
  }

  public Map<String, Object> body() {
    return body;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> parent(String path) {
    Map<String, Object> node = body;
    String[] parts = path.split("\\.");
    for (int i = 0; i < parts.length - 1; i++) {
      node = (Map<String, Object>) node.get(parts[i]);
    }
    return node;
  }

  private static String leaf(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }
}
