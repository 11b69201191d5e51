package org.safeguardflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one benchmark run: each is a list of repetitions (one value per repetition), shown
 * as median with min and max, optionally beside a goal. Printed as one table and written as JSON.
 * A ratio is itself a figure whose repetitions are the per-repetition ratios of two things measured
 * side by side, so that the noise of a shared machine cancels out as far as it can.
 */
public final class Figures {

  /** One figure: what, in which unit, its repetitions, an optional goal and a note (e.g. a size). */
  public record Figure(String section, String name, String unit, List<Double> values, String goal, String note) {

    public double median() {
      return Figures.median(values);
    }

    public double min() {
      return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    public double max() {
      return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
  }

  private final List<Figure> figures = new ArrayList<>();
  private final Map<String, Object> settings = new LinkedHashMap<>();

  /** Adds a figure from its repetitions (at least one; the run sizes ask for three or more). */
  public Figure add(String section, String name, String unit, List<Double> values, String goal, String note) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("A figure needs at least one repetition: " + name);
    }
    Figure figure = new Figure(section, name, unit, List.copyOf(values), goal, note);
    figures.add(figure);
    return figure;
  }

  public Figure add(String section, String name, String unit, List<Double> values) {
    return add(section, name, unit, values, null, null);
  }

  /** What the run was given and what machine it ran on, for the JSON copy and the table's header. */
  public void setting(String key, Object value) {
    settings.put(key, value);
  }

  public List<Figure> all() {
    return List.copyOf(figures);
  }

  /** The median of the values (the mean of the two middle ones for an even count). */
  public static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  /** The p-th percentile (0-100) by nearest rank, e.g. p95 of request latencies. */
  public static double percentile(List<Double> values, double p) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** The table, Markdown-shaped so that it can be pasted into bench/RESULTS.md as it is. */
  public void print(PrintStream out) {
    out.println();
    settings.forEach((k, v) -> out.println("- " + k + ": " + v));
    out.println();
    out.println("| Section | Figure | Median | Min | Max | Unit | Reps | Goal | Note |");
    out.println("|---|---|---:|---:|---:|---|---:|---|---|");
    for (Figure f : figures) {
      out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %d | %s | %s |%n", f.section(), f.name(),
          format(f.median()), format(f.min()), format(f.max()), f.unit(), f.values().size(),
          f.goal() == null ? "" : f.goal(), f.note() == null ? "" : f.note());
    }
    out.println();
  }

  static String format(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    double abs = Math.abs(value);
    if (abs >= 100) {
      return String.format(Locale.ROOT, "%.0f", value);
    }
    if (abs >= 1) {
      return String.format(Locale.ROOT, "%.2f", value);
    }
    return String.format(Locale.ROOT, "%.3f", value);
  }

  /** Writes the JSON copy (settings, then each figure with its median, min, max and repetitions). */
  public Path writeJson(Path directory, String runName) throws IOException {
    Files.createDirectories(directory);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("settings", settings);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Figure f : figures) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("section", f.section());
      row.put("name", f.name());
      row.put("unit", f.unit());
      row.put("median", finite(f.median()));
      row.put("min", finite(f.min()));
      row.put("max", finite(f.max()));
      row.put("repetitions", f.values().stream().map(Figures::finite).toList());
      row.put("goal", f.goal());
      row.put("note", f.note());
      rows.add(row);
    }
    json.put("figures", rows);
    Path file = directory.resolve("bench-" + runName + ".json");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
    return file;
  }

  private static Object finite(double value) {
    return Double.isFinite(value) ? value : null;
  }

  /** Per-repetition ratios of two figures measured side by side (a[i] / b[i]). */
  public static List<Double> ratios(List<Double> a, List<Double> b) {
    if (a.size() != b.size()) {
      throw new IllegalArgumentException("Ratios need the same repetitions on both sides: " + a.size() + " vs " + b.size());
    }
    Double[] out = new Double[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i) / b.get(i);
    }
    return Arrays.asList(out);
  }
}
