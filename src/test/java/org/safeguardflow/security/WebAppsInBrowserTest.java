package org.safeguardflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.safeguardflow.casework.referral.ReferralEpisode;
import org.safeguardflow.intake.ContactProcess;
import org.safeguardflow.support.CaseScenario;
import org.safeguardflow.support.FrontDoorClient;
import org.safeguardflow.support.SampleContact;
import org.safeguardflow.support.TestDatabase;
import org.safeguardflow.support.WebAppsRuntime;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.util.FileSystemUtils;

/**
 * Camunda's web apps as each role meets them, in real headless Chromium (Debian's
 * {@code /usr/bin/chromium}, driven by {@code src/test/browser/webapps.mjs}): a school's contacts
 * about Amy and Leo are sent through the API, then every demo user signs in through Camunda's own
 * login page. The browser runs once for the class; each test reads what one role saw.
 *
 * <p>The app on H2 only: not tagged {@code database}, so the {@code postgres} surefire run leaves it
 * out (what a browser shows does not depend on the database).
 */
// The same context as @SafeguardFlowTest's (so the same engine: a second context would register a
// second engine named "default" and take the REST API's engine from the tests after this one).
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestDatabase.class)
@AutoConfigureObservability(tracing = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings({"unchecked", "rawtypes"})
class WebAppsInBrowserTest {

  static final Path SCRIPT = Path.of("src/test/browser/webapps.mjs");
  static final Path SCREENSHOTS = Path.of("target/webapps-in-browser");
  static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
  static final long TIMEOUT_MINUTES = 5;

  static final String DECIDE_CONTACT = "Decide what happens to the contact";
  /** Typed by a referrer into the concerns: must reach the manager as text, never as markup or script. */
  static final String MARKUP = "<script>window.__xss=1</script><b>bold</b>";

  @LocalServerPort int port;
  @Autowired TestRestTemplate http;
  @Autowired TaskService tasks;

  @Autowired CaseScenario scenario;

  Contact amy;
  Contact leo;
  /** Zoe's contact came ten days ago: its decision is overdue, and the deadline timer has not run (no job executor). */
  Contact zoe;
  /** Mia's referral, waiting for the front door to allocate it. */
  Contact miasAllocation;
  ResponseEntity<Map> partnersContact;
  List<Map<String, Object>> report;

  record Contact(String child, String caseRef, String taskId) {}

  @BeforeAll
  void everyDemoUserSignsInToTheWebApps() throws Exception {
    if (!Files.isExecutable(Path.of(CHROMIUM))) {
      fail("No headless Chromium at " + CHROMIUM + ": install Debian's chromium (sudo apt-get install -y chromium);"
          + " CI's .ci/run installs it. This test never downloads a browser.");
    }
    if (!Files.isDirectory(Path.of("node_modules/playwright-core"))) {
      fail("node_modules/playwright-core is missing: run `npm ci` once (the Maven build does it through"
          + " bin/lint-models unless -Dlint.skip).");
    }
    WebAppsRuntime.restore();
    FileSystemUtils.deleteRecursively(SCREENSHOTS); // only this run's pictures
    FrontDoorClient frontDoor = new FrontDoorClient(http);
    amy = send(frontDoor, SampleContact.fromSchool(anHourAgo()));
    leo = send(frontDoor, SampleContact.fromSchool(anHourAgo()).with("child.firstName", "Leo")
        .with("concerns", "Leo's teacher copied what he typed in class: " + MARKUP));
    zoe = send(frontDoor, SampleContact.fromSchool(OffsetDateTime.now(ZoneOffset.UTC).minusDays(10).toString())
        .with("child.firstName", "Zoe"));
    partnersContact = frontDoor.submit(SampleContact.fromSchool(anHourAgo()), "partner");
    Contact mia = send(frontDoor, SampleContact.fromSchool(anHourAgo()).with("child.firstName", "Mia"));
    scenario.complete(mia.caseRef(), ContactProcess.Element.MANAGER_DECIDES_CONTACT, Map.of(
        "contactDecision", "S17_ASSESSMENT", "contactDecisionReason", "Needs an assessment <i>soon</i>"));
    scenario.runJobsDue(mia.caseRef());
    miasAllocation = new Contact(mia.child(), mia.caseRef(),
        scenario.task(mia.caseRef(), ReferralEpisode.ALLOCATE_SOCIAL_WORKER).getId());

    List<Map<String, Object>> checks = List.of(
        check("manager", "tasklist", "My team's tasks", amy, leo, miasAllocation, zoe),
        check("south-manager", "tasklist", "My team's tasks", miasAllocation),
        check("manager", "cockpit"),
        check("worker", "tasklist", "My team's tasks", amy),
        check("worker", "cockpit"),
        check("senior", "tasklist"),
        check("senior", "cockpit"),
        check("auditor", "cockpit"),
        check("auditor", "tasklist"),
        check("owner", "cockpit"),
        check("owner", "tasklist"),
        check("partner", "tasklist"),
        check("partner", "cockpit"),
        check("partner", "admin"),
        check("demo", "admin"));
    report = runBrowser(checks);
  }

  @Test
  void theManagerFindsAmysContactInTheirTeamsTasksAndReadsItInTheForm() {
    Map<String, Object> tasklist = seen("manager", "tasklist");
    assertThat(tasklist.get("opened")).as("manager opens Tasklist: %s", tasklist).isEqualTo(true);
    assertThat((List<String>) tasklist.get("filters")).as("Tasklist filters").contains("My team's tasks");

    Map<String, Object> task = task(tasklist, amy);
    assertThat((List<Map<String, Object>>) task.get("found")).as("searching My team's tasks for %s", amy.caseRef())
        .anySatisfy(t -> {
          assertThat(t.get("id")).isEqualTo(amy.taskId());
          assertThat(t.get("name")).isEqualTo(DECIDE_CONTACT);
        });
    assertThat(task.get("opened")).as("the task opens: %s", task).isEqualTo(true);
    assertThat((String) task.get("form")).as("the Camunda Form")
        .contains("Contact " + amy.caseRef(), amy.child(), "Oak Primary School", "Decision", "Reason for the decision");
  }

  /** Issue 11: the form asks why exactly when the rule requires it, though the deadline timer has not run. */
  @Test
  void theOverdueDecisionAsksWhyItIsLateAndTheOneOnTimeDoesNot() {
    Map<String, Object> late = task(seen("manager", "tasklist"), zoe);
    assertThat(late.get("opened")).as("Zoe's contact decision opens: %s", late).isEqualTo(true);
    assertThat((String) late.get("form")).as("the overdue decision's form")
        .contains("This decision is overdue", "Why is this decision late?");
    assertThat((String) task(seen("manager", "tasklist"), amy).get("form")).as("a decision on time")
        .contains("Reason for the decision").doesNotContain("Why is this decision late?", "This decision is overdue");
  }

  @Test
  void aScriptInLeosConcernsNeverRunsInTheManagersBrowser() {
    Map<String, Object> task = task(seen("manager", "tasklist"), leo);
    assertThat(task.get("opened")).as("Leo's contact decision opens: %s", task).isEqualTo(true);
    assertThat((String) task.get("form")).as("the form").contains(leo.child());
    assertThat((List<String>) task.get("xss")).as("window.__xss in any frame of Tasklist").isEmpty();
  }

  @Test
  void leosConcernsAreShownAsTheReferrerTypedThemEvenWhenTheyLookLikeMarkup() {
    Map<String, Object> task = task(seen("manager", "tasklist"), leo);
    // Shown in a read-only field, exactly as typed; nothing of it read as Markdown or HTML into the page.
    assertThat((List<String>) task.get("fields")).as("the form's fields")
        .contains("Leo's teacher copied what he typed in class: " + MARKUP);
    assertThat((String) task.get("form")).as("the form's rendered text").doesNotContain("bold");
  }

  @Test
  void theManagerOpensCockpitAndSeesTheProcesses() {
    Map<String, Object> cockpit = seen("manager", "cockpit");
    assertThat(cockpit.get("opened")).as("manager opens Cockpit: %s", cockpit).isEqualTo(true);
    assertThat((List<String>) cockpit.get("processDefinitions")).as("Cockpit's process definitions")
        .contains(ContactProcess.KEY);
  }

  @Test
  void aSocialWorkerOpensTasklistButNeitherSeesNorOpensAmysContactDecision() {
    Map<String, Object> tasklist = seen("worker", "tasklist");
    assertThat(tasklist.get("opened")).as("worker opens Tasklist: %s", tasklist).isEqualTo(true);
    Map<String, Object> task = task(tasklist, amy);
    assertThat((List<Map<String, Object>>) task.get("found")).as("searching My team's tasks for %s", amy.caseRef())
        .noneSatisfy(t -> assertThat(t.get("id")).isEqualTo(amy.taskId()));
    assertThat(task.get("opened")).as("opening the task by its address: %s", task).isEqualTo(false);
    assertThat((String) task.get("form")).as("no form of Amy's contact").isNull();
  }

  @Test
  void theFrontDoorManagerAllocatesMiasReferralToATeamAndOneOfItsSocialWorkers() {
    Map<String, Object> task = task(seen("manager", "tasklist"), miasAllocation);
    assertThat(task.get("opened")).as("Mia's allocation opens: %s", task).isEqualTo(true);
    assertThat((String) task.get("form")).as("the allocation form")
        .contains("Referral " + miasAllocation.caseRef(), "Caseloads", "Team", "Qualified social worker");
    assertThat((List<String>) task.get("fields")).as("the front door's reason, as typed")
        .contains("Needs an assessment <i>soon</i>");
  }

  @Test
  void anotherTeamsManagerNeitherFindsNorOpensTheFrontDoorsAllocation() {
    Map<String, Object> tasklist = seen("south-manager", "tasklist");
    assertThat(tasklist.get("opened")).as("south-manager opens Tasklist: %s", tasklist).isEqualTo(true);
    Map<String, Object> task = task(tasklist, miasAllocation);
    assertThat((List<Map<String, Object>>) task.get("found")).as("searching My team's tasks for %s",
        miasAllocation.caseRef()).noneSatisfy(t -> assertThat(t.get("id")).isEqualTo(miasAllocation.taskId()));
    assertThat(task.get("opened")).as("opening the task by its address: %s", task).isEqualTo(false);
  }

  @Test
  void aSocialWorkerHasNoCockpit() {
    assertRefused("worker", "cockpit");
  }

  @Test
  void aServiceManagerOpensTasklistAndCockpit() {
    assertOpened("senior", "tasklist");
    Map<String, Object> cockpit = assertOpened("senior", "cockpit");
    assertThat((List<String>) cockpit.get("processDefinitions")).contains(ContactProcess.KEY);
  }

  @Test
  void anAuditorReadsTheProcessesInCockpitButHasNoTasklist() {
    Map<String, Object> cockpit = assertOpened("auditor", "cockpit");
    assertThat((List<String>) cockpit.get("processDefinitions")).as("Cockpit's process definitions")
        .contains(ContactProcess.KEY);
    assertRefused("auditor", "tasklist");
  }

  @Test
  void aProcessOwnerOpensCockpitButNotTasklist() {
    assertOpened("owner", "cockpit");
    assertRefused("owner", "tasklist");
  }

  @Test
  void aPartnerAgencySendsContactsButUsesNoWebApp() {
    assertThat(partnersContact.getStatusCode().value()).as("the partner's contact: %s", partnersContact.getBody())
        .isEqualTo(201);
    assertRefused("partner", "tasklist");
    assertRefused("partner", "cockpit");
    assertRefused("partner", "admin");
  }

  @Test
  void theAdministratorOpensAdmin() {
    Map<String, Object> admin = assertOpened("demo", "admin");
    assertThat((List<String>) admin.get("sections")).contains("Users", "Groups", "Authorizations");
  }

  // ---------------------------------------------------------------------------------------------

  Map<String, Object> assertOpened(String user, String app) {
    Map<String, Object> seen = seen(user, app);
    assertThat(seen.get("opened")).as("%s opens %s: %s", user, app, seen).isEqualTo(true);
    assertThat(seen.get("signedInAs")).as("%s's name in the %s header", user, app).isNotNull();
    assertThat(seen.get("brand")).as("the product and council named in the %s header", app)
        .isEqualTo("Demo Borough Council Safeguard Flow");
    assertThat(seen.get("vendorBannerShown")).as("the vendor's banner shown to %s in %s", user, app).isEqualTo(false);
    return seen;
  }

  /** Camunda keeps the login page and says why: the user may not use that app. */
  void assertRefused(String user, String app) {
    Map<String, Object> seen = seen(user, app);
    assertThat(seen.get("opened")).as("%s opens %s: %s", user, app, seen).isEqualTo(false);
    assertThat((String) seen.get("refusal")).as("what Camunda says to %s in %s", user, app)
        .contains("missing access rights to application");
  }

  /** What the browser saw of one user in one app; a script error fails every test that reads it. */
  Map<String, Object> seen(String user, String app) {
    Map<String, Object> seen = report.stream()
        .filter(r -> user.equals(r.get("user")) && app.equals(r.get("app"))).findFirst()
        .orElseThrow(() -> new AssertionError("No browser check for " + user + " in " + app + ": " + report));
    assertThat(seen.get("error")).as("the browser, %s in %s (screenshot in %s): %s", user, app, SCREENSHOTS, seen)
        .isNull();
    return seen;
  }

  static Map<String, Object> task(Map<String, Object> tasklist, Contact contact) {
    Map<String, Map<String, Object>> tasks = (Map<String, Map<String, Object>>) tasklist.get("tasks");
    assertThat(tasks).as("Tasklist checks: %s", tasklist).containsKey(contact.taskId());
    return tasks.get(contact.taskId());
  }

  Contact send(FrontDoorClient frontDoor, SampleContact contact) {
    ResponseEntity<Map> answer = frontDoor.submit(contact, "manager");
    assertThat(answer.getStatusCode().value()).as("contact recorded: %s", answer.getBody()).isEqualTo(201);
    String processInstanceId = (String) answer.getBody().get("processInstanceId");
    var task = tasks.createTaskQuery().processInstanceId(processInstanceId)
        .taskDefinitionKey(ContactProcess.Element.MANAGER_DECIDES_CONTACT).singleResult();
    assertThat(task).as("the contact decision of %s", answer.getBody()).isNotNull();
    Map<String, Object> child = (Map<String, Object>) contact.body().get("child");
    return new Contact(child.get("firstName") + " " + child.get("lastName"), (String) answer.getBody().get("caseRef"),
        task.getId());
  }

  static Map<String, Object> check(String user, String app) {
    Map<String, Object> check = new LinkedHashMap<>();
    check.put("user", user);
    check.put("app", app);
    return check;
  }

  static Map<String, Object> check(String user, String app, String filter, Contact... contacts) {
    Map<String, Object> check = check(user, app);
    check.put("filter", filter);
    List<Map<String, String>> tasks = new ArrayList<>();
    for (Contact contact : contacts) {
      tasks.add(Map.of("id", contact.taskId(), "caseRef", contact.caseRef()));
    }
    check.put("tasks", tasks);
    return check;
  }

  /** Runs the browser script once over all checks; its JSON report, or a failure with its stderr. */
  List<Map<String, Object>> runBrowser(List<Map<String, Object>> checks) throws IOException, InterruptedException {
    ObjectMapper json = new ObjectMapper();
    Path checksFile = Files.createTempFile("webapps-checks", ".json");
    Path stderr = Files.createTempFile("webapps-stderr", ".txt");
    try {
      json.writeValue(checksFile.toFile(), checks);
      Process node;
      try {
        node = new ProcessBuilder("node", SCRIPT.toString(), "http://localhost:" + port, checksFile.toString(),
            SCREENSHOTS.toString())
            .redirectError(stderr.toFile())
            .start();
      } catch (IOException e) {
        throw new AssertionError("Could not run Node (`node` on the PATH) for the browser check: " + e.getMessage(), e);
      }
      node.getOutputStream().close();
      // Read stdout while the browser works, so that a long report never blocks it.
      CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> {
        try {
          return new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          return "";
        }
      });
      if (!node.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        node.descendants().forEach(ProcessHandle::destroyForcibly);
        node.destroyForcibly();
        fail("The browser check took over " + TIMEOUT_MINUTES + " minutes. Its log:\n" + Files.readString(stderr));
      }
      String out = stdout.join();
      if (node.exitValue() != 0) {
        fail("The browser check failed (exit " + node.exitValue() + "). Its log:\n" + Files.readString(stderr)
            + "\nIts output:\n" + out);
      }
      try {
        return json.readValue(out, new TypeReference<>() {});
      } catch (IOException e) {
        throw new AssertionError("The browser check's report is not JSON: " + out + "\nIts log:\n"
            + Files.readString(stderr), e);
      }
    } finally {
      Files.deleteIfExists(checksFile);
      Files.deleteIfExists(stderr);
    }
  }

  static String anHourAgo() {
    return OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString();
  }
}
