package org.safeguardflow.documents;

import java.util.List;
import java.util.Objects;

/**
 * A document about one child's case, built from the record for a family or a partner agency to read:
 * the single assessment, a plan, conference or review minutes, a letter. It holds what the record
 * says, in sections of labelled entries, each saying who may see it; rendering (PDF) and leaving out
 * what a reader may not see happen elsewhere ({@link DocumentSource} builds, the documents feature
 * renders). Text is kept exactly as typed: a renderer shows it as text, never as markup.
 *
 * @param kind     the {@link DocumentSource#kind()} that built it, e.g. {@code single-assessment}
 * @param title    the heading a reader sees, e.g. "Single assessment for Ella Smith"
 * @param caseRef  the case reference, e.g. {@code SF-2026-000123}
 * @param sections in reading order; never null
 */
public record CaseDocument(String kind, String title, String caseRef, List<Section> sections) {

  public CaseDocument {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(title, "title");
    sections = List.copyOf(sections);
  }

  /** A part of the document under one heading, e.g. "Parenting capacity" or "Outcome 1". */
  public record Section(String heading, List<Entry> entries) {
    public Section {
      entries = List.copyOf(entries);
    }
  }

  /**
   * One labelled answer from the record, e.g. label "Strengths", text as the worker typed it.
   *
   * @param sharing who may read it: a renderer for a family leaves out all but {@link Sharing#EVERYONE}
   */
  public record Entry(String label, String text, Sharing sharing) {
    public Entry {
      Objects.requireNonNull(sharing, "sharing");
    }

    /** An entry everyone the document is for may read. */
    public static Entry shared(String label, String text) {
      return new Entry(label, text, Sharing.EVERYONE);
    }
  }

  /**
   * Who may read an entry. Working Together 2023 (information sharing) and the Data Protection Act
   * 2018 schedule 2 part 3: a third party's personal details (a referrer's identity, another adult's
   * address, a sibling's health) are not disclosed to the family without consent.
   */
  public enum Sharing {
    /** The child, the family and the partner agencies working with them. */
    EVERYONE,
    /** Professionals only (partner agencies, the conference chair), never the family's copy. */
    PROFESSIONALS,
    /** Never in a shared document: kept on the record only (e.g. a third party's details). */
    RECORD_ONLY
  }
}
