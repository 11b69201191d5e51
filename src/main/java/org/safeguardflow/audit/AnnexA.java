package org.safeguardflow.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
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
   * The workbook (xlsx bytes) of lists 1 to 7 for the period {@code from} to {@code to}, both days
   * included; counts of a child's earlier referrals look back before the period.
   */
  public byte[] workbook(LocalDate from, LocalDate to) {
    // Counts of earlier referrals, enquiries and plans look back before the period.
    List<Episode> history = episodes.overlapping(LocalDate.of(1900, 1, 1), to);
    List<Episode> inPeriod = history.stream().filter(e -> e.overlaps(from, to)).toList();
    try (XSSFWorkbook book = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
      CellStyle dateStyle = book.createCellStyle();
      dateStyle.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
      Lists lists = new Lists(book, dateStyle, to);
      contacts(lists, from, to, false);
      contacts(lists, from, to, true);
      for (Episode e : inPeriod) {
        if (within(e.referralDate(), from, to)) {
          lists.row("List 3", e.child(), e.referralDate(), AnnexACodes.source(e.referralSource()), AnnexACodes.yesNo(e.referralNfa()),
              history.stream().filter(o -> sameChild(o, e) && !o.referralDate().isAfter(e.referralDate())
                  && o.referralDate().isAfter(e.referralDate().minusMonths(12)) && o != e).count(),
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
              history.stream().filter(o -> sameChild(o, e) && withinYearBefore(o.s47ActualStartDate(), to)).count(),
              history.stream().filter(o -> sameChild(o, e) && withinYearBefore(o.dateOfInitialCpc(), to)).count(),
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
              history.stream().filter(o -> sameChild(o, e)
                  && o.cppStartDate() != null && o.cppStartDate().isBefore(e.cppStartDate())).count(),
              teams.name(e.allocatedTeam()), e.allocatedWorker());
        }
      }
      book.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the Annex A workbook", e);
    }
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

  private static boolean sameChild(Episode a, Episode b) {
    return a.child().id() == b.child().id();
  }

  private static boolean within(LocalDate day, LocalDate from, LocalDate to) {
    return day != null && !day.isBefore(from) && !day.isAfter(to);
  }

  private static boolean withinYearBefore(LocalDate day, LocalDate to) {
    return within(day, to.minusMonths(12).plusDays(1), to);
  }

  /** The sheets of the workbook, each with its header row; ages are given on the last day of the period. */
  private static final class Lists {
    private final XSSFWorkbook book;
    private final CellStyle dateStyle;
    private final LocalDate ageOn;

    Lists(XSSFWorkbook book, CellStyle dateStyle, LocalDate ageOn) {
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
