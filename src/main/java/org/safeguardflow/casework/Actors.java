package org.safeguardflow.casework;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.context.Context;

/** Who is acting: the user Camunda authenticated for this call, else the task's assignee. */
public final class Actors {

  private Actors() {}

  public static String currentUser(DelegateTask task) {
    String user = currentUser();
    return user != null ? user : task.getAssignee();
  }

  public static String currentUser() {
    var commandContext = Context.getCommandContext();
    return commandContext == null ? null : commandContext.getAuthenticatedUserId();
  }
}
