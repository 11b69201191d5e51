package org.safeguardflow.documents;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.safeguardflow.documents.CaseDocument.Sharing;

/**
 * Who a rendered copy of a {@link CaseDocument} is for, and so which entries it may show (the
 * {@code for} parameter of {@code GET /api/cases/{caseRef}/documents/{kind}.pdf}). Working Together
 * 2023 (information sharing) and the Data Protection Act 2018 schedule 2 part 3: a third party's
 * details never reach the family without consent, and what is kept for the record reaches nobody.
 */
public enum DocumentReader {

  /** The child and their family: only entries shared with {@link Sharing#EVERYONE}. */
  FAMILY("family", "the child and family"),
  /** Partner agencies and the conference chair: {@link Sharing#EVERYONE} and {@link Sharing#PROFESSIONALS}. */
  PROFESSIONALS("professionals", "partner agencies (professionals only)");

  private final String parameter;
  private final String description;

  DocumentReader(String parameter, String description) {
    this.parameter = parameter;
    this.description = description;
  }

  /** The value of the {@code for} parameter, e.g. {@code family}. */
  public String parameter() {
    return parameter;
  }

  /** Who the copy is for, in words printed on it. */
  public String description() {
    return description;
  }

  /** Whether this reader may see an entry shared this way; {@link Sharing#RECORD_ONLY} never. */
  public boolean maySee(Sharing sharing) {
    return switch (sharing) {
      case EVERYONE -> true;
      case PROFESSIONALS -> this == PROFESSIONALS;
      case RECORD_ONLY -> false;
    };
  }

  /** The reader named by a {@code for} parameter (exactly {@code family} or {@code professionals}), or empty. */
  public static Optional<DocumentReader> of(String parameter) {
    if (parameter == null) {
      return Optional.empty();
    }
    return Arrays.stream(values()).filter(r -> r.parameter.equals(parameter.strip().toLowerCase(Locale.ROOT)))
        .findFirst();
  }
}
