package org.safeguardflow.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.safeguardflow.security.SystemWork;
import org.safeguardflow.timescales.StatutoryTimescales;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Threshold consistency: every decided contact's screening answers are put again to the threshold
 * table — the version in force when the contact arrived, and the current one — and compared with
 * what the manager decided. Shows inspectors that thresholds are applied consistently (or where they
 * are not), and shows a process owner what a changed table would have done to past contacts.
 */
@Service
class ThresholdReplay {

  static final String DECISION_KEY = "ThresholdSuggestion";

  record Disagreement(String caseRef, Instant receivedAt, String team, String manager, String suggestedThen,
      String suggestedNow, String decided, String reason) {}

  record Agreement(String by, int contacts, int agreeingWithTableThen, double agreementRate) {}

  record Report(LocalDate from, LocalDate to, int contacts, int tableVersionNow, int agreeingWithTableThen,
      int agreeingWithTableNow, int changedByCurrentTable, List<Agreement> perTeam, List<Agreement> perManager,
      List<Disagreement> disagreements) {}

  private final JdbcTemplate jdbc;
  private final DecisionService decisions;
  private final RepositoryService repository;
  private final IdentityService identity;

  ThresholdReplay(JdbcTemplate jdbc, @Lazy DecisionService decisions, @Lazy RepositoryService repository,
      @Lazy IdentityService identity) {
    this.jdbc = jdbc;
    this.decisions = decisions;
    this.repository = repository;
    this.identity = identity;
  }

  /**
   * Evaluating the table again is the system's work, not a decision anyone takes: the caller's right
   * to see the report was checked at the door (auditors and managers).
   */
  Report replay(LocalDate from, LocalDate to) {
    return SystemWork.call(identity, () -> replayAsTheSystem(from, to));
  }

  private Report replayAsTheSystem(LocalDate from, LocalDate to) {
    List<DecisionDefinition> versions = repository.createDecisionDefinitionQuery().decisionDefinitionKey(DECISION_KEY)
        .list().stream().sorted(Comparator.comparingInt(DecisionDefinition::getVersion)).toList();
    Map<String, Date> deployedAt = new LinkedHashMap<>();
    for (DecisionDefinition d : versions) {
      deployedAt.put(d.getId(), repository.createDeploymentQuery().deploymentId(d.getDeploymentId()).singleResult()
          .getDeploymentTime());
    }
    DecisionDefinition current = versions.get(versions.size() - 1);

    List<Map<String, Object>> contacts = jdbc.queryForList(
        "select c.case_ref, c.received_at, c.immediate_danger, c.significant_harm_suspected,"
            + " c.needs_met_by_universal_services, c.agencies_needed, c.family_consents, c.decision, c.decision_reason,"
            + " c.decided_by, k.allocated_team from sf_contact c join sf_case k on k.case_ref = c.case_ref"
            + " where c.decision is not null and c.received_at >= ? and c.received_at < ? order by c.received_at, c.id",
        from.atStartOfDay(StatutoryTimescales.LONDON).toOffsetDateTime(),
        to.plusDays(1).atStartOfDay(StatutoryTimescales.LONDON).toOffsetDateTime());

    int agreeThen = 0;
    int agreeNow = 0;
    int changed = 0;
    Map<String, int[]> teams = new TreeMap<>();
    Map<String, int[]> managers = new TreeMap<>();
    List<Disagreement> disagreements = new ArrayList<>();
    for (Map<String, Object> c : contacts) {
      Instant received = instant(c.get("received_at"));
      DecisionDefinition then = versionInForce(versions, deployedAt, received);
      var answers = Variables.createVariables()
          .putValue("immediateDanger", c.get("immediate_danger"))
          .putValue("significantHarmSuspected", c.get("significant_harm_suspected"))
          .putValue("needsMetByUniversalServices", c.get("needs_met_by_universal_services"))
          .putValue("agenciesNeeded", ((Number) c.get("agencies_needed")).intValue())
          .putValue("familyConsents", c.get("family_consents"));
      String suggestedThen = route(then, answers);
      String suggestedNow = then.getId().equals(current.getId()) ? suggestedThen : route(current, answers);
      String decided = (String) c.get("decision");
      String team = c.get("allocated_team") == null ? "Front door" : (String) c.get("allocated_team");
      String manager = c.get("decided_by") == null ? "(unknown)" : (String) c.get("decided_by");
      boolean agrees = decided.equals(suggestedThen);
      agreeThen += agrees ? 1 : 0;
      agreeNow += decided.equals(suggestedNow) ? 1 : 0;
      changed += suggestedThen.equals(suggestedNow) ? 0 : 1;
      count(teams, team, agrees);
      count(managers, manager, agrees);
      if (!agrees || !suggestedThen.equals(suggestedNow)) {
        disagreements.add(new Disagreement((String) c.get("case_ref"), received, team, manager, suggestedThen,
            suggestedNow, decided, (String) c.get("decision_reason")));
      }
    }
    return new Report(from, to, contacts.size(), current.getVersion(), agreeThen, agreeNow, changed,
        rates(teams), rates(managers), disagreements);
  }

  /** H2 answers a timestamp with time zone as OffsetDateTime, PostgreSQL as Timestamp. */
  private static Instant instant(Object value) {
    return value instanceof Timestamp ts ? ts.toInstant() : ((java.time.OffsetDateTime) value).toInstant();
  }

  /** The newest version deployed before the contact arrived; the first version for contacts older than any. */
  private static DecisionDefinition versionInForce(List<DecisionDefinition> versions, Map<String, Date> deployedAt,
      Instant received) {
    DecisionDefinition inForce = versions.get(0);
    for (DecisionDefinition d : versions) {
      if (!deployedAt.get(d.getId()).toInstant().isAfter(received)) {
        inForce = d;
      }
    }
    return inForce;
  }

  private String route(DecisionDefinition definition, Map<String, Object> answers) {
    return (String) decisions.evaluateDecisionById(definition.getId()).variables(answers).evaluate()
        .getSingleResult().getEntry("suggestedRoute");
  }

  private static void count(Map<String, int[]> tally, String key, boolean agrees) {
    int[] t = tally.computeIfAbsent(key, k -> new int[2]);
    t[0]++;
    t[1] += agrees ? 1 : 0;
  }

  private static List<Agreement> rates(Map<String, int[]> tally) {
    return tally.entrySet().stream()
        .map(e -> new Agreement(e.getKey(), e.getValue()[0], e.getValue()[1],
            Math.round(1000.0 * e.getValue()[1] / e.getValue()[0]) / 1000.0))
        .toList();
  }
}
