package org.safeguardflow.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.safeguardflow.documents.CaseDocument.Entry;
import org.safeguardflow.documents.CaseDocument.Section;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Renders a {@link CaseDocument} as an A4 PDF for one {@link DocumentReader}, with Apache PDFBox.
 *
 * <p>What the reader may not see is left out before anything is drawn: entries whose
 * {@link CaseDocument.Sharing} the reader may not see, and a section left with no entry (its heading
 * too, since a heading such as "Father's address" can itself tell). Every text is drawn as text, never
 * parsed as markup, so {@code <script>} or {@code **bold**} typed into the record prints as those
 * characters. Names and words print in their own script: PDFBox's Liberation Sans where it has the
 * character, else an installed font ({@link FallbackFonts}), embedded as a subset; Arabic-script
 * text is joined and right-to-left text ordered ({@link PrintedText}); emoji print as their names; a
 * character no font has prints as a named placeholder, and the scripts concerned are logged (WARN) so
 * that an operator can install the fonts (README, "Documents").
 */
@Component
public class PdfDocuments {

  private static final float MARGIN = 56;
  private static final float TITLE_SIZE = 18;
  private static final float HEADING_SIZE = 14;
  private static final float LABEL_SIZE = 9.5f;
  private static final float BODY_SIZE = 11;
  private static final float FOOTER_SIZE = 8;

  private static final Logger log = LoggerFactory.getLogger(PdfDocuments.class);

  private final FallbackFonts fonts;

  /** @param fonts the installed fonts a character Liberation Sans lacks is drawn with */
  public PdfDocuments(FallbackFonts fonts) {
    this.fonts = fonts;
  }

  /** The PDF of the document as this reader may see it. */
  public byte[] render(CaseDocument document, DocumentReader reader) {
    try (PDDocument pdf = new PDDocument(); DocumentFonts documentFonts = fonts.forDocument(pdf)) {
      PDDocumentInformation info = pdf.getDocumentInformation();
      info.setTitle(document.title());
      info.setSubject("Case " + document.caseRef() + ", for " + reader.description());
      info.setProducer("Safeguard Flow");
      Calendar created = Calendar.getInstance();
      created.setTime(ClockUtil.getCurrentTime());
      info.setCreationDate(created);
      Writer writer = new Writer(pdf, documentFonts, document, reader);
      writer.write(visible(document, reader));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      pdf.save(out);
      if (!writer.missing.isEmpty()) {
        log.warn("Document {} of case {}: characters in {} printed as named placeholders: no installed font has "
            + "them (safeguard.documents.font-dirs {}; README, Documents)", document.kind(), document.caseRef(),
            writer.missing, fonts.dirs());
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The sections as this reader may see them: hidden entries left out, and sections left empty dropped. */
  static List<Section> visible(CaseDocument document, DocumentReader reader) {
    List<Section> shown = new ArrayList<>();
    for (Section section : document.sections()) {
      List<Entry> entries = section.entries().stream().filter(e -> reader.maySee(e.sharing())).toList();
      if (!entries.isEmpty()) {
        shown.add(new Section(section.heading(), entries));
      }
    }
    return shown;
  }

  /** Lays text out line by line, top to bottom, starting a new page when one is full. */
  private static final class Writer {
    private final PDDocument pdf;
    private final DocumentFonts fonts;
    private final CaseDocument document;
    private final DocumentReader reader;
    private final float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
    final Set<String> missing = new TreeSet<>();
    private PDPageContentStream page;
    private float y;
    private int pages;

    Writer(PDDocument pdf, DocumentFonts fonts, CaseDocument document, DocumentReader reader) {
      this.pdf = pdf;
      this.fonts = fonts;
      this.document = document;
      this.reader = reader;
    }

    void write(List<Section> sections) throws IOException {
      newPage();
      paragraph(document.title(), TITLE_SIZE, 6);
      paragraph("Case " + document.caseRef() + ". This copy is for " + reader.description() + ".", LABEL_SIZE, 14);
      for (Section section : sections) {
        space(8);
        if (section.heading() != null && !section.heading().isBlank()) {
          paragraph(section.heading(), HEADING_SIZE, 4);
        }
        for (Entry entry : section.entries()) {
          if (entry.label() != null && !entry.label().isBlank()) {
            paragraph(entry.label(), LABEL_SIZE, 1);
          }
          String text = entry.text() == null || entry.text().isBlank() ? "(not recorded)" : entry.text();
          for (String line : text.split("\\R", -1)) {
            paragraph(line, BODY_SIZE, 0);
          }
          space(6);
        }
      }
      page.close();
    }

    private void paragraph(String typed, float size, float after) throws IOException {
      String text = PrintedText.prepare(typed, fonts, missing);
      boolean rightToLeft = PrintedText.isRightToLeft(text);
      for (String line : wrap(text, size)) {
        if (y - size * 1.35f < MARGIN + 20) {
          page.close();
          newPage();
        }
        y -= size * 1.35f;
        draw(line, rightToLeft, size, MARGIN, y);
      }
      space(after);
    }

    /** Draws one line, left-aligned, or right-aligned when its paragraph reads right to left. */
    private void draw(String line, boolean rightToLeft, float size, float left, float baseline) throws IOException {
      if (line.isEmpty()) {
        return;
      }
      List<PrintedText.Run> runs = PrintedText.visualRuns(line, rightToLeft, fonts, size);
      float total = 0;
      for (PrintedText.Run run : runs) {
        total += run.width();
      }
      float x = rightToLeft ? left + width - total : left;
      page.beginText();
      page.newLineAtOffset(x, baseline);
      for (PrintedText.Run run : runs) {
        page.setFont(run.font(), size);
        page.showText(run.text());
      }
      page.endText();
    }

    private void space(float points) {
      y -= points;
    }

    private void newPage() throws IOException {
      PDPage next = new PDPage(PDRectangle.A4);
      pdf.addPage(next);
      pages++;
      page = new PDPageContentStream(pdf, next);
      String footer = PrintedText.prepare(
          "Case " + document.caseRef() + " · for " + reader.description() + " · page " + pages, fonts, missing);
      draw(footer, false, FOOTER_SIZE, MARGIN, MARGIN - 24);
      y = PDRectangle.A4.getHeight() - MARGIN;
    }

    /** Breaks a prepared text into lines that fit the page width; a word too long for a line is split. */
    private List<String> wrap(String text, float size) {
      List<String> lines = new ArrayList<>();
      StringBuilder line = new StringBuilder();
      for (String word : text.split(" ", -1)) {
        String candidate = line.isEmpty() ? word : line + " " + word;
        if (width(candidate, size) <= width) {
          line.setLength(0);
          line.append(candidate);
          continue;
        }
        if (!line.isEmpty()) {
          lines.add(line.toString());
          line.setLength(0);
        }
        String rest = word;
        while (width(rest, size) > width) {
          int cut = rest.offsetByCodePoints(0, 1);
          while (cut < rest.length() && width(rest.substring(0, rest.offsetByCodePoints(cut, 1)), size) <= width) {
            cut = rest.offsetByCodePoints(cut, 1);
          }
          lines.add(rest.substring(0, cut));
          rest = rest.substring(cut);
        }
        line.append(rest);
      }
      lines.add(line.toString());
      return lines;
    }

    private float width(String text, float size) {
      return PrintedText.width(text, fonts, size);
    }
  }
}
