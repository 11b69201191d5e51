package org.safeguardflow.audit;

import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.safeguardflow.casework.CinCodes;
import org.safeguardflow.timescales.StatutoryTimescales;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

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

  /** The census message for the year ending 31 March {@code year}, as XML in the schema's element order. */
  byte[] message(int year) {
    return write(census(year));
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
    for (Episode episode : episodes.overlapping(LocalDate.of(1900, 1, 1), to)) {
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
    return new CensusReturn(year, to, laCode, List.copyOf(children));
  }

  private static CensusReturn.Episode details(Episode e, LocalDate from, LocalDate to, List<LocalDate> planStarts) {
    LocalDate closure = upTo(e.closureDate(), to);
    String reason = closure != null && CinCodes.REASONS_FOR_CLOSURE.containsKey(e.reasonForClosure())
        ? e.reasonForClosure() : null;
    LocalDate assessmentStart = upTo(e.assessmentActualStartDate(), to);
    LocalDate authorised = assessmentStart == null ? null : upTo(e.assessmentAuthorisationDate(), to);
    if (authorised != null && authorised.isBefore(from)) {
      // Completed in an earlier year: that year's return carried it.
      assessmentStart = null;
      authorised = null;
    }
    // Factors are census items of a completed (authorised) assessment.
    List<String> factors = authorised == null ? List.of() : List.copyOf(e.assessmentFactors());
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
    boolean referralNfa = closure != null && e.assessmentActualStartDate() == null && e.s47ActualStartDate() == null;
    return new CensusReturn.Episode(e.caseRef(), e.referralDate(),
        CinCodes.REFERRAL_SOURCES.containsKey(e.referralSource()) ? e.referralSource() : "10", e.primaryNeedCode(),
        closure, reason, assessmentStart, authorised, factors, cinStart, cinEnd, s47Start, target, icpc,
        icpcNotRequired, referralNfa, cppStart, cppEnd, initial, latest, previous, reviews);
  }

  /** The date if it is on or before the reference date; what happens later belongs to a later return. */
  private static LocalDate upTo(LocalDate date, LocalDate referenceDate) {
    return date == null || date.isAfter(referenceDate) ? null : date;
  }

  /** Writes the census exactly as {@link #census} holds it, in the schema's element order. */
  public byte[] write(CensusReturn census) {
    try {
      Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
      Element message = add(doc, doc, "Message");
      Element header = add(doc, message, "Header");
      Element collection = add(doc, header, "CollectionDetails");
      add(doc, collection, "Collection", "CIN");
      add(doc, collection, "Year", String.valueOf(census.year()));
      add(doc, collection, "ReferenceDate", census.referenceDate().toString());
      Element source = add(doc, header, "Source");
      add(doc, source, "SourceLevel", "L");
      add(doc, source, "LEA", census.laCode());
      add(doc, source, "SoftwareCode", "Safeguard Flow");
      add(doc, source, "Release", "1");
      add(doc, source, "SerialNo", "001");
      add(doc, source, "DateTime", LocalDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(),
          StatutoryTimescales.LONDON).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")));
      Element children = add(doc, message, "Children");
      for (CensusReturn.Child child : census.children()) {
        child(doc, children, census.year(), child);
      }
      var out = new ByteArrayOutputStream();
      var transformer = TransformerFactory.newInstance().newTransformer();
      transformer.setOutputProperty(OutputKeys.INDENT, "yes");
      transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
      transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      transformer.transform(new DOMSource(doc), new StreamResult(out));
      return out.toByteArray();
    } catch (ParserConfigurationException | TransformerException e) {
      throw new IllegalStateException("Could not write the CIN census message", e);
    }
  }

  private void child(Document doc, Element children, int year, CensusReturn.Child child) {
    Element element = add(doc, children, "Child");
    Element ids = add(doc, element, "ChildIdentifiers");
    add(doc, ids, "LAchildID", child.laChildId());
    // UPN and UPNunknown are optional in the schema; the front door does not record a UPN yet.
    if (child.personBirthDate() != null) {
      add(doc, ids, "PersonBirthDate", child.personBirthDate().toString());
    } else if (child.expectedPersonBirthDate() != null) {
      add(doc, ids, "ExpectedPersonBirthDate", child.expectedPersonBirthDate().toString());
    }
    if (year >= FIRST_YEAR_WITH_SEX) {
      add(doc, ids, "Sex", child.sex());
    } else {
      add(doc, ids, "GenderCurrent", GENDER_CURRENT.get(child.sex()));
    }
    Element characteristics = add(doc, element, "ChildCharacteristics");
    add(doc, characteristics, "Ethnicity", child.ethnicity());
    for (CensusReturn.Episode episode : child.episodes()) {
      details(doc, element, episode);
    }
  }

  private static void details(Document doc, Element child, CensusReturn.Episode e) {
    Element details = add(doc, child, "CINdetails");
    add(doc, details, "CINreferralDate", e.cinReferralDate().toString());
    add(doc, details, "ReferralSource", e.referralSource());
    add(doc, details, "PrimaryNeedCode", e.primaryNeedCode());
    if (e.cinClosureDate() != null) {
      add(doc, details, "CINclosureDate", e.cinClosureDate().toString());
      if (e.reasonForClosure() != null) {
        add(doc, details, "ReasonForClosure", e.reasonForClosure());
      }
    }
    if (e.hasAssessment()) {
      Element assessment = add(doc, details, "Assessments");
      add(doc, assessment, "AssessmentActualStartDate", e.assessmentActualStartDate().toString());
      if (e.assessmentAuthorisationDate() != null) {
        add(doc, assessment, "AssessmentAuthorisationDate", e.assessmentAuthorisationDate().toString());
        if (!e.assessmentFactors().isEmpty()) {
          Element factors = add(doc, assessment, "FactorsIdentifiedAtAssessment");
          e.assessmentFactors().forEach(code -> add(doc, factors, "AssessmentFactors", code));
        }
      }
    }
    if (e.hasCinPlan()) {
      Element plan = add(doc, details, "CINPlanDates");
      add(doc, plan, "CINPlanStartDate", e.cinPlanStartDate().toString());
      if (e.cinPlanEndDate() != null) {
        add(doc, plan, "CINPlanEndDate", e.cinPlanEndDate().toString());
      }
    }
    if (e.hasSection47()) {
      Element s47 = add(doc, details, "Section47");
      add(doc, s47, "S47ActualStartDate", e.s47ActualStartDate().toString());
      if (e.initialCpcTarget() != null) {
        add(doc, s47, "InitialCPCtarget", e.initialCpcTarget().toString());
      }
      if (e.dateOfInitialCpc() != null) {
        add(doc, s47, "DateOfInitialCPC", e.dateOfInitialCpc().toString());
      }
      add(doc, s47, "ICPCnotRequired", yesNo(e.icpcNotRequired()));
    }
    add(doc, details, "ReferralNFA", yesNo(e.referralNfa()));
    if (e.hasChildProtectionPlan()) {
      Element plan = add(doc, details, "ChildProtectionPlans");
      add(doc, plan, "CPPstartDate", e.cppStartDate().toString());
      if (e.cppEndDate() != null) {
        add(doc, plan, "CPPendDate", e.cppEndDate().toString());
      }
      add(doc, plan, "InitialCategoryOfAbuse", e.initialCategoryOfAbuse());
      add(doc, plan, "LatestCategoryOfAbuse", e.latestCategoryOfAbuse());
      add(doc, plan, "NumberOfPreviousCPP", String.valueOf(e.numberOfPreviousCpp()));
      if (!e.cppReviewDates().isEmpty()) {
        Element reviews = add(doc, plan, "Reviews");
        e.cppReviewDates().forEach(date -> add(doc, reviews, "CPPreviewDate", date.toString()));
      }
    }
  }

  /** 0 and 1 are the only booleans every census schema accepts. */
  private static String yesNo(boolean value) {
    return value ? "1" : "0";
  }

  private static Element add(Document doc, org.w3c.dom.Node parent, String name) {
    Element element = doc.createElement(name);
    parent.appendChild(element);
    return element;
  }

  private static Element add(Document doc, org.w3c.dom.Node parent, String name, String text) {
    Element element = add(doc, parent, name);
    element.setTextContent(text);
    return element;
  }
}
