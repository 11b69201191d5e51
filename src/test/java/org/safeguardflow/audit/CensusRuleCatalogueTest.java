package org.safeguardflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.safeguardflow.timescales.WorkingDayCalendar;

/**
 * The census rule catalogue ({@code src/main/resources/returns/cin-census/rules.tsv}) cannot drift
 * from the code: every rule marked reported has a check, every check has a row, a prevented rule
 * names a test that exists, a derived rule names export code that exists, and
 * {@code docs/census-rules.md} is exactly what the rows generate. Run with
 * {@code -Dcensus.rules.write=true} to rewrite the page after changing a row.
 */
class CensusRuleCatalogueTest {

  static final Path PAGE = Path.of("docs/census-rules.md");

  final CensusCheck check = new CensusCheck(new WorkingDayCalendar());

  @Test
  void everyReportedRuleHasACheckAndEveryCheckARow() {
    Set<String> reported = new TreeSet<>();
    CensusRules.reported().forEach(rule -> reported.add(rule.code()));
    assertThat(check.implemented()).as("checks of the rules marked reported").containsAll(reported);
    for (String code : check.implemented()) {
      assertThat(CensusRules.get(code).keeping()).as("rule %s has a check", code)
          .isNotEqualTo(CensusRules.Keeping.NOT_RECORDED);
    }
  }

  @Test
  void aPreventedRuleNamesATestThatAttemptsTheBreachAndADerivedRuleItsExportCode() throws Exception {
    for (CensusRules.Rule rule : CensusRules.all()) {
      switch (rule.keeping()) {
        case PREVENTED -> {
          assertThat(method("org.safeguardflow." + rule.evidence()))
              .as("rule %s names test %s", rule.code(), rule.evidence()).isNotNull();
          // The test attempts the breach and expects the refusal naming the rule (a query's code without its Q).
          Path source = Path.of("src/test/java/org/safeguardflow/"
              + rule.evidence().substring(0, rule.evidence().indexOf('#')).replace('.', '/') + ".java");
          assertThat(Files.readString(source, StandardCharsets.UTF_8)).as("%s names rule %s", source, rule.code())
              .contains(rule.code().replace("Q", ""));
        }
        case DERIVED -> assertThat(method("org.safeguardflow.audit." + rule.evidence()))
            .as("rule %s names export code %s", rule.code(), rule.evidence()).isNotNull();
        default -> assertThat(rule.evidence()).as("rule %s needs no evidence", rule.code()).isEmpty();
      }
      assertThat(rule.checks()).as("what rule %s checks", rule.code()).isNotBlank();
      assertThat(rule.how()).as("how rule %s is kept", rule.code()).isNotBlank();
    }
  }

  @Test
  void theCatalogueCoversTheRulesOfTheIssueAndEveryModuleOfTheCensus() {
    List<String> codes = CensusRules.all().stream().map(CensusRules.Rule::code).toList();
    assertThat(codes).contains("2990", "8750", "8606", "8770Q", "2887Q", "2888Q", "8540", "4180", "1570", "1580",
        "8945Q", "8950Q");
    assertThat(CensusRules.all().stream().map(CensusRules.Rule::module).distinct().toList())
        .contains("Header", "Child identifiers", "Child characteristics", "Disabilities", "CIN details", "Assessments",
            "CIN plan dates", "Section 47", "Child protection plans", "Reviews");
    assertThat(CensusRules.get("2990").keeping()).isEqualTo(CensusRules.Keeping.PREVENTED);
    assertThat(CensusRules.get("8770Q").keeping()).isEqualTo(CensusRules.Keeping.NOT_RECORDED);
  }

  @Test
  void theRulePageIsGeneratedFromTheCatalogue() throws IOException {
    String generated = page();
    if (Boolean.getBoolean("census.rules.write")) {
      Files.writeString(PAGE, generated, StandardCharsets.UTF_8);
    }
    assertThat(Files.exists(PAGE)).as(PAGE + " exists (run with -Dcensus.rules.write=true)").isTrue();
    assertThat(Files.readString(PAGE, StandardCharsets.UTF_8))
        .as(PAGE + " is out of date: run CensusRuleCatalogueTest with -Dcensus.rules.write=true").isEqualTo(generated);
  }

  /** The markdown page: a summary, then one table row per rule. */
  static String page() {
    List<CensusRules.Rule> rules = CensusRules.all();
    StringBuilder md = new StringBuilder();
    md.append("# DfE CIN census validation rules and how Safeguard Flow keeps them\n\n")
        .append("Generated from `src/main/resources/returns/cin-census/rules.tsv` by `CensusRuleCatalogueTest`")
        .append(" (run it with `-Dcensus.rules.write=true` after changing a row); do not edit by hand.\n\n")
        .append("Every rule of the DfE Children in Need census validation for the returns this product exports")
        .append(" (2024-25, 2025-26 and 2026-27; the rules for 2026-27 are taken as those of 2025-26 until the DfE")
        .append(" publishes changes). Rule meanings follow data-to-insight's open-source CIN validator (MIT) and")
        .append(" the DfE's published rules; the wording is ours. **Error**: the DfE's collection refuses the return.")
        .append(" **Query**: the council must amend the data or give a reason.\n\n")
        .append("How each is kept:\n\n")
        .append("- **prevented**: a workflow step refuses the breach; the test named attempts it.\n")
        .append("- **derived**: the export writes the items so that the rule holds; the code named does it.\n")
        .append("- **reported**: `GET /api/returns/cin-census/check?year=` lists each failure before export.\n")
        .append("- **not recorded**: needs an item this system does not record yet; the check lists these rules so")
        .append(" that the DfE's queries can be answered.\n\n");
    md.append("| kept | rules |\n|---|---|\n");
    for (CensusRules.Keeping keeping : CensusRules.Keeping.values()) {
      long errors = rules.stream().filter(r -> r.keeping() == keeping && r.type() == CensusRules.Type.ERROR).count();
      long queries = rules.stream().filter(r -> r.keeping() == keeping && r.type() == CensusRules.Type.QUERY).count();
      md.append("| ").append(label(keeping)).append(" | ").append(errors).append(" errors, ").append(queries)
          .append(" queries |\n");
    }
    md.append("| all | ").append(rules.size()).append(" rules |\n\n");
    md.append("Prevented and derived rules are checked again before export wherever the census holds the items,")
        .append(" so that records from before a rule was enforced are found too.\n\n");
    md.append("| code | type | module | what it checks | kept | how | evidence |\n|---|---|---|---|---|---|---|\n");
    for (CensusRules.Rule r : rules) {
      md.append("| ").append(r.code()).append(" | ").append(r.type().name().toLowerCase()).append(" | ")
          .append(r.module()).append(" | ").append(cell(r.checks())).append(" | ").append(label(r.keeping()))
          .append(" | ").append(cell(r.how())).append(" | ")
          .append(r.evidence().isEmpty() ? (r.keeping() == CensusRules.Keeping.REPORTED ? "`CensusCheck`" : "")
              : "`" + r.evidence() + "`")
          .append(" |\n");
    }
    return md.toString();
  }

  private static String label(CensusRules.Keeping keeping) {
    return keeping.name().toLowerCase().replace('_', ' ');
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }

  /** A method named {@code package.Class#method} (a nested class as Outer.Inner), or null. */
  private static Method method(String evidence) {
    String[] parts = evidence.split("#", 2);
    if (parts.length != 2) {
      return null;
    }
    List<String> candidates = new ArrayList<>(List.of(parts[0]));
    int dot = parts[0].lastIndexOf('.');
    candidates.add(parts[0].substring(0, dot) + "$" + parts[0].substring(dot + 1));
    for (String name : candidates) {
      try {
        Class<?> type = Class.forName(name);
        return Arrays.stream(type.getDeclaredMethods()).filter(m -> m.getName().equals(parts[1])).findFirst().orElse(null);
      } catch (ClassNotFoundException tryNested) {
        // "Episode.Child" is the nested class Episode$Child.
      }
    }
    return null;
  }
}
