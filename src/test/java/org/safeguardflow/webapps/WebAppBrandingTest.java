package org.safeguardflow.webapps;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.safeguardflow.support.SafeguardFlowTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/** A manager opening Tasklist sees the product's and the council's name and logo, not the vendor's banner. */
@SafeguardFlowTest
class WebAppBrandingTest {

  @Autowired TestRestTemplate http;

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void everyWebAppIsNamedForTheProductAndTheCouncilAndKeepsCamundasOwnSettings(String app) {
    ResponseEntity<String> config = http.getForEntity("/camunda/app/" + app + "/scripts/config.js", String.class);
    assertThat(config.getStatusCode().value()).isEqualTo(200);
    assertThat(config.getHeaders().getContentType().toString()).startsWith("text/javascript");
    assertThat(config.getBody())
        .startsWith("/*")
        .contains("export default {\n  app: {\"name\":\"Safeguard Flow\",\"vendor\":\"Demo Borough Council\"},");
    if (app.equals("tasklist")) {
      assertThat(config.getBody()).as("Camunda's own Tasklist shortcuts kept").contains("claimTask");
    }
  }

  /** The mend for forms with lists (ListFormsInBrowserTest shows it working): Tasklist loads it, and only Tasklist. */
  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void tasklistAloneLoadsTheScriptThatKeepsCompleteUsableOnFormsWithLists(String app) {
    String config = http.getForEntity("/camunda/app/" + app + "/scripts/config.js", String.class).getBody();
    if (app.equals("tasklist")) {
      assertThat(config).contains("customScripts: [\"scripts/form-list-errors\"],");
      ResponseEntity<String> script = http.getForEntity("/camunda/app/tasklist/scripts/form-list-errors.js", String.class);
      assertThat(script.getStatusCode().value()).isEqualTo(200);
      assertThat(script.getHeaders().getContentType().toString()).startsWith("text/javascript");
      assertThat(script.getBody()).contains("webpackChunkcamunda_bpm_webapp", "_setState", "export default []");
    } else {
      assertThat(config).doesNotContain("customScripts: [\"");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void noWebAppShowsStaffTheVendorsBannerAndEachShowsTheCouncilsLogo(String app) {
    ResponseEntity<String> styles = http.getForEntity("/camunda/app/" + app + "/styles/user-styles.css", String.class);
    assertThat(styles.getStatusCode().value()).isEqualTo(200);
    assertThat(styles.getBody()).contains(".ce-eol-banner { display: none !important; }").contains("/branding/logo");
    ResponseEntity<byte[]> logo = http.getForEntity("/branding/logo", byte[].class);
    assertThat(logo.getStatusCode().value()).isEqualTo(200);
    assertThat(logo.getHeaders().getContentType().toString()).isEqualTo("image/svg+xml");
  }

  @Test
  void anAppThatIsNotOneOfCamundasIsNotFound() {
    assertThat(http.getForEntity("/camunda/app/optimize/scripts/config.js", String.class).getStatusCode().value())
        .isEqualTo(404);
  }

  @Test
  void camundasOtherFilesAreLeftAsTheyAre() {
    ResponseEntity<String> script = http.getForEntity("/camunda/app/tasklist/scripts/no-such-file.js", String.class);
    assertThat(script.getStatusCode().value()).isEqualTo(404);
    assertThat(http.getForEntity("/camunda/app/tasklist/", String.class).getBody()).contains("camunda-tasklist-bootstrap.js");
  }
}
