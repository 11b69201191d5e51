package org.safeguardflow.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.impl.core.variable.CoreVariableInstance;
import org.camunda.bpm.engine.impl.core.variable.scope.AbstractVariableScope;
import org.camunda.bpm.engine.impl.core.variable.scope.SimpleVariableInstance;
import org.camunda.bpm.engine.impl.core.variable.scope.VariableInstanceFactory;
import org.camunda.bpm.engine.impl.core.variable.scope.VariableInstanceLifecycleListener;
import org.camunda.bpm.engine.impl.core.variable.scope.VariableStore;
import org.junit.jupiter.api.Test;
import org.safeguardflow.casework.supervision.CaseSupervisionProcess;

/**
 * A form's required date ({@link FormValues#requiredDate}): the supervision, the child in need plan's
 * start and its review each refuse a form sent without its date by the field's name, and keep the
 * day the practitioner entered.
 */
class RequiredDateTest {

  @Test
  void aSupervisionSentWithoutItsDateIsRefusedByTheFieldsName() {
    FormAnswers form = new FormAnswers();

    assertThatThrownBy(() -> FormValues.requiredDate(CaseSupervisionProcess.Var.SUPERVISION_DATE, form))
        .isInstanceOf(CaseRuleException.class)
        .hasMessage("Not recorded: supervisionDate is required");
  }

  @Test
  void theDayThePractitionerEnteredIsKept() {
    FormAnswers form = new FormAnswers();
    form.setVariable(CaseSupervisionProcess.Var.SUPERVISION_DATE.name(), "2026-03-02"); // as the form submits a date

    assertThat(FormValues.requiredDate(CaseSupervisionProcess.Var.SUPERVISION_DATE, form))
        .isEqualTo(LocalDate.of(2026, 3, 2));
  }

  /** What a form submitted, as a variable scope of its own (no engine). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final class FormAnswers extends AbstractVariableScope {
    private final VariableStore<CoreVariableInstance> store = new VariableStore<>();

    @Override
    protected VariableStore<CoreVariableInstance> getVariableStore() {
      return store;
    }

    @Override
    protected VariableInstanceFactory<CoreVariableInstance> getVariableInstanceFactory() {
      return (VariableInstanceFactory) SimpleVariableInstance.SimpleVariableInstanceFactory.INSTANCE;
    }

    @Override
    protected List<VariableInstanceLifecycleListener<CoreVariableInstance>> getVariableInstanceLifecycleListeners() {
      return List.of();
    }

    @Override
    public AbstractVariableScope getParentVariableScope() {
      return null;
    }
  }
}
