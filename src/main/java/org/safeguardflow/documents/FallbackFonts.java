package org.safeguardflow.documents;

import com.ibm.icu.lang.UScript;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.CmapSubtable;
import org.apache.fontbox.ttf.FontHeaders;
import org.apache.fontbox.ttf.OS2WindowsMetricsTable;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The fonts a document may draw a character with: PDFBox's bundled Liberation Sans first, then the
 * TrueType fonts installed on the server in {@code safeguard.documents.font-dirs} (by default Debian's
 * {@code fonts-noto-core} and {@code fonts-droid-fallback}, then anything else under
 * {@code /usr/share/fonts}), so that a family's names print in their own script.
 *
 * <p>The directories are read once, on the first character Liberation Sans lacks: each regular face
 * (weight 400, normal width, upright) is indexed by the characters its cmap covers, and closed again.
 * Fonts with PostScript (CFF) outlines are left out, since PDFBox 3.0 cannot subset them; that is why
 * Debian's {@code fonts-noto-cjk} (CFF collections) does not serve Chinese and the TrueType Droid Sans
 * Fallback does. A character goes to the font that a reader would expect for its script: among the
 * fonts covering at least half as many characters of that script as the best one, the earliest
 * directory, then a sans face before a serif or monospaced one, then the widest coverage, then the file
 * name (so U+4E00 comes from a Chinese font, not from Nüshu's, which happens to cover it too).
 *
 * <p>A font is embedded in a document only when a character of the document needs it, and as a subset
 * of the glyphs drawn ({@link DocumentFonts}). A missing or unreadable directory or file is skipped
 * (logged): a server without the fonts still renders every document, with named placeholders.
 */
@Component
public class FallbackFonts {

  private static final Logger log = LoggerFactory.getLogger(FallbackFonts.class);

  /** The default of {@code safeguard.documents.font-dirs}: Debian's Noto, then Droid's CJK, then the rest. */
  public static final String DEFAULT_DIRS =
      "/usr/share/fonts/truetype/noto,/usr/share/fonts/truetype/droid,/usr/share/fonts,/usr/local/share/fonts";

  static final String BUNDLED = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

  private final List<Path> dirs;
  private volatile List<Face> faces;
  private final Map<Integer, Integer> faceOfCharacter = new ConcurrentHashMap<>();

  /**
   * @param dirs comma-separated directories, searched recursively for {@code .ttf}, {@code .otf} and
   *             {@code .ttc} files; an earlier directory's font is preferred for a script both cover
   */
  public FallbackFonts(@Value("${safeguard.documents.font-dirs:" + DEFAULT_DIRS + "}") List<String> dirs) {
    this.dirs = dirs.stream().map(String::strip).filter(d -> !d.isEmpty()).map(Path::of).toList();
  }

  /** The directories searched, in order of preference. */
  public List<Path> dirs() {
    return dirs;
  }

  /** Opens the fonts for one document being written; close it after the document is saved. */
  public DocumentFonts forDocument(PDDocument pdf) {
    try (InputStream bundled = FallbackFonts.class.getResourceAsStream(BUNDLED)) {
      if (bundled == null) {
        throw new IllegalStateException("PDFBox's Liberation Sans is missing from the classpath");
      }
      return new DocumentFonts(pdf, PDType0Font.load(pdf, bundled), this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How many installed regular faces were found (reads the directories if not yet read). */
  public int installedFaces() {
    return faces().size();
  }

  /** The index of the installed face chosen for a character, or -1 when no installed font covers it. */
  int faceFor(int codePoint) {
    return faceOfCharacter.computeIfAbsent(codePoint, this::choose);
  }

  Face face(int index) {
    return faces().get(index);
  }

  private int choose(int codePoint) {
    List<Face> all = faces();
    int script = UScript.getScript(codePoint);
    int best = 0;
    for (Face face : all) {
      if (face.covers(codePoint)) {
        best = Math.max(best, face.coverageOf(script));
      }
    }
    int chosen = -1;
    for (int i = 0; i < all.size(); i++) {
      Face face = all.get(i);
      if (face.covers(codePoint) && face.coverageOf(script) * 2 >= best
          && (chosen < 0 || PREFERENCE.compare(face, all.get(chosen)) < 0)) {
        chosen = i;
      }
    }
    return chosen;
  }

  /** Dir order, then sans before others, then coverage of the script decided by the caller's filter. */
  private static final Comparator<Face> PREFERENCE = Comparator.comparingInt(Face::dirRank)
      .thenComparingInt(Face::styleRank).thenComparing(f -> f.file().toString()).thenComparing(Face::name);

  private List<Face> faces() {
    List<Face> read = faces;
    if (read == null) {
      synchronized (this) {
        read = faces;
        if (read == null) {
          long started = System.nanoTime();
          read = readDirectories();
          faces = read;
          log.info("Document fonts: {} regular TrueType faces indexed from {} in {} ms", read.size(), dirs,
              (System.nanoTime() - started) / 1_000_000);
        }
      }
    }
    return read;
  }

  private List<Face> readDirectories() {
    Set<Path> seen = new LinkedHashSet<>();
    List<Face> found = new ArrayList<>();
    for (int rank = 0; rank < dirs.size(); rank++) {
      Path dir = dirs.get(rank);
      if (!Files.isDirectory(dir)) {
        log.info("Document fonts: {} is not a directory here; skipped", dir);
        continue;
      }
      List<Path> files;
      try (Stream<Path> walk = Files.walk(dir)) {
        files = walk.filter(Files::isRegularFile).filter(FallbackFonts::isFontFile).sorted().toList();
      } catch (IOException | UncheckedIOException e) {
        log.warn("Document fonts: cannot list {}: {}", dir, e.getMessage());
        continue;
      }
      for (Path file : files) {
        if (seen.add(file.toAbsolutePath().normalize())) {
          read(file, rank, found);
        }
      }
    }
    return List.copyOf(found);
  }

  private static boolean isFontFile(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".ttf") || name.endsWith(".otf") || name.endsWith(".ttc");
  }

  private static void read(Path file, int dirRank, List<Face> found) {
    try {
      if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ttc")) {
        List<String> regular = new ArrayList<>();
        TrueTypeCollection.processAllFontHeaders(file.toFile(), h -> {
          if (isRegularTrueType(h)) {
            regular.add(h.getName());
          }
        });
        if (regular.isEmpty()) {
          return;
        }
        try (TrueTypeCollection collection = new TrueTypeCollection(file.toFile())) {
          for (String name : regular) {
            found.add(index(file, name, collection.getFontByName(name), dirRank));
          }
        }
      } else {
        FontHeaders headers;
        try (RandomAccessReadBufferedFile in = new RandomAccessReadBufferedFile(file)) {
          headers = new TTFParser().parseTableHeaders(in);
        }
        if (!isRegularTrueType(headers)) {
          return;
        }
        try (TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBufferedFile(file))) {
          found.add(index(file, null, font, dirRank));
        }
      }
    } catch (IOException | RuntimeException unreadable) {
      log.warn("Document fonts: {} skipped: {}", file, unreadable.toString());
    }
  }

  /** TrueType outlines (PDFBox subsets only those), weight 400, normal width, not italic. */
  private static boolean isRegularTrueType(FontHeaders headers) {
    if (headers.getError() != null || headers.isOpenTypePostScript() || headers.getName() == null) {
      return false;
    }
    OS2WindowsMetricsTable os2 = headers.getOS2Windows();
    if (os2 == null) {
      return true;
    }
    boolean italic = (os2.getFsSelection() & 1) != 0;
    return os2.getWeightClass() == 400 && os2.getWidthClass() == 5 && !italic;
  }

  private static Face index(Path file, String nameInCollection, TrueTypeFont font, int dirRank) throws IOException {
    CmapLookup cmap = font.getUnicodeCmapLookup(false);
    if (!(cmap instanceof CmapSubtable table)) {
      throw new IOException("no Unicode cmap");
    }
    int glyphs = font.getNumberOfGlyphs();
    int[] codePoints = new int[Math.max(16, glyphs)];
    int count = 0;
    for (int gid = 1; gid < glyphs; gid++) {
      List<Integer> codes = table.getCharCodes(gid);
      if (codes != null) {
        for (int code : codes) {
          if (count == codePoints.length) {
            codePoints = Arrays.copyOf(codePoints, count * 2);
          }
          codePoints[count++] = code;
        }
      }
    }
    codePoints = Arrays.copyOf(codePoints, count);
    Arrays.sort(codePoints);
    Map<Integer, Integer> perScript = new HashMap<>();
    for (int cp : codePoints) {
      perScript.merge(UScript.getScript(cp), 1, Integer::sum);
    }
    String fileName = file.getFileName().toString();
    int style = fileName.contains("Mono") ? 3 : fileName.contains("Serif") ? 2 : fileName.contains("Sans") ? 0 : 1;
    return new Face(file, nameInCollection, font.getName(), codePoints, Map.copyOf(perScript), dirRank, style);
  }

  /**
   * One installed regular face.
   *
   * @param nameInCollection its PostScript name in a {@code .ttc} collection, null for a single font file
   * @param codePoints       the characters its cmap covers, sorted
   * @param perScript        how many of them each ICU script ({@link UScript}) has
   */
  record Face(Path file, String nameInCollection, String name, int[] codePoints, Map<Integer, Integer> perScript,
      int dirRank, int styleRank) {

    boolean covers(int codePoint) {
      return Arrays.binarySearch(codePoints, codePoint) >= 0;
    }

    int coverageOf(int script) {
      return perScript.getOrDefault(script, 0);
    }

    /** Opens the font for embedding; the caller closes what is returned after the document is saved. */
    Opened open() throws IOException {
      if (nameInCollection == null) {
        TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBufferedFile(file));
        return new Opened(font, font);
      }
      TrueTypeCollection collection = new TrueTypeCollection(file.toFile());
      return new Opened(collection.getFontByName(nameInCollection), collection);
    }
  }

  /** A font opened for one document, and what to close once it is saved. */
  record Opened(TrueTypeFont font, AutoCloseable toClose) {
  }
}
