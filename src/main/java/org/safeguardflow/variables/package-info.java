/**
 * Typed process variables: {@link org.safeguardflow.variables.Var} handles that read and write a
 * variable by one name and one type, keeping the stored form forms and history rely on. A ground
 * package: it uses none of ours.
 */
package org.safeguardflow.variables;
