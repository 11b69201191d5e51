package org.safeguardflow.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.safeguardflow.casework.CinCodes;
import org.safeguardflow.timescales.StatutoryTimescales;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The DfE Children in Need census message for a census year (1 April to 31 March), in the element
 * order of the census schema. Groups whose required items are not (yet) recorded are left out rather
 * than sent half-filled, so the message always keeps the schema.
 */
@Component
public class CinCensus {

  /** Years whose schema we ship (src/main/resources/returns/cin-census). */
  static final Set<Integer> SCHEMA_YEARS = Set.of(2024, 2025, 2026);
  static final int FIRST_YEAR = 2013;
  /** From the 2024-25 census (Year 2025) Sex (M/F/U) replaces GenderCurrent (1/2/0/9). */
  static final int FIRST_YEAR_WITH_SEX = 2025;
  private static final Map<String, String> GENDER_CURRENT = Map.of("M", "1", "F", "2", "U", "0");
  private static final Set<String> CATEGORIES = Set.of("NEG", "PHY", "SAB", "EMO", "MUL");

  private final Episodes episodes;
  private final String laCode;

  CinCensus(Episodes episodes, @Value("${safeguard.census.la-code:999}") String laCode) {
    if (!laCode.matches("\\d{3}")) {
      // The census header carries the DfE's three-digit LA number; a wrong one makes every return unusable.
      throw new IllegalStateException("safeguard.census.la-code must be the council's three-digit DfE LA number, not '"
          + laCode + "'");
    }
    this.episodes = episodes;
    this.laCode = laCode;
  }

  static LocalDate yearStart(int year) {
    return LocalDate.of(year - 1, 4, 1);
  }

  static LocalDate referenceDate(int year) {
    return LocalDate.of(year, 3, 31);
  }

  /** A year we can make a message for: one whose schema we ship, or any census year up to next year's. */
  static boolean knownYear(int year) {
    int thisYear = StatutoryTimescales.londonDate(ClockUtil.getCurrentTime()).getYear();
    return SCHEMA_YEARS.contains(year) || (year >= FIRST_YEAR && year <= thisYear + 1);
  }

  /**
   * What the census for the year will hold: every child with a referral episode open on at least one
   * day of the year, each episode with what happened in it up to the reference date. The DfE rules
   * that concern the year itself are kept here, by leaving out what does not belong to this return:
   * anything dated after the reference date (rules 4010, 8600, 8620, 8696, 8715, 8720, 8930, 4013 from
   * the other side), an assessment authorised before the year (8696), an enquiry whose conference was
   * before the year or that started before it without one (8715, 8740), and plans that had ended
   * before the year (4013, 8930).
   */
  public CensusReturn census(int year) {
    LocalDate from = yearStart(year);
    LocalDate to = referenceDate(year);
    Map<Long, List<Episode>> byChild = new LinkedHashMap<>();
    for (Episode episode : episodes.overlapping(from, to)) {
      byChild.computeIfAbsent(episode.child().id(), id -> new ArrayList<>()).add(episode);
    }
    // Previous CP plans count every plan of the child that started earlier, in this year or before.
    Map<Long, List<LocalDate>> planStarts = new LinkedHashMap<>();
    // Read for the year's children only: the cost grows with the year, not with the decades of history held.
    for (Episode episode : episodes.ofChildrenUpTo(byChild.keySet(), to)) {
      if (episode.cppStartDate() != null && !episode.cppStartDate().isAfter(to)) {
        planStarts.computeIfAbsent(episode.child().id(), id -> new ArrayList<>()).add(episode.cppStartDate());
      }
    }
    List<CensusReturn.Child> children = new ArrayList<>();
    for (List<Episode> childEpisodes : byChild.values()) {
      Episode.Child child = childEpisodes.get(0).child();
      List<CensusReturn.Episode> details = new ArrayList<>();
      for (Episode e : childEpisodes) {
        details.add(details(e, from, to, planStarts.getOrDefault(child.id(), List.of())));
      }
      children.add(new CensusReturn.Child(child.laChildId(), child.dateOfBirth(), child.dateOfBirth() == null
          ? child.expectedDateOfBirth() : null, CinCodes.SEX.containsKey(child.sex()) ? child.sex() : "U",
          CinCodes.ETHNICITIES.containsKey(child.ethnicity()) ? child.ethnicity() : "NOBT", List.copyOf(details)));
    }
    return new CensusReturn(year, to, laCode, List.copyOf(children),
        StatutoryTimescales.londonDate(ClockUtil.getCurrentTime()));
  }

  private static CensusReturn.Episode details(Episode e, LocalDate from, LocalDate to, List<LocalDate> planStarts) {
    LocalDate closure = upTo(e.closureDate(), to);
    String reason = closure != null && CinCodes.REASONS_FOR_CLOSURE.containsKey(e.reasonForClosure())
        ? e.reasonForClosure() : null;
    List<CensusReturn.Assessment> assessments = new ArrayList<>();
    for (Episode.Assessment a : e.assessments()) {
      LocalDate started = upTo(a.actualStartDate(), to);
      LocalDate authorised = started == null ? null : upTo(a.authorisationDate(), to);
      if (started == null || (authorised != null && authorised.isBefore(from))) {
        // Not started by the reference date, or completed in an earlier year: that year's return carried it.
        continue;
      }
      // Factors are census items of a completed (authorised) assessment.
      assessments.add(new CensusReturn.Assessment(started, authorised, authorised == null ? List.of() : List.copyOf(a.factors())));
    }
    LocalDate cinStart = upTo(e.cinPlanStartDate(), to);
    LocalDate cinEnd = cinStart == null ? null : upTo(e.cinPlanEndDate(), to);
    if (cinEnd != null && cinEnd.isBefore(from)) {
      cinStart = null;
      cinEnd = null;
    }
    LocalDate s47Start = upTo(e.s47ActualStartDate(), to);
    LocalDate icpc = s47Start == null ? null : upTo(e.dateOfInitialCpc(), to);
    boolean icpcNotRequired = s47Start != null && Boolean.TRUE.equals(e.icpcNotRequired());
    if (s47Start != null && (icpc != null ? icpc.isBefore(from) : s47Start.isBefore(from))) {
      s47Start = null;
      icpc = null;
      icpcNotRequired = false;
    }
    LocalDate target = s47Start == null ? null : e.initialCpcTarget();
    LocalDate cppStart = upTo(e.cppStartDate(), to);
    LocalDate cppEnd = cppStart == null ? null : upTo(e.cppEndDate(), to);
    String initial = e.initialCategoryOfAbuse() != null && CATEGORIES.contains(e.initialCategoryOfAbuse())
        ? e.initialCategoryOfAbuse() : null;
    if (cppStart == null || initial == null || (cppEnd != null && cppEnd.isBefore(from))) {
      cppStart = null;
      cppEnd = null;
      initial = null;
    }
    String latest = initial == null ? null
        : e.latestCategoryOfAbuse() != null && CATEGORIES.contains(e.latestCategoryOfAbuse()) ? e.latestCategoryOfAbuse() : initial;
    LocalDate planStart = cppStart;
    Integer previous = planStart == null ? null : (int) planStarts.stream().filter(start -> start.isBefore(planStart)).count();
    List<LocalDate> reviews = planStart == null ? List.of()
        : e.cppReviewDates().stream().filter(date -> !date.isAfter(to)).toList();
    boolean referralNfa = closure != null && e.assessments().isEmpty() && e.s47ActualStartDate() == null;
    return new CensusReturn.Episode(e.caseRef(), e.referralDate(),
        CinCodes.REFERRAL_SOURCES.containsKey(e.referralSource()) ? e.referralSource() : "10", e.primaryNeedCode(),
        closure, reason, List.copyOf(assessments), cinStart, cinEnd, s47Start, target, icpc,
        icpcNotRequired, referralNfa, cppStart, cppEnd, initial, latest, previous, reviews);
  }

  /** The date if it is on or before the reference date; what happens later belongs to a later return. */
  private static LocalDate upTo(LocalDate date, LocalDate referenceDate) {
    return date == null || date.isAfter(referenceDate) ? null : date;
  }

  /**
   * Writes the census exactly as {@link #census} holds it, in the schema's element order, to {@code out}
   * as UTF-8 XML indented by two spaces. Streamed (StAX): element by element as it goes, so that a large
   * council's year (30,000 children) is never held as a document or a byte array besides the return itself.
   *
   * @throws UncheckedIOException if {@code out} cannot be written (e.g. the download was cancelled)
   */
  public void write(CensusReturn census, OutputStream out) {
    try {
      Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
      // The declaration as the messages have always begun (standalone="no"); StAX cannot write that attribute.
      text.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n");
      Xml xml = new Xml(XMLOutputFactory.newFactory().createXMLStreamWriter(text));
      xml.open("Message");
      xml.open("Header");
      xml.open("CollectionDetails");
      xml.leaf("Collection", "CIN");
      xml.leaf("Year", String.valueOf(census.year()));
      xml.leaf("ReferenceDate", census.referenceDate().toString());
      xml.close();
      xml.open("Source");
      xml.leaf("SourceLevel", "L");
      xml.leaf("LEA", census.laCode());
      xml.leaf("SoftwareCode", "Safeguard Flow");
      xml.leaf("Release", "1");
      xml.leaf("SerialNo", "001");
      xml.leaf("DateTime", LocalDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(),
          StatutoryTimescales.LONDON).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")));
      xml.close();
      xml.close();
      if (census.children().isEmpty()) {
        xml.leaf("Children", null);
      } else {
        xml.open("Children");
        for (CensusReturn.Child child : census.children()) {
          child(xml, census.year(), child);
        }
        xml.close();
      }
      xml.close();
      xml.end();
      text.write("\n");
      text.flush();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("Could not write the CIN census message", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the CIN census message", e);
    }
  }

  private void child(Xml xml, int year, CensusReturn.Child child) throws XMLStreamException {
    xml.open("Child");
    xml.open("ChildIdentifiers");
    xml.leaf("LAchildID", child.laChildId());
    // UPN and UPNunknown are optional in the schema; the front door does not record a UPN yet.
    if (child.personBirthDate() != null) {
      xml.leaf("PersonBirthDate", child.personBirthDate().toString());
    } else if (child.expectedPersonBirthDate() != null) {
      xml.leaf("ExpectedPersonBirthDate", child.expectedPersonBirthDate().toString());
    }
    if (year >= FIRST_YEAR_WITH_SEX) {
      xml.leaf("Sex", child.sex());
    } else {
      xml.leaf("GenderCurrent", GENDER_CURRENT.get(child.sex()));
    }
    xml.close();
    xml.open("ChildCharacteristics");
    xml.leaf("Ethnicity", child.ethnicity());
    xml.close();
    for (CensusReturn.Episode episode : child.episodes()) {
      details(xml, episode);
    }
    xml.close();
  }

  private static void details(Xml xml, CensusReturn.Episode e) throws XMLStreamException {
    xml.open("CINdetails");
    xml.leaf("CINreferralDate", e.cinReferralDate().toString());
    xml.leaf("ReferralSource", e.referralSource());
    xml.leaf("PrimaryNeedCode", e.primaryNeedCode());
    if (e.cinClosureDate() != null) {
      xml.leaf("CINclosureDate", e.cinClosureDate().toString());
      if (e.reasonForClosure() != null) {
        xml.leaf("ReasonForClosure", e.reasonForClosure());
      }
    }
    // One group per assessment: the schema allows several in a CINdetails.
    for (CensusReturn.Assessment a : e.assessments()) {
      xml.open("Assessments");
      xml.leaf("AssessmentActualStartDate", a.actualStartDate().toString());
      if (a.authorisationDate() != null) {
        xml.leaf("AssessmentAuthorisationDate", a.authorisationDate().toString());
        if (!a.factors().isEmpty()) {
          xml.open("FactorsIdentifiedAtAssessment");
          for (String code : a.factors()) {
            xml.leaf("AssessmentFactors", code);
          }
          xml.close();
        }
      }
      xml.close();
    }
    if (e.hasCinPlan()) {
      xml.open("CINPlanDates");
      xml.leaf("CINPlanStartDate", e.cinPlanStartDate().toString());
      if (e.cinPlanEndDate() != null) {
        xml.leaf("CINPlanEndDate", e.cinPlanEndDate().toString());
      }
      xml.close();
    }
    if (e.hasSection47()) {
      xml.open("Section47");
      xml.leaf("S47ActualStartDate", e.s47ActualStartDate().toString());
      if (e.initialCpcTarget() != null) {
        xml.leaf("InitialCPCtarget", e.initialCpcTarget().toString());
      }
      if (e.dateOfInitialCpc() != null) {
        xml.leaf("DateOfInitialCPC", e.dateOfInitialCpc().toString());
      }
      xml.leaf("ICPCnotRequired", yesNo(e.icpcNotRequired()));
      xml.close();
    }
    xml.leaf("ReferralNFA", yesNo(e.referralNfa()));
    if (e.hasChildProtectionPlan()) {
      xml.open("ChildProtectionPlans");
      xml.leaf("CPPstartDate", e.cppStartDate().toString());
      if (e.cppEndDate() != null) {
        xml.leaf("CPPendDate", e.cppEndDate().toString());
      }
      xml.leaf("InitialCategoryOfAbuse", e.initialCategoryOfAbuse());
      xml.leaf("LatestCategoryOfAbuse", e.latestCategoryOfAbuse());
      xml.leaf("NumberOfPreviousCPP", String.valueOf(e.numberOfPreviousCpp()));
      if (!e.cppReviewDates().isEmpty()) {
        xml.open("Reviews");
        for (LocalDate date : e.cppReviewDates()) {
          xml.leaf("CPPreviewDate", date.toString());
        }
        xml.close();
      }
      xml.close();
    }
    xml.close();
  }

  /**
   * A StAX writer that lays the message out as it has always been laid out: each element on its own
   * line, two spaces per level, a text-only element on one line, an element without text as {@code <X/>}.
   */
  private static final class Xml {
    private final XMLStreamWriter out;
    private int depth;

    Xml(XMLStreamWriter out) {
      this.out = out;
    }

    void open(String name) throws XMLStreamException {
      indent();
      out.writeStartElement(name);
      depth++;
    }

    void leaf(String name, String text) throws XMLStreamException {
      indent();
      if (text == null || text.isEmpty()) {
        out.writeEmptyElement(name);
      } else {
        out.writeStartElement(name);
        out.writeCharacters(text);
        out.writeEndElement();
      }
    }

    void close() throws XMLStreamException {
      depth--;
      out.writeCharacters("\n" + "  ".repeat(depth));
      out.writeEndElement();
    }

    void end() throws XMLStreamException {
      out.flush();
    }

    private void indent() throws XMLStreamException {
      if (depth > 0) {
        out.writeCharacters("\n" + "  ".repeat(depth));
      }
    }
  }

  /** 0 and 1 are the only booleans every census schema accepts. */
  private static String yesNo(boolean value) {
    return value ? "1" : "0";
  }
}
