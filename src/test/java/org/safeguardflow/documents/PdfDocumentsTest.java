package org.safeguardflow.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.safeguardflow.documents.CaseDocument.Entry;
import org.safeguardflow.documents.CaseDocument.Section;
import org.safeguardflow.documents.CaseDocument.Sharing;

/**
 * Ella's documents as PDF, read back with PDFBox's text extraction: each copy shows what its reader
 * may see and nothing else, and what was typed prints as typed.
 */
class PdfDocumentsTest {

  final PdfDocuments pdf = new PdfDocuments(new FallbackFonts(List.of(FallbackFonts.DEFAULT_DIRS.split(","))));

  final CaseDocument ellasPlan = new CaseDocument("test-plan", "Plan for Ella Smith", "CR-2026-000123", List.of(
      new Section("What we are worried about", List.of(
          Entry.shared("Danger statement", "Ella may be hurt if the house stays cold.\nSecond line of the worry."),
          new Entry("Police information", "Father's caution for assault in 2024", Sharing.PROFESSIONALS))),
      new Section("Referrer", List.of(new Entry("Who told us", "Ms Patel, Oak Primary", Sharing.RECORD_ONLY))),
      new Section("Family", List.of(
          Entry.shared("Mother", "<script>alert('x')</script> **Zoë** O'Brien-Nguyễn & <b>Co</b>")))));

  @Test
  void theFamilysCopyShowsOnlyWhatIsSharedWithEveryone() throws IOException {
    String text = textOf(pdf.render(ellasPlan, DocumentReader.FAMILY));

    assertThat(text).contains("Plan for Ella Smith", "CR-2026-000123", "the child and family",
        "Ella may be hurt if the house stays cold.", "Second line of the worry.");
    assertThat(text).doesNotContain("caution", "Police information", "Ms Patel", "Who told us");
    // A section left with nothing the reader may see loses its heading too.
    assertThat(text).doesNotContain("Referrer");
  }

  @Test
  void thePartnersCopyAddsWhatIsForProfessionalsButNeverWhatIsForTheRecordOnly() throws IOException {
    String text = textOf(pdf.render(ellasPlan, DocumentReader.PROFESSIONALS));

    assertThat(text).contains("Police information", "Father's caution for assault in 2024", "Ella may be hurt");
    assertThat(text).doesNotContain("Ms Patel", "Referrer");
  }

  @Test
  void markupTypedIntoANameIsPrintedAsTheCharactersTyped() throws IOException {
    String text = textOf(pdf.render(ellasPlan, DocumentReader.FAMILY));

    assertThat(text).contains("<script>alert('x')</script> **Zoë** O'Brien-Nguyễn & <b>Co</b>");
  }

  @Test
  void aLongRecordRunsOnToMorePagesWithoutLosingAWord() throws IOException {
    String longText = ("Ella said she likes school and her teacher Mrs Ahmed. ").repeat(400) + "THE LAST WORDS";
    CaseDocument long_ = new CaseDocument("test", "Long", "CR-2026-000124",
        List.of(new Section("Views", List.of(Entry.shared("Ella's views", longText)))));
    byte[] rendered = pdf.render(long_, DocumentReader.FAMILY);
    try (PDDocument read = Loader.loadPDF(rendered)) {
      assertThat(read.getNumberOfPages()).isGreaterThan(3);
      assertThat(new PDFTextStripper().getText(read)).contains("THE LAST WORDS").contains("page 4");
    }
  }

  @Test
  void controlCharactersAreDroppedRatherThanBreakingTheDocument() throws IOException {
    CaseDocument odd = new CaseDocument("test", "Odd", "CR-2026-000125", List.of(new Section("S",
        List.of(Entry.shared("Note", "before\u0000\u0007\u202Eafter\ttabbed")))));
    assertThat(textOf(pdf.render(odd, DocumentReader.FAMILY))).contains("beforeafter tabbed");
  }

  static String textOf(byte[] rendered) throws IOException {
    assertThat(new String(rendered, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    try (PDDocument read = Loader.loadPDF(rendered)) {
      return new PDFTextStripper().getText(read);
    }
  }
}
