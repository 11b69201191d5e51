package org.safeguardflow;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The feature packages depend on each other in one direction only, as CONTRIBUTING.md draws it:
 * a package may use the packages listed for it (and those packages' own allowances are not
 * inherited: each arrow is written out). A new package must be given its place here.
 */
class ArchitectureTest {

  private static final String BASE = "org.safeguardflow";

  /** Package (below org.safeguardflow) → the packages it may depend on. Lowest first. */
  static final Map<String, Set<String>> MAY_USE = new LinkedHashMap<>();

  static {
    MAY_USE.put("web", Set.of());
    MAY_USE.put("variables", Set.of());
    MAY_USE.put("errors", Set.of("web"));
    MAY_USE.put("metrics", Set.of());
    MAY_USE.put("webapps", Set.of());
    MAY_USE.put("system", Set.of());
    MAY_USE.put("timescales", Set.of("variables", "web", "metrics"));
    MAY_USE.put("security", Set.of("variables", "web"));
    MAY_USE.put("models", Set.of("web", "security", "errors"));
    MAY_USE.put("documents", Set.of("web", "security"));
    MAY_USE.put("casework", Set.of("variables", "web", "security", "timescales", "documents"));
    MAY_USE.put("children", Set.of("variables", "web", "security", "timescales", "casework"));
    MAY_USE.put("intake", Set.of("variables", "web", "security", "timescales", "casework", "children", "metrics"));
    MAY_USE.put("operations", Set.of("variables", "web", "security", "timescales", "casework", "metrics"));
    MAY_USE.put("notify", Set.of("variables", "web", "security", "timescales", "casework", "intake", "documents"));
    MAY_USE.put("audit", Set.of("variables", "web", "security", "timescales", "casework", "children", "intake", "notify"));
    MAY_USE.put("simulation", Set.of("variables", "timescales", "casework", "children", "intake", "audit"));
  }

  private static final JavaClasses PRODUCT = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages(BASE);

  @Test
  void noPackageCycles() {
    slices().matching(BASE + ".(*)..").should().beFreeOfCycles().check(PRODUCT);
  }

  /**
   * A stage of the pathway (casework/referral, casework/assessment, ...) reads no other stage's
   * classes: what two stages share goes down into casework itself (Pathway, CaseDates, FormValues).
   */
  @Test
  void stagesDoNotUseEachOther() {
    // casework/family is no stage: the people around the child are part of the case record every stage
    // reads (the conference invites them, the letter before proceedings is addressed to them), kept in a
    // feature package of its own; it uses no stage itself (familyNetworkKnowsNoStage).
    slices().matching(BASE + ".casework.(*)..").should().notDependOnEachOther()
        .ignoreDependency(DescribedPredicate.alwaysTrue(), JavaClass.Predicates.resideInAPackage(BASE + ".casework.family.."))
        .check(PRODUCT);
  }

  /** The family network serves every stage and so knows none of them. */
  @Test
  void familyNetworkKnowsNoStage() {
    noClasses().that().resideInAPackage(BASE + ".casework.family..")
        .should().dependOnClassesThat().resideOutsideOfPackages(BASE + ".casework.family..", BASE + ".casework",
            BASE + ".web", BASE + ".security", BASE + ".documents", BASE + ".timescales", BASE + ".variables", "java..", "javax..",
            "jakarta..", "org.springframework..", "org.camunda..", "com.fasterxml..", "org.slf4j..")
        .check(PRODUCT);
  }

  /** What casework itself holds serves every stage and so knows none of them. */
  @Test
  void sharedCaseworkKnowsNoStage() {
    noClasses().that().resideInAPackage(BASE + ".casework")
        .should().dependOnClassesThat().resideInAPackage(BASE + ".casework.*..")
        .check(PRODUCT);
  }

  @Test
  void everyPackageHasItsPlaceInTheDirections() {
    Set<String> packages = new TreeSet<>();
    for (JavaClass type : PRODUCT) {
      String feature = featureOf(type);
      if (feature != null) {
        packages.add(feature);
      }
    }
    assertThat(MAY_USE.keySet()).as("packages named in ArchitectureTest.MAY_USE and CONTRIBUTING.md")
        .containsAll(packages);
  }

  @Test
  void dependenciesRunOnlyDownwards() {
    List<String> upwards = new ArrayList<>();
    for (JavaClass type : PRODUCT) {
      String from = featureOf(type);
      if (from == null || !MAY_USE.containsKey(from)) {
        continue;
      }
      for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
        String to = featureOf(dependency.getTargetClass());
        if (to != null && !to.equals(from) && !MAY_USE.get(from).contains(to)) {
          upwards.add(from + " → " + to + ": " + dependency.getDescription());
        }
      }
    }
    assertThat(upwards).as("dependencies against the directions in CONTRIBUTING.md").isEmpty();
  }

  /** The feature package of a class of ours ("casework" for org.safeguardflow.casework.x.Y); null outside them. */
  private static String featureOf(JavaClass type) {
    String name = type.getPackageName();
    if (!name.startsWith(BASE + ".")) {
      return null;
    }
    String rest = name.substring(BASE.length() + 1);
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }
}
