package org.safeguardflow.children;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Objects;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Is the child of a contact a child already known? This class only compares the details
 * (NHS number, normalised name, date of birth, sex) and names what it finds; the verdict is the
 * decision table {@code bpmn/child-matching.dmn} (hit policy FIRST, read top to bottom), so the rules
 * are data a process owner reads and changes in Camunda Modeler. The table is read from the
 * application's classpath at start, so a change takes effect with the next release or restart.
 */
@Component
public class ChildMatchRules {

  static final String TABLE = "bpmn/child-matching.dmn";
  static final String DECISION = "ChildMatching";

  /** What the table may answer. */
  public enum Verdict {
    /** Certainly the same child: the contact joins their record (and their open case). */
    SAME_CHILD,
    /** Perhaps the same child: recorded as another child, and a manager confirms or rejects the match. */
    POSSIBLE_MATCH,
    /** Another child. */
    DIFFERENT_CHILD
  }

  /**
   * A child as the matching sees them. {@code birthDate} is the date of birth, or for an unborn child
   * the expected date ({@code unborn} true); {@code sex} is the CIN code M, F or U; the NHS number may be null.
   */
  public record Person(String firstName, String lastName, LocalDate birthDate, boolean unborn, String sex,
      String nhsNumber) {}

  /**
   * How the details of two people compare: the evidence a manager sees, and the table's inputs.
   * {@code identity} is CLAIMED when the arriving details, normalised, are already claimed by the known
   * child ({@code sf_child_identity}: an earlier contact sent with them joined that child), else NOT_CLAIMED.
   */
  public record Evidence(String nhsNumber, String name, String birthDate, String sex, String identity) {
    /** One line for a person to read, e.g. "NHS number SAME · name SAME · date of birth ONE_DIGIT_OFF · sex SAME". */
    public String describe() {
      return "NHS number " + nhsNumber + " · name " + name + " · date of birth " + birthDate + " · sex " + sex
          + (CLAIMED.equals(identity) ? " · these details joined this child before" : "");
    }
  }

  /** The {@code identity} evidence of details already claimed by the known child. */
  public static final String CLAIMED = "CLAIMED";
  /** The {@code identity} evidence of details not claimed by the known child. */
  public static final String NOT_CLAIMED = "NOT_CLAIMED";

  /** The table's verdict, the rule that gave it (its description) and the evidence it read. */
  public record Match(Verdict verdict, String rule, Evidence evidence) {}

  private final DmnEngine engine;
  private final DmnDecision decision;

  public ChildMatchRules() {
    this.engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream table = ChildMatchRules.class.getClassLoader().getResourceAsStream(TABLE)) {
      if (table == null) {
        throw new IllegalStateException("The child matching table " + TABLE + " is not on the classpath");
      }
      this.decision = engine.parseDecision(DECISION, table);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Compares a known child with the child of a new contact and asks the table for the verdict. Each
   * contact is compared with every record that shares the child's name or birth date, so the table's
   * answer for each evidence (at most 3 × 5 × 3 × 3 × 2 of them) is kept once asked: the table is read
   * once at start and its answer depends on the evidence alone, and a FEEL evaluation per candidate
   * was two thirds of the front door's CPU time (bench/RESULTS.md).
   */
  public Match compare(Person known, Person arriving) {
    return compare(known, arriving, false);
  }

  /**
   * As {@link #compare(Person, Person)}, told whether the arriving details (normalised name, date of
   * birth, sex) are already claimed by the known child: a contact sent with them joined that child.
   */
  public Match compare(Person known, Person arriving, boolean arrivingDetailsClaimedByKnown) {
    Evidence evidence = new Evidence(nhsNumbers(known.nhsNumber(), arriving.nhsNumber()),
        names(known, arriving), birthDates(known.birthDate(), arriving.birthDate()), sexes(known.sex(), arriving.sex()),
        arrivingDetailsClaimedByKnown ? CLAIMED : NOT_CLAIMED);
    return answers.computeIfAbsent(evidence, this::evaluate);
  }

  /** The table's own answer for the evidence, evaluated now (not kept). */
  Match evaluate(Evidence evidence) {
    var result = engine.evaluateDecisionTable(decision, Variables.createVariables()
        .putValue("nhsNumber", evidence.nhsNumber())
        .putValue("name", evidence.name())
        .putValue("birthDate", evidence.birthDate())
        .putValue("sex", evidence.sex())
        .putValue("identity", evidence.identity())).getFirstResult();
    return new Match(Verdict.valueOf(result.getEntry("verdict")), result.getEntry("rule"), evidence);
  }

  private final java.util.Map<Evidence, Match> answers = new java.util.concurrent.ConcurrentHashMap<>();

  /** SAME or DIFFERENT only when both numbers are real; a test, filler or missing number proves nothing. */
  static String nhsNumbers(String a, String b) {
    if (!NhsNumbers.isReal(a) || !NhsNumbers.isReal(b)) {
      return "NOT_COMPARABLE";
    }
    return a.equals(b) ? "SAME" : "DIFFERENT";
  }

  /**
   * SAME when first and last names are one name once normalised; ONE_LETTER_OFF for a single slip;
   * WORDS_LEFT_OUT when one name is the other with words left out (a middle name: Lucy May Hart and
   * Lucy Hart; one half of a double-barrelled surname); SURNAME_ONLY when one is an unborn child known
   * by surname only and the surnames are one; else DIFFERENT.
   */
  static String names(Person a, Person b) {
    String keyA = ChildNames.nameKey(a.firstName(), a.lastName());
    String keyB = ChildNames.nameKey(b.firstName(), b.lastName());
    if (keyA.equals(keyB)) {
      return "SAME";
    }
    if (oneEditApart(keyA, keyB)) {
      return "ONE_LETTER_OFF";
    }
    if (wordsLeftOut(a.firstName(), b.firstName()) && wordsLeftOut(a.lastName(), b.lastName())) {
      return "WORDS_LEFT_OUT";
    }
    return ChildNames.key(a.lastName()).equals(ChildNames.key(b.lastName())) && (namedBeforeBirth(a) || namedBeforeBirth(b))
        ? "SURNAME_ONLY" : "DIFFERENT";
  }

  /** An unborn child known by surname only (the front door records the first name as "Unborn"). */
  private static boolean namedBeforeBirth(Person p) {
    return p.unborn() && (p.firstName() == null || ChildNames.key(p.firstName()).equals("unborn"));
  }

  /** The same name, or one's words all among the other's (neither empty). */
  private static boolean wordsLeftOut(String a, String b) {
    if (ChildNames.key(a).equals(ChildNames.key(b))) {
      return true;
    }
    if (ChildNames.words(a).isEmpty() || ChildNames.words(b).isEmpty()) {
      return false;
    }
    var wordsA = java.util.Arrays.asList(ChildNames.words(a).split(" "));
    var wordsB = java.util.Arrays.asList(ChildNames.words(b).split(" "));
    return wordsA.containsAll(wordsB) || wordsB.containsAll(wordsA);
  }

  /**
   * SAME, or ONE_DIGIT_OFF when the written dates differ in one digit, two neighbouring digits
   * swapped, or day and month swapped (2019-05-04 for 2019-04-05): the slips of someone typing a date.
   */
  static String birthDates(LocalDate a, LocalDate b) {
    if (a == null || b == null) {
      return "DIFFERENT";
    }
    if (a.equals(b)) {
      return "SAME";
    }
    if (a.getYear() == b.getYear() && a.getMonthValue() == b.getDayOfMonth() && a.getDayOfMonth() == b.getMonthValue()) {
      return "ONE_DIGIT_OFF";
    }
    return oneEditApart(a.toString(), b.toString()) ? "ONE_DIGIT_OFF" : "DIFFERENT";
  }

  /**
   * SAME when both are M or both F; UNKNOWN when either is U (not known, or not yet: two unborn babies
   * of one mother due the same day may be twins, so U and U prove nothing); else DIFFERENT.
   */
  static String sexes(String a, String b) {
    if ("U".equals(a) || "U".equals(b) || a == null || b == null) {
      return "UNKNOWN";
    }
    return Objects.equals(a, b) ? "SAME" : "DIFFERENT";
  }

  /** One substitution, one insertion or deletion, or one swap of neighbours (Damerau). */
  static boolean oneEditApart(String a, String b) {
    if (a.equals(b)) {
      return false;
    }
    if (a.length() == b.length()) {
      int first = -1;
      int differences = 0;
      for (int i = 0; i < a.length(); i++) {
        if (a.charAt(i) != b.charAt(i)) {
          if (differences == 0) {
            first = i;
          }
          differences++;
        }
      }
      if (differences == 1) {
        return true;
      }
      return differences == 2 && first + 1 < a.length() && a.charAt(first) == b.charAt(first + 1)
          && a.charAt(first + 1) == b.charAt(first);
    }
    String longer = a.length() > b.length() ? a : b;
    String shorter = longer == a ? b : a;
    if (longer.length() - shorter.length() != 1) {
      return false;
    }
    for (int i = 0; i < longer.length(); i++) {
      if ((longer.substring(0, i) + longer.substring(i + 1)).equals(shorter)) {
        return true;
      }
    }
    return false;
  }
}
