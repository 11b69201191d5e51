package org.safeguardflow.intake;

import java.time.OffsetDateTime;

/** The answer to a recorded contact: its case reference, process and decision deadline. */
record RecordedContact(String caseRef, String processInstanceId, OffsetDateTime decisionDueBy) {}
