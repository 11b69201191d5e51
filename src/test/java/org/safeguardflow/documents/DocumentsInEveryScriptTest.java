package org.safeguardflow.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safeguardflow.documents.CaseDocument.Entry;
import org.safeguardflow.documents.CaseDocument.Section;

/**
 * Yusuf's plan, for a family who write their names in Arabic, Urdu and Chinese: the family's copy
 * prints every name in its own script (read back with PDFBox's text extraction, which gives right-to-left
 * text in logical order), Arabic joined and laid right to left, his words with their emoji kept as
 * names, and a character no installed font has printed as a named placeholder, never as {@code ?}.
 * Uses the fonts installed on this machine (README, "Documents": {@code bin/test} installs Debian's
 * {@code fonts-noto-core} and {@code fonts-droid-fallback}); the last scenario is a server without them.
 */
class DocumentsInEveryScriptTest {

  static final FallbackFonts INSTALLED = new FallbackFonts(List.of(FallbackFonts.DEFAULT_DIRS.split(",")));

  static final String MOTHER = "عائشة رحمن";
  static final String FATHER = "王芳";
  static final String GRANDMOTHER = "زینب بی بی";
  static final String STEPFATHER = "שרה כהן";
  static final String AUNT = "Łódź café naïve Ștefania";
  static final String UNCLE = "ሰላም ኣብርሃም";
  static final String YUSUFS_WORDS = "I feel 😢 at 🏠. Mum 👩‍👦 👍🏽";

  final PdfDocuments pdf = new PdfDocuments(INSTALLED);

  final CaseDocument yusufsPlan = new CaseDocument("test-plan", "Plan for Yusuf Rahman", "CR-2026-000200", List.of(
      new Section("Yusuf's family", List.of(
          Entry.shared("Mother", MOTHER),
          Entry.shared("Father", FATHER),
          Entry.shared("Grandmother (Urdu)", GRANDMOTHER),
          Entry.shared("Stepfather", STEPFATHER),
          Entry.shared("Aunt", AUNT),
          Entry.shared("Uncle (Tigrinya)", UNCLE),
          Entry.shared("Mother, as she signs", "Aisha (" + MOTHER + ") 2026"))),
      new Section("What Yusuf told us", List.of(Entry.shared("In his own words", YUSUFS_WORDS)))));

  @Test
  void theFamilysNamesPrintInArabicChineseUrduHebrewAndTigrinyaNotAsQuestionMarks() throws IOException {
    String text = textOf(pdf.render(yusufsPlan, DocumentReader.FAMILY));

    assertThat(text).contains(MOTHER, FATHER, GRANDMOTHER, STEPFATHER, AUNT, UNCLE, "Aisha (" + MOTHER + ") 2026");
    assertThat(text).as("no character became a question mark").doesNotContain("?");
  }

  @Test
  void yusufsWordsKeepTheMeaningOfTheirEmojiAsTheirNames() throws IOException {
    String text = textOf(pdf.render(yusufsPlan, DocumentReader.FAMILY));

    assertThat(text).contains(
        "I feel [crying face] at [house building]. Mum [woman + boy] [thumbs up sign, medium skin tone]");
  }

  @Test
  void anArabicNameIsJoinedAndLaidRightToLeft() throws IOException {
    List<TextPosition> drawn = mothersFirstName(pdf.render(yusufsPlan, DocumentReader.FAMILY));
    // Left to right on the page: the word's last letter, teh marbuta in its final form (U+FE94), comes
    // first; its first letter, ain in its initial form (U+FECB), last.
    String leftToRight = drawn.stream().sorted((a, b) -> Float.compare(a.getX(), b.getX()))
        .map(TextPosition::getUnicode).reduce("", String::concat);
    assertThat(leftToRight).startsWith("\uFE94").endsWith("\uFECB");
  }

  @Test
  void anUrduNameIsJoinedToo() throws IOException {
    CaseDocument note = new CaseDocument("test", "Note", "CR-2026-000203", List.of(new Section("Names", List.of(
        Entry.shared("Grandmother", "زینب بی بی ٹھیک ہے")))));
    List<String> drawn = new ArrayList<>();
    try (PDDocument read = Loader.loadPDF(pdf.render(note, DocumentReader.FAMILY))) {
      new PDFTextStripper() {
        @Override
        protected void processTextPosition(TextPosition text) {
          drawn.add(text.getUnicode());
        }
      }.getText(read);
    }
    // Urdu's farsi yeh, heh goal, yeh barree, tteh, keheh and do-chashmi heh each drawn in its joined
    // form (Arabic Presentation Forms-A), none left as the bare letter that would print unjoined.
    assertThat(drawn).contains("\uFBFE", "\uFBA8", "\uFBAF", "\uFB68", "\uFB8F", "\uFBAD")
        .noneMatch(u -> u.codePointAt(0) >= 0x0620 && u.codePointAt(0) <= 0x06FF);
  }

  @Test
  void aPunjabiNameInGurmukhiHasItsVowelSignIWrittenBeforeItsConsonant() throws IOException {
    CaseDocument note = new CaseDocument("test", "Note", "CR-2026-000202", List.of(new Section("Names", List.of(
        Entry.shared("Stepfather", "ਸਿੰਘ")))));
    List<TextPosition> drawn = new ArrayList<>();
    try (PDDocument read = Loader.loadPDF(pdf.render(note, DocumentReader.FAMILY))) {
      new PDFTextStripper() {
        @Override
        protected void processTextPosition(TextPosition text) {
          drawn.add(text);
        }
      }.getText(read);
    }
    float vowelSignI = drawn.stream().filter(t -> t.getUnicode().equals("\u0A3F")).findFirst().orElseThrow().getX();
    float sa = drawn.stream().filter(t -> t.getUnicode().equals("\u0A38")).findFirst().orElseThrow().getX();
    assertThat(vowelSignI).as("ਿ left of ਸ").isLessThan(sa);
  }

  @Test
  void aCharacterNoFontHasPrintsAsANamedPlaceholderNeverAQuestionMark() throws IOException {
    // Garay (Unicode 16, Senegal and Gambia's Wolof): no font of Debian 12's has it.
    CaseDocument note = new CaseDocument("test", "Note", "CR-2026-000201", List.of(new Section("Names", List.of(
        Entry.shared("Cousin", "\uD803\uDD50 Ndiaye"),
        Entry.shared("Cousin's full name", "\uD803\uDD50\uD803\uDD70 Ndiaye")))));

    String text = textOf(pdf.render(note, DocumentReader.FAMILY));

    assertThat(text).contains("[U+10D50 GARAY CAPITAL LETTER A] Ndiaye", "[Garay: U+10D50 U+10D70] Ndiaye")
        .doesNotContain("?");
  }

  @Test
  void aServerWithoutTheFontsStillPrintsTheDocumentNamingWhatItCannotPrint(@TempDir Path noFonts) throws IOException {
    PdfDocuments bare = new PdfDocuments(new FallbackFonts(List.of(noFonts.toString(), noFonts.resolve("gone").toString())));

    String text = textOf(bare.render(yusufsPlan, DocumentReader.FAMILY));

    assertThat(text).contains("[Arabic: U+0639 U+0627 U+0626 U+0634 U+0629] [Arabic: U+0631 U+062D U+0645 U+0646]",
        "[Han: U+738B U+82B3]", AUNT, "I feel [crying face] at [house building]");
    assertThat(text).doesNotContain("?");
  }

  @Test
  void onlyTheFontsADocumentNeedsAreEmbeddedAndOnlyTheirGlyphsUsed() throws IOException {
    byte[] rendered = pdf.render(yusufsPlan, DocumentReader.FAMILY);
    List<String> fonts = new ArrayList<>();
    try (PDDocument read = Loader.loadPDF(rendered)) {
      for (PDPage page : read.getPages()) {
        for (COSName name : page.getResources().getFontNames()) {
          PDFont font = page.getResources().getFont(name);
          fonts.add(font.getName());
          assertThat(font.isEmbedded()).as(font.getName()).isTrue();
        }
      }
    }
    assertThat(fonts).as("each a subset (six-letter tag)").allMatch(f -> f.matches("[A-Z]{6}\\+.+"));
    assertThat(fonts).anyMatch(f -> f.endsWith("LiberationSans")).anyMatch(f -> f.contains("Arabic"))
        .anyMatch(f -> f.contains("DroidSansFallback")).anyMatch(f -> f.contains("Ethiopic"));
    assertThat(rendered.length).as("subsets, not whole fonts (Droid Sans Fallback alone is 4 MB)")
        .isLessThan(200_000);

    CaseDocument english = new CaseDocument("test", "Plan for Ella Smith", "CR-2026-000123",
        List.of(new Section("Family", List.of(Entry.shared("Mother", "Sarah Smith")))));
    try (PDDocument read = Loader.loadPDF(pdf.render(english, DocumentReader.FAMILY))) {
      assertThat(read.getPage(0).getResources().getFontNames()).hasSize(1);
    }
  }

  static String textOf(byte[] rendered) throws IOException {
    try (PDDocument read = Loader.loadPDF(rendered)) {
      return new PDFTextStripper().getText(read);
    }
  }

  /** The glyphs of "عائشة" as drawn: from its final teh marbuta to its initial ain, if drawn joined, right to left. */
  static List<TextPosition> mothersFirstName(byte[] rendered) throws IOException {
    List<TextPosition> all = new ArrayList<>();
    try (PDDocument read = Loader.loadPDF(rendered)) {
      PDFTextStripper stripper = new PDFTextStripper() {
        @Override
        protected void processTextPosition(TextPosition text) {
          all.add(text);
        }
      };
      stripper.getText(read);
    }
    int start = -1;
    for (int i = 0; i < all.size(); i++) {
      String u = all.get(i).getUnicode();
      if (start < 0 && u.equals("\uFE94")) {
        start = i;
      }
      if (start >= 0 && u.equals("\uFECB")) {
        return all.subList(start, i + 1);
      }
    }
    throw new AssertionError("the mother's name was not drawn joined: " + all.stream().map(TextPosition::getUnicode).toList());
  }
}
