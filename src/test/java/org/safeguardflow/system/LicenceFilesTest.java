package org.safeguardflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A council's lawyers read LICENSE and NOTICE: every third-party file we bundle must carry its own
 * licence beside it and be named in NOTICE, and the bpmn-js viewer must ship with its licence
 * (whose watermark condition the audit page keeps).
 */
class LicenceFilesTest {

  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final List<Path> BUNDLED_DATA =
      List.of(Path.of("src/main/resources/returns"), Path.of("src/test/resources/returns"));

  @Test
  void theProductIsApacheLicensed() throws IOException {
    assertThat(Files.readString(ROOT.resolve("LICENSE")))
        .contains("Apache License")
        .contains("Version 2.0, January 2004");
  }

  @Test
  void everyFolderOfBundledDataHasItsLicenceBesideItAndIsNamedInNotice() throws IOException {
    String notice = Files.readString(ROOT.resolve("NOTICE"));
    for (Path root : BUNDLED_DATA) {
      try (Stream<Path> folders = Files.walk(ROOT.resolve(root))) {
        for (Path folder : folders.filter(Files::isDirectory).toList()) {
          List<Path> data = filesIn(folder).stream().filter(f -> !isLicence(f)).toList();
          if (data.isEmpty()) {
            continue;
          }
          assertThat(filesIn(folder))
              .as("a licence file beside the bundled data in %s", ROOT.relativize(folder))
              .anyMatch(LicenceFilesTest::isLicence);
          assertThat(notice)
              .as("NOTICE names %s", ROOT.relativize(folder))
              .contains(ROOT.relativize(folder).toString().replace('\\', '/'));
        }
      }
    }
  }

  @Test
  void theDiagramViewerShipsWithItsLicence() {
    Path vendor = ROOT.resolve("target/classes/static/audit/vendor");
    if (Files.exists(vendor.resolve("bpmn-navigated-viewer.production.min.js"))) {
      assertThat(vendor.resolve("LICENSE")).exists();
    }
  }

  private static List<Path> filesIn(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  private static boolean isLicence(Path file) {
    return file.getFileName().toString().toUpperCase().startsWith("LICENSE");
  }
}
