package org.safeguardflow.support;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * One headless Chromium (Debian's {@code /usr/bin/chromium}, driven by Playwright in
 * {@code src/test/browser/driver.mjs}) that a test works step by step as the people of a case do:
 * each command is answered before the next is sent. Each person has a browser of their own in
 * locale en-GB and time zone Europe/London; its clock reads the engine's ({@link EngineClock}), so
 * "due in 2 days" means what it means for the case.
 *
 * <p>The browser runs for the whole test JVM and is shared by every browser test class; it is
 * closed when the JVM ends. A command that fails in the page answers {@code ok: false} with what it
 * was doing and a screenshot path; {@link #send} turns that into a test failure naming both.
 */
public final class Browser {

  public static final Path SCREENSHOTS = Path.of("target/browser");
  static final Path SCRIPT = Path.of("src/test/browser/driver.mjs");
  static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
  /** The longest one command may take: a task found, filled and completed takes about 5 seconds. */
  static final long COMMAND_TIMEOUT_SECONDS = 90;

  private static Browser shared;
  private static int sharedPort;

  private final Process node;
  private final Writer in;
  private final BufferedReader out;
  private final Path log;
  private final ObjectMapper json = new ObjectMapper();

  private Browser(int port) throws IOException {
    if (!Files.isExecutable(Path.of(CHROMIUM))) {
      fail("No headless Chromium at " + CHROMIUM + ": install Debian's chromium (sudo apt-get install -y chromium);"
          + " bin/test installs it. The browser tests never download a browser.");
    }
    if (!Files.isDirectory(Path.of("node_modules/playwright-core")) || !Files.isDirectory(Path.of("node_modules/axe-core"))) {
      fail("node_modules (playwright-core, axe-core) is missing: run `npm ci` once (every Maven build does it"
          + " through bin/install-node-tools unless -Dnode.skip).");
    }
    org.springframework.util.FileSystemUtils.deleteRecursively(SCREENSHOTS); // only this run's pictures
    log = Files.createTempFile("browser-driver", ".log");
    node = new ProcessBuilder("node", SCRIPT.toString(), "http://localhost:" + port, SCREENSHOTS.toString())
        .redirectError(log.toFile())
        .start();
    in = new java.io.OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8);
    out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
  }

  /** The JVM's browser, started on first use against the app on {@code port}. */
  public static synchronized Browser on(int port) {
    if (shared != null && sharedPort != port) {
      shared.close();
      shared = null;
    }
    if (shared == null) {
      try {
        shared = new Browser(port);
      } catch (IOException e) {
        throw new AssertionError("Could not run Node (`node` on the PATH) for the browser: " + e.getMessage(), e);
      }
      sharedPort = port;
      Browser started = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close));
    }
    return shared;
  }

  /** A command: "do" and its fields in pairs, e.g. {@code command("find", "user", "manager")}. */
  public static Map<String, Object> command(String what, Object... fields) {
    Map<String, Object> command = new LinkedHashMap<>();
    command.put("do", what);
    for (int i = 0; i < fields.length; i += 2) {
      command.put((String) fields[i], fields[i + 1]);
    }
    return command;
  }

  /** Sends one command and answers the browser's answer; fails the test when the page could not do it. */
  public Map<String, Object> send(Map<String, Object> command) {
    Map<String, Object> answer = sendExpectingAnything(command);
    if (!Boolean.TRUE.equals(answer.get("ok"))) {
      fail("In the browser, " + describe(command) + ": " + answer.get("error") + " (screenshot: "
          + answer.get("screenshot") + ")");
    }
    return answer;
  }

  /** Sends one command; its answer, {@code ok} false included. */
  public synchronized Map<String, Object> sendExpectingAnything(Map<String, Object> command) {
    Map<String, Object> sent = new LinkedHashMap<>(command);
    // The page's clock is the engine's: "overdue" and "due in a day" are the case's, not today's.
    sent.putIfAbsent("now", Instant.ofEpochMilli(ClockUtil.getCurrentTime().getTime()).toString());
    try {
      in.write(json.writeValueAsString(sent) + "\n");
      in.flush();
      String line = CompletableFuture.supplyAsync(() -> {
        try {
          return out.readLine();
        } catch (IOException e) {
          return null;
        }
      }).get(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (line == null) {
        throw new AssertionError("The browser ended during " + describe(command) + ". Its log:\n" + log());
      }
      return json.readValue(line, new TypeReference<>() {});
    } catch (TimeoutException e) {
      throw new AssertionError("The browser took over " + COMMAND_TIMEOUT_SECONDS + " s for " + describe(command)
          + ". Its log:\n" + log(), e);
    } catch (IOException | ExecutionException e) {
      throw new AssertionError("The browser could not be asked " + describe(command) + ": " + e + "\n" + log(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Form fields by their labels, in the order a person fills them: label, value, label, value... */
  public static List<List<Object>> fields(Object... labelsAndValues) {
    List<List<Object>> fields = new ArrayList<>();
    for (int i = 0; i < labelsAndValues.length; i += 2) {
      fields.add(java.util.Arrays.asList(labelsAndValues[i], labelsAndValues[i + 1]));
    }
    return fields;
  }

  private static String describe(Map<String, Object> command) {
    StringBuilder what = new StringBuilder(String.valueOf(command.get("do")));
    for (String key : List.of("user", "task", "caseRef", "url")) {
      if (command.get(key) != null) {
        what.append(' ').append(key).append('=').append(command.get(key));
      }
    }
    return what.toString();
  }

  private String log() {
    try {
      String text = Files.readString(log);
      return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private synchronized void close() {
    try {
      in.write("{\"do\":\"quit\"}\n");
      in.flush();
      in.close();
    } catch (IOException ignored) {
      // already gone
    }
    try {
      if (!node.waitFor(10, TimeUnit.SECONDS)) {
        node.descendants().forEach(ProcessHandle::destroyForcibly);
        node.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
