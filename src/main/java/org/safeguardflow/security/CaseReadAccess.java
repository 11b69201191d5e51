package org.safeguardflow.security;

import java.util.Collection;

/**
 * Whether a person may read one case's record through our API. The rule belongs to casework (which
 * team holds the case); the API doors here ask it through this interface, so that security depends on
 * no feature package.
 */
public interface CaseReadAccess {

  /**
   * True when a person with these Camunda groups may read the case {@code caseRef}; a case that does
   * not exist is left to its API's 404 (true).
   */
  boolean mayRead(Collection<String> groups, String caseRef);

  /**
   * True when this person is the social worker the case is allocated to now (user id, and the social
   * workers' role among their groups): the worker who shares the case's documents with the family and
   * partners may download them. False for an unknown case, an unallocated one, or anyone else.
   */
  boolean isAllocatedWorker(String userId, Collection<String> groups, String caseRef);
}
