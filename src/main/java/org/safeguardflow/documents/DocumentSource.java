package org.safeguardflow.documents;

import java.util.Optional;

/**
 * Builds one kind of {@link CaseDocument} from a case's record. Each stage that owns the record of a
 * document contributes a Spring bean of this type (the assessment stage its single assessment, the
 * plan stages their plans, the conference stage its minutes); the documents feature finds them by
 * {@link #kind()} to render and serve them.
 */
public interface DocumentSource {

  /** A stable, URL-safe name, e.g. {@code single-assessment}, {@code child-protection-plan}. */
  String kind();

  /**
   * The document as the record holds it now, or empty when the case has none of this kind yet.
   *
   * @param caseRef a case reference, e.g. {@code SF-2026-000123}; an unknown one gives empty
   */
  Optional<CaseDocument> build(String caseRef);
}
