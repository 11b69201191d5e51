package org.safeguardflow.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.metrics.MetricsRegistry;
import org.springframework.stereotype.Component;

/**
 * Camunda's own engine metrics (jobs acquired, executed and failed; activity instances; decisions
 * evaluated) as Micrometer counters, e.g. {@code job-successful} as {@code camunda_job_successful_total}.
 * Camunda 7 CE counts these in memory and writes them to {@code ACT_RU_METER_LOG} every 15 minutes,
 * but publishes nothing to Micrometer; this plugin counts each occurrence into Micrometer as well, the
 * moment the engine counts it, so Prometheus sees them live and per node. Needs
 * {@code camunda.bpm.metrics.enabled=true} (Camunda's default).
 */
@Component
class EngineMetrics extends AbstractProcessEnginePlugin {

  static final String PREFIX = "camunda.";

  private final MeterRegistry registry;

  EngineMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setMetricsRegistry(new MicrometerForwarding(registry));
  }

  /** The engine's registry, counting every database meter into a Micrometer counter too. */
  static final class MicrometerForwarding extends MetricsRegistry {

    private final MeterRegistry micrometer;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    MicrometerForwarding(MeterRegistry micrometer) {
      this.micrometer = micrometer;
    }

    @Override
    public void createMeter(String name) {
      super.createMeter(name);
      count(name);
    }

    @Override
    public void createDbMeter(String name) {
      super.createDbMeter(name);
      count(name);
    }

    private void count(String name) {
      counters.computeIfAbsent(name, n -> Counter.builder(PREFIX + n.replace('-', '.'))
          .description("Camunda engine metric '" + n + "' counted on this node")
          .register(micrometer));
    }

    @Override
    public void markOccurrence(String name, long times) {
      super.markOccurrence(name, times);
      Counter counter = counters.get(name);
      if (counter != null) {
        counter.increment(times);
      }
    }
  }
}
