package org.safeguardflow.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The events operators count, per node (Prometheus adds the nodes up). Each is counted when its
 * transaction commits, so a contact refused half-way or a job rolled back by a clash between two
 * nodes counts nothing. Names, units and meanings are listed in README.md, "Operations".
 */
@Component
public class OperationsCounters {

  /** {@code safeguard_contacts_received_total}: contacts recorded at the front door (new cases and further contacts). */
  public static final String CONTACTS_RECEIVED = "safeguard.contacts.received";
  /** {@code safeguard_statutory_steps_completed_total{step, timeliness}}: statutory steps done on time or late. */
  public static final String STEPS_COMPLETED = "safeguard.statutory.steps.completed";
  /** {@code safeguard_timescale_breaches_recorded_total{step}}: missed statutory deadlines recorded. */
  public static final String BREACHES_RECORDED = "safeguard.timescale.breaches.recorded";

  private final MeterRegistry registry;
  private final Counter contactsReceived;

  public OperationsCounters(MeterRegistry registry) {
    this.registry = registry;
    this.contactsReceived = Counter.builder(CONTACTS_RECEIVED)
        .description("Contacts recorded at the front door")
        .register(registry);
  }

  /** A contact was recorded (a new case, or a further contact joining an open one). */
  public void contactReceived() {
    onCommit(contactsReceived::increment);
  }

  /**
   * A statutory step (a step of {@code bpmn/statutory-timescales.dmn}, e.g. {@code CONTACT_DECISION})
   * was completed, after its deadline if {@code late}.
   */
  public void stepCompleted(String step, boolean late) {
    onCommit(() -> Counter.builder(STEPS_COMPLETED)
        .description("Statutory steps completed, on time or after their deadline")
        .tag("step", step)
        .tag("timeliness", late ? "late" : "on_time")
        .register(registry)
        .increment());
  }

  /** A missed deadline of {@code step} was recorded for the first time (a repeat records nothing). */
  public void breachRecorded(String step) {
    onCommit(() -> Counter.builder(BREACHES_RECORDED)
        .description("Missed statutory deadlines recorded")
        .tag("step", step)
        .register(registry)
        .increment());
  }

  private static void onCommit(Runnable count) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          count.run();
        }
      });
    } else {
      count.run();
    }
  }
}
