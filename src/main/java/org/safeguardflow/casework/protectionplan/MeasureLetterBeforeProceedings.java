package org.safeguardflow.casework.protectionplan;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.safeguardflow.casework.CaseRuleException;
import org.safeguardflow.casework.FormValues;
import org.safeguardflow.casework.protectionplan.LettersToFamilies.Letter;
import org.safeguardflow.documents.ReadingMeasure;
import org.safeguardflow.timescales.EngineTime;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * {@code ${measureLetterBeforeProceedings}}: when the letter before proceedings is finished (its first
 * writing, or a revision in "Make the letter before proceedings plainer"), measures its reading age
 * ({@link ReadingMeasure}) against {@code safeguard.letters.max-reading-age} (years, default 11).
 * Within the threshold, or kept as written with a reason, the letter is kept on the record
 * ({@link LettersToFamilies}) and {@code letterNeedsPlainerEnglish} is false; above it, true, and its
 * writer is given the score and the hardest sentences. Refuses (the task stays open) a missing or
 * over-long letter, an unknown choice, or keeping it without a reason.
 */
@Component("measureLetterBeforeProceedings")
class MeasureLetterBeforeProceedings implements TaskListener {

  static final String TEXT = "letterBeforeProceedingsText";
  static final String DATE = "letterBeforeProceedingsDate";
  static final String REVISION = "letterRevision";
  static final String KEPT_ABOVE_REASON = "letterKeptAboveReason";
  static final String READING_AGE = "letterReadingAge";
  static final String READING_EASE = "letterReadingEase";
  static final String THRESHOLD = "letterReadingAgeThreshold";
  static final String HARDEST = "letterHardestSentences";
  static final String NEEDS_PLAINER = "letterNeedsPlainerEnglish";
  static final String WRITTEN_BY = "letterWrittenBy";
  static final String MAKE_PLAINER_TASK = "Task_MakeLetterPlainer";
  static final int MAX_TEXT = 20_000;
  static final int MAX_REASON = 2_000;

  private final LettersToFamilies letters;
  private final IdentityService identity;
  private final double maxReadingAge;

  MeasureLetterBeforeProceedings(LettersToFamilies letters, @Lazy IdentityService identity,
      @Value("${safeguard.letters.max-reading-age:11}") double maxReadingAge) {
    this.letters = letters;
    this.identity = identity;
    this.maxReadingAge = maxReadingAge;
  }

  @Override
  public void notify(DelegateTask task) {
    String text = FormValues.requiredText(TEXT, task.getVariable(TEXT), Integer.MAX_VALUE);
    if (text.codePointCount(0, text.length()) > MAX_TEXT) {
      throw new CaseRuleException(TEXT + " must be at most " + MAX_TEXT + " characters");
    }
    String reason = null;
    boolean revising = MAKE_PLAINER_TASK.equals(task.getTaskDefinitionKey());
    if (revising) {
      Object choice = task.getVariable(REVISION);
      if ("KEPT_AS_WRITTEN".equals(choice)) {
        reason = FormValues.requiredText(KEPT_ABOVE_REASON, task.getVariable(KEPT_ABOVE_REASON), Integer.MAX_VALUE);
        if (reason.codePointCount(0, reason.length()) > MAX_REASON) {
          throw new CaseRuleException(KEPT_ABOVE_REASON + " must be at most " + MAX_REASON + " characters");
        }
      } else if (!"REVISED".equals(choice)) {
        throw new CaseRuleException(REVISION + " must be REVISED or KEPT_AS_WRITTEN");
      }
    } else {
      task.setVariable(WRITTEN_BY, writer(task));
    }
    ReadingMeasure.Reading reading = ReadingMeasure.of(text);
    task.setVariable(READING_AGE, format(reading.readingAge()));
    task.setVariable(READING_EASE, format(reading.readingEase()));
    task.setVariable(THRESHOLD, format(maxReadingAge));
    task.setVariable(HARDEST, reading.hardest().stream()
        .map(s -> "Reading age " + format(s.readingAge()) + ": " + s.sentence())
        .collect(Collectors.joining("\n\n")));
    boolean needsPlainer = reason == null && reading.readingAge() > maxReadingAge;
    task.setVariable(NEEDS_PLAINER, needsPlainer);
    if (!needsPlainer) {
      letters.record(new Letter(task.getExecution().getProcessBusinessKey(), LettersToFamilies.LETTER_BEFORE_PROCEEDINGS,
          date(task.getVariable(DATE)), text, reading.readingEase(), reading.readingAge(), reason,
          String.valueOf(task.getVariable(WRITTEN_BY)), EngineTime.now()));
    }
  }

  private String writer(DelegateTask task) {
    if (task.getAssignee() != null) {
      return task.getAssignee();
    }
    Authentication user = identity.getCurrentAuthentication();
    return user == null ? "system" : user.getUserId();
  }

  private static LocalDate date(Object value) {
    try {
      return value instanceof String text && !text.isBlank() ? LocalDate.parse(text.strip().substring(0, 10)) : null;
    } catch (DateTimeParseException | IndexOutOfBoundsException e) {
      return null; // checkCaseDates refused a malformed date before this listener ran
    }
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  /**
   * {@code ${assignLetterToItsWriter}}: the follow-up goes to whoever wrote the letter, with a fresh
   * choice (a second round asks again).
   */
  @Component("assignLetterToItsWriter")
  static class AssignToWriter implements TaskListener {
    @Override
    public void notify(DelegateTask task) {
      if (task.getVariable(WRITTEN_BY) instanceof String writer && !"system".equals(writer)) {
        task.setAssignee(writer);
      }
      task.getExecution().removeVariable(REVISION);
      task.getExecution().removeVariable(KEPT_ABOVE_REASON);
    }
  }
}
