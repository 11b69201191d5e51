package org.safeguardflow.casework.needplan;

import static org.safeguardflow.casework.Pathway.Var.CIN_PLAN_START_DATE;
import static org.safeguardflow.casework.Pathway.Var.CPP_END_DATE;
import static org.safeguardflow.casework.Pathway.Var.CPP_START_DATE;
import static org.safeguardflow.casework.needplan.ChildInNeedPlanProcess.Var.AIMS;
import static org.safeguardflow.casework.needplan.ChildInNeedPlanProcess.Var.REVIEW_COUNT;
import static org.safeguardflow.casework.needplan.ChildInNeedPlanProcess.Var.REVIEW_DUE_FROM;
import static org.safeguardflow.casework.needplan.ChildInNeedPlanProcess.Var.REVIEW_STEP;

import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.safeguardflow.casework.CaseDates;
import org.safeguardflow.casework.CaseRuleException;
import org.safeguardflow.casework.FormValues;
import org.safeguardflow.timescales.Step;
import org.springframework.stereotype.Component;

/**
 * Completion listener of {@code Task_StartChildInNeedPlan}. The DfE census refuses a child in need
 * plan open at the same time as a child protection plan, so a plan stepped down from a CP plan
 * starts on or after the CP plan's end date, and no CIN plan starts while a CP plan has no end.
 * Once the start is kept, the first review counts from it.
 */
@Component("checkChildInNeedPlanStart")
class CheckChildInNeedPlanStart implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    LocalDate start = FormValues.requiredDate(CIN_PLAN_START_DATE, task);
    LocalDate cppStart = CPP_START_DATE.get(task);
    LocalDate cppEnd = CPP_END_DATE.get(task);
    if (cppStart != null && cppEnd == null) {
      throw new CaseRuleException(CIN_PLAN_START_DATE + " (" + start + ") cannot be kept: the child protection plan"
          + " that started on " + cppStart + " has no " + CPP_END_DATE + ", and a child in need plan must not be"
          + " open at the same time as a child protection plan (DfE CIN census rule 4001)");
    }
    if (cppEnd != null && start.isBefore(cppEnd)) {
      throw new CaseRuleException(CIN_PLAN_START_DATE + " (" + start + ") is before " + CPP_END_DATE + " (" + cppEnd
          + "): a child in need plan must not be open at the same time as a child protection plan (DfE CIN census"
          + " rule 4016), so it starts on or after the day the child protection plan ended");
    }
    FormValues.requiredText(AIMS, task, FormValues.MAX_TEXT_LENGTH);

    var plan = task.getExecution().getProcessInstance();
    REVIEW_STEP.set(plan, Step.CIN_PLAN_REVIEW.code());
    REVIEW_DUE_FROM.set(plan, start);
    REVIEW_COUNT.set(plan, 0);
  }
}
