package org.safeguardflow.casework.strategy;

import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.safeguardflow.casework.CaseDates;
import org.safeguardflow.casework.Pathway;
import org.safeguardflow.timescales.StatutoryTimescales;
import org.springframework.stereotype.Component;

/**
 * Starts the section 47 enquiry on the day of the strategy discussion that decided it (the census
 * S47ActualStartDate) and sets the census InitialCPCtarget: 15 working days from that discussion.
 */
@Component("startSection47Enquiry")
class StartSection47Enquiry implements JavaDelegate {

  private final StatutoryTimescales timescales;

  StartSection47Enquiry(StatutoryTimescales timescales) {
    this.timescales = timescales;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LocalDate held = Pathway.Var.STRATEGY_DISCUSSION_DATE.get(execution);
    if (held == null) {
      throw new IllegalStateException("A section 47 enquiry starts at a strategy discussion, but "
          + Pathway.Var.STRATEGY_DISCUSSION_DATE + " is not set");
    }
    Pathway.Var.S47_ACTUAL_START_DATE.set(execution, held);
    Pathway.Var.INITIAL_CPC_TARGET.set(execution, timescales.dueDate(StrategyDiscussionProcess.STEP_INITIAL_CPC, held));
  }
}
