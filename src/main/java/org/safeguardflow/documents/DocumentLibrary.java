package org.safeguardflow.documents;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Every kind of document the stages contribute ({@link DocumentSource} beans), found by kind and rendered
 * for one reader: what the documents API serves and what a letter sent to a family carries (notify's
 * letter before proceedings attaches the family's copy).
 */
@Component
public class DocumentLibrary {

  private final Map<String, DocumentSource> sources = new TreeMap<>();
  private final PdfDocuments pdf;

  DocumentLibrary(List<DocumentSource> sources, PdfDocuments pdf) {
    for (DocumentSource source : sources) {
      if (this.sources.put(source.kind(), source) != null) {
        throw new IllegalStateException("Two document sources build the kind " + source.kind());
      }
    }
    this.pdf = pdf;
  }

  /** The source of a kind, or null when no stage builds it. */
  DocumentSource source(String kind) {
    return sources.get(kind);
  }

  /** Every source, in the order of their kinds. */
  Collection<DocumentSource> sources() {
    return sources.values();
  }

  /**
   * The PDF of a case's document of this kind as the record holds it now, with only what {@code reader}
   * may see; empty when no stage builds the kind or the case has no record of it yet.
   */
  public Optional<byte[]> pdf(String caseRef, String kind, DocumentReader reader) {
    DocumentSource source = sources.get(kind);
    if (source == null) {
      return Optional.empty();
    }
    return source.build(caseRef).filter(d -> caseRef.equals(d.caseRef())).map(d -> pdf.render(d, reader));
  }

  /** The name a copy is saved under, e.g. {@code CR-2026-000001-letter-before-proceedings-family.pdf}. */
  public static String fileName(String caseRef, String kind, DocumentReader reader) {
    return caseRef + "-" + kind + "-" + reader.parameter() + ".pdf";
  }
}
