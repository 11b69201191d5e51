package org.safeguardflow.children;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.safeguardflow.children.ChildMatchRules.Match;
import org.safeguardflow.children.ChildMatchRules.Person;
import org.safeguardflow.children.ChildMatchRules.Verdict;
import org.safeguardflow.variables.Var;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The register of children: finds the child a contact is about, or records a new one. One child, one
 * record: the verdict of {@link ChildMatchRules} decides, and the database keeps two simultaneous
 * contacts from recording the same new child twice (each identity key is claimed once, table
 * {@code sf_child_identity}; the loser finds the winner's record on its retry).
 */
@Repository
public class ChildRegister {

  /** The child's record ({@code sf_child} id), as the processes a contact starts carry it. */
  public static final Var<Long> CHILD_ID = Var.id("childId");

  /** Attempts before a contact gives up on a record other contacts keep changing (never seen in tests). */
  static final int ATTEMPTS = 5;

  /**
   * The child a contact is about: {@code known} when an earlier record was certainly theirs;
   * {@code possibleMatches} the records that may be theirs, for a manager to confirm or reject.
   */
  public record Resolution(long childId, boolean known, List<PossibleMatch> possibleMatches) {}

  /** A record that may be the same child, with the rule that said so and the evidence it read. */
  public record PossibleMatch(long candidateChildId, String candidate, String rule, String evidence) {}

  record Known(long id, String firstName, String lastName, LocalDate dateOfBirth, LocalDate expectedDateOfBirth,
      String sex, String nhsNumber, String ethnicity, Long mergedInto) {
    Person person() {
      return new Person(firstName, lastName, dateOfBirth != null ? dateOfBirth : expectedDateOfBirth,
          dateOfBirth == null, sex, nhsNumber);
    }
  }

  private final JdbcTemplate jdbc;
  private final ChildMatchRules rules;
  private final TransactionTemplate ownTransaction;

  ChildRegister(JdbcTemplate jdbc, ChildMatchRules rules, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.rules = rules;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * The identity keys a child's details claim: {@code nhs:<number>} for a real NHS number
   * ({@link NhsNumbers#isReal}) and {@code person:<first>|<last>|<date>|<sex>} with the names
   * normalised ({@link ChildNames}) and the date of birth, or {@code expected:<date>} before birth.
   */
  public static List<String> identityKeys(String firstName, String lastName, LocalDate dateOfBirth,
      LocalDate expectedDateOfBirth, String sex, String nhsNumber) {
    List<String> keys = new ArrayList<>();
    if (NhsNumbers.isReal(nhsNumber)) {
      keys.add("nhs:" + nhsNumber);
    }
    String date = dateOfBirth != null ? dateOfBirth.toString()
        : expectedDateOfBirth != null ? "expected:" + expectedDateOfBirth : "unknown";
    keys.add("person:" + ChildNames.nameKey(firstName, lastName) + "|" + date + "|" + sex);
    return keys;
  }

  /**
   * The child these details are about, in a transaction of its own (committed before the contact's
   * own, so that a simultaneous contact sees it): an existing record when the rules find the same
   * child (a real NHS number now known is added to it), else a new record. Retried when a
   * simultaneous contact claimed the same identity first.
   */
  public Resolution resolve(ChildDetails child, OffsetDateTime at) {
    RuntimeException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        return ownTransaction.execute(status -> resolveOnce(child, at));
      } catch (DataIntegrityViolationException | TransientDataAccessException anotherContactWasFirst) {
        last = anotherContactWasFirst;
      }
    }
    throw last;
  }

  private Resolution resolveOnce(ChildDetails child, OffsetDateTime at) {
    Person arriving = new Person(child.firstName(), child.lastName(),
        child.dateOfBirth() != null ? child.dateOfBirth() : child.expectedDateOfBirth(), child.dateOfBirth() == null,
        child.sex(), child.nhsNumber());
    record Compared(Known known, Match match) {}
    List<Compared> compared = candidates(arriving).stream()
        .map(known -> new Compared(known, rules.compare(known.person(), arriving))).toList();
    var same = compared.stream().filter(c -> c.match().verdict() == Verdict.SAME_CHILD)
        .min(Comparator.comparing((Compared c) -> !"SAME".equals(c.match().evidence().nhsNumber()))
            .thenComparingLong(c -> c.known().id()));
    if (same.isPresent()) {
      Known known = same.get().known();
      if (known.mergedInto() != null) {
        return new Resolution(standing(known.mergedInto()), true, List.of());
      }
      addWhatIsNowKnown(known, child, at);
      return new Resolution(known.id(), true, List.of());
    }
    java.util.Set<Long> judged = new java.util.HashSet<>();
    compared.forEach(c -> {
      judged.add(c.known().id());
      if (c.known().mergedInto() != null) {
        judged.add(standing(c.known().mergedInto()));
      }
    });
    long id = register(child, at, judged);
    List<PossibleMatch> possible = compared.stream()
        .filter(c -> c.match().verdict() == Verdict.POSSIBLE_MATCH && c.known().mergedInto() == null)
        .map(c -> new PossibleMatch(c.known().id(), describe(c.known()), c.match().rule(), c.match().evidence().describe()))
        .toList();
    return new Resolution(id, false, possible);
  }

  /**
   * Records that might be the child: same real NHS number, same normalised name, or same (expected)
   * birth date. Merged records too: details that matched a merged record lead to the one it was
   * merged into.
   */
  private List<Known> candidates(Person arriving) {
    String nhs = NhsNumbers.isReal(arriving.nhsNumber()) ? arriving.nhsNumber() : null;
    return jdbc.query("select id, first_name, last_name, date_of_birth, expected_date_of_birth, sex, nhs_number, ethnicity,"
            + " merged_into from sf_child where (nhs_number = ? or name_key = ? or date_of_birth = ?"
            + " or expected_date_of_birth = ?) order by id",
        ChildRegister::known, nhs, ChildNames.nameKey(arriving.firstName(), arriving.lastName()),
        arriving.birthDate(), arriving.birthDate());
  }

  /** A later contact may know what an earlier one did not: a real NHS number, the ethnicity. */
  private void addWhatIsNowKnown(Known known, ChildDetails child, OffsetDateTime at) {
    if (known.nhsNumber() == null && NhsNumbers.isReal(child.nhsNumber()) && !claimed("nhs:" + child.nhsNumber())) {
      jdbc.update("update sf_child set nhs_number = ? where id = ?", child.nhsNumber(), known.id());
      claim("nhs:" + child.nhsNumber(), known.id(), at);
    }
    if (known.ethnicity() == null && child.ethnicity() != null) {
      jdbc.update("update sf_child set ethnicity = ? where id = ?", child.ethnicity(), known.id());
    }
  }

  private long register(ChildDetails child, OffsetDateTime at, java.util.Set<Long> judged) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(con -> {
      var ps = con.prepareStatement(
          "insert into sf_child (first_name, last_name, date_of_birth, expected_date_of_birth, sex, ethnicity,"
              + " nhs_number, created_at, name_key, search_terms) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          new String[] {"id"});
      ps.setString(1, child.firstName());
      ps.setString(2, child.lastName());
      ps.setObject(3, child.dateOfBirth());
      ps.setObject(4, child.expectedDateOfBirth());
      ps.setString(5, child.sex());
      ps.setString(6, child.ethnicity());
      ps.setString(7, child.nhsNumber());
      ps.setObject(8, at);
      ps.setString(9, ChildNames.nameKey(child.firstName(), child.lastName()));
      ps.setString(10, ChildNames.searchTerms(child.firstName(), child.lastName()));
      return ps;
    }, key);
    long id = key.getKey().longValue();
    for (String identity : identityKeys(child.firstName(), child.lastName(), child.dateOfBirth(),
        child.expectedDateOfBirth(), child.sex(), child.nhsNumber())) {
      // A key held by a child the rules judged above stays theirs (e.g. same name and birth, another
      // NHS number: two children, or a manager decides). A key claimed by a child recorded since
      // (a simultaneous contact) means this contact must look again; a claim not yet committed makes
      // the insert wait, then fail, with the same outcome.
      Long holder = holderOf(identity);
      if (holder == null) {
        claim(identity, id, at);
      } else if (!judged.contains(holder)) {
        throw new org.springframework.dao.ConcurrencyFailureException(
            "Identity " + identity + " was claimed by another contact meanwhile: look again");
      }
    }
    return id;
  }

  private Long holderOf(String identity) {
    return jdbc.queryForList("select child_id from sf_child_identity where identity_key = ?", Long.class, identity)
        .stream().findFirst().orElse(null);
  }

  private boolean claimed(String identity) {
    return jdbc.queryForObject("select count(*) from sf_child_identity where identity_key = ?", Integer.class, identity) > 0;
  }

  private void claim(String identity, long childId, OffsetDateTime at) {
    jdbc.update("insert into sf_child_identity (identity_key, child_id, claimed_at) values (?, ?, ?)", identity, childId, at);
  }

  /**
   * The birth of a child recorded before birth, as the team recorded it: the date of birth, first name
   * and sex replace what was known before birth (the expected date is kept), the NHS number is added
   * when given, and the new identity keys are claimed, so that later contacts find the child born.
   *
   * @return false when the NHS number is another child's (nothing is changed then)
   */
  public boolean recordBirth(long childId, LocalDate dateOfBirth, String firstName, String sex, String nhsNumber,
      String recordedBy, OffsetDateTime at) {
    if (nhsNumber != null && NhsNumbers.isReal(nhsNumber)) {
      Long holder = holderOf("nhs:" + nhsNumber);
      if (holder != null && holder != childId) {
        return false;
      }
    }
    String lastName = jdbc.queryForObject("select last_name from sf_child where id = ?", String.class, childId);
    String knownNhs = jdbc.queryForObject("select nhs_number from sf_child where id = ?", String.class, childId);
    String nhs = nhsNumber != null ? nhsNumber : knownNhs;
    jdbc.update("update sf_child set date_of_birth = ?, first_name = ?, sex = ?, nhs_number = ?, name_key = ?,"
            + " search_terms = ?, birth_recorded_at = ?, birth_recorded_by = ? where id = ?",
        dateOfBirth, firstName, sex, nhs, ChildNames.nameKey(firstName, lastName),
        ChildNames.searchTerms(firstName, lastName), at, recordedBy, childId);
    for (String identity : identityKeys(firstName, lastName, dateOfBirth, null, sex, nhs)) {
      if (holderOf(identity) == null) {
        claim(identity, childId, at);
      }
    }
    return true;
  }

  /** The record that stands for a child: itself, or the one it was (last) merged into. */
  private long standing(long childId) {
    long id = childId;
    for (int hop = 0; hop < 10; hop++) {
      Long into = jdbc.queryForList("select merged_into from sf_child where id = ?", Long.class, id).stream()
          .filter(java.util.Objects::nonNull).findFirst().orElse(null);
      if (into == null) {
        return id;
      }
      id = into;
    }
    return id;
  }

  /**
   * Locks the child's record until the caller's transaction ends, so that contacts about one child
   * open or join its case one after another; follows a merged record to the one it was merged into.
   * Returns the id of the record that stands for the child.
   */
  public long lockStanding(long childId) {
    long id = childId;
    for (int hop = 0; hop < 10; hop++) {
      List<Long> row = jdbc.queryForList("select merged_into from sf_child where id = ? for update", Long.class, id);
      if (row.isEmpty()) {
        throw new IllegalStateException("No child record " + id);
      }
      Long into = row.get(0);
      if (into == null) {
        return id;
      }
      id = into;
    }
    throw new IllegalStateException("Child record " + childId + " is merged in a loop");
  }

  /** How a manager sees a record: name, date of birth (or expected), sex, NHS number. */
  public String describe(long childId) {
    return describe(jdbc.queryForObject("select id, first_name, last_name, date_of_birth, expected_date_of_birth, sex,"
        + " nhs_number, ethnicity, merged_into from sf_child where id = ?", ChildRegister::known, childId));
  }

  static String describe(Known k) {
    return k.firstName() + " " + k.lastName()
        + (k.dateOfBirth() != null ? ", born " + k.dateOfBirth() : ", expected " + k.expectedDateOfBirth())
        + ", sex " + k.sex() + (k.nhsNumber() == null ? ", no NHS number" : ", NHS number " + k.nhsNumber());
  }

  private static Known known(ResultSet rs, int row) throws SQLException {
    return new Known(rs.getLong("id"), rs.getString("first_name"), rs.getString("last_name"),
        rs.getObject("date_of_birth", LocalDate.class), rs.getObject("expected_date_of_birth", LocalDate.class),
        rs.getString("sex"), rs.getString("nhs_number"), rs.getString("ethnicity"), (Long) rs.getObject("merged_into", Long.class));
  }
}
