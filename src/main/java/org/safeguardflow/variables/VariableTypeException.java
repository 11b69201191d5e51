package org.safeguardflow.variables;

/**
 * A process variable holds a value of another type than its {@link Var} handle expects, or none
 * where one is required. A fault of the code or of a migration, not of the user: the message names
 * the variable and both types, never the value (it may be about a child).
 */
public class VariableTypeException extends IllegalStateException {

  private final String variable;

  /**
   * @param variable the variable's name
   * @param expected what the handle expects, in words ("ISO date text (yyyy-MM-dd)")
   * @param found the value found (only its type goes into the message), or null when unset
   */
  public VariableTypeException(String variable, String expected, Object found) {
    super("process variable '" + variable + "' should hold " + expected + " but "
        + (found == null ? "is not set" : "holds a " + found.getClass().getSimpleName()));
    this.variable = variable;
  }

  /** The name of the variable whose value is wrong. */
  public String variable() {
    return variable;
  }
}
