package org.safeguardflow.documents;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.safeguardflow.web.FieldError;
import org.safeguardflow.web.InvalidInputException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The documents of a case for families and partners, built from the record when asked for:
 * <ul>
 *   <li>{@code GET /api/cases/{caseRef}/documents}: the kinds the case has now, each with its title and
 *   the addresses of its two copies;</li>
 *   <li>{@code GET /api/cases/{caseRef}/documents/{kind}.pdf?for=family|professionals}: the PDF, with
 *   what that reader may not see left out ({@link DocumentReader}).</li>
 * </ul>
 * Guarded as every case API is (security.ApiSecurity: auditors, service managers, and team managers of
 * the team that holds the case), and open to the social worker the case is allocated to now; others 403. A malformed reference or a {@code for} other than
 * {@code family} or {@code professionals} answers 400 naming the parameter; an unknown case, an unknown
 * kind, or a kind the case has no record of yet, 404.
 */
@RestController
class CaseDocumentsController {

  /** The one rule every API checks a case reference by (casework.CaseRecords.CASE_REF, which documents may not use). */
  static final Pattern CASE_REF = Pattern.compile("CR-\\d{4}-\\d{6}");

  private final DocumentLibrary library;
  private final KnownCases cases;
  private final PdfDocuments pdf;

  CaseDocumentsController(DocumentLibrary library, KnownCases cases, PdfDocuments pdf) {
    this.library = library;
    this.cases = cases;
    this.pdf = pdf;
  }

  record DocumentListed(String kind, String title, Map<String, String> copies) {}

  record CaseDocuments(String caseRef, List<DocumentListed> documents) {}

  @GetMapping(path = "/api/cases/{caseRef}/documents", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> list(@PathVariable String caseRef) {
    Optional<ResponseEntity<Map<String, Object>>> unknown = checkCase(caseRef);
    if (unknown.isPresent()) {
      return unknown.get();
    }
    List<DocumentListed> listed = new ArrayList<>();
    for (DocumentSource source : library.sources()) {
      source.build(caseRef).ifPresent(document -> {
        Map<String, String> copies = new LinkedHashMap<>();
        for (DocumentReader reader : DocumentReader.values()) {
          copies.put(reader.parameter(), "/api/cases/" + caseRef + "/documents/" + source.kind() + ".pdf?for="
              + reader.parameter());
        }
        listed.add(new DocumentListed(source.kind(), document.title(), copies));
      });
    }
    return ResponseEntity.ok(new CaseDocuments(caseRef, listed));
  }

  @GetMapping(path = "/api/cases/{caseRef}/documents/{kind}.pdf")
  ResponseEntity<?> document(@PathVariable String caseRef, @PathVariable String kind,
      @RequestParam(name = "for", required = false) String forWhom) {
    List<FieldError> errors = new ArrayList<>();
    if (!CASE_REF.matcher(caseRef).matches()) {
      errors.add(caseRefFormat());
    }
    Optional<DocumentReader> reader = DocumentReader.of(forWhom);
    if (reader.isEmpty()) {
      errors.add(new FieldError("for", forWhom == null || forWhom.isBlank() ? "required" : "one-of",
          "for must say who the copy is for: family (only what is shared with the family) or professionals"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    Optional<ResponseEntity<Map<String, Object>>> unknown = checkCase(caseRef);
    if (unknown.isPresent()) {
      return unknown.get();
    }
    DocumentSource source = library.source(kind);
    if (source == null) {
      return notFound("kind", "unknown-kind", "No kind of document is called " + kind + "; kinds: "
          + String.join(", ", library.sources().stream().map(DocumentSource::kind).toList()));
    }
    Optional<CaseDocument> document = source.build(caseRef).filter(d -> caseRef.equals(d.caseRef()));
    if (document.isEmpty()) {
      return notFound("kind", "not-recorded", "Case " + caseRef + " has no " + kind + " on its record yet");
    }
    byte[] body = pdf.render(document.get(), reader.get());
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename(DocumentLibrary.fileName(caseRef, kind, reader.get())).build().toString())
        .body(body);
  }

  private Optional<ResponseEntity<Map<String, Object>>> checkCase(String caseRef) {
    if (!CASE_REF.matcher(caseRef).matches()) {
      throw new InvalidInputException(List.of(caseRefFormat()));
    }
    if (!cases.exists(caseRef)) {
      return Optional.of(notFound("caseRef", "unknown-case", "No case has the reference " + caseRef));
    }
    return Optional.empty();
  }

  private static FieldError caseRefFormat() {
    return new FieldError("caseRef", "format", "caseRef must be a case reference: CR-, the year, -, six digits (CR-2026-000001)");
  }

  private static ResponseEntity<Map<String, Object>> notFound(String field, String rule, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message", message);
    body.put("errors", List.of(new FieldError(field, rule, message)));
    return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_JSON).body(body);
  }
}
