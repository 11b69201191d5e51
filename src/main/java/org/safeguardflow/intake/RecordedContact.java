package org.safeguardflow.intake;

import java.time.OffsetDateTime;

/**
 * The answer to a recorded contact: its case reference, process and decision deadline, and whether
 * it joined the child's open case instead of opening a new one.
 */
public record RecordedContact(String caseRef, String processInstanceId, OffsetDateTime decisionDueBy, boolean joinedOpenCase) {}
