package org.safeguardflow.support;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Signed in to Camunda's web apps as a browser is: the session cookie and Camunda's CSRF token, which
 * every writing call of the web apps' engine API ({@code /camunda/api/engine/engine/default/…}) must
 * carry. Sign-in goes through the app the person's role opens (Tasklist for caseworkers, Cockpit for
 * auditors and process owners).
 */
public final class WebAppSession {

  /** The web apps' copy of the engine REST API, as Tasklist and Cockpit call it. */
  public static final String ENGINE_API = "/camunda/api/engine/engine/default";

  private final TestRestTemplate http;
  private final Map<String, String> cookies = new LinkedHashMap<>();
  private final int signInStatus;

  private WebAppSession(TestRestTemplate http, String user, String app) {
    this.http = http;
    keep(http.exchange("/camunda/app/" + app + "/default/", HttpMethod.GET, new HttpEntity<>(headers()), String.class));
    HttpHeaders form = headers();
    form.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    ResponseEntity<String> login = http.exchange("/camunda/api/admin/auth/user/default/login/" + app, HttpMethod.POST,
        new HttpEntity<>("username=" + user + "&password=" + user, form), String.class);
    signInStatus = login.getStatusCode().value();
    keep(login);
    // A new session after sign-in: its CSRF token comes with the next page, as the app loads it.
    keep(http.exchange("/camunda/app/" + app + "/default/", HttpMethod.GET, new HttpEntity<>(headers()), String.class));
  }

  /** Signs in to the given app ({@code tasklist}, {@code cockpit}, {@code admin}). */
  public static WebAppSession signIn(TestRestTemplate http, String user, String app) {
    return new WebAppSession(http, user, app);
  }

  /** The answer to the sign-in (200 when the person may open the app). */
  public int signInStatus() {
    return signInStatus;
  }

  /** A JSON call below {@link #ENGINE_API}, with the session and its CSRF token. */
  public ResponseEntity<String> engine(HttpMethod method, String path, Object body) {
    HttpHeaders headers = headers();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> answer = http.exchange(ENGINE_API + path, method, new HttpEntity<>(body, headers), String.class);
    keep(answer);
    return answer;
  }

  /** The same call without the CSRF token, as a forged page in another site would send it (cookie only). */
  public ResponseEntity<String> engineWithoutCsrfToken(HttpMethod method, String path, Object body) {
    HttpHeaders headers = headers();
    headers.remove("X-XSRF-TOKEN");
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange(ENGINE_API + path, method, new HttpEntity<>(body, headers), String.class);
  }

  private HttpHeaders headers() {
    HttpHeaders headers = new HttpHeaders();
    if (!cookies.isEmpty()) {
      headers.add(HttpHeaders.COOKIE, String.join("; ", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue()).toList()));
    }
    if (cookies.containsKey("XSRF-TOKEN")) {
      headers.add("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"));
    }
    return headers;
  }

  private void keep(ResponseEntity<?> answer) {
    for (String cookie : answer.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE)) {
      String pair = cookie.split(";", 2)[0];
      cookies.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
    }
    String token = answer.getHeaders().getFirst("X-XSRF-TOKEN");
    if (token != null && !token.isBlank()) {
      cookies.put("XSRF-TOKEN", token);
    }
  }
}
