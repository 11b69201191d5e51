package org.safeguardflow.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark 2, the database ceiling: how many single-row INSERT commits per second the same
 * PostgreSQL takes from a plain JDBC loop (autocommit, one row per transaction), with 1 and with 4
 * clients, through the application's own connection pool. Engine transactions per second (from the
 * pathway benchmark) are reported as a fraction of the 4-client figure.
 */
final class DatabaseCeilingBench {

  static final String SECTION = "2 Database ceiling";

  private final DataSource dataSource;
  private final Figures figures;
  private final Bench.Sizes sizes;

  DatabaseCeilingBench(ConfigurableApplicationContext app, Figures figures, Bench.Sizes sizes) {
    this.dataSource = app.getBean(DataSource.class);
    this.figures = figures;
    this.sizes = sizes;
  }

  void run() {
    execute("create table if not exists bench_commit (id bigserial primary key, payload varchar(100) not null,"
        + " at timestamp with time zone default now())");
    for (int clients : new int[] {1, 4}) {
      List<Double> rates = new ArrayList<>();
      for (int rep = 0; rep < sizes.repetitions(); rep++) {
        rates.add(commitsPerSecond(clients, sizes.ceilingMillis()));
      }
      figures.add(SECTION, "Single-row INSERT commits, " + clients + " client" + (clients == 1 ? "" : "s"),
          "commits/s", rates, null, sizes.ceilingMillis() / 1000.0 + " s per repetition");
      Bench.log("ceiling %d clients: %s commits/s", clients, rates);
    }
    execute("drop table bench_commit");
  }

  /** Each client inserts and commits one row at a time for the given time. */
  private double commitsPerSecond(int clients, int millis) {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    AtomicLong commits = new AtomicLong();
    long start = System.nanoTime();
    long end = start + millis * 1_000_000L;
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        running.add(pool.submit(() -> {
          try (Connection connection = dataSource.getConnection();
              PreparedStatement insert = connection.prepareStatement("insert into bench_commit (payload) values (?)")) {
            connection.setAutoCommit(true);
            while (System.nanoTime() < end) {
              insert.setString(1, "contact decided");
              insert.executeUpdate();
              commits.incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("The commit loop failed", e);
    } finally {
      pool.shutdown();
    }
    return commits.get() / ((System.nanoTime() - start) / 1e9);
  }

  private void execute(String sql) {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
