package org.safeguardflow.notify;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.safeguardflow.casework.FormValues;
import org.safeguardflow.casework.conference.InitialConferenceProcess.Invitee;
import org.safeguardflow.casework.conference.InitialConferenceProcess.Var;

/**
 * The invitees of a conference as the variable holds them (a checklist, read by {@link FormValues}).
 * Unknown names are ignored rather than written to, so that a typo never reaches a partner.
 */
final class Invitees {

  private Invitees() {}

  static List<Invitee> of(DelegateExecution execution) {
    // The form's checks refused anything that is not a list when the task completed.
    List<String> names = Var.CONFERENCE_INVITEES.get(execution);
    names = names == null ? List.of() : names;
    List<Invitee> invitees = new ArrayList<>();
    for (String name : names) {
      String code = name.strip();
      if (Invitee.names().contains(code) && !invitees.contains(Invitee.valueOf(code))) {
        invitees.add(Invitee.valueOf(code));
      }
    }
    return invitees;
  }

  /** Only the partner agencies among them, in the order they were invited: the order numbers their messages. */
  static List<Invitee> agencies(DelegateExecution execution) {
    return of(execution).stream().filter(Invitee::agency).toList();
  }
}
