package org.safeguardflow.timescales;

/** The timescales table has no answer for a step: a process owner must add a row. */
public class TimescaleNotDefinedException extends RuntimeException {

  public TimescaleNotDefinedException(String message) {
    super(message);
  }
}
