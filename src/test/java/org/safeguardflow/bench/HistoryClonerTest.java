package org.safeguardflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the history loader writes each column of a copied row (the SQL it builds; no database). */
class HistoryClonerTest {

  @Test
  void engineIdsGetTheCopysSuffixCutToFitTheColumn() {
    // Activity instance ids such as SubProcess_ContactDecision:<uuid> fill 63 of 64 characters.
    assertThat(HistoryCloner.value("act_hi_actinst", "id_", "character varying", 64, 3, 3_000_000_000L, "-c3"))
        .isEqualTo("case when t.id_ is null then null else left(t.id_, 61) || '-c3' end");
    assertThat(HistoryCloner.isEngineId("root_proc_inst_id_")).isTrue();
    assertThat(HistoryCloner.isEngineId("super_process_instance_id_")).isTrue();
    // Definitions, deployments and byte arrays are shared by the copies.
    assertThat(HistoryCloner.isEngineId("proc_def_id_")).isFalse();
    assertThat(HistoryCloner.isEngineId("bytearray_id_")).isFalse();
    assertThat(HistoryCloner.isEngineId("act_id_")).isFalse();
  }

  @Test
  void aCopiedCaseTakesItsNewReferenceAndItsChildANewIdAndSurname() {
    assertThat(HistoryCloner.value("sf_contact", "case_ref", "character varying", 20, 2, 2_000_000_000L, "-c2"))
        .contains("bench_case_map");
    assertThat(HistoryCloner.value("act_hi_procinst", "business_key_", "character varying", 255, 2, 2_000_000_000L, "-c2"))
        .contains("bench_case_map");
    assertThat(HistoryCloner.value("sf_case", "child_id", "bigint", 4000, 2, 2_000_000_000L, "-c2"))
        .isEqualTo("t.child_id + 2000000000");
    assertThat(HistoryCloner.value("sf_child", "last_name", "character varying", 100, 2, 2_000_000_000L, "-c2"))
        .isEqualTo("t.last_name || '-ac'");
    // Values that are not ids are copied as they are.
    assertThat(HistoryCloner.value("sf_contact", "agencies_needed", "integer", 4000, 2, 2_000_000_000L, "-c2"))
        .isEqualTo("t.agencies_needed");
    assertThat(HistoryCloner.value("act_hi_actinst", "act_id_", "character varying", 255, 2, 2_000_000_000L, "-c2"))
        .isEqualTo("t.act_id_");
  }
}
