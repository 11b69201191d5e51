package org.safeguardflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The CIN census message is written as it streams out (so a large council's year never sits in memory
 * as a document), byte for byte as the message was written before: the same elements in the schema's
 * order, the same layout. The expected messages were written by the earlier document-building writer.
 */
class CinCensusMessageTest {

  private final CinCensus census = new CinCensus(null, "999");

  @AfterEach
  void clock() {
    ClockUtil.reset();
  }

  @Test
  void aYearWithTwoChildrenOneThroughEveryStageIsWrittenExactlyAsBefore() throws Exception {
    assertThat(written(twoChildren(2026))).isEqualTo(expected("two-children-2026.xml"));
  }

  @Test
  void aYearBeforeSexReplacedGenderIsWrittenExactlyAsBefore() throws Exception {
    assertThat(written(twoChildren(2024))).isEqualTo(expected("two-children-2024.xml"));
  }

  @Test
  void aYearWithoutChildrenIsWrittenExactlyAsBefore() throws Exception {
    assertThat(written(new CensusReturn(2026, LocalDate.of(2026, 3, 31), "999", List.of())))
        .isEqualTo(expected("no-children-2026.xml"));
  }

  private String written(CensusReturn content) throws Exception {
    ClockUtil.setCurrentTime(Date.from(LocalDate.of(2026, 4, 20).atTime(9, 30).atZone(ZoneId.of("Europe/London")).toInstant()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    census.write(content, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Census messages our own writer produced before it streamed (the project's own, not DfE data: hence golden/, not returns/). */
  private String expected(String name) throws Exception {
    Path file = Path.of("src/test/resources/golden/cin-census", name);
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static CensusReturn twoChildren(int year) {
    LocalDate d = LocalDate.of(year - 1, 4, 1);
    CensusReturn.Episode everything = new CensusReturn.Episode("CR-2025-000001", d.plusDays(3), "1A", "N1",
        d.plusDays(200), "RC1", List.of(new CensusReturn.Assessment(d.plusDays(4), d.plusDays(30), List.of("2A", "3B"))), d.plusDays(31), d.plusDays(150),
        d.plusDays(5), d.plusDays(20), d.plusDays(18), false, false, d.plusDays(18), d.plusDays(190), "PHY", "NEG", 1,
        List.of(d.plusDays(100), d.plusDays(180)));
    CensusReturn.Episode justReferred = new CensusReturn.Episode("CR-2025-000002", d.plusDays(40), "10", "N0",
        null, null, List.of(new CensusReturn.Assessment(d.plusDays(41), null, List.of())), null, null, d.plusDays(42), null, null, true, false,
        null, null, null, null, null, List.of());
    CensusReturn.Episode closedNfa = new CensusReturn.Episode("CR-2025-000003", d.plusDays(60), "5B", "N0",
        d.plusDays(61), null, List.of(), null, null, null, null, null, false, true,
        null, null, null, null, null, List.of());
    return new CensusReturn(year, LocalDate.of(year, 3, 31), "999", List.of(
        new CensusReturn.Child("C1", LocalDate.of(2015, 5, 5), null, "F", "WBRI", List.of(everything, closedNfa)),
        new CensusReturn.Child("C2 <&>", null, LocalDate.of(year, 5, 1), "U", "NOBT", List.of(justReferred))));
  }
}
