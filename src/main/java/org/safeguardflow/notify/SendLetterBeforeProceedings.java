package org.safeguardflow.notify;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.safeguardflow.casework.protectionplan.ChildProtectionPlanProcess;
import org.safeguardflow.casework.protectionplan.LettersToFamilies;
import org.safeguardflow.documents.DocumentLibrary;
import org.safeguardflow.documents.DocumentReader;
import org.springframework.stereotype.Component;

/**
 * {@code ${sendLetterBeforeProceedings}} ({@code bpmn/child-protection-plan.bpmn}, once the letter is plain
 * enough or kept with a reason): the letter as kept goes to everyone the family network says holds
 * parental responsibility (Public Law Outline, Practice Direction 12A; the letter before proceedings goes
 * to each parent, who should take it to a solicitor), reached as {@link LettersToParents} decides: by
 * email with the family's copy of the letter as a PDF attached; with only a postal address, a letter for
 * the worker to print (the same PDF is kept with it) and post; with neither, the gap recorded.
 *
 * <p>Keys: {@code LETTER_BEFORE_PROCEEDINGS:n:m}, n the case's n-th such letter (pre-proceedings may begin
 * again after a later review), m the parent's place. Who it went to is set in
 * {@code letterBeforeProceedingsSentTo} for the pre-proceedings meeting's form, one line per parent.
 */
@Component("sendLetterBeforeProceedings")
class SendLetterBeforeProceedings implements JavaDelegate {

  static final String TYPE = "LETTER_BEFORE_PROCEEDINGS";
  private static final int MAX_SHOWN = 3900;
  static final String NOBODY = "Nobody: the family network records no one with parental responsibility."
      + " Record the family network, then send the letter by hand.";

  private final LettersToParents parents;
  private final LettersToFamilies letters;
  private final DocumentLibrary documents;

  SendLetterBeforeProceedings(LettersToParents parents, LettersToFamilies letters, DocumentLibrary documents) {
    this.parents = parents;
    this.letters = letters;
    this.documents = documents;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseRef = execution.getProcessBusinessKey();
    String kind = LettersToFamilies.LETTER_BEFORE_PROCEEDINGS;
    LettersToFamilies.Letter letter = letters.latest(caseRef, kind)
        .orElseThrow(() -> new IllegalStateException("No letter before proceedings is kept on " + caseRef));
    int number = letters.count(caseRef, kind);
    // The family's copy: the letter and its addressees' names; no one parent's address reaches the other.
    byte[] pdf = documents.pdf(caseRef, kind, DocumentReader.FAMILY).orElseThrow();
    Notifications.Attachment attachment = new Notifications.Attachment(
        DocumentLibrary.fileName(caseRef, kind, DocumentReader.FAMILY), "application/pdf", pdf);
    List<LettersToParents.Sent> sent = parents.write(caseRef, TYPE, TYPE + ":" + number,
        "Letter before proceedings " + caseRef,
        parent -> "Dear " + parent.name() + ",\n\n"
            + "We have written you a letter before proceedings about your child. The letter is attached to this"
            + " message. Please read it and take it to a solicitor: their advice is free for you (legal aid),"
            + " whatever your income. It asks you to a meeting with us and your solicitor.\n"
            + "Case reference: " + caseRef + "\n\n"
            + "If you cannot open the letter, please ask your social worker for a printed copy, quoting the case"
            + " reference.",
        attachment);
    String sentTo = sent.isEmpty() ? NOBODY : String.join("\n", sent.stream().map(LettersToParents.Sent::describe).toList());
    if (sentTo.length() > MAX_SHOWN) {
      // A text variable holds 4,000 places; the case's notifications list every letter in full.
      int cut = Character.isHighSurrogate(sentTo.charAt(MAX_SHOWN - 1)) ? MAX_SHOWN - 1 : MAX_SHOWN;
      sentTo = sentTo.substring(0, cut) + "\n... and more: see the case's notifications";
    }
    ChildProtectionPlanProcess.Var.LETTER_BEFORE_PROCEEDINGS_SENT_TO.set(execution, sentTo);
  }
}
