package org.safeguardflow.children;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.safeguardflow.children.ChildMatchRules.Person;
import org.safeguardflow.children.ChildMatchRules.Verdict;

/**
 * The matching rules over thousands of random children (seeded, so a failure repeats): two children
 * who are not the same person are never merged, and one child typed again by other hands (capitals,
 * spacing, hyphens, apostrophes, accents, the NHS number added later) is always found.
 */
class ChildMatchRulesPropertyTest {

  static final long SEED = 20261130L;
  static final int CASES = 3000;

  static final List<String> FIRST_NAMES = List.of("Amy", "Zoë", "Chloé", "Ava", "Kai", "Lena", "Noah", "Seán", "Anne-Marie",
      "Mary Jane", "Oluwaseun", "Nguyễn", "Siobhán", "Renée", "Jo", "Joe", "Ali", "Aly", "Tia", "Mia", "Leo", "Lea");
  static final List<String> LAST_NAMES = List.of("Smith", "O'Brien", "Grant-Okafor", "Nowak", "Müller", "D'Souza",
      "Ní Bhriain", "Van der Berg", "St. John", "Øster", "Kowalczyk", "Okafor", "Grant", "Smyth", "Brown", "Browne");
  static final List<String> SEXES = List.of("M", "F", "U");

  final ChildMatchRules rules = new ChildMatchRules();

  /**
   * The verdicts kept per evidence are the table's own: thousands of children compared twice (the second
   * time from what was kept) get, each time, exactly what a fresh reading of the table answers.
   */
  @Test
  void aVerdictKeptForTheSameEvidenceIsAlwaysTheTablesOwn() {
    Random random = new Random(SEED + 1);
    ChildMatchRules fresh = new ChildMatchRules();
    for (int i = 0; i < CASES; i++) {
      Person a = randomChild(random);
      Person b = random.nextBoolean() ? randomChild(random) : a;
      ChildMatchRules.Match first = rules.compare(a, b);
      assertThat(rules.compare(a, b)).isEqualTo(first).isEqualTo(fresh.evaluate(first.evidence()));
    }
  }

  @Test
  void twoChildrenWhoAreNotTheSamePersonAreNeverMerged() {
    Random random = new Random(SEED);
    int compared = 0;
    while (compared < CASES) {
      Person a = randomChild(random);
      Person b = randomChild(random);
      boolean sameIdentity = ChildNames.nameKey(a.firstName(), a.lastName()).equals(ChildNames.nameKey(b.firstName(), b.lastName()))
          && a.birthDate().equals(b.birthDate()) && a.sex().equals(b.sex());
      if (sameIdentity) {
        continue; // the same name, birth and sex is the same child by the rules' own definition
      }
      // Two children never hold one real NHS number; fillers and test numbers may be shared.
      if (NhsNumbers.isReal(a.nhsNumber()) && a.nhsNumber().equals(b.nhsNumber())) {
        continue;
      }
      assertThat(rules.compare(a, b).verdict()).as("%s and %s", a, b).isNotEqualTo(Verdict.SAME_CHILD);
      compared++;
    }
  }

  @Test
  void aSharedStandInNhsNumberNeverJoinsTwoChildren() {
    Random random = new Random(SEED + 1);
    for (int i = 0; i < CASES; i++) {
      String standIn = random.nextBoolean() ? String.valueOf(random.nextInt(10)).repeat(10) : testRangeNumber(random);
      Person a = withNhs(randomChild(random), standIn);
      Person b = withNhs(randomChild(random), standIn);
      if (ChildNames.nameKey(a.firstName(), a.lastName()).equals(ChildNames.nameKey(b.firstName(), b.lastName()))) {
        continue;
      }
      assertThat(rules.compare(a, b).verdict()).as("%s and %s", a, b).isEqualTo(Verdict.DIFFERENT_CHILD);
    }
  }

  @Test
  void oneChildTypedAgainByOtherHandsIsAlwaysTheSameChild() {
    Random random = new Random(SEED + 2);
    for (int i = 0; i < CASES; i++) {
      Person child = randomChild(random);
      String realNumber = realNhsNumber(random);
      // The first contact may not know the NHS number; a later one adds it, or both know it.
      Person first = withNhs(child, random.nextBoolean() ? null : realNumber);
      Person later = new Person(retype(child.firstName(), random), retype(child.lastName(), random), child.birthDate(),
          child.unborn(), child.sex(), random.nextInt(3) == 0 ? null : realNumber);
      assertThat(rules.compare(first, later).verdict()).as("%s and %s", first, later).isEqualTo(Verdict.SAME_CHILD);
    }
  }

  static Person randomChild(Random random) {
    String nhs = switch (random.nextInt(4)) {
      case 0 -> null;
      case 1 -> String.valueOf(random.nextInt(10)).repeat(10);
      case 2 -> testRangeNumber(random);
      default -> realNhsNumber(random);
    };
    return new Person(pick(FIRST_NAMES, random), pick(LAST_NAMES, random),
        LocalDate.of(2008, 1, 1).plusDays(random.nextInt(18 * 365)), false, pick(SEXES, random), nhs);
  }

  static Person withNhs(Person p, String nhs) {
    return new Person(p.firstName(), p.lastName(), p.birthDate(), p.unborn(), p.sex(), nhs);
  }

  /** The same name as another person might type it: case, spacing, hyphens, apostrophes, accents. */
  static String retype(String name, Random random) {
    String typed = name;
    if (random.nextBoolean()) {
      typed = java.text.Normalizer.normalize(typed, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }
    typed = switch (random.nextInt(3)) {
      case 0 -> typed.toUpperCase(java.util.Locale.ROOT);
      case 1 -> typed.toLowerCase(java.util.Locale.ROOT);
      default -> typed;
    };
    typed = typed.replace("-", pick(List.of("-", " ", " - ", "", "\u2010", "\u2013"), random));
    typed = typed.replace("'", pick(List.of("'", "\u2019", "\u2018", "\u02BC", "", "`"), random));
    typed = typed.replace(".", pick(List.of(".", "", " "), random));
    typed = typed.replace(" ", pick(List.of(" ", "  ", "-", ""), random));
    return pick(List.of("", " ", "  "), random) + typed + pick(List.of("", " "), random);
  }

  static String realNhsNumber(Random random) {
    while (true) {
      String number = withCheckDigit(String.format("%09d", random.nextInt(999_999_999)));
      if (number != null && NhsNumbers.isReal(number)) {
        return number;
      }
    }
  }

  static String testRangeNumber(Random random) {
    while (true) {
      String number = withCheckDigit("999" + String.format("%06d", random.nextInt(1_000_000)));
      if (number != null) {
        return number;
      }
    }
  }

  private static String withCheckDigit(String nine) {
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += (nine.charAt(i) - '0') * (10 - i);
    }
    int check = 11 - (sum % 11);
    return check == 10 ? null : nine + (check == 11 ? 0 : check);
  }

  private static <T> T pick(List<T> options, Random random) {
    return options.get(random.nextInt(options.size()));
  }
}
