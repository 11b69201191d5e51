package org.safeguardflow.support;

import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Sends contacts to the running app over HTTP, as a partner agency's system does. */
public final class FrontDoorClient {

  private final TestRestTemplate http;

  public FrontDoorClient(TestRestTemplate http) {
    this.http = http;
  }

  public ResponseEntity<Map> submit(SampleContact contact, String user) {
    return submitRaw(contact.body(), user, user);
  }

  public ResponseEntity<Map> submitRaw(Object body, String user, String password) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    if (user != null) {
      headers.setBasicAuth(user, password);
    }
    return http.postForEntity("/api/contacts", new HttpEntity<>(body, headers), Map.class);
  }

  /** Submits and returns the case reference, failing the test unless the contact was recorded. */
  public String recorded(SampleContact contact) {
    ResponseEntity<Map> answer = submit(contact, "manager");
    if (answer.getStatusCode().value() != 201) {
      throw new AssertionError("Contact not recorded: " + answer.getStatusCode() + " " + answer.getBody());
    }
    return (String) answer.getBody().get("caseRef");
  }
}
