package org.safeguardflow.casework.protectionplan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.safeguardflow.casework.family.FamilyMember;
import org.safeguardflow.casework.family.FamilyNetwork;
import org.safeguardflow.documents.CaseDocument;
import org.safeguardflow.documents.CaseDocument.Entry;
import org.safeguardflow.documents.CaseDocument.Section;
import org.safeguardflow.documents.CaseDocument.Sharing;
import org.safeguardflow.documents.DocumentSource;
import org.springframework.stereotype.Component;

/**
 * The letter before proceedings ({@code letter-before-proceedings}) as a document, from the record: the
 * latest letter kept ({@link LettersToFamilies}) and, as its addressees, everyone the family network says
 * holds parental responsibility (fathers not living with the child included).
 *
 * <p>What each reader sees: the addressees' names and the letter, everyone; each addressee's postal
 * address, professionals only (the letter goes to each parent, and one parent's address is a third
 * party's details to the other: Data Protection Act 2018 sch. 2 part 3); the reading measure,
 * professionals; why a letter was kept above the plain-English threshold, the record only.
 */
@Component
class LetterBeforeProceedingsDocument implements DocumentSource {

  private final LettersToFamilies letters;
  private final FamilyNetwork family;

  LetterBeforeProceedingsDocument(LettersToFamilies letters, FamilyNetwork family) {
    this.letters = letters;
    this.family = family;
  }

  @Override
  public String kind() {
    return LettersToFamilies.LETTER_BEFORE_PROCEEDINGS;
  }

  @Override
  public Optional<CaseDocument> build(String caseRef) {
    return letters.latest(caseRef, kind()).map(letter -> {
      List<Entry> to = new ArrayList<>();
      List<FamilyMember> parents = family.withParentalResponsibility(caseRef);
      if (parents.isEmpty()) {
        to.add(Entry.shared("To", "The child's parents (nobody with parental responsibility is recorded in the family network)"));
      }
      for (FamilyMember parent : parents) {
        to.add(Entry.shared(parent.relationship().label(), parent.name()));
        if (parent.address() != null) {
          to.add(new Entry("Address of " + parent.name(), parent.address(), Sharing.PROFESSIONALS));
        }
      }
      List<Section> sections = new ArrayList<>();
      sections.add(new Section("To", to));
      sections.add(new Section("The letter", List.of(
          Entry.shared("Date", letter.letterDate() == null ? null : letter.letterDate().toString()),
          Entry.shared(null, letter.text()))));
      sections.add(new Section("Plain English", List.of(new Entry("Reading measure",
          String.format(Locale.ROOT, "Reading age %.1f years; Flesch reading ease %.1f (60 or more is plain English)",
              letter.readingAge(), letter.readingEase()), Sharing.PROFESSIONALS))));
      if (letter.keptAboveReason() != null) {
        sections.add(new Section("Kept above the plain-English threshold", List.of(
            new Entry("Reason given by " + letter.writtenBy(), letter.keptAboveReason(), Sharing.RECORD_ONLY))));
      }
      return new CaseDocument(kind(), "Letter before proceedings", caseRef, sections);
    });
  }
}
