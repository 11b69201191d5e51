package org.safeguardflow.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.safeguardflow.documents.CaseDocument.Entry;
import org.safeguardflow.documents.CaseDocument.Section;
import org.springframework.stereotype.Component;

/**
 * Renders a {@link CaseDocument} as an A4 PDF for one {@link DocumentReader}, with Apache PDFBox.
 *
 * <p>What the reader may not see is left out before anything is drawn: entries whose
 * {@link CaseDocument.Sharing} the reader may not see, and a section left with no entry (its heading
 * too, since a heading such as "Father's address" can itself tell). Every text is drawn as text with
 * PDFBox's own embedded Liberation Sans (Unicode: accents, Greek, Cyrillic); nothing is parsed as
 * markup, so {@code <script>} or {@code **bold**} typed into the record prints as those characters.
 * Control characters are dropped and a character the font lacks prints as {@code ?}.
 */
@Component
public class PdfDocuments {

  static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
  private static final float MARGIN = 56;
  private static final float TITLE_SIZE = 18;
  private static final float HEADING_SIZE = 14;
  private static final float LABEL_SIZE = 9.5f;
  private static final float BODY_SIZE = 11;
  private static final float FOOTER_SIZE = 8;

  /** The PDF of the document as this reader may see it. */
  public byte[] render(CaseDocument document, DocumentReader reader) {
    try (PDDocument pdf = new PDDocument(); InputStream fontFile = PdfDocuments.class.getResourceAsStream(FONT)) {
      if (fontFile == null) {
        throw new IllegalStateException("PDFBox's Liberation Sans is missing from the classpath");
      }
      PDFont font = PDType0Font.load(pdf, fontFile);
      PDDocumentInformation info = pdf.getDocumentInformation();
      info.setTitle(document.title());
      info.setSubject("Case " + document.caseRef() + ", for " + reader.description());
      info.setProducer("Safeguard Flow");
      Calendar created = Calendar.getInstance();
      created.setTime(ClockUtil.getCurrentTime());
      info.setCreationDate(created);
      new Writer(pdf, font, document, reader).write(visible(document, reader));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      pdf.save(out);
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
    private final PDFont font;
    private final CaseDocument document;
    private final DocumentReader reader;
    private final Map<Integer, Boolean> drawable = new HashMap<>();
    private final float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private PDPageContentStream page;
    private float y;
    private int pages;

    Writer(PDDocument pdf, PDFont font, CaseDocument document, DocumentReader reader) {
      this.pdf = pdf;
      this.font = font;
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

    private void paragraph(String text, float size, float after) throws IOException {
      for (String line : wrap(printable(text), size)) {
        if (y - size * 1.35f < MARGIN + 20) {
          page.close();
          newPage();
        }
        y -= size * 1.35f;
        if (!line.isEmpty()) {
          page.beginText();
          page.setFont(font, size);
          page.newLineAtOffset(MARGIN, y);
          page.showText(line);
          page.endText();
        }
      }
      space(after);
    }

    private void space(float points) {
      y -= points;
    }

    private void newPage() throws IOException {
      PDPage next = new PDPage(PDRectangle.A4);
      pdf.addPage(next);
      pages++;
      page = new PDPageContentStream(pdf, next);
      page.beginText();
      page.setFont(font, FOOTER_SIZE);
      page.newLineAtOffset(MARGIN, MARGIN - 24);
      page.showText(printable("Case " + document.caseRef() + " · for " + reader.description() + " · page " + pages));
      page.endText();
      y = PDRectangle.A4.getHeight() - MARGIN;
    }

    /** The text with control characters dropped (tabs become spaces) and characters the font lacks as '?'. */
    private String printable(String text) {
      StringBuilder out = new StringBuilder(text.length());
      text.codePoints().forEach(cp -> {
        if (cp == '\t') {
          out.append(' ');
        } else if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
          // dropped: invisible, and some (bidirectional overrides) would make a text read otherwise
        } else if (drawable.computeIfAbsent(cp, this::hasGlyph)) {
          out.appendCodePoint(cp);
        } else {
          out.append('?');
        }
      });
      return out.toString();
    }

    private boolean hasGlyph(int codePoint) {
      try {
        font.encode(new String(Character.toChars(codePoint)));
        return true;
      } catch (IllegalArgumentException | IOException notInTheFont) {
        return false;
      }
    }

    /** Breaks a printable text into lines that fit the page width; a word too long for a line is split. */
    private List<String> wrap(String text, float size) throws IOException {
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

    private float width(String text, float size) throws IOException {
      return font.getStringWidth(text) / 1000 * size;
    }
  }
}
