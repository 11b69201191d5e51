package org.safeguardflow.variables;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.Temporal;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * A process variable by name and type: the one place its name is written in Java, and the codec
 * between the value Java works with and the value the engine stores.
 *
 * <p>Storage is what forms, BPMN expressions, history, the census and Annex A readers and running
 * cases already rely on, and a handle never changes it: a date a practitioner enters is ISO text
 * {@code yyyy-MM-dd} (Camunda Forms submit it so) and is read as a {@link LocalDate}; a deadline the
 * engine computes is a {@link Date}; an enum is its name as text; lists and maps are stored as they
 * are. A stored value of the wrong type raises {@link VariableTypeException} naming the variable and
 * both types (never the value, which may be about a child).
 *
 * <p>Declare handles as constants beside the process they belong to ({@code Pathway.Var},
 * {@code AssessmentProcess.Var}, {@code ContactProcess.Var}) and read and write only through them:
 * {@code LocalDate referral = Pathway.Var.REFERRAL_DATE.get(execution);}.
 *
 * @param <T> the type Java works with
 */
public final class Var<T> {

  private static final ZoneId ENGLAND = ZoneId.of("Europe/London");

  private final String name;
  private final String storedAs;
  private final Function<Object, T> decode;
  private final Function<T, Object> encode;

  private Var(String name, String storedAs, Function<Object, T> decode, Function<T, Object> encode) {
    this.name = Objects.requireNonNull(name, "name");
    this.storedAs = storedAs;
    this.decode = decode;
    this.encode = encode;
  }

  // ---- kinds of variable ------------------------------------------------------------------------

  /** Text stored as a String (free text, codes, user and group ids). */
  public static Var<String> text(String name) {
    return stored(name, String.class);
  }

  /** A yes/no answer stored as a Boolean. */
  public static Var<Boolean> yesNo(String name) {
    return stored(name, Boolean.class);
  }

  /** A whole number stored as an Integer (counts, levels of need). */
  public static Var<Integer> integer(String name) {
    return new Var<>(name, "Integer", stored -> {
      if (stored instanceof Integer number) {
        return number;
      }
      if (stored instanceof Short || stored instanceof Long && fitsInt((Long) stored)) {
        return ((Number) stored).intValue();
      }
      throw new VariableTypeException(name, "Integer", stored);
    }, value -> value);
  }

  /** A database id stored as a Long; an Integer or Short stored by an older version is read too. */
  public static Var<Long> id(String name) {
    return new Var<>(name, "Long", stored -> {
      if (stored instanceof Long number) {
        return number;
      }
      if (stored instanceof Integer || stored instanceof Short) {
        return ((Number) stored).longValue();
      }
      throw new VariableTypeException(name, "Long", stored);
    }, value -> value);
  }

  /**
   * A calendar date stored as ISO text {@code yyyy-MM-dd}, as Camunda Forms' date field submits it.
   * A Date stored in the same variable (an engine-set moment) is read as its date in England; ISO
   * text with a time after the date is read by its date part.
   */
  public static Var<LocalDate> isoDate(String name) {
    return new Var<>(name, "ISO date text (yyyy-MM-dd)", stored -> {
      if (stored instanceof String text) {
        if (text.isBlank()) {
          return null;
        }
        try {
          return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (DateTimeParseException e) {
          throw new VariableTypeException(name, "ISO date text (yyyy-MM-dd)", stored);
        }
      }
      if (stored instanceof Date date) {
        return date.toInstant().atZone(ENGLAND).toLocalDate();
      }
      if (stored instanceof LocalDate date) {
        return date;
      }
      throw new VariableTypeException(name, "ISO date text (yyyy-MM-dd)", stored);
    }, LocalDate::toString);
  }

  /** A moment the engine or a delegate records (a deadline, when a decision was made), stored as a Date. */
  public static Var<Date> moment(String name) {
    return stored(name, Date.class);
  }

  /** A moment stored as a Date, read and written as an {@link Instant}. */
  public static Var<Instant> instant(String name) {
    return new Var<>(name, "Date", stored -> {
      if (stored instanceof Date date) {
        return date.toInstant();
      }
      throw new VariableTypeException(name, "Date", stored);
    }, Date::from);
  }

  /**
   * The day or moment a deadline counts from, kept as it was stored: ISO text {@code yyyy-MM-dd}
   * (a day, read as a {@link LocalDate}) or a {@link Date} (a moment, read as an {@link Instant}).
   * Written back the same way: a LocalDate as ISO text, an Instant as a Date.
   */
  public static Var<Temporal> dayOrMoment(String name) {
    String storedAs = "ISO date text (yyyy-MM-dd) or a Date";
    return new Var<>(name, storedAs, stored -> {
      if (stored instanceof Date date) {
        return date.toInstant();
      }
      if (stored instanceof String text) {
        try {
          return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (DateTimeParseException e) {
          throw new VariableTypeException(name, storedAs, stored);
        }
      }
      throw new VariableTypeException(name, storedAs, stored);
    }, value -> {
      if (value instanceof LocalDate day) {
        return day.toString();
      }
      if (value instanceof Instant moment) {
        return Date.from(moment);
      }
      throw new IllegalArgumentException(name + " takes a LocalDate or an Instant, not a "
          + value.getClass().getSimpleName());
    });
  }

  /** One of a fixed set of codes, stored as the enum constant's name (what forms and gateways compare). */
  public static <E extends Enum<E>> Var<E> code(String name, Class<E> type) {
    String storedAs = "text naming a " + type.getSimpleName();
    return new Var<>(name, storedAs, stored -> {
      if (stored instanceof String text) {
        if (text.isBlank()) {
          return null;
        }
        try {
          return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
          throw new VariableTypeException(name, storedAs, stored);
        }
      }
      throw new VariableTypeException(name, storedAs, stored);
    }, Enum::name);
  }

  /** A list stored as a java.util.ArrayList (JSON-serialized, as the engine is configured); read-only when read. */
  @SuppressWarnings("unchecked")
  public static <E> Var<List<E>> list(String name, Class<E> element) {
    String storedAs = "List of " + element.getSimpleName();
    return new Var<>(name, storedAs, stored -> {
      if (stored instanceof List<?> items) {
        for (Object item : items) {
          if (item != null && !element.isInstance(item)) {
            throw new VariableTypeException(name, storedAs, item);
          }
        }
        return Collections.unmodifiableList((List<E>) items);
      }
      throw new VariableTypeException(name, storedAs, stored);
    }, java.util.ArrayList::new);
  }

  /** A value stored as it is, of the given Java type (a Map, a serialized object, a Spin JSON value). */
  public static <T> Var<T> stored(String name, Class<T> type) {
    return new Var<>(name, type.getSimpleName(), stored -> {
      if (type.isInstance(stored)) {
        return type.cast(stored);
      }
      throw new VariableTypeException(name, type.getSimpleName(), stored);
    }, value -> value);
  }

  /**
   * A variable with a codec of its own.
   *
   * @param storedAs what the engine holds, in words, for error messages
   * @param decode from the stored value (never null) to the Java value; throws
   *     {@link VariableTypeException} when the stored value is not of the stored type
   * @param encode from the Java value (never null) to the stored value
   */
  public static <T> Var<T> withCodec(String name, String storedAs, Function<Object, T> decode,
      Function<T, Object> encode) {
    return new Var<>(name, storedAs, decode, encode);
  }

  // ---- reading and writing ----------------------------------------------------------------------

  /** The variable's name as BPMN, forms and the REST API know it. */
  public String name() {
    return name;
  }

  /** The value visible from this scope (the scope, then its parents), or null when unset. */
  public T get(VariableScope scope) {
    return decode(scope.getVariable(name));
  }

  /** The value of this scope alone (an input parameter of a task or activity), or null when unset. */
  public T getLocal(VariableScope scope) {
    return decode(scope.getVariableLocal(name));
  }

  /**
   * The value visible from this scope.
   *
   * @throws VariableTypeException when it is unset (null) or of the wrong type
   */
  public T require(VariableScope scope) {
    T value = get(scope);
    if (value == null) {
      throw new VariableTypeException(name, storedAs, null);
    }
    return value;
  }

  /**
   * The value as stored, undecoded: for the completion rules that check what a form submitted and
   * refuse it in the practitioner's words (a stored value of the wrong type is then bad input, not
   * a fault).
   */
  public Object raw(VariableScope scope) {
    return scope.getVariable(name);
  }

  /** The value in a map of variables (a history snapshot, a REST body, a start map), or null. */
  public T from(Map<String, ?> variables) {
    return decode(variables.get(name));
  }

  /** The value of a process instance or execution, read as the calling user. */
  public T get(RuntimeService runtime, String executionId) {
    return decode(runtime.getVariable(executionId, name));
  }

  /** The value visible from a task, read as the calling user. */
  public T get(TaskService tasks, String taskId) {
    return decode(tasks.getVariable(taskId, name));
  }

  /** Decodes a stored value (null stays null). */
  public T decode(Object stored) {
    return stored == null ? null : decode.apply(stored);
  }

  /** Encodes a value for storage (null stays null). */
  public Object encode(T value) {
    return value == null ? null : encode.apply(value);
  }

  /** Sets the value where the variable already lives, else on the process instance. */
  public void set(VariableScope scope, T value) {
    scope.setVariable(name, encode(value));
  }

  /** Sets the value on this scope alone. */
  public void setLocal(VariableScope scope, T value) {
    scope.setVariableLocal(name, encode(value));
  }

  /** Sets the value on a process instance or execution, as the calling user. */
  public void set(RuntimeService runtime, String executionId, T value) {
    runtime.setVariable(executionId, name, encode(value));
  }

  /** Puts the encoded value into a map of variables (a start or completion map) and returns the map. */
  public <M extends Map<String, Object>> M put(M variables, T value) {
    variables.put(name, encode(value));
    return variables;
  }

  /** A map of this one variable, for {@code complete(taskId, ...)} and {@code setVariables}. */
  public Map<String, Object> asMap(T value) {
    java.util.HashMap<String, Object> map = new java.util.HashMap<>();
    map.put(name, encode(value));
    return map;
  }

  /** The names of these variables, for {@code removeVariables} and the like. */
  public static List<String> names(Var<?>... variables) {
    return java.util.Arrays.stream(variables).map(Var::name).toList();
  }

  @Override
  public String toString() {
    return name;
  }

  private static boolean fitsInt(long value) {
    return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
  }
}
