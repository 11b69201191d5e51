package org.safeguardflow.security;

import java.lang.reflect.Field;

/**
 * The fields of Camunda's commands that our engine guards read (the task a command acts on, the
 * variables it submits, the person a task is given to): Camunda 7.24's command classes keep them
 * without getters. Each guard reads its fields once, when its class loads, so a Camunda version that
 * renames one stops the application at start instead of leaving a guard blind.
 */
final class CommandFields {

  private CommandFields() {}

  /**
   * The named field of a Camunda command class, made readable.
   *
   * @param guard the guard that needs it, in words, for the message ("The completion guard")
   * @throws IllegalStateException when this Camunda version has no such field (the application does not start)
   */
  static Field of(Class<?> type, String name, String guard) {
    try {
      Field field = type.getDeclaredField(name);
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(guard + " cannot read " + type.getSimpleName() + "." + name
          + " in this Camunda version; refusing to start without it", e);
    }
  }

  /** The value a command holds in a field found by {@link #of}. */
  static Object read(Field field, Object command) {
    try {
      return field.get(command);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
