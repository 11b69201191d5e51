package org.safeguardflow.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.safeguardflow.notify.Notifications;
import org.safeguardflow.support.EngineClock;
import org.safeguardflow.support.FrontDoorClient;
import org.safeguardflow.support.SafeguardFlowTest;
import org.safeguardflow.support.SampleContact;
import org.safeguardflow.timescales.TimescaleBreaches;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * A contact received before the contact decision took the common reminder and late-reason rule of
 * every statutory step (its model named the delegate {@code remindTeamOfDueDecision} and no reminder
 * inputs, and only {@code checkContactDecision} on completion): after the release, its reminder job
 * still runs, the managers are reminded as they were, a late decision still must say why, and the
 * case is decided and ends. The model is the contact model as deployed before that change
 * ({@code src/test/resources/models/contact-before-the-common-reminder.bpmn}).
 */
@SafeguardFlowTest
class ContactOnAnEarlierModelTest {

  @Autowired TestRestTemplate http;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired Notifications notifications;
  @Autowired TimescaleBreaches breaches;
  @Autowired HistoryService history;

  @AfterEach
  void theCurrentModelIsTheLatestAgain() throws IOException {
    deploy(Files.readString(Path.of("bpmn/contact.bpmn")));
  }

  @Test
  void aContactStartedOnTheEarlierModelIsRemindedAndDecided() throws IOException {
    deploy(Files.readString(Path.of("src/test/resources/models/contact-before-the-common-reminder.bpmn")));
    EngineClock.setTo("2026-04-02T10:20:00+01:00");
    String caseRef = new FrontDoorClient(http).recorded(SampleContact.fromSchool("2026-04-02T10:15:00+01:00"));
    var contact = runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseRef).singleResult();

    // 09:00 on the due day (Tuesday after Easter): the reminder job of the earlier model runs.
    EngineClock.setTo("2026-04-07T09:00:01+01:00");
    runJobsDue(contact.getId());
    assertThat(notifications.forCase(caseRef)).extracting(Notifications.Notification::type)
        .containsExactly("CONTACT_DECISION_DUE_TODAY");

    String decision = tasks.createTaskQuery().processInstanceId(contact.getId())
        .taskDefinitionKey(ContactProcess.Element.MANAGER_DECIDES_CONTACT).singleResult().getId();
    tasks.complete(decision, Map.of("contactDecision", "NFA", "contactDecisionReason", "Advice given to the school"));
    runJobsDue(contact.getId());

    assertThat(runtime.createProcessInstanceQuery().processInstanceId(contact.getId()).count())
        .as("the contact on the earlier model has ended").isZero();
  }

  /**
   * The same earlier model named only {@code checkContactDecision} on the decision, which then held
   * the contact's own late-reason rule; that rule is now the common {@code explainLateStep}. A contact
   * started on the earlier model and decided after its deadline must still say why, and the reason is
   * filed with the breach, as it was.
   */
  @Test
  void aContactStartedOnTheEarlierModelAndDecidedLateMustSayWhy() throws IOException {
    deploy(Files.readString(Path.of("src/test/resources/models/contact-before-the-common-reminder.bpmn")));
    EngineClock.setTo("2026-04-02T10:20:00+01:00");
    String caseRef = new FrontDoorClient(http).recorded(SampleContact.fromSchool("2026-04-02T10:15:00+01:00"));
    var contact = runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseRef).singleResult();
    // The release deploys the current model while the contact waits for its decision.
    deploy(Files.readString(Path.of("bpmn/contact.bpmn")));
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(ContactProcess.KEY).latestVersion()
        .singleResult().getId()).as("the contact runs on the earlier model").isNotEqualTo(contact.getProcessDefinitionId());

    // Midnight after the due day (Tuesday after Easter) passes with no decision: the breach is recorded.
    EngineClock.setTo("2026-04-08T00:00:01+01:00");
    runJobsDue(contact.getId());
    assertThat(breaches.forCase(caseRef)).singleElement().satisfies(b -> assertThat(b.reason()).isNull());

    String decision = tasks.createTaskQuery().processInstanceId(contact.getId())
        .taskDefinitionKey(ContactProcess.Element.MANAGER_DECIDES_CONTACT).singleResult().getId();
    EngineClock.setTo("2026-04-08T10:00:00+01:00");
    assertThatThrownBy(() -> tasks.complete(decision, Map.of(
            "contactDecision", "NFA", "contactDecisionReason", "Advice given to the school")))
        .hasMessageContaining("contactDecisionLateReason is required");

    tasks.complete(decision, Map.of("contactDecision", "NFA", "contactDecisionReason", "Advice given to the school",
        "contactDecisionLateReason", "The school's information came in after Easter"));
    assertThat(breaches.forCase(caseRef)).singleElement()
        .satisfies(b -> assertThat(b.reason()).isEqualTo("The school's information came in after Easter"));
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(contact.getId())
        .variableName("contactDecisionLate").singleResult().getValue()).isEqualTo(true);
    runJobsDue(contact.getId());
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(contact.getId()).count())
        .as("the late contact on the earlier model has ended").isZero();

    // The earlier model's escalation named no step (only its due date did): the timeline reads the
    // step the same task names in the newest model.
    List<Map<String, Object>> timeline = asAuditor("/api/cases/" + caseRef + "/timeline");
    assertThat(timeline).filteredOn(e -> "USER_TASK".equals(e.get("kind")))
        .extracting(e -> e.get("elementId"), e -> e.get("timescaleStep"))
        .contains(tuple(ContactProcess.Element.MANAGER_DECIDES_CONTACT, "CONTACT_DECISION"),
            tuple(ContactProcess.Element.SERVICE_MANAGER_REVIEWS_OVERDUE, "ESCALATION_FOLLOW_UP"));
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> asAuditor(String path) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth("auditor", "auditor");
    Map<String, Object> answer = http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers),
        new ParameterizedTypeReference<Map<String, Object>>() {}).getBody();
    return (List<Map<String, Object>>) answer.get("entries");
  }

  /**
   * The model with every form in use today and the earlier contact's own escalation form
   * ({@code src/test/resources/models/forms/}), which the earlier model names and which an engine that
   * ran it holds from its deployment.
   */
  private void deploy(String contactModel) throws IOException {
    DeploymentBuilder deployment = repository.createDeployment().name("contact-model-compatibility")
        .addString("contact.bpmn", contactModel);
    for (Path folder : List.of(Path.of("forms"), Path.of("src/test/resources/models/forms"))) {
      try (var forms = Files.list(folder)) {
        for (Path form : forms.filter(f -> f.toString().endsWith(".form")).toList()) {
          deployment.addString(form.getFileName().toString(), Files.readString(form));
        }
      }
    }
    deployment.deploy();
  }

  private void runJobsDue(String processInstanceId) {
    for (int round = 0; round < 20; round++) {
      var due = management.createJobQuery().processInstanceId(processInstanceId).executable().list();
      if (due.isEmpty()) {
        return;
      }
      for (Job job : due) {
        management.executeJob(job.getId());
      }
    }
    throw new AssertionError("Jobs kept falling due: a timer loop?");
  }
}
