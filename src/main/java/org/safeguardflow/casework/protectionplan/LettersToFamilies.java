package org.safeguardflow.casework.protectionplan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Letters to a child's family kept as written ({@code sf_case_letter}), with the plain-English measure
 * taken when the writer finished them: the record the letter's document is generated from.
 */
@Repository
public class LettersToFamilies {

  /** The kind of the letter before proceedings (Public Law Outline), also its document's kind. */
  public static final String LETTER_BEFORE_PROCEEDINGS = "letter-before-proceedings";

  /**
   * A letter as kept.
   *
   * @param readingEase     Flesch reading ease when it was finished
   * @param readingAge      years (Flesch-Kincaid grade + 5)
   * @param keptAboveReason why its writer kept it above the threshold; null when it was within it
   */
  public record Letter(String caseRef, String kind, LocalDate letterDate, String text, double readingEase,
      double readingAge, String keptAboveReason, String writtenBy, OffsetDateTime writtenAt) {}

  private final JdbcTemplate jdbc;

  public LettersToFamilies(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Keeps a letter as finished; a later one of the same kind (pre-proceedings entered again) stands beside it. */
  public void record(Letter letter) {
    jdbc.update("insert into sf_case_letter (case_ref, kind, letter_date, letter_text, reading_ease, reading_age,"
            + " kept_above_reason, written_by, written_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        letter.caseRef(), letter.kind(), letter.letterDate(), letter.text(), BigDecimal.valueOf(letter.readingEase()),
        BigDecimal.valueOf(letter.readingAge()), letter.keptAboveReason(), letter.writtenBy(), letter.writtenAt());
  }

  /** How many letters of this kind the case has had: the latest is this one's number (1 for the first). */
  public int count(String caseRef, String kind) {
    return jdbc.queryForObject("select count(*) from sf_case_letter where case_ref = ? and kind = ?", Integer.class,
        caseRef, kind);
  }

  /** The latest letter of this kind on the case, if any. */
  public Optional<Letter> latest(String caseRef, String kind) {
    return jdbc.query("select * from sf_case_letter where case_ref = ? and kind = ? order by id desc",
        (rs, i) -> new Letter(rs.getString("case_ref"), rs.getString("kind"),
            rs.getObject("letter_date", LocalDate.class), rs.getString("letter_text"), rs.getDouble("reading_ease"),
            rs.getDouble("reading_age"), rs.getString("kept_above_reason"), rs.getString("written_by"),
            org.safeguardflow.casework.CaseRecords.offset(rs, "written_at")),
        caseRef, kind).stream().findFirst();
  }
}
