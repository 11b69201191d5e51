package org.safeguardflow.casework.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.safeguardflow.casework.assessment.AssessmentFramework.Dimension;

/**
 * The single assessment's three forms hold what its rules read: the worker's "Record assessment
 * work" holds every part of the assessment (each part shown on its own), "Complete the single
 * assessment" shows every field a rule requires to send it (none hidden, but the disability details
 * until a disability is recorded and the late reason until the step is late), and the manager's
 * "Authorise the assessment" shows the whole assessment read-only.
 */
class AssessmentFormsTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theWorkerRecordsEveryPartOfTheAssessmentThePartsTheyTick() throws IOException {
    Map<String, JsonNode> fields = fields("record-assessment-work.form");
    assertThat(fields.keySet()).containsAll(AssessmentContent.contentFields().stream()
        .filter(name -> !name.equals("assessmentFactors") && !name.equals("primaryNeedCode") && !name.startsWith("assessmentOutcome"))
        .toList());
    for (Dimension dimension : Dimension.values()) {
      assertThat(fields).containsKeys(dimension.strengths(), dimension.concerns());
    }
    assertThat(fields.values()).as("nothing is required in a draft").noneMatch(f -> f.path("validate").path("required").asBoolean());
  }

  @Test
  void sendingTheAssessmentShowsEveryFieldItsRulesRequire() throws IOException {
    Map<String, JsonNode> fields = fields("complete-single-assessment.form");
    assertThat(fields.keySet()).containsAll(AssessmentContent.contentFields());
    fields.forEach((name, field) -> {
      if (!name.equals("identityDisabilityDetails") && !name.equals("singleAssessmentLateReason")
          && !name.equals("assessmentManagerComments")) {
        assertThat(field.path("conditional").path("hide").isMissingNode()).as(name + " is never hidden").isTrue();
        assertThat(field.path("disabled").asBoolean()).as(name + " can be filled in").isFalse();
      }
    });
    assertThat(fields.get("identityDisabilityDetails").path("conditional").path("hide").asText())
        .as("hidden until a disability is recorded, but never once details are typed (form-js drops hidden fields)")
        .isEqualTo("=(identityDisability != \"YES\") and (identityDisabilityDetails = null or identityDisabilityDetails = \"\")");
  }

  @Test
  void theManagerReadsTheWholeAssessmentAndChangesNoneOfIt() throws IOException {
    Map<String, JsonNode> fields = fields("authorise-assessment.form");
    for (String name : AssessmentContent.contentFields()) {
      if (name.startsWith("assessmentActual") || name.equals("assessmentChildSeenDate") || name.equals("assessmentChildSeenAlone")) {
        continue; // dates: shown in the form's text, not in fields
      }
      assertThat(fields).as(name + " is shown to the manager").containsKey(name);
      assertThat(fields.get(name).path("disabled").asBoolean()).as(name + " is read-only").isTrue();
    }
    String text = JSON.readTree(Path.of("forms/authorise-assessment.form").toFile()).toString();
    assertThat(text).contains("{{assessmentChildSeenDate}}", "{{#if assessmentChildSeenAlone}}")
        .as("codes are shown in words (by read-only fields with the census's labels), never bare in a text block")
        .doesNotContain("{{assessmentFactors}}", "{{assessmentOutcome}}", "{{primaryNeedCode}}", "{{s47Outcome}}");
    Map<String, String> factors = new LinkedHashMap<>();
    fields.get("assessmentFactors").path("values").forEach(v -> factors.put(v.path("value").asText(), v.path("label").asText()));
    org.safeguardflow.casework.AssessmentFactors.CODES.forEach((code, words) ->
        assertThat(factors).as("factor " + code + " in words").containsEntry(code, code + " " + words));
    Map<String, String> needs = new LinkedHashMap<>();
    fields.get("primaryNeedCode").path("values").forEach(v -> needs.put(v.path("value").asText(), v.path("label").asText()));
    org.safeguardflow.casework.CinCodes.PRIMARY_NEEDS.forEach((code, words) ->
        assertThat(needs).as("primary need " + code + " in words").containsEntry(code, code + " " + words));
    assertThat(fields.get("s47Outcome").path("disabled").asBoolean()).isTrue();
    assertThat(fields.get("s47Outcome").path("values").toString()).contains("an initial child protection conference is required");
    assertThat(fields.get("assessmentAuthorisation").path("disabled").asBoolean()).isFalse();
  }

  /** The form's fields by variable: each keyed component, and each dynamic list by its path. */
  static Map<String, JsonNode> fields(String form) throws IOException {
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    collect(JSON.readTree(Path.of("forms", form).toFile()), fields);
    return fields;
  }

  private static void collect(JsonNode component, Map<String, JsonNode> fields) {
    if (!component.path("path").asText("").isBlank()) {
      fields.put(component.path("path").asText(), component);
      return;
    }
    if (!component.path("key").asText("").isBlank()) {
      fields.put(component.path("key").asText(), component);
    }
    component.path("components").forEach(child -> collect(child, fields));
  }
}
