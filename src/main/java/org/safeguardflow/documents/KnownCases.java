package org.safeguardflow.documents;

/**
 * Whether a case reference names a case on the record, so that the documents API can answer 404 for
 * an unknown case rather than an empty list. Casework implements it (documents may not use casework).
 */
public interface KnownCases {

  /** True when a case with this reference (e.g. {@code CR-2026-000123}) exists, open or closed. */
  boolean exists(String caseRef);
}
