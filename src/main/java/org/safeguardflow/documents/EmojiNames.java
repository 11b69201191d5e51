package org.safeguardflow.documents;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Emoji written as their Unicode names in brackets, e.g. 😢 as {@code [crying face]}: colour emoji fonts
 * are bitmaps (CBDT/sbix) that a PDF cannot embed as text, and a child's "I feel 😢 at home" must keep
 * its meaning in the family's copy. Follows Unicode's emoji sequences (UTS #51): an emoji with a skin
 * tone ({@code [waving hand sign, medium skin tone]}), a ZWJ sequence ({@code [man + woman + girl]}), a
 * flag of two regional indicators ({@code [flag: GB]}) or of tags ({@code [flag: Scotland]}), a keycap
 * ({@code [keycap 1]}). Characters that are text by default (©, ™, ☺ without U+FE0F) are left for a
 * font to draw; names come from ICU (the Unicode Character Database), lower-cased.
 */
final class EmojiNames {

  private static final int ZWJ = 0x200D;
  private static final int EMOJI_VARIATION = 0xFE0F;
  private static final int KEYCAP = 0x20E3;
  private static final int BLACK_FLAG = 0x1F3F4;
  private static final int CANCEL_TAG = 0xE007F;

  private EmojiNames() {
  }

  /** The text with every emoji (sequence) replaced by its bracketed name; other characters as they were. */
  static String spell(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int next = at(text, i + Character.charCount(cp));
      if (isRegionalIndicator(cp) && isRegionalIndicator(next)) {
        out.append("[flag: ").append(letterOf(cp)).append(letterOf(next)).append(']');
        i += Character.charCount(cp) + Character.charCount(next);
      } else if (startsEmoji(cp, next, text, i)) {
        List<String> parts = new ArrayList<>();
        while (true) {
          StringBuilder part = new StringBuilder();
          i = component(text, i, part);
          parts.add(part.toString());
          int after = at(text, i);
          if (after == ZWJ && isPictographic(at(text, i + 1))) {
            i += 1;
            continue;
          }
          break;
        }
        out.append('[').append(String.join(" + ", parts)).append(']');
      } else {
        out.appendCodePoint(cp);
        i += Character.charCount(cp);
      }
    }
    return out.toString();
  }

  /** Whether a character drawn on its own as an image is named, when no text font has it. */
  static boolean isPictographic(int cp) {
    return has(cp, UProperty.EXTENDED_PICTOGRAPHIC);
  }

  /** The name of a single pictographic character, e.g. {@code white smiling face}. */
  static String nameOf(int cp) {
    if (has(cp, UProperty.EMOJI_MODIFIER)) {
      return skinTone(cp);
    }
    String name = UCharacter.getName(cp);
    return name == null ? String.format("U+%04X", cp) : name.toLowerCase(Locale.ROOT);
  }

  private static boolean startsEmoji(int cp, int next, String text, int i) {
    if (cp < 0) {
      return false;
    }
    if (has(cp, UProperty.EMOJI_PRESENTATION)) {
      return true;
    }
    if (isKeycapBase(cp) && (next == KEYCAP || next == EMOJI_VARIATION && at(text, i + 2) == KEYCAP)) {
      return true;
    }
    return isPictographic(cp) && (next == EMOJI_VARIATION || has(next, UProperty.EMOJI_MODIFIER));
  }

  /** Reads one emoji with what modifies it (variation, keycap, skin tone, tags) from i; returns where it ends. */
  private static int component(String text, int i, StringBuilder name) {
    int base = text.codePointAt(i);
    i += Character.charCount(base);
    if (at(text, i) == EMOJI_VARIATION) {
      i += 1;
    }
    if (at(text, i) == KEYCAP) {
      name.append("keycap ").appendCodePoint(base);
      return i + 1;
    }
    if (base == BLACK_FLAG && isTag(at(text, i))) {
      StringBuilder region = new StringBuilder();
      while (isTag(at(text, i))) {
        int tag = text.codePointAt(i);
        i += Character.charCount(tag);
        if (tag == CANCEL_TAG) {
          break;
        }
        region.appendCodePoint(tag - 0xE0000);
      }
      name.append("flag: ").append(subdivision(region.toString()));
      return i;
    }
    name.append(nameOf(base));
    int modifier = at(text, i);
    if (!has(base, UProperty.EMOJI_MODIFIER)
        && has(modifier, UProperty.EMOJI_MODIFIER)) {
      name.append(", ").append(skinTone(modifier));
      i += Character.charCount(modifier);
    }
    if (at(text, i) == EMOJI_VARIATION) {
      i += 1;
    }
    return i;
  }

  /** CLDR's names of the five Fitzpatrick modifiers (Unicode's own names say only "type-4"). */
  private static String skinTone(int modifier) {
    return switch (modifier) {
      case 0x1F3FB -> "light skin tone";
      case 0x1F3FC -> "medium-light skin tone";
      case 0x1F3FD -> "medium skin tone";
      case 0x1F3FE -> "medium-dark skin tone";
      case 0x1F3FF -> "dark skin tone";
      default -> String.format("U+%04X", modifier);
    };
  }

  /** The three subdivision flags Unicode recommends (UTS #51 RGI), and the tag letters for any other. */
  private static String subdivision(String tags) {
    return switch (tags) {
      case "gbeng" -> "England";
      case "gbsct" -> "Scotland";
      case "gbwls" -> "Wales";
      default -> tags;
    };
  }

  private static boolean isTag(int cp) {
    return cp >= 0xE0020 && cp <= 0xE007F;
  }

  private static boolean isKeycapBase(int cp) {
    return cp >= '0' && cp <= '9' || cp == '#' || cp == '*';
  }

  private static boolean isRegionalIndicator(int cp) {
    return cp >= 0x1F1E6 && cp <= 0x1F1FF;
  }

  private static char letterOf(int regionalIndicator) {
    return (char) ('A' + regionalIndicator - 0x1F1E6);
  }

  private static boolean has(int cp, int property) {
    return cp >= 0 && UCharacter.hasBinaryProperty(cp, property);
  }

  private static int at(String text, int i) {
    return i >= 0 && i < text.length() ? text.codePointAt(i) : -1;
  }
}
