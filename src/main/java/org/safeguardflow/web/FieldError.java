package org.safeguardflow.web;

/** One broken rule: the JSON path of the field, the rule's name, and what to do about it. */
public record FieldError(String field, String rule, String message) {}
