package org.safeguardflow.timescales;

import java.time.ZoneOffset;
import java.util.Date;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.safeguardflow.metrics.OperationsCounters;
import org.springframework.stereotype.Component;

/**
 * Completion listener for any statutory user task: a task completed after its deadline (the one it
 * recorded when it began, {@link StatutoryDeadlines}) must say why,
 * and the reason is filed with the breach. Give the task the input parameter {@code timescaleStep} (read through the task's execution, where input parameters live)
 * (e.g. {@code SINGLE_ASSESSMENT}); the reason is read from {@code <step in camelCase>LateReason}
 * (e.g. {@code singleAssessmentLateReason}) and {@code <step>Late} is set to true or false.
 *
 * <pre>{@code <camunda:taskListener delegateExpression="${explainLateStep}" event="complete" />}</pre>
 */
@Component("explainLateStep")
class ExplainLateStep implements TaskListener {

  static final int MAX_REASON_LENGTH = 4000;

  private final TimescaleBreaches breaches;
  private final OperationsCounters counters;

  ExplainLateStep(TimescaleBreaches breaches, OperationsCounters counters) {
    this.breaches = breaches;
    this.counters = counters;
  }

  @Override
  public void notify(DelegateTask task) {
    Step step = Step.of(task).orElseThrow(() -> new IllegalStateException(task.getTaskDefinitionKey()
        + " needs the input parameter " + Step.INPUT + " naming a statutory step, not " + Step.CODE.get(task)));
    String timescaleStep = step.code();
    // The deadline the step recorded when it began, never the task's due date (an editable field).
    Date deadline = StatutoryDeadlines.recordedDeadline(task);
    boolean late = StatutoryDeadlines.isLate(task);
    step.lateFlagVar().set(task.getExecution().getProcessInstance(), late);
    if (!late) {
      counters.stepCompleted(timescaleStep, false);
      return;
    }
    String reasonVariable = step.lateReason();
    // Read as submitted: anything but text is the practitioner's bad input, refused in their words.
    if (!(step.lateReasonVar().raw(task) instanceof String text) || text.isBlank()) {
      throw new BadUserRequestException("Not recorded: " + reasonVariable
          + " is required: this step was due " + deadline.toInstant() + " and is late, so say why");
    }
    if (text.length() > MAX_REASON_LENGTH) {
      throw new BadUserRequestException("Not recorded: " + reasonVariable + " must be at most "
          + MAX_REASON_LENGTH + " characters");
    }
    var now = EngineTime.now();
    String user = Context.getCommandContext() == null ? null : Context.getCommandContext().getAuthenticatedUserId();
    breaches.explain(task.getExecution().getProcessBusinessKey(), timescaleStep,
        deadline.toInstant().atOffset(ZoneOffset.UTC), text, user != null ? user : task.getAssignee(), now);
    counters.stepCompleted(timescaleStep, true);
  }
}
