package org.safeguardflow.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.safeguardflow.support.SafeguardFlowTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/** A service manager keeps the partner directory: who we tell, and how. */
@SafeguardFlowTest
class PartnerDirectoryTest {

  @Autowired TestRestTemplate http;

  @Test
  void aServiceManagerAddsAnAgencyOnAWebhookAndItsSecretIsNeverShownBack() {
    ResponseEntity<Map> created = put("senior", "YOUTH_OFFENDING", Map.of("name", "Youth offending service",
        "kind", "LOCAL_AUTHORITY", "channel", "WEBHOOK", "webhookUrl", "https://yos.example/hooks/cases",
        "webhookSecret", "a-long-enough-shared-secret"));
    assertThat(created.getStatusCode().value()).isEqualTo(201);
    assertThat(created.getBody()).containsEntry("code", "YOUTH_OFFENDING").containsEntry("webhookSecret", "(set)");

    ResponseEntity<Map> changed = put("senior", "youth_offending", Map.of("name", "Youth justice service",
        "kind", "LOCAL_AUTHORITY", "channel", "WEBHOOK", "webhookUrl", "https://yjs.example/hooks/cases"));
    assertThat(changed.getStatusCode().value()).as("the secret already held still signs").isEqualTo(200);
    assertThat(http.withBasicAuth("manager", "manager").getForEntity("/api/agencies/YOUTH_OFFENDING", Map.class).getBody())
        .containsEntry("name", "Youth justice service").containsEntry("webhookSecret", "(set)");
    List<?> all = http.withBasicAuth("auditor", "auditor").getForEntity("/api/agencies", List.class).getBody();
    assertThat(all.toString()).doesNotContain("a-long-enough-shared-secret");
  }

  @Test
  void onlyServiceManagersAndAdministratorsChangeTheDirectory() {
    Map<String, Object> body = Map.of("name", "Housing", "kind", "HOUSING", "channel", "EMAIL", "email", "h@x.example");
    assertThat(put("manager", "HOUSING_X", body).getStatusCode().value()).isEqualTo(403);
    assertThat(http.exchange("/api/agencies/HOUSING_X", HttpMethod.PUT, new HttpEntity<>(body), Map.class)
        .getStatusCode().value()).isEqualTo(401);
    assertThat(put("demo", "HOUSING_X", body).getStatusCode().value()).isEqualTo(201);
    assertThat(http.withBasicAuth("manager", "manager").getForEntity("/api/agencies/NOBODY", Map.class)
        .getStatusCode().value()).isEqualTo(404);
  }

  @Test
  void anAgencyWithoutTheAddressItsChannelNeedsIsRefusedFieldByField() {
    Map<String, Object> body = new HashMap<>(Map.of("name", "Police", "kind", "POLICE", "channel", "WEBHOOK"));
    ResponseEntity<Map> refused = put("senior", "POLICE_NEW", body);
    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    assertThat(refused.getBody().toString()).contains("webhookUrl", "webhookSecret", "required-for-channel");

    body.put("channel", "PIGEON");
    assertThat(put("senior", "POLICE_NEW", body).getBody().toString()).contains("channel", "code-list");
    assertThat(put("senior", "1BAD CODE", Map.of("name", "x", "kind", "POLICE", "channel", "EMAIL", "email", "p@x.example"))
        .getBody().toString()).contains("code", "pattern");
    assertThat(put("senior", "POLICE_NEW", Map.of("name", "x", "kind", "POLICE", "channel", "EMAIL", "email", "nope"))
        .getBody().toString()).contains("email");
    assertThat(http.withBasicAuth("senior", "senior").getForEntity("/api/agencies/POLICE_NEW", Map.class)
        .getStatusCode().value()).as("nothing half-written").isEqualTo(404);
  }

  private ResponseEntity<Map> put(String user, String code, Map<String, Object> body) {
    return http.withBasicAuth(user, user).exchange("/api/agencies/" + code, HttpMethod.PUT, new HttpEntity<>(body), Map.class);
  }
}
