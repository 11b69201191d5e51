package org.safeguardflow.children;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Names as a person reading them would compare them: letter case, accents, spacing, hyphens,
 * apostrophes and other punctuation do not make two names different ({@code Zoë O'Brien-Nguyễn},
 * {@code ZOE OBRIEN NGUYEN} and {@code zoe o’brien - nguyen} are one name).
 */
public final class ChildNames {

  /**
   * A person's name as the front door accepts it: letters of any script with their marks, spaces,
   * hyphens, apostrophes and full stops, starting with a letter, each in the typographic forms word
   * processors and phones put in (no-break space, en dash, non-breaking hyphen, curly and grave
   * apostrophes: {@code Smith\u2013Jones} is Smith-Jones, {@code D`Souza} is D'Souza). Nothing HTML would
   * read as markup, so a name can stand in the headings of every form a manager opens.
   */
  public static final java.util.regex.Pattern PERSON_NAME = java.util.regex.Pattern.compile(
      "^[\\p{L}\\p{M}][\\p{L}\\p{M} \\u00A0\\u202F'\\u2019\\u2018\\u02BC`.\\u2010\\u2011\\u2012\\u2013\\u2014-]*$");

  private ChildNames() {}

  /**
   * The words of a name in lower case without accents, apostrophes dropped (O'Brien is obrien) and
   * every other separator (hyphen, dash, full stop, space) a single space: {@code "grant okafor"}.
   */
  public static String words(String name) {
    if (name == null) {
      return "";
    }
    String decomposed = Normalizer.normalize(name, Normalizer.Form.NFKD);
    StringBuilder out = new StringBuilder();
    boolean space = false;
    for (int i = 0; i < decomposed.length(); ) {
      int c = decomposed.codePointAt(i);
      i += Character.charCount(c);
      int type = Character.getType(c);
      if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
          || type == Character.ENCLOSING_MARK || isApostrophe(c)) {
        continue;
      }
      if (Character.isLetterOrDigit(c)) {
        if (space && out.length() > 0) {
          out.append(' ');
        }
        space = false;
        out.append(foldLetter(c));
      } else {
        space = true;
      }
    }
    return out.toString();
  }

  /** The name as one comparable key, word breaks gone too: Grant-Okafor, grant okafor and GrantOkafor are {@code grantokafor}. */
  public static String key(String name) {
    return words(name).replace(" ", "");
  }

  /** The identity key of a whole name: {@code firstKey|lastKey}. */
  public static String nameKey(String firstName, String lastName) {
    return key(firstName) + "|" + key(lastName);
  }

  /**
   * The words case search matches a query against, separated and surrounded by spaces: every part of
   * every name and each name written as one word ({@code " amy grant okafor grantokafor "}).
   */
  public static String searchTerms(String firstName, String lastName) {
    Set<String> terms = new LinkedHashSet<>();
    for (String name : List.of(firstName == null ? "" : firstName, lastName == null ? "" : lastName)) {
      String words = words(name);
      if (!words.isEmpty()) {
        terms.addAll(List.of(words.split(" ")));
        terms.add(words.replace(" ", ""));
      }
    }
    return " " + String.join(" ", terms) + " ";
  }

  /** A query split into the normalised words each of which must start some part of a name. */
  public static List<String> queryWords(String query) {
    String words = words(query);
    return words.isEmpty() ? List.of() : new ArrayList<>(List.of(words.split(" ")));
  }

  private static boolean isApostrophe(int c) {
    return c == '\'' || c == '\u2019' || c == '\u2018' || c == '\u02BC' || c == '`' || c == '\u00B4' || c == '\u2032';
  }

  /** Letters that carry no combining mark to strip, folded as English readers would write them. */
  private static String foldLetter(int c) {
    return switch (c) {
      case 'ß' -> "ss";
      case 'æ', 'Æ' -> "ae";
      case 'œ', 'Œ' -> "oe";
      case 'ø', 'Ø' -> "o";
      case 'ł', 'Ł' -> "l";
      case 'đ', 'Đ', 'ð', 'Ð' -> "d";
      case 'ı' -> "i";
      default -> new String(Character.toChars(c)).toLowerCase(Locale.ROOT);
    };
  }
}
