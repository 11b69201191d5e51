package org.safeguardflow.webapps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The product's and the council's face in Camunda's Tasklist, Cockpit and Admin, through the web
 * apps' supported customisation points (each app's {@code scripts/config.js} and
 * {@code styles/user-styles.css}), never by patching their files.
 *
 * <ul>
 *   <li>{@code GET /camunda/app/{app}/scripts/config.js}: Camunda's own configuration of that app,
 *       with {@code app.name} "Safeguard Flow" and {@code app.vendor} the council's name
 *       ({@code safeguard.council.name}).
 *   <li>{@code GET /camunda/app/{app}/styles/user-styles.css}: the council's logo
 *       ({@code safeguard.council.logo}, a Spring resource location; the product's own by default)
 *       beside the app's name, and no vendor banner: the engine's support status is the council's
 *       decision, stated in the README's operations section, not a message for staff.
 *   <li>{@code GET /camunda/app/tasklist/scripts/form-list-errors.js}: a Tasklist custom script (listed
 *       in Tasklist's {@code customScripts}) that keeps Complete usable on forms with a repeating list:
 *       form-js as bundled with Camunda 7.24 leaves an empty error entry behind for every field of a
 *       list row once it is filled (bpmn-io/form-js#1494), and Tasklist disables Complete while any
 *       entry exists. The script drops entries that hold no message (source:
 *       {@code webapps/tasklist-form-list-errors.js}).
 *   <li>Tasklist's {@code user-styles.css} also hides Tasklist's own Save button, which keeps a form
 *       only in that browser's local storage; Complete keeps a draft on the server.
 *   <li>{@code GET /branding/logo}: that logo.
 * </ul>
 * An app that is not one of Camunda's answers 404. Nothing here reads case data; the web apps serve these files to the
 * login page, so they are public like the rest of the web apps' static files.
 */
@RestController
class WebAppBranding {

  /** The product's name, as Tasklist, Cockpit and Admin show it in the header and the window title. */
  static final String PRODUCT = "Safeguard Flow";

  private static final Set<String> APPS = Set.of("tasklist", "cockpit", "admin", "welcome");
  private static final MediaType JAVASCRIPT = MediaType.parseMediaType("text/javascript;charset=UTF-8");
  private static final MediaType CSS = MediaType.parseMediaType("text/css;charset=UTF-8");
  private static final String CONFIG_START = "export default {";
  /** Tasklist loads each custom script from its own folder, the name without ".js". */
  static final String FORM_LIST_ERRORS_SCRIPT = "scripts/form-list-errors";
  private static final String STYLES = """
      /* Safeguard Flow: the council's logo in place of the vendor's; no vendor banner for staff. */
      .ce-eol-banner { display: none !important; }
      .navbar-brand .brand-logo svg { display: none; }
      .navbar-brand .brand-logo {
        display: inline-block; width: 26px; height: 26px; vertical-align: middle;
        background: url("/branding/logo") no-repeat center / contain;
      }
      """;
  /**
   * Tasklist's own Save keeps a form's values in that browser's local storage only, which a worker
   * takes for a saved draft; the product's drafts are kept on the server by Complete (e.g. "Record
   * assessment work"), so the button is not shown.
   */
  static final String TASKLIST_STYLES = """
      /* Safeguard Flow: no browser-only Save; Complete keeps a draft on the server. */
      .form-actions button[ng-click="save($event)"] { display: none !important; }
      """;

  private final String councilName;
  private final Resource logo;
  private final ObjectMapper json = new ObjectMapper();

  WebAppBranding(@Value("${safeguard.council.name:}") String councilName,
      @Value("${safeguard.council.logo:classpath:static/branding/safeguard-flow.svg}") String logo,
      ResourceLoader resources) {
    this.councilName = councilName.isBlank() ? PRODUCT : councilName.strip();
    this.logo = resources.getResource(logo);
  }

  @GetMapping("/camunda/app/{app}/scripts/config.js")
  ResponseEntity<String> config(@PathVariable String app) throws IOException {
    if (!APPS.contains(app)) {
      return ResponseEntity.notFound().build();
    }
    String camundas = read(new ClassPathResource("META-INF/resources/webjars/camunda/app/" + app + "/scripts/config.js"));
    int start = camundas.indexOf(CONFIG_START);
    if (start < 0) {
      throw new IllegalStateException("Camunda's " + app + " config.js no longer starts with '" + CONFIG_START + "'");
    }
    int end = start + CONFIG_START.length();
    String ours = "\n  app: " + literal(new TreeMap<>(Map.of("name", PRODUCT, "vendor", councilName))) + ",";
    if (app.equals("tasklist")) {
      ours += "\n  customScripts: " + literal(java.util.List.of(FORM_LIST_ERRORS_SCRIPT)) + ",";
    }
    return ResponseEntity.ok().contentType(JAVASCRIPT).cacheControl(CacheControl.noCache())
        .body(camundas.substring(0, end) + ours + camundas.substring(end));
  }

  /** The custom script that mends form-js's errors of list rows in Tasklist (see the class comment). */
  @GetMapping("/camunda/app/tasklist/" + FORM_LIST_ERRORS_SCRIPT + ".js")
  ResponseEntity<String> formListErrors() throws IOException {
    return ResponseEntity.ok().contentType(JAVASCRIPT).cacheControl(CacheControl.noCache())
        .body(read(new ClassPathResource("webapps/tasklist-form-list-errors.js")));
  }

  @GetMapping("/camunda/app/{app}/styles/user-styles.css")
  ResponseEntity<String> styles(@PathVariable String app) {
    if (!APPS.contains(app)) {
      return ResponseEntity.notFound().build();
    }
    return ResponseEntity.ok().contentType(CSS).cacheControl(CacheControl.noCache())
        .body(app.equals("tasklist") ? STYLES + TASKLIST_STYLES : STYLES);
  }

  @GetMapping("/branding/logo")
  ResponseEntity<Resource> logo() {
    if (!logo.exists()) {
      return ResponseEntity.notFound().build();
    }
    MediaType type = MediaTypeFactory.getMediaType(logo).orElse(MediaType.APPLICATION_OCTET_STREAM);
    return ResponseEntity.ok().contentType(type).cacheControl(CacheControl.noCache()).body(logo);
  }

  private String literal(Object value) throws JsonProcessingException {
    // JSON is a JavaScript literal; escaping "<" keeps a council name from closing any script context.
    return json.writeValueAsString(value).replace("<", "\\u003c");
  }

  private static String read(Resource resource) throws IOException {
    try (InputStream in = resource.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
