package org.safeguardflow.documents;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterCategory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fonts of one PDF being written: Liberation Sans for every character it has, and for any other
 * the installed font {@link FallbackFonts} chooses, loaded on first use and embedded as a subset of the
 * glyphs drawn. Not shared between threads or documents; close it after the document is saved (the
 * subsets are cut from the open font files when PDFBox saves).
 */
public final class DocumentFonts implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DocumentFonts.class);

  private final PDDocument pdf;
  private final PDFont bundled;
  private final FallbackFonts installed;
  private final Map<Integer, Boolean> inBundled = new HashMap<>();
  private final Map<Integer, PDFont> loaded = new HashMap<>();
  private final Map<PDFont, FallbackFonts.Face> faceOf = new HashMap<>();
  private final Map<PDFont, Map<Integer, Float>> widths = new HashMap<>();
  private final List<AutoCloseable> open = new ArrayList<>();

  DocumentFonts(PDDocument pdf, PDFont bundled, FallbackFonts installed) {
    this.pdf = pdf;
    this.bundled = bundled;
    this.installed = installed;
  }

  /** PDFBox's Liberation Sans, embedded in every document. */
  public PDFont bundled() {
    return bundled;
  }

  /** The font that draws this character, or null when no font here has it. */
  public PDFont fontFor(int codePoint) {
    if (inBundled.computeIfAbsent(codePoint, this::bundledHas)) {
      return bundled;
    }
    int face = installed.faceFor(codePoint);
    return face < 0 ? null : load(face);
  }

  /**
   * The font for a character drawn right after one in {@code previous}: a combining mark stays in its
   * base letter's font when that font has it (a mark from another font would sit in the wrong place).
   */
  public PDFont fontFor(int codePoint, PDFont previous) {
    if (previous != null && isMark(codePoint) && covers(previous, codePoint)) {
      return previous;
    }
    return fontFor(codePoint);
  }

  /** Whether some font here draws this character. */
  public boolean canDraw(int codePoint) {
    return fontFor(codePoint) != null;
  }

  /** The advance of one character in the given font, in points at the given size. */
  public float width(PDFont font, int codePoint, float size) {
    float units = widths.computeIfAbsent(font, f -> new HashMap<>()).computeIfAbsent(codePoint, cp -> {
      try {
        return font.getStringWidth(new String(Character.toChars(cp)));
      } catch (IOException | IllegalArgumentException e) {
        return 0f;
      }
    });
    return units / 1000 * size;
  }

  private boolean covers(PDFont font, int codePoint) {
    if (font == bundled) {
      return inBundled.computeIfAbsent(codePoint, this::bundledHas);
    }
    FallbackFonts.Face face = faceOf.get(font);
    return face != null && face.covers(codePoint);
  }

  private static boolean isMark(int codePoint) {
    int type = UCharacter.getType(codePoint);
    return type == UCharacterCategory.NON_SPACING_MARK || type == UCharacterCategory.ENCLOSING_MARK
        || type == UCharacterCategory.COMBINING_SPACING_MARK;
  }

  private boolean bundledHas(int codePoint) {
    try {
      bundled.encode(new String(Character.toChars(codePoint)));
      return true;
    } catch (IllegalArgumentException | IOException notInTheFont) {
      return false;
    }
  }

  private PDFont load(int index) {
    return loaded.computeIfAbsent(index, i -> {
      FallbackFonts.Face face = installed.face(i);
      try {
        FallbackFonts.Opened opened = face.open();
        open.add(opened.toClose());
        PDFont font = PDType0Font.load(pdf, opened.font(), true);
        faceOf.put(font, face);
        return font;
      } catch (IOException | RuntimeException e) {
        log.warn("Document fonts: {} could not be loaded: {}", face.file(), e.toString());
        return null;
      }
    });
  }

  /** Closes the font files opened for this document; call after it is saved. */
  @Override
  public void close() {
    for (AutoCloseable file : open) {
      try {
        file.close();
      } catch (Exception e) {
        log.debug("Document fonts: closing a font file failed", e);
      }
    }
    open.clear();
  }
}
