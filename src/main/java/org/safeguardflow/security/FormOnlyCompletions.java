package org.safeguardflow.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.impl.cmd.GetCamundaFormDefinitionCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.repository.CamundaFormDefinition;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one guard for task completions, for every user task of every model: a completion (REST
 * {@code complete}, {@code submit-form}, {@code resolve}, {@code bpmnError}, {@code bpmnEscalation};
 * Java {@code TaskService}/{@code FormService}) may carry only variables that are fields of the
 * task's deployed Camunda Form (the {@code key}, or a group's {@code path}, of each component of the
 * {@code .form} resource its {@code camunda:formRef} names). Anything else is refused before the
 * engine runs the command, with a {@link BadUserRequestException} naming each unexpected variable (as casework's rules refuse, so the REST API answers 400), and
 * nothing is written.
 *
 * <p>Only what the caller submitted is checked, so variables the task's own rules derive (completion
 * listeners such as {@code checkContactDecision} stamping who decided) are not affected. A field the
 * form shows read-only ({@code disabled} or {@code readonly}: the contact's concerns, a possible
 * match's evidence) may be sent back only with the value the case holds. A task without a Camunda
 * Form may be completed with no variables at all.
 *
 * <p>Engine interceptor (registered by {@link TaskChangeRules}); it reads the submitted variables from
 * the command object, whose fields Camunda 7.24 keeps protected. They are looked up once, at start, so
 * that an engine upgrade that renames them stops the application instead of silently letting every
 * completion through. Each deployed form's fields are read once and kept (a deployed resource never
 * changes; a changed form comes in a new deployment, read when its first task is completed).
 */
class FormOnlyCompletions extends CommandInterceptor {

  private static final Logger log = LoggerFactory.getLogger(FormOnlyCompletions.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Field COMPLETE_TASK = field(CompleteTaskCmd.class, "taskId");
  private static final Field COMPLETE_VARIABLES = field(CompleteTaskCmd.class, "variables");
  private static final Field SUBMIT_TASK = field(SubmitTaskFormCmd.class, "taskId");
  private static final Field SUBMIT_VARIABLES = field(SubmitTaskFormCmd.class, "properties");
  private static final Field ERROR_TASK = field(HandleTaskBpmnErrorCmd.class, "taskId");
  private static final Field ERROR_VARIABLES = field(HandleTaskBpmnErrorCmd.class, "variables");
  private static final Field ESCALATION_TASK = field(HandleTaskEscalationCmd.class, "taskId");
  private static final Field ESCALATION_VARIABLES = field(HandleTaskEscalationCmd.class, "variables");

  private final ProcessEngineConfigurationImpl engine;

  FormOnlyCompletions(ProcessEngineConfigurationImpl engine) {
    this.engine = engine;
  }

  @Override
  public <T> T execute(Command<T> command) {
    if (command instanceof CompleteTaskCmd) {
      check(command, COMPLETE_TASK, COMPLETE_VARIABLES);
    } else if (command instanceof SubmitTaskFormCmd) {
      check(command, SUBMIT_TASK, SUBMIT_VARIABLES);
    } else if (command instanceof HandleTaskBpmnErrorCmd) {
      check(command, ERROR_TASK, ERROR_VARIABLES);
    } else if (command instanceof HandleTaskEscalationCmd) {
      check(command, ESCALATION_TASK, ESCALATION_VARIABLES);
    }
    return next.execute(command);
  }

  private void check(Command<?> command, Field taskField, Field variablesField) {
    String taskId = (String) read(taskField, command);
    Map<?, ?> submitted = (Map<?, ?>) read(variablesField, command);
    if (taskId == null || submitted == null || submitted.isEmpty()) {
      return;
    }
    // One command (one transaction, one read of the task) for the whole check: a task query, a
    // work check, a read of the deployed form and a read of the case's values, each in its own
    // transaction, were a tenth of the CPU of deciding a contact (bench/RESULTS.md, third pass).
    engine.getCommandExecutorTxRequired().execute(context -> {
      TaskEntity task = context.getTaskManager().findTaskById(taskId);
      if (task == null) {
        return null; // the command itself answers for a task that does not exist
      }
      task.initializeFormKey();
      FormFields form = task.getCamundaFormRef() == null ? FormFields.NONE : formOf(context, task);
      List<String> unexpected = new ArrayList<>();
      for (Object name : submitted.keySet()) {
        if (!form.names().contains(String.valueOf(name))) {
          unexpected.add(String.valueOf(name));
        }
      }
      List<String> changedReadOnly = changedReadOnly(task, submitted, form.readOnly());
      if (!unexpected.isEmpty() || !changedReadOnly.isEmpty()) {
        // Rights come before rules: someone who may not work the task is told so (403, as the
        // command itself would), not which of their variables the form lacks. A completion that
        // passes goes on to the command, which checks the same rights itself: checked once, not twice.
        for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
          checker.checkTaskWork(task);
        }
      }
      if (unexpected.isEmpty() && !changedReadOnly.isEmpty()) {
        log.warn("Refused completion: user={} case={} task={} ({}): changed fields its form shows read-only: {}",
            EngineAudit.currentUser(engine), EngineAudit.caseOf(engine, task.getProcessInstanceId()), task.getTaskDefinitionKey(), taskId, changedReadOnly);
        throw new BadUserRequestException("Not recorded: " + String.join(", ", changedReadOnly)
            + (changedReadOnly.size() == 1 ? " is" : " are") + " shown read-only on the form of '" + task.getName()
            + "': completing a task cannot change what its form only shows");
      }
      if (!unexpected.isEmpty()) {
        unexpected.sort(null);
        log.warn("Refused completion: user={} case={} task={} ({}): not fields of its form: {}",
            EngineAudit.currentUser(engine), EngineAudit.caseOf(engine, task.getProcessInstanceId()), task.getTaskDefinitionKey(), taskId, unexpected);
        throw new BadUserRequestException("Not recorded: " + String.join(", ", unexpected) + (unexpected.size() == 1 ? " is not a field" : " are not fields")
            + " of the form of '" + task.getName() + "': completing a task records only its form's fields");
      }
      return null;
    });
  }

  /**
   * The variable names a Camunda Form can submit, and among them those it only shows (a component
   * {@code disabled} or {@code readonly}): the case's record as the form displays it. Empty for a
   * task without a Camunda Form.
   */
  record FormFields(Set<String> names, Set<String> readOnly) {
    static final FormFields NONE = new FormFields(Set.of(), Set.of());
  }

  /**
   * The fields of a deployed form, read once per deployed form and kept: a deployed resource never
   * changes (a changed form is a new deployment, hence a new key here), so every later completion of
   * any task using it is checked against the kept fields without reading or parsing the form again.
   * Keyed by deployment and form key for {@code formRefBinding="deployment"} (the binding our models
   * use: nothing to look up), otherwise by the form definition the binding names now.
   */
  private FormFields formOf(CommandContext context, TaskEntity task) {
    CamundaFormRef ref = task.getCamundaFormRef();
    String deploymentId = task.getProcessDefinition() == null ? null : task.getProcessDefinition().getDeploymentId();
    if ("deployment".equals(ref.getBinding()) && deploymentId != null) {
      return kept("deployment:" + deploymentId + ":" + ref.getKey(),
          () -> readForm(context, definitionOf(context, ref, deploymentId)));
    }
    CamundaFormDefinition definition = definitionOf(context, ref, deploymentId);
    return kept("definition:" + definition.getId(), () -> readForm(context, definition));
  }

  private static CamundaFormDefinition definitionOf(CommandContext context, CamundaFormRef ref, String deploymentId) {
    CamundaFormDefinition definition = context.runWithoutAuthorization(new GetCamundaFormDefinitionCmd(ref, deploymentId));
    if (definition == null) {
      throw new NotFoundException("No Camunda Form is deployed for " + ref);
    }
    return definition;
  }

  /** Reads and parses a deployed form's resource; the caller keeps the result. */
  static FormFields readForm(CommandContext context, CamundaFormDefinition definition) {
    ResourceEntity resource = context.getResourceManager()
        .findResourceByDeploymentIdAndResourceName(definition.getDeploymentId(), definition.getResourceName());
    if (resource == null) {
      throw new NotFoundException("The form " + definition.getResourceName() + " is not in deployment " + definition.getDeploymentId());
    }
    Set<String> names = new LinkedHashSet<>();
    Set<String> readOnly = new LinkedHashSet<>();
    try {
      collect(JSON.readTree(resource.getBytes()), names, readOnly);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new FormFields(Set.copyOf(names), Set.copyOf(readOnly));
  }

  /**
   * Forms' fields by deployed form. A deployment holds a handful of forms, and an entry is a few dozen
   * names; the map is emptied when it passes {@link #MAX_FORMS_KEPT} entries, so that redeploying
   * models thousands of times cannot grow it without end (the forms still in use are read again).
   */
  private final Map<String, FormFields> forms = new ConcurrentHashMap<>();

  private static final int MAX_FORMS_KEPT = 1_000;

  /** The kept fields under the key, or the form read now and kept (read outside any lock). */
  private FormFields kept(String key, java.util.function.Supplier<FormFields> read) {
    FormFields fields = forms.get(key);
    if (fields == null) {
      fields = read.get();
      if (forms.size() >= MAX_FORMS_KEPT) {
        forms.clear();
      }
      forms.put(key, fields);
    }
    return fields;
  }

  /**
   * A component's key (or a group's or dynamic list's path) names the variable; a dotted key writes
   * into its first part. A pathed component (Camunda Forms' {@code dynamiclist}: a list of entries,
   * which Tasklist submits as one JSON variable) is read-only when it is disabled or read-only itself
   * or when every field of its entries is: the manager's form shows the parents' views that way, and
   * a completion must not replace them.
   */
  static void collect(JsonNode component, Set<String> names, Set<String> readOnly) {
    String path = component.path("path").asText("");
    if (!path.isBlank()) {
      String name = path.split("\\.")[0];
      names.add(name);
      if (shownOnly(component) || everyFieldShownOnly(component)) {
        readOnly.add(name);
      }
      return;
    }
    String key = component.path("key").asText("");
    if (!key.isBlank()) {
      String name = key.split("\\.")[0];
      names.add(name);
      if (component.path("disabled").asBoolean(false) || component.path("readonly").asBoolean(false)) {
        readOnly.add(name);
      }
    }
    for (JsonNode child : component.path("components")) {
      collect(child, names, readOnly);
    }
  }

  private static boolean shownOnly(JsonNode component) {
    return component.path("disabled").asBoolean(false) || component.path("readonly").asBoolean(false);
  }

  /** True when the component holds fields and every one of them is shown only. */
  private static boolean everyFieldShownOnly(JsonNode container) {
    Set<String> inside = new LinkedHashSet<>();
    Set<String> insideReadOnly = new LinkedHashSet<>();
    for (JsonNode child : container.path("components")) {
      collect(child, inside, insideReadOnly);
    }
    return !inside.isEmpty() && insideReadOnly.containsAll(inside);
  }

  /**
   * The read-only fields whose submitted value differs from the case's: a form may send back what it
   * showed (Tasklist does), never a new value for it. Reads the case's value only of a read-only
   * field that was sent.
   */
  private static List<String> changedReadOnly(TaskEntity task, Map<?, ?> submitted, Set<String> readOnly) {
    List<String> changed = new ArrayList<>();
    for (Object name : submitted.keySet()) {
      if (!readOnly.contains(String.valueOf(name))) {
        continue;
      }
      Object sent = submitted.get(name) instanceof TypedValue typed ? typed.getValue() : submitted.get(name);
      Object recorded = task.getVariable(String.valueOf(name));
      if (!sameValue(sent, recorded)) {
        changed.add(String.valueOf(name));
      }
    }
    changed.sort(null);
    return changed;
  }

  /**
   * Equal values; a JSON value (a list Tasklist submits, a Spin JSON variable) is compared by its
   * content, since Spin's nodes do not compare by value.
   */
  static boolean sameValue(Object sent, Object recorded) {
    if (Objects.equals(sent, recorded)) {
      return true;
    }
    JsonNode sentTree = tree(sent);
    JsonNode recordedTree = tree(recorded);
    return sentTree != null && sentTree.equals(recordedTree);
  }

  private static JsonNode tree(Object value) {
    try {
      if (value instanceof org.camunda.spin.json.SpinJsonNode json) {
        return JSON.readTree(json.toString());
      }
      if (value instanceof String text && (text.startsWith("[") || text.startsWith("{"))) {
        return JSON.readTree(text);
      }
      if (value instanceof java.util.Collection<?> || value instanceof Map<?, ?>) {
        return JSON.valueToTree(value);
      }
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
    return null;
  }

  private static Field field(Class<?> type, String name) {
    return CommandFields.of(type, name, "The completion guard");
  }

  private static Object read(Field field, Object command) {
    return CommandFields.read(field, command);
  }
}
