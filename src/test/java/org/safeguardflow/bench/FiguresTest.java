package org.safeguardflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The arithmetic of the benchmark table: medians, percentiles and side-by-side ratios (no timing). */
class FiguresTest {

  @Test
  void aFigureIsTheMedianOfItsRepetitionsWithMinAndMax() {
    Figures figures = new Figures();
    var figure = figures.add("1 Pathway", "Contacts decided", "cases/s", List.of(31.0, 12.0, 40.0));
    assertThat(figure.median()).isEqualTo(31.0);
    assertThat(figure.min()).isEqualTo(12.0);
    assertThat(figure.max()).isEqualTo(40.0);
    assertThat(Figures.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
  }

  @Test
  void percentilesAreByNearestRank() {
    List<Double> latencies = List.of(10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0, 100.0);
    assertThat(Figures.percentile(latencies, 50)).isEqualTo(50.0);
    assertThat(Figures.percentile(latencies, 95)).isEqualTo(100.0);
    assertThat(Figures.percentile(List.of(7.0), 99)).isEqualTo(7.0);
  }

  @Test
  void aRatioIsTakenRepetitionByRepetitionAndNeedsBothSides() {
    assertThat(Figures.ratios(List.of(10.0, 30.0), List.of(5.0, 10.0))).containsExactly(2.0, 3.0);
    assertThatThrownBy(() -> Figures.ratios(List.of(1.0), List.of(1.0, 2.0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same repetitions");
    assertThatThrownBy(() -> new Figures().add("s", "nothing measured", "s", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void oneRunPrintsOneTableAndWritesItsJsonCopy(@TempDir Path dir) throws Exception {
    Figures figures = new Figures();
    figures.setting("run", "smoke");
    figures.add("3 Timer storm", "Time until all fired", "s", List.of(5.1, 5.2, 5.0), "10,000 within 300 s", "4 timers");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    figures.print(new PrintStream(out, true, StandardCharsets.UTF_8));
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("| 3 Timer storm | Time until all fired | 5.10 | 5.00 | 5.20 | s | 3 | 10,000 within 300 s | 4 timers |");
    Path json = figures.writeJson(dir, "smoke");
    assertThat(Files.readString(json)).contains("\"median\" : 5.1", "\"run\" : \"smoke\"");
  }
}
