package org.safeguardflow.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalogue of the DfE Children in Need census validation rules for the years this product
 * exports (2024-25, 2025-26, 2026-27), one row per rule in {@value #RESOURCE}: its code, whether the
 * DfE treats a failure as an error (the return is refused) or a query (the council must explain it),
 * what it checks, and how this product keeps it. The rows are the single source: the pre-submission
 * check reads its messages from here, {@code docs/census-rules.md} is generated from here, and
 * {@code CensusRuleCatalogueTest} fails when a row and the code disagree.
 *
 * <p>Rule meanings follow data-to-insight's open-source CIN validator (MIT) and the DfE's published
 * rules; the wording here is our own.
 */
public final class CensusRules {

  static final String RESOURCE = "/returns/cin-census/rules.tsv";

  /** Error: the DfE's collection refuses the return. Query: the council must amend or give a reason. */
  public enum Type { ERROR, QUERY }

  /** How the product keeps a rule. */
  enum Keeping {
    /** A workflow step refuses the breach (evidence: the test that attempts it). */
    PREVENTED,
    /** The export writes the item so that the rule holds (evidence: the export code). */
    DERIVED,
    /** The pre-submission check reports it before export (evidence: the check). */
    REPORTED,
    /** Needs an item this system does not record yet (UPN, disability, date of death). */
    NOT_RECORDED
  }

  /**
   * One catalogue row.
   *
   * @param evidence for PREVENTED the test ({@code package.Class#method} under org.safeguardflow), for
   *     DERIVED the export code ({@code Class#method}); empty otherwise
   */
  public record Rule(String code, Type type, String module, String checks, Keeping keeping, String how, String evidence) {}

  private static final Map<String, Rule> RULES = load();

  private CensusRules() {}

  /** Every rule in catalogue order. */
  static List<Rule> all() {
    return List.copyOf(RULES.values());
  }

  static Rule get(String code) {
    Rule rule = RULES.get(code);
    if (rule == null) {
      throw new IllegalArgumentException("No CIN census rule " + code + " in " + RESOURCE);
    }
    return rule;
  }

  private static Map<String, Rule> load() {
    Map<String, Rule> rules = new LinkedHashMap<>();
    try (InputStream in = CensusRules.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the build");
      }
      var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cells = line.split("\t", -1);
        if (cells.length != 7) {
          throw new IllegalStateException(RESOURCE + " line " + number + ": 7 tab-separated cells expected, found "
              + cells.length);
        }
        Rule rule = new Rule(cells[0].strip(), Type.valueOf(cells[1].strip().toUpperCase()), cells[2].strip(),
            cells[3].strip(), Keeping.valueOf(cells[4].strip().toUpperCase().replace('-', '_')), cells[5].strip(),
            cells[6].strip());
        if (rules.put(rule.code(), rule) != null) {
          throw new IllegalStateException(RESOURCE + " line " + number + ": rule " + rule.code() + " twice");
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("Could not read " + RESOURCE, e);
    }
    return Collections.unmodifiableMap(rules);
  }

  /** The rows that need a check implementation: every REPORTED one. */
  static List<Rule> reported() {
    List<Rule> reported = new ArrayList<>();
    for (Rule rule : RULES.values()) {
      if (rule.keeping() == Keeping.REPORTED) {
        reported.add(rule);
      }
    }
    return reported;
  }
}
