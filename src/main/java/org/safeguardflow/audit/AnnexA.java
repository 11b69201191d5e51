package org.safeguardflow.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.safeguardflow.casework.Teams;
import org.safeguardflow.timescales.StatutoryTimescales;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Ofsted ILACS Annex A, lists 1 to 7, for a period: one sheet per list, the header row exactly as the
 * 2024 layout has it, cells coded as inspectors' tools read them. A cell the system does not record
 * is left blank rather than guessed.
 */
@Component
public class AnnexA {

  private static final List<String> CHILD = List.of("Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age");

  static final Map<String, List<String>> HEADERS = Map.of(
      "List 1", columns("Date of Contact", "Contact Source"),
      "List 2", columns("Assessment start date", "Assessment completion date", "Organisation completing assessment"),
      "List 3", columns("Date of Referral", "Referral Source", "Referral NFA?", "Number of Referrals in Last 12 Months",
          "Allocated Team", "Allocated Worker"),
      "List 4", columns("Does the Child have a Disability", "Continuous Assessment Start Date",
          "Child Seen During Continuous Assessment", "Continuous Assessment Date of Authorisation",
          "Was the child assessed as requiring LA children's social care support?", "Allocated Team", "Allocated Worker"),
      "List 5", columns("Does the Child have a Disability", "Strategy discussion initiating Section 47 Enquiry Start Date",
          "Was an Initial Child Protection Conference deemed unnecessary?", "Date of Initial Child Protection Conference",
          "Did the Initial Child Protection Conference Result in a Child Protection Plan",
          "Number of Section 47 Enquiries in the last 12 months", "Number of ICPCs in the last 12 months",
          "Allocated Team", "Allocated Worker"),
      "List 6", columns("Does the Child have a Disability", "CIN Start Date", "Primary Need Code", "Date Child Was Last Seen",
          "CIN Closure Date", "Reason for Closure", "Case Status", "Allocated Team", "Allocated Worker"),
      "List 7", columns("Does the Child have a Disability", "Child Protection Plan Start Date", "Initial Category of Abuse",
          "Latest Category of Abuse", "Date of the Last Statutory Visit", "Was the Child Seen Alone?",
          "Date of latest review conference", "Child Protection Plan End Date",
          "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)",
          "Number of Previous Child Protection Plans", "Allocated Team", "Allocated Worker"));

  /** Disability is not recorded yet: the cell stays blank. */
  private static final Object NOT_RECORDED = null;

  private final Episodes episodes;
  private final JdbcTemplate jdbc;

  private final Teams teams;

  AnnexA(Episodes episodes, JdbcTemplate jdbc, Teams teams) {
    this.teams = teams;
    this.episodes = episodes;
    this.jdbc = jdbc;
  }

  private static List<String> columns(String... own) {
    List<String> all = new ArrayList<>(CHILD);
    all.addAll(Arrays.asList(own));
    return List.copyOf(all);
  }

  /**
   * Writes the workbook of lists 1 to 7 for the period (Europe/London calendar days, both included) to
   * {@code out}. Streamed (POI SXSSF): each sheet keeps a window of {@value #ROWS_IN_MEMORY} rows in
   * memory and the rest goes to a temporary file until the workbook is written, so the heap a download
   * needs does not grow with the council's size.
   *
   * @throws UncheckedIOException if the workbook cannot be written (e.g. the download was cancelled)
   */
  public void workbook(LocalDate from, LocalDate to, OutputStream out) {
    List<Episode> inPeriod = episodes.overlapping(from, to);
    // Counts of earlier referrals, enquiries and plans look back before the period, for the period's children
    // only, grouped by child once (a scan of every episode per row made the workbook quadratic in children).
    Map<Long, List<Episode>> history = new HashMap<>();
    for (Episode e : episodes.ofChildrenUpTo(inPeriod.stream().map(e -> e.child().id()).toList(), to)) {
      history.computeIfAbsent(e.child().id(), id -> new ArrayList<>()).add(e);
    }
    SXSSFWorkbook book = new SXSSFWorkbook(ROWS_IN_MEMORY);
    try {
      CellStyle dateStyle = book.createCellStyle();
      dateStyle.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
      Lists lists = new Lists(book, dateStyle, to);
      contacts(lists, from, to, false);
      contacts(lists, from, to, true);
      for (Episode e : inPeriod) {
        if (within(e.referralDate(), from, to)) {
          lists.row("List 3", e.child(), e.referralDate(), AnnexACodes.source(e.referralSource()), AnnexACodes.yesNo(e.referralNfa()),
              ofChild(history, e).filter(o -> !o.referralDate().isAfter(e.referralDate())
                  && o.referralDate().isAfter(e.referralDate().minusMonths(12)) && !o.caseRef().equals(e.caseRef())).count(),
              teams.name(e.allocatedTeam()), e.allocatedWorker());
        }
        if (e.assessmentActualStartDate() != null && !e.assessmentActualStartDate().isAfter(to)
            && (e.assessmentAuthorisationDate() == null || !e.assessmentAuthorisationDate().isBefore(from))) {
          lists.row("List 4", e.child(), NOT_RECORDED, e.assessmentActualStartDate(), AnnexACodes.yesNo(e.assessmentChildSeenDate() != null),
              e.assessmentAuthorisationDate(), AnnexACodes.needsSupport(e.assessmentOutcome()),
              teams.name(e.allocatedTeam()), e.allocatedWorker());
        }
        if (e.s47ActualStartDate() != null
            && (within(e.s47ActualStartDate(), from, to) || within(e.dateOfInitialCpc(), from, to))) {
          lists.row("List 5", e.child(), NOT_RECORDED, e.s47ActualStartDate(),
              e.icpcNotRequired() == null ? null : AnnexACodes.yesNo(e.icpcNotRequired()), e.dateOfInitialCpc(),
              e.dateOfInitialCpc() == null || e.icpcOutcome() == null ? null : AnnexACodes.yesNo("CP_PLAN".equals(e.icpcOutcome())),
              ofChild(history, e).filter(o -> withinYearBefore(o.s47ActualStartDate(), to)).count(),
              ofChild(history, e).filter(o -> withinYearBefore(o.dateOfInitialCpc(), to)).count(),
              teams.name(e.allocatedTeam()), e.allocatedWorker());
        }
        lists.row("List 6", e.child(), NOT_RECORDED, e.referralDate(), AnnexACodes.primaryNeed(e.primaryNeedCode()), e.childLastSeen(),
            e.closureDate() != null && !e.closureDate().isAfter(to) ? e.closureDate() : null,
            e.closureDate() != null && !e.closureDate().isAfter(to) ? AnnexACodes.reasonForClosure(e.reasonForClosure()) : null,
            AnnexACodes.caseStatus(e, to), teams.name(e.allocatedTeam()), e.allocatedWorker());
        if (e.cppStartDate() != null && !e.cppStartDate().isAfter(to)
            && (e.cppEndDate() == null || !e.cppEndDate().isBefore(from))) {
          lists.row("List 7", e.child(), NOT_RECORDED, e.cppStartDate(), AnnexACodes.category(e.initialCategoryOfAbuse()),
              AnnexACodes.category(e.latestCategoryOfAbuse()), e.latestCpVisitDate(),
              e.latestCpVisitChildSeenAlone() == null ? null : AnnexACodes.yesNo(e.latestCpVisitChildSeenAlone()),
              e.latestReview(), e.cppEndDate(), null,
              ofChild(history, e).filter(o -> o.cppStartDate() != null && o.cppStartDate().isBefore(e.cppStartDate())).count(),
              teams.name(e.allocatedTeam()), e.allocatedWorker());
        }
      }
      book.write(out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the Annex A workbook", e);
    } finally {
      book.dispose(); // the temporary files of the rows
      try {
        book.close();
      } catch (IOException ignored) {
        // Nothing is left to release once the temporary files are gone.
      }
    }
  }

  /** Rows of each sheet held in memory before SXSSF moves them to its temporary file. */
  static final int ROWS_IN_MEMORY = 100;

  /** The child's earlier and later episodes (with the episode itself), from the history read for the period. */
  private static java.util.stream.Stream<Episode> ofChild(Map<Long, List<Episode>> history, Episode e) {
    return history.getOrDefault(e.child().id(), List.of()).stream();
  }

  /** List 1: every contact received in the period; list 2: those stepped down to early help. */
  private void contacts(Lists lists, LocalDate from, LocalDate to, boolean earlyHelpOnly) {
    String sql = """
        select k.received_at, k.referral_source, k.decided_at,
               ch.id child_id, ch.date_of_birth, ch.expected_date_of_birth, ch.sex, ch.ethnicity
          from sf_contact k join sf_case c on c.case_ref = k.case_ref join sf_child ch on ch.id = c.child_id
         where k.received_at >= ? and k.received_at < ?
        """ + (earlyHelpOnly ? " and k.decision = 'EARLY_HELP'" : "") + " order by k.received_at, k.id";
    jdbc.query(sql, rs -> {
      var child = new Episode.Child(rs.getLong("child_id"), rs.getObject("date_of_birth", LocalDate.class),
          rs.getObject("expected_date_of_birth", LocalDate.class), rs.getString("sex"), rs.getString("ethnicity"));
      LocalDate received = londonDate(rs.getTimestamp("received_at"));
      if (earlyHelpOnly) {
        // The early help assessment itself is recorded outside this system: its start is the step-down decision.
        lists.row("List 2", child, londonDate(rs.getTimestamp("decided_at")), null, null);
      } else {
        lists.row("List 1", child, received, AnnexACodes.source(rs.getString("referral_source")));
      }
    }, startOfDay(from), startOfDay(to.plusDays(1)));
  }

  private static java.time.OffsetDateTime startOfDay(LocalDate day) {
    return day.atStartOfDay(StatutoryTimescales.LONDON).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
  }

  private static LocalDate londonDate(java.sql.Timestamp at) {
    return at == null ? null : at.toInstant().atZone(StatutoryTimescales.LONDON).toLocalDate();
  }

  private static boolean within(LocalDate day, LocalDate from, LocalDate to) {
    return day != null && !day.isBefore(from) && !day.isAfter(to);
  }

  private static boolean withinYearBefore(LocalDate day, LocalDate to) {
    return within(day, to.minusMonths(12).plusDays(1), to);
  }

  /** The sheets of the workbook, each with its header row; ages are given on the last day of the period. */
  private static final class Lists {
    private final SXSSFWorkbook book;
    private final CellStyle dateStyle;
    private final LocalDate ageOn;

    Lists(SXSSFWorkbook book, CellStyle dateStyle, LocalDate ageOn) {
      this.book = book;
      this.dateStyle = dateStyle;
      this.ageOn = ageOn;
      for (int list = 1; list <= 7; list++) {
        Sheet created = book.createSheet("List " + list);
        Row header = created.createRow(0);
        List<String> names = HEADERS.get("List " + list);
        for (int i = 0; i < names.size(); i++) {
          header.createCell(i).setCellValue(names.get(i));
        }
      }
    }

    /** A row of the list: the child's five columns, then the list's own, in header order. */
    void row(String list, Episode.Child child, Object... values) {
      Sheet sheet = book.getSheet(list);
      Row row = sheet.createRow(sheet.getLastRowNum() + 1);
      List<Object> cells = new ArrayList<>();
      cells.add(child.laChildId());
      cells.add(AnnexACodes.gender(child.sex()));
      cells.add(AnnexACodes.ethnicity(child.ethnicity()));
      cells.add(child.dateOfBirth());
      cells.add(child.ageOn(ageOn));
      cells.addAll(Arrays.asList(values));
      for (int i = 0; i < cells.size(); i++) {
        Object value = cells.get(i);
        if (value == null) {
          continue;
        }
        var cell = row.createCell(i);
        if (value instanceof LocalDate date) {
          cell.setCellValue(date);
          cell.setCellStyle(dateStyle);
        } else if (value instanceof Number number) {
          cell.setCellValue(number.doubleValue());
        } else {
          cell.setCellValue(value.toString());
        }
      }
    }
  }
}
