package org.safeguardflow.notify;

import java.util.ArrayList;
import java.util.List;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.safeguardflow.casework.InitialConferenceProcess.Invitee;

/**
 * The invitees of a conference as the variable holds them: a Java list (tests, upstream stages), a
 * JSON array (a Tasklist checklist), or comma-separated text. Unknown names are ignored rather than
 * written to, so that a typo never reaches a partner.
 */
final class Invitees {

  private Invitees() {}

  static List<Invitee> of(Object value) {
    List<String> names = new ArrayList<>();
    if (value instanceof List<?> list) {
      list.forEach(v -> names.add(String.valueOf(v)));
    } else if (value instanceof SpinJsonNode json && json.isArray()) {
      json.elements().forEach(e -> names.add(e.stringValue()));
    } else if (value instanceof String text && text.strip().startsWith("[")) {
      Spin.JSON(text).elements().forEach(e -> names.add(e.stringValue()));
    } else if (value instanceof String text) {
      for (String name : text.split(",")) {
        names.add(name);
      }
    }
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
  static List<Invitee> agencies(Object value) {
    return of(value).stream().filter(Invitee::agency).toList();
  }
}
