package org.safeguardflow;

import java.util.Arrays;
import org.safeguardflow.simulation.CaseloadSimulator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class SafeguardFlowApplication {

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("simulate")) {
      simulate(args);
      return;
    }
    SpringApplication.run(SafeguardFlowApplication.class, args);
  }

  /**
   * {@code java -jar safeguard-flow.jar simulate --children=N --census-year=YYYY --seed=S --out=DIR}: a
   * synthetic year on a fresh in-memory database (or the configured one with
   * {@code --use-configured-database}); the web server listens on a free port and nobody needs it.
   * See {@link CaseloadSimulator}.
   */
  private static void simulate(String[] args) throws Exception {
    CaseloadSimulator.Options options;
    try {
      options = CaseloadSimulator.Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    boolean configured = Arrays.asList(args).contains("--use-configured-database");
    SpringApplication app = new SpringApplication(SafeguardFlowApplication.class);
    String[] properties = configured
        ? new String[] {"--server.port=0", "--camunda.bpm.job-execution.enabled=false",
            "--safeguard.notify.sender.enabled=false"}
        : new String[] {"--server.port=0", "--spring.datasource.url=jdbc:h2:mem:simulation;DB_CLOSE_DELAY=-1",
            "--camunda.bpm.job-execution.enabled=false", "--safeguard.notify.sender.enabled=false",
            "--safeguard.demo.enabled=true", "--logging.level.org.safeguardflow=warn",
            "--logging.level.org.camunda=warn"};
    try (var context = app.run(properties)) {
      context.getBean(CaseloadSimulator.class).run(options, System.out);
    }
  }
}
