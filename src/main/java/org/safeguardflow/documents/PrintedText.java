package org.safeguardflow.documents;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterDirection;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.Bidi;
import com.ibm.icu.text.Normalizer2;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * Text as typed, made ready for a PDF page, which draws glyphs left to right and knows nothing of
 * scripts: PDFBox neither shapes nor orders text.
 *
 * <ol>
 *   <li>Control characters are dropped (a tab becomes a space), and so are the invisible formatting
 *       ones, bidirectional overrides included: they would make a name read otherwise than typed.</li>
 *   <li>Emoji become their names in brackets ({@link EmojiNames}).</li>
 *   <li>Arabic-script letters (Arabic, Urdu, Persian, Pashto, Shahmukhi Punjabi) take their joined
 *       forms, Unicode's presentation forms ({@link #shape}).</li>
 *   <li>A character no font here has becomes a visible, named placeholder: {@code [U+10D4A GARAY
 *       CAPITAL LETTER A]}, or for a run {@code [Garay: U+10D4A U+10D5B]}; a joined form that no font
 *       has falls back to its plain letter. Never a silent {@code ?}.</li>
 * </ol>
 *
 * Each line is then put in visual order by the Unicode bidirectional algorithm (ICU {@link Bidi}, UAX
 * #9, brackets mirrored) and cut into runs of one font ({@link #visualRuns}). A paragraph whose first
 * strong character is right-to-left (an Arabic or Hebrew name on its own) is right-aligned.
 */
final class PrintedText {

  private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();

  private PrintedText() {
  }

  /** One stretch of a line drawn in one font, in visual (left to right) order. */
  record Run(PDFont font, String text, float width) {
  }

  /**
   * The text in logical order with every character drawable by {@code fonts}.
   *
   * @param missing collects the ICU script names of the characters printed as placeholders
   */
  static String prepare(String typed, DocumentFonts fonts, Set<String> missing) {
    String text = shape(EmojiNames.spell(sanitize(typed)));
    StringBuilder out = new StringBuilder(text.length());
    List<Integer> unprintable = new ArrayList<>();
    text.codePoints().forEach(cp -> {
      if (isInvisible(cp)) {
        return;
      }
      if (fonts.canDraw(cp)) {
        flush(unprintable, out, missing);
        out.appendCodePoint(cp);
        return;
      }
      String plain = NFKC.normalize(new String(Character.toChars(cp)));
      if (isPresentationForm(cp) && plain.codePoints().allMatch(fonts::canDraw)) {
        flush(unprintable, out, missing);
        out.append(plain);
      } else if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        flush(unprintable, out, missing);
        out.append(' ');
      } else if (EmojiNames.isPictographic(cp)) {
        flush(unprintable, out, missing);
        out.append('[').append(EmojiNames.nameOf(cp)).append(']');
      } else if (isPresentationForm(cp)) {
        plain.codePoints().forEach(unprintable::add); // named as typed, not as the joined form
      } else {
        unprintable.add(cp);
      }
    });
    flush(unprintable, out, missing);
    return out.toString();
  }

  /** Whether a paragraph reads right to left: its first strong character is Arabic, Hebrew, Thaana... */
  static boolean isRightToLeft(String paragraph) {
    for (int i = 0; i < paragraph.length(); ) {
      int cp = paragraph.codePointAt(i);
      int direction = UCharacter.getDirection(cp);
      if (direction == UCharacterDirection.LEFT_TO_RIGHT) {
        return false;
      }
      if (direction == UCharacterDirection.RIGHT_TO_LEFT || direction == UCharacterDirection.RIGHT_TO_LEFT_ARABIC) {
        return true;
      }
      i += Character.charCount(cp);
    }
    return false;
  }

  /** The line of a paragraph in visual order, cut into runs of one font each. */
  static List<Run> visualRuns(String line, boolean rightToLeft, DocumentFonts fonts, float size) {
    String visual = gurmukhiVowelSignIFirst(line);
    if (rightToLeft || hasRightToLeft(visual)) {
      Bidi bidi = new Bidi();
      bidi.setPara(line, rightToLeft ? Bidi.RTL : Bidi.LTR, null);
      visual = bidi.writeReordered(Bidi.DO_MIRRORING | Bidi.KEEP_BASE_COMBINING);
    }
    List<Run> runs = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    PDFont current = null;
    float width = 0;
    for (int i = 0; i < visual.length(); ) {
      int cp = visual.codePointAt(i);
      i += Character.charCount(cp);
      PDFont font = fonts.fontFor(cp, current);
      if (font == null) {
        continue; // prepare() left none; a mirrored bracket is in the same font as its original
      }
      if (font != current && !text.isEmpty()) {
        runs.add(new Run(current, text.toString(), width));
        text.setLength(0);
        width = 0;
      }
      current = font;
      text.appendCodePoint(cp);
      width += fonts.width(font, cp, size);
    }
    if (!text.isEmpty()) {
      runs.add(new Run(current, text.toString(), width));
    }
    return runs;
  }

  /**
   * Gurmukhi's vowel sign I (ਿ, U+0A3F) is typed after its consonant but written before it, as in ਸਿੰਘ
   * (Singh); shaping engines move it, PDFBox does not (it does for Bengali and Devanagari only), so it is
   * moved here, before the consonant and any consonant joined to it below (੍ਰ, ੍ਹ, ੍ਵ), for drawing only.
   */
  static String gurmukhiVowelSignIFirst(String line) {
    if (line.indexOf('\u0A3F') < 0) {
      return line;
    }
    StringBuilder out = new StringBuilder(line);
    for (int i = 1; i < out.length(); i++) {
      if (out.charAt(i) != '\u0A3F') {
        continue;
      }
      int start = i;
      if (start > 0 && out.charAt(start - 1) == '\u0A3C') {
        start--; // nukta
      }
      if (start > 0 && isGurmukhiConsonant(out.charAt(start - 1))) {
        start--;
        while (start >= 2 && out.charAt(start - 1) == '\u0A4D' && isGurmukhiConsonant(out.charAt(start - 2))) {
          start -= 2; // a consonant joined by virama: the sign goes before the whole cluster
        }
      }
      if (start < i) {
        out.deleteCharAt(i);
        out.insert(start, '\u0A3F');
      }
    }
    return out.toString();
  }

  private static boolean isGurmukhiConsonant(char c) {
    return c >= '\u0A15' && c <= '\u0A39' || c >= '\u0A59' && c <= '\u0A5E';
  }

  /** The width of logical text on a line, in points. */
  static float width(String text, DocumentFonts fonts, float size) {
    float width = 0;
    PDFont previous = null;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      PDFont font = fonts.fontFor(cp, previous);
      if (font != null) {
        width += fonts.width(font, cp, size);
        previous = font;
      }
    }
    return width;
  }

  private static String sanitize(String typed) {
    StringBuilder out = new StringBuilder(typed.length());
    typed.codePoints().forEach(cp -> {
      if (cp == '\t') {
        out.append(' ');
      } else if (Character.isISOControl(cp)) {
        // dropped: not text
      } else if (UCharacter.getType(cp) == UCharacter.FORMAT && !keepsMeaning(cp)) {
        // dropped: invisible, and bidirectional overrides and isolates would make a text read otherwise
      } else {
        out.appendCodePoint(cp);
      }
    });
    return out.toString();
  }

  /** Joiners (emoji sequences, Persian and Urdu joining) and tags (flags of England, Scotland, Wales). */
  private static boolean keepsMeaning(int cp) {
    return cp == 0x200C || cp == 0x200D || cp >= 0xE0020 && cp <= 0xE007F;
  }

  /** Left once emoji and joining are done: joiners, variation selectors and tags draw nothing. */
  private static boolean isInvisible(int cp) {
    return keepsMeaning(cp) || cp >= 0xFE00 && cp <= 0xFE0F || cp >= 0xE0100 && cp <= 0xE01EF;
  }

  /**
   * Arabic-script letters in the form their neighbours call for (isolated, initial, medial, final), by
   * Unicode's joining types (ArabicShaping.txt, through ICU) and the presentation forms Unicode encodes
   * for each letter (their compatibility decompositions), lam-alef as its ligature. Data-driven rather
   * than ICU's {@code com.ibm.icu.text.ArabicShaping}, which joins only the letters of Presentation Forms-B and would
   * leave Urdu's ی ہ ے ٹ ک ھ and Persian's letters unjoined.
   */
  static String shape(String text) {
    if (text.codePoints().noneMatch(cp -> UScript.getScript(cp) == UScript.ARABIC)) {
      return text;
    }
    int[] cps = text.codePoints().toArray();
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < cps.length; i++) {
      int cp = cps[i];
      int type = joiningType(cp);
      if (type != UCharacter.JoiningType.DUAL_JOINING && type != UCharacter.JoiningType.RIGHT_JOINING) {
        out.appendCodePoint(cp);
        continue;
      }
      int prev = neighbour(cps, i, -1);
      int next = neighbour(cps, i, +1);
      boolean joinsBefore = prev >= 0 && joinsForward(joiningType(cps[prev]));
      if (cp == 0x0644 && next >= 0 && isAlef(cps[next])) {
        Integer ligature = FORMS.get(key(new int[] {cp, cps[next]}, joinsBefore ? FINAL : ISOLATED));
        if (ligature != null) {
          out.appendCodePoint(ligature);
          for (int j = i + 1; j < next; j++) {
            out.appendCodePoint(cps[j]); // a mark between lam and alef stays
          }
          i = next;
          continue;
        }
      }
      boolean joinsAfter = type == UCharacter.JoiningType.DUAL_JOINING && next >= 0 && joinsBackward(joiningType(cps[next]));
      int form = joinsBefore && joinsAfter ? MEDIAL : joinsBefore ? FINAL : joinsAfter ? INITIAL : ISOLATED;
      Integer shaped = FORMS.get(key(new int[] {cp}, form));
      if (shaped == null && form == MEDIAL) {
        shaped = FORMS.get(key(new int[] {cp}, FINAL));
      } else if (shaped == null && form == INITIAL) {
        shaped = FORMS.get(key(new int[] {cp}, ISOLATED));
      }
      out.appendCodePoint(shaped == null ? cp : shaped);
    }
    return out.toString();
  }

  private static final int ISOLATED = UCharacter.DecompositionType.ISOLATED;
  private static final int INITIAL = UCharacter.DecompositionType.INITIAL;
  private static final int MEDIAL = UCharacter.DecompositionType.MEDIAL;
  private static final int FINAL = UCharacter.DecompositionType.FINAL;

  /** Presentation form by (letters it decomposes to, form), read once from Unicode's data. */
  private static final java.util.Map<String, Integer> FORMS = presentationForms();

  private static java.util.Map<String, Integer> presentationForms() {
    java.util.Map<String, Integer> forms = new java.util.HashMap<>();
    Normalizer2 nfkd = Normalizer2.getNFKDInstance();
    for (int cp = 0xFB50; cp <= 0xFEFC; cp++) {
      if (!isPresentationForm(cp)) {
        continue;
      }
      int form = UCharacter.getIntPropertyValue(cp, UProperty.DECOMPOSITION_TYPE);
      String raw = nfkd.getRawDecomposition(cp);
      if (raw != null && (form == ISOLATED || form == INITIAL || form == MEDIAL || form == FINAL)) {
        int[] letters = raw.codePoints().toArray();
        // lam-alef with hamza or madda decomposes to lam + alef + mark; keep it keyed by the composed alef
        String composed = Normalizer2.getNFCInstance().normalize(raw);
        forms.putIfAbsent(key(letters, form), cp);
        forms.putIfAbsent(key(composed.codePoints().toArray(), form), cp);
      }
    }
    return java.util.Map.copyOf(forms);
  }

  private static String key(int[] letters, int form) {
    return java.util.Arrays.toString(letters) + form;
  }

  private static int joiningType(int cp) {
    return UCharacter.getIntPropertyValue(cp, UProperty.JOINING_TYPE);
  }

  /** The index of the nearest letter before or after i that is not transparent (a mark), or -1. */
  private static int neighbour(int[] cps, int i, int step) {
    for (int j = i + step; j >= 0 && j < cps.length; j += step) {
      if (joiningType(cps[j]) != UCharacter.JoiningType.TRANSPARENT) {
        return j;
      }
    }
    return -1;
  }

  private static boolean joinsForward(int type) {
    return type == UCharacter.JoiningType.DUAL_JOINING || type == UCharacter.JoiningType.JOIN_CAUSING;
  }

  private static boolean joinsBackward(int type) {
    return type == UCharacter.JoiningType.DUAL_JOINING || type == UCharacter.JoiningType.RIGHT_JOINING
        || type == UCharacter.JoiningType.JOIN_CAUSING;
  }

  private static boolean isAlef(int cp) {
    return cp == 0x0622 || cp == 0x0623 || cp == 0x0625 || cp == 0x0627;
  }

  private static boolean isPresentationForm(int cp) {
    return cp >= 0xFB50 && cp <= 0xFDFF || cp >= 0xFE70 && cp <= 0xFEFF;
  }

  private static boolean hasRightToLeft(String line) {
    return line.codePoints().anyMatch(cp -> {
      int d = UCharacter.getDirection(cp);
      return d == UCharacterDirection.RIGHT_TO_LEFT || d == UCharacterDirection.RIGHT_TO_LEFT_ARABIC;
    });
  }

  private static void flush(List<Integer> unprintable, StringBuilder out, Set<String> missing) {
    if (unprintable.isEmpty()) {
      return;
    }
    Set<String> scripts = new TreeSet<>();
    for (int cp : unprintable) {
      int script = UScript.getScript(cp);
      if (script != UScript.COMMON && script != UScript.INHERITED) {
        scripts.add(UScript.getName(script));
      }
    }
    missing.addAll(scripts.isEmpty() ? Set.of("Unknown") : scripts);
    out.append('[');
    if (unprintable.size() == 1) {
      int cp = unprintable.get(0);
      String name = UCharacter.getName(cp);
      out.append(String.format(Locale.ROOT, "U+%04X", cp)).append(name == null ? "" : " " + name);
    } else {
      out.append(scripts.isEmpty() ? "Unknown" : String.join(", ", scripts).replace('_', ' ')).append(':');
      for (int cp : unprintable) {
        out.append(String.format(Locale.ROOT, " U+%04X", cp));
      }
    }
    out.append(']');
    unprintable.clear();
  }
}
