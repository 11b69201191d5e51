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
 * spacing, hyphens, apostrophes, typographic dashes and spaces, accents, the NHS number added later,
 * or joined once by NHS number under another name) is always found; one real NHS number under two
 * names, and two children of unknown sex, are for a manager to decide.
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
          && a.birthDate().equals(b.birthDate()) && a.sex().equals(b.sex()) && !"U".equals(a.sex());
      if (sameIdentity) {
        continue; // the same name, birth and sex (M or F) is the same child by the rules' own definition
      }
      // Two children never hold one real NHS number; fillers and test numbers may be shared.
      if (NhsNumbers.isReal(a.nhsNumber()) && a.nhsNumber().equals(b.nhsNumber())) {
        continue;
      }
      assertThat(rules.compare(a, b).verdict()).as("%s and %s", a, b).isNotEqualTo(Verdict.SAME_CHILD);
      compared++;
    }
  }

  /** Oscar's NHS number sent with Felix's name: one real number under two names is for a manager, never a silent join. */
  @Test
  void differentNamesWithOneNhsNumberNeverJoinSilently() {
    Random random = new Random(SEED + 3);
    int compared = 0;
    while (compared < CASES) {
      String number = realNhsNumber(random);
      Person a = withNhs(randomChild(random), number);
      Person b = withNhs(randomChild(random), number);
      if (!"DIFFERENT".equals(ChildMatchRules.names(a, b))) {
        continue; // the same name, one letter off or a middle name left out: the number is not contradicted by the name
      }
      assertThat(rules.compare(a, b).verdict()).as("%s and %s", a, b).isEqualTo(Verdict.POSSIBLE_MATCH);
      compared++;
    }
  }

  /** Two children of unknown sex (unborn twins, say) with one name and date are never joined without a shared real NHS number. */
  @Test
  void childrenOfUnknownSexAreNeverTheSameChildByNameAndDateAlone() {
    Random random = new Random(SEED + 4);
    for (int i = 0; i < CASES; i++) {
      Person child = randomChild(random);
      String nhs = random.nextBoolean() ? null : String.valueOf(random.nextInt(10)).repeat(10);
      Person a = new Person(child.firstName(), child.lastName(), child.birthDate(), random.nextBoolean(), "U", nhs);
      Person b = new Person(retype(child.firstName(), random), retype(child.lastName(), random), child.birthDate(),
          a.unborn(), pick(SEXES, random), random.nextBoolean() ? null : realNhsNumber(random));
      assertThat(rules.compare(a, b, random.nextBoolean()).verdict()).as("%s and %s", a, b).isNotEqualTo(Verdict.SAME_CHILD);
      assertThat(rules.compare(b, a).verdict()).as("%s and %s", b, a).isNotEqualTo(Verdict.SAME_CHILD);
    }
  }

  /**
   * Robert joined by his NHS number as Bobby's record (certain, or a manager confirmed it): his own
   * details are claimed by the child, so his re-typings, with or without the number, always join.
   */
  @Test
  void aChildsRetypingsAfterAnNhsJoinAlwaysJoin() {
    Random random = new Random(SEED + 5);
    for (int i = 0; i < CASES; i++) {
      Person known = randomChild(random);
      if ("U".equals(known.sex())) {
        continue;
      }
      known = withNhs(known, realNhsNumber(random));
      Person joined = new Person(pick(FIRST_NAMES, random), pick(LAST_NAMES, random), known.birthDate(), false,
          known.sex(), known.nhsNumber());
      Person retyped = new Person(retype(joined.firstName(), random), retype(joined.lastName(), random),
          joined.birthDate(), false, joined.sex(), random.nextBoolean() ? null : known.nhsNumber());
      // The identity claim is of the normalised details, so a re-typing claims the same key.
      assertThat(ChildRegister.personKey(retyped.firstName(), retyped.lastName(), retyped.birthDate(), null, retyped.sex()))
          .isEqualTo(ChildRegister.personKey(joined.firstName(), joined.lastName(), joined.birthDate(), null, joined.sex()));
      assertThat(rules.compare(known, retyped, true).verdict()).as("%s and %s", known, retyped).isEqualTo(Verdict.SAME_CHILD);
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
      boolean numberShared = first.nhsNumber() != null && later.nhsNumber() != null;
      // A child of unknown sex is only certain with the NHS number both contacts knew; else a manager decides.
      assertThat(rules.compare(first, later).verdict()).as("%s and %s", first, later)
          .isEqualTo("U".equals(child.sex()) && !numberShared ? Verdict.POSSIBLE_MATCH : Verdict.SAME_CHILD);
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
    typed = typed.replace("-", pick(List.of("-", " ", " - ", "", "\u2010", "\u2011", "\u2013", "\u00a0"), random));
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
