package org.safeguardflow.casework;

import org.safeguardflow.documents.KnownCases;
import org.springframework.stereotype.Component;

/** The documents API's question "is there such a case?", answered from the case record ({@code sf_case}). */
@Component
class KnownCaseRecords implements KnownCases {

  private final CaseRecords cases;

  KnownCaseRecords(CaseRecords cases) {
    this.cases = cases;
  }

  @Override
  public boolean exists(String caseRef) {
    return cases.find(caseRef).isPresent();
  }
}
