package org.safeguardflow.errors;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.WebApplicationException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.safeguardflow.web.DatabaseAway;
import org.safeguardflow.web.LostRaces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.xml.sax.SAXException;

/**
 * What a REST answer may say about a failure, for every API of the product: the engine's
 * ({@code /engine-rest}), the web apps' ({@code /camunda/api}) and ours ({@code /api}).
 *
 * <p>The answer is Camunda's JSON shape, {@code {"type", "message", "correlationId"}}, which Tasklist
 * reads ({@code message} is what it shows). {@code type} is a word of our own (e.g. {@code RuleRefused},
 * {@code Forbidden}, {@code ServerError}), never a Java class name. The rules:
 * <ul>
 *   <li>A refusal by one of our completion rules (a {@link BadUserRequestException} such as
 *       {@code casework.CaseRuleException} thrown by a task listener, however deeply the engine wrapped
 *       it, e.g. in {@code ENGINE-03051 There was an exception while invoking the TaskListener}) is
 *       the caller's mistake: 400 with the rule's own message.</li>
 *   <li>Camunda's own 4xx mappings (404 not found, 403 authorization, 400 invalid request) keep their
 *       status and message, unless the message would show a class name, SQL, a table or index name or
 *       a stack frame: then a plain sentence for the status replaces it.</li>
 *   <li>A request on the engine's REST API that lost a race with another transaction (the same job
 *       executed twice at once, a task completed by two people) changed nothing: 409 {@code Conflict}.
 *       On our own API ({@code /api}) nobody else did the caller's work, so a lost race is tried
 *       again and, if it keeps losing, answered 503 {@code TryAgain} with {@code Retry-After}
 *       ({@link LostRaces}).</li>
 *   <li>The database out of reach (stopped, restarting, connections refused: {@link DatabaseAway}) is
 *       nobody's mistake and passes: 503 {@code ServiceUnavailable} with a plain sentence asking to
 *       send again; the API answers carry {@code Retry-After}.</li>
 *   <li>Anything else is the server's fault: 500 (or the 5xx Camunda chose) with a generic sentence.
 *       The full failure, with its stack trace, goes to the log under the answer's correlation id.</li>
 * </ul>
 * A model file that is not XML at all is the sender's mistake (400), not a server fault.
 */
public final class ErrorAnswers {

  /** MDC key and response header under which {@link CorrelationIds} files each request. */
  public static final String CORRELATION_ID = "correlationId";

  /** What the loser of a race is told (409). */
  public static final String CONFLICT = "Someone else did this at the same moment and their result stands; nothing was"
      + " changed by this request. Reload to see the current state.";

  private static final Logger log = LoggerFactory.getLogger(ErrorAnswers.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Words of the database: SQL, our and the engine's tables, constraints. */
  private static final Pattern DATABASE = Pattern.compile(String.join("|",
      "(?i)\\binsert\\s+into\\b", "(?i)\\bselect\\s+(\\*|count\\s*\\(|distinct\\s|\\w+\\.\\w+|\\w+_\\w*)",
      "(?i)\\bupdate\\s+\\w+\\s+set\\b", "(?i)\\bdelete\\s+from\\b", "(?i)\\bsf_\\w+", "(?i)\\bact_[a-z]+_\\w*",
      "(?i)\\bsql\\b", "(?i)sqlstate", "(?i)persistence layer", "(?i)\\b(my)?ibatis\\b", "###"));

  /** Words of the code: class and package names, stack frames. */
  private static final Pattern CODE = Pattern.compile(String.join("|",
      "\\b[\\w$]*(Exception|Error)\\b", "\\b(java|javax|jakarta|org|com|sun|net|io)\\.[a-z_]\\w*\\.",
      "\\b[a-z_]\\w*\\.[a-z_]\\w*\\.[A-Z]\\w*", "\\bat\\s+[\\w$.]+\\([\\w$]*\\.java:\\d+\\)", "\\$[A-Z]\\w*\\b"));

  private ErrorAnswers() {}

  /** One answer: HTTP status, our type word and a message fit for the caller. */
  public record Answer(int status, String type, String message, Map<String, Object> details) {}

  /** What to send: the status and the body ({@code type}, {@code message}, {@code correlationId}, ...). */
  public record Reply(int status, Map<String, Object> body) {

    /** Seconds to put in {@code Retry-After}, or {@code null} when the answer asks for no wait. */
    public Integer retryAfterSeconds() {
      if (LostRaces.TYPE.equals(body.get("type"))) {
        return LostRaces.RETRY_AFTER_SECONDS;
      }
      return DatabaseAway.TYPE.equals(body.get("type")) ? DatabaseAway.RETRY_AFTER_SECONDS : null;
    }
  }

  /**
   * Decides the answer to a failure and logs it under the request's correlation id: refusals at INFO
   * (method, path, user, message), server faults at ERROR with the stack trace.
   *
   * @param request "METHOD /path" of the request, for the log only
   * @param user the signed-in user, or {@code null}
   * @return the status and body to send: {@code type}, {@code message}, {@code correlationId} and, for
   *     Camunda's own 4xx answers, their extra fields (e.g. {@code missingAuthorizations})
   */
  public static Reply reply(Throwable failure, String request, String user) {
    Answer answer = decide(failure);
    String id = correlationId();
    if (answer.status() == 503 && LostRaces.TYPE.equals(answer.type())) {
      log.warn("Lost the race with other work at every attempt {} on {} (user {}): answered 503, asked to send again: {}",
          id, request, user, rootMessage(failure));
    } else if (answer.status() == 503 && DatabaseAway.TYPE.equals(answer.type())) {
      // One line, no stack trace: while the database is away every request fails alike.
      log.warn("Database out of reach {} on {} (user {}): answered 503: {}", id, request, user, rootMessage(failure));
    } else if (answer.status() >= 500) {
      log.error("Server error {} on {} (user {}): answered {} with a generic message", id, request, user,
          answer.status(), failure);
    } else {
      log.info("Refused {} {} (user {}): {} {}: {}", id, request, user, answer.status(), answer.type(),
          messageOf(failure));
    }
    Map<String, Object> body = new LinkedHashMap<>(answer.details());
    body.put("type", answer.type());
    body.put("message", answer.message());
    body.put(CORRELATION_ID, id);
    return new Reply(answer.status(), body);
  }

  /** The same, as JSON text (the web apps' JAX-RS applications do not all carry a JSON writer). */
  public static String json(Map<String, Object> body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (Exception e) {
      return "{\"type\":\"ServerError\",\"message\":\"" + generic(500) + "\"}";
    }
  }

  /** The answer to a failure, without logging. */
  public static Answer decide(Throwable failure) {
    // Before everything else: Camunda wraps the lost connection in its own exceptions (a 4xx for some REST paths).
    if (DatabaseAway.noticedIn(failure)) {
      return new Answer(503, DatabaseAway.TYPE, DatabaseAway.MESSAGE, Map.of());
    }
    AuthorizationException denied = deniedIn(failure);
    if (denied != null && denied != failure) {
      // Camunda's REST wraps some refusals of rights (adding a comment, an attachment) in a 400 "Not
      // enough parameters submitted": a missing right is a 403 whoever wrapped it.
      return answer(403, typeFor(403), messageOf(denied), camundaDetails(denied));
    }
    if (failure instanceof RestException rest && rest.getStatus() != null && rest.getStatus().getStatusCode() == 400
        && String.valueOf(rest.getMessage()).matches("No task found for task id \\S+")) {
      // Camunda's REST says 400 when a task the caller cannot see is named in a comment or attachment call.
      return answer(404, typeFor(404), messageOf(failure), Map.of());
    }
    BadUserRequestException refusal = refusalIn(failure);
    if (refusal != null) {
      // Ours when one of our rules threw it (CaseRuleException, or the engine's own type thrown by our listener).
      StackTraceElement[] frames = refusal.getStackTrace();
      boolean ours = refusal.getClass().getName().startsWith("org.safeguardflow.")
          || frames.length > 0 && frames[0].getClassName().startsWith("org.safeguardflow.");
      return answer(400, ours ? "RuleRefused" : "InvalidRequest", refusal.getMessage(), Map.of());
    }
    if (unreadableModel(failure)) {
      return answer(400, "InvalidRequest", messageOf(failure), Map.of());
    }
    if (engineRefusedTheRequest(failure)) {
      return answer(400, "InvalidRequest", "No model of the council starts a process on a condition; nothing was started",
          Map.of());
    }
    String missing = missingVariable(failure);
    if (missing != null) {
      return new Answer(400, "InvalidRequest", "Nothing was changed: the model needs the variable '" + missing
          + "', which the request did not give", Map.of());
    }
    if (missingMultipartBody(failure)) {
      return new Answer(400, "InvalidRequest", "This call needs a multipart/form-data body", Map.of());
    }
    if (failure instanceof org.camunda.bpm.engine.TaskAlreadyClaimedException) {
      // Two people reached for the same task: the first one has it (Camunda answers 500).
      return new Answer(409, "Conflict", "Someone else has already claimed this task; nothing was changed."
          + " Reload to see who has it", Map.of());
    }
    if (failure instanceof LostRaces.TryAgain) {
      return new Answer(503, LostRaces.TYPE, LostRaces.MESSAGE, Map.of());
    }
    if (lostARace(failure)) {
      return new Answer(409, "Conflict", CONFLICT, Map.of());
    }
    if (failure instanceof com.fasterxml.jackson.core.JsonProcessingException unreadable) {
      // Jackson's own words name its classes and features (StreamReadFeature, java.lang.String...).
      return new Answer(400, "InvalidRequest", unreadableBody(unreadable), Map.of());
    }
    if (noOpenTask(failure)) {
      // Camunda answers 500 ("Cannot find task with id ...: task is null") for a task already completed.
      return new Answer(404, "NotFound", "No open task has this id: it may have been completed already, perhaps by"
          + " someone else; nothing was changed. Reload the task list", Map.of());
    }
    int status = statusOf(failure);
    // A failing statement is the server's fault whatever status Camunda chose: its job API, for one,
    // answers 404 with the database's message for every engine failure of the job.
    if (status >= 500 || DATABASE.matcher(String.valueOf(messageOf(failure))).find()) {
      status = Math.max(status, 500);
      return new Answer(status, "ServerError", generic(status), Map.of());
    }
    return answer(status, typeFor(status), messageOf(failure), camundaDetails(failure));
  }

  /**
   * Two people (or a person and the job executor, or two cluster nodes) did the same piece of engine
   * work at the same moment, e.g. an operator pressed "execute job" in Cockpit while the job executor
   * ran it: the first result stands and this request changed nothing. Camunda's
   * {@code POST /engine-rest/job/{id}/execute} turns the engine's exception into a message before any
   * mapper sees it, so that path is recognised by the engine's code for a concurrent update.
   */
  private static boolean lostARace(Throwable failure) {
    return LostRaces.isCause(failure);
  }

  /** Says whether a text would show the inside of the server (SQL, tables, classes, stack frames). */
  public static boolean leaks(String text) {
    return text != null && (DATABASE.matcher(text).find() || CODE.matcher(text).find());
  }

  /** A plain sentence for a status, used where the real message may not be shown. */
  public static String generic(int status) {
    return switch (status) {
      case 400 -> "The request is not one this call accepts; check its parameters and body";
      case 401 -> "Sign in with a Safeguard Flow user or your agency's API key";
      case 403 -> "Your role may not do this";
      case 404 -> "Not found";
      case 405 -> "This call does not take that method";
      case 406, 415 -> "This call does not take or give that content type";
      case 409 -> "Someone else changed this at the same time; reload and try again";
      case 413 -> "The request body is too large";
      case 429 -> "Too many attempts; wait before trying again";
      default -> status >= 500
          ? "The server could not complete this request. Nothing is shown of why; quote the correlation id to the service desk"
          : "The request was refused";
    };
  }

  /** Our word for a status: never a class name. */
  public static String typeFor(int status) {
    return switch (status) {
      case 400 -> "InvalidRequest";
      case 401 -> "Unauthenticated";
      case 403 -> "Forbidden";
      case 404 -> "NotFound";
      case 405 -> "MethodNotAllowed";
      case 409 -> "Conflict";
      case 413 -> "TooLarge";
      case 415, 406 -> "UnsupportedMediaType";
      case 429 -> "TooManyRequests";
      case 503 -> DatabaseAway.TYPE;
      default -> status >= 500 ? "ServerError" : "Refused";
    };
  }

  /** The current request's correlation id ({@link CorrelationIds}), or a new one outside a request. */
  public static String correlationId() {
    String id = MDC.get(CORRELATION_ID);
    return id != null ? id : UUID.randomUUID().toString();
  }

  private static Answer answer(int status, String type, String message, Map<String, Object> details) {
    if (message == null || message.isBlank() || leaks(message)) {
      return new Answer(status, type, generic(status), Map.of());
    }
    return new Answer(status, type, message, details);
  }

  private static AuthorizationException deniedIn(Throwable failure) {
    for (Throwable cause = failure; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
      if (cause instanceof AuthorizationException denied) {
        return denied;
      }
    }
    return null;
  }

  private static BadUserRequestException refusalIn(Throwable failure) {
    for (Throwable cause = failure; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
      if (cause instanceof BadUserRequestException refusal) {
        return refusal;
      }
    }
    return null;
  }

  /**
   * Requests the engine refuses as plain {@link ProcessEngineException}s although nothing failed but the
   * request itself: evaluating start conditions that no model has (ENGINE-13043). Camunda answers them
   * 500, as if the server had failed.
   */
  private static boolean engineRefusedTheRequest(Throwable failure) {
    return failure instanceof ProcessEngineException
        && String.valueOf(failure.getMessage()).startsWith("ENGINE-13043 ");
  }

  private static final Pattern UNRESOLVED = Pattern.compile(
      "Unknown property used in expression: .*Cannot resolve identifier '([A-Za-z_][\\w]*)'");

  /**
   * The variable a model's expression needs and the request did not give (starting a process,
   * correlating a message or signalling without it, as an administrator may): the engine fails with
   * "Unknown property used in expression", which Camunda answers 500 although nothing failed but the
   * request. Null when the failure is anything else.
   */
  private static String missingVariable(Throwable failure) {
    for (Throwable cause = failure; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
      java.util.regex.Matcher unresolved = UNRESOLVED.matcher(String.valueOf(cause.getMessage()));
      if (unresolved.find()) {
        return unresolved.group(1);
      }
    }
    return null;
  }

  /** Camunda's REST resources that read a multipart body fail with a NullPointerException when it is missing. */
  private static boolean missingMultipartBody(Throwable failure) {
    return failure instanceof NullPointerException && String.valueOf(failure.getMessage()).contains("MultipartFormData");
  }

  private static boolean unreadableModel(Throwable failure) {
    for (Throwable cause = failure; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
      if (cause instanceof SAXException) {
        return true;
      }
    }
    return false;
  }

  /** Camunda's own status for the failure (its ExceptionHandlerHelper), JSON errors being 400. */
  /** Whether the engine could not find the task a call named (completed, deleted, or never there). */
  private static boolean noOpenTask(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof org.camunda.bpm.engine.exception.NullValueException
          && String.valueOf(cause.getMessage()).startsWith("Cannot find task with id")) {
        return true;
      }
    }
    return false;
  }

  /** Where a body could not be read, in the request's own terms: line, column and field path. */
  private static String unreadableBody(com.fasterxml.jackson.core.JsonProcessingException unreadable) {
    StringBuilder message = new StringBuilder("The body is not JSON this call can read");
    if (unreadable instanceof com.fasterxml.jackson.databind.JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      StringBuilder field = new StringBuilder();
      for (com.fasterxml.jackson.databind.JsonMappingException.Reference step : mapping.getPath()) {
        if (step.getFieldName() != null) {
          field.append(field.length() == 0 ? "" : ".").append(step.getFieldName());
        } else if (step.getIndex() >= 0) {
          field.append('[').append(step.getIndex()).append(']');
        }
      }
      if (field.length() > 0) {
        message.append(" at '").append(field).append('\'');
      }
    } else if (unreadable.getLocation() != null && unreadable.getLocation().getLineNr() > 0) {
      message.append(" (line ").append(unreadable.getLocation().getLineNr()).append(", column ")
          .append(unreadable.getLocation().getColumnNr()).append(')');
    }
    return message.append("; nothing was changed").toString();
  }

  private static int statusOf(Throwable failure) {
    if (failure instanceof com.fasterxml.jackson.core.JsonProcessingException) {
      return 400;
    }
    if (failure instanceof WebApplicationException web && web.getResponse() != null) {
      return web.getResponse().getStatus();
    }
    if (failure instanceof RestException || failure instanceof ProcessEngineException) {
      return ExceptionHandlerHelper.getInstance().getStatus(failure).getStatusCode();
    }
    return 500;
  }

  /** The extra fields of Camunda's answers (missing authorizations, parse and migration problems). */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> camundaDetails(Throwable failure) {
    if (!(failure instanceof AuthorizationException || failure instanceof ParseException
        || failure instanceof MigrationPlanValidationException
        || failure instanceof MigratingProcessInstanceValidationException)) {
      return Map.of();
    }
    Map<String, Object> details = new LinkedHashMap<>(
        JSON.convertValue(ExceptionHandlerHelper.getInstance().fromException(failure), Map.class));
    details.keySet().removeAll(java.util.List.of("type", "message"));
    details.values().removeIf(value -> value == null);
    return leaks(String.valueOf(details)) ? Map.of() : details;
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  private static String messageOf(Throwable failure) {
    return failure.getMessage();
  }
}
