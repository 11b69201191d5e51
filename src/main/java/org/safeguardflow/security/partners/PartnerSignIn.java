package org.safeguardflow.security.partners;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs partner systems in by API key ({@code Authorization: Bearer sfk_...}) and brakes guessing,
 * on {@code /api/**} and {@code /engine-rest/**}, before HTTP Basic is looked at.
 *
 * <ul>
 *   <li>A valid key signs the request in as its agency's Camunda user with that user's groups, exactly
 *       as that user's password would: the API rules, engine authorizations and "a partner reads only
 *       the contacts it sent" apply unchanged. The user must still be a member of partner-agencies, so
 *       a key never carries a member of staff's rights.</li>
 *   <li>Every failed sign-in, by key or by password, is logged with the source address, the path and the
 *       reason (never the key or the password) and counted against the source address
 *       ({@link SignInThrottle}); an address over its limit is answered 429 with Retry-After before any
 *       credential is checked. Nothing here locks an account: a stranger's wrong guesses cost the
 *       agency nothing. People's passwords still get Camunda's own login delay.</li>
 * </ul>
 * The source address is the request's remote address: behind a reverse proxy, Tomcat's RemoteIpValve
 * ({@code server.forward-headers-strategy: native}) makes it the client's.
 */
public class PartnerSignIn extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(PartnerSignIn.class);

  private final PartnerCredentials credentials;
  private final SignInThrottle throttle;
  private final IdentityService identity;
  private final String partnerGroup;

  public PartnerSignIn(PartnerCredentials credentials, SignInThrottle throttle, IdentityService identity, String partnerGroup) {
    this.credentials = credentials;
    this.throttle = throttle;
    this.identity = identity;
    this.partnerGroup = partnerGroup;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String authorization = request.getHeader("Authorization");
    if (authorization == null || authorization.isBlank()) {
      chain.doFilter(request, response); // no credentials: 401 from the API rules, not a guess
      return;
    }
    String address = printable(request.getRemoteAddr());
    String where = request.getMethod() + " " + printable(request.getRequestURI());
    // A valid key always signs in: 256 random bits cannot be guessed, so braking it would only let a
    // stranger behind the same address (a shared proxy or NAT) shut the agency out. Wrong keys and
    // every password are braked per address.
    if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      signInByKey(authorization.substring(7).trim(), address, where, request, response, chain);
      return;
    }
    if (braked(address, where, response)) {
      return;
    }
    chain.doFilter(request, response);
    if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
      throttle.failed(address);
      log.warn("Sign-in failed from {} on {}: wrong user or password (user {})", address, where, basicUser(authorization));
    }
  }

  private void signInByKey(String key, String address, String where, HttpServletRequest request,
      HttpServletResponse response, FilterChain chain) throws ServletException, IOException {
    PartnerCredentials.Lookup found = credentials.lookUp(key);
    String refusal = found.refusal();
    List<String> groups = List.of();
    if (refusal == null) {
      String agency = found.credential().agency();
      groups = identity.createGroupQuery().groupMember(agency).list().stream().map(Group::getId).toList();
      if (identity.createUserQuery().userId(agency).count() == 0) {
        refusal = "key " + found.credential().id() + " belongs to " + agency + ", who is no longer a user";
      } else if (!groups.contains(partnerGroup)) {
        refusal = "key " + found.credential().id() + " belongs to " + agency + ", who is no longer in " + partnerGroup;
      }
    }
    if (refusal != null) {
      if (braked(address, where, response)) {
        return;
      }
      throttle.failed(address);
      log.warn("Partner API key refused from {} on {}: {}", address, where, refusal);
      response.setHeader("WWW-Authenticate", "Bearer realm=\"Safeguard Flow\", error=\"invalid_token\"");
      write(response, HttpServletResponse.SC_UNAUTHORIZED, "The API key is not valid (unknown, revoked or expired)");
      return;
    }
    String agency = found.credential().agency();
    SecurityContext context = SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
    context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(agency, null,
        groups.stream().map(SimpleGrantedAuthority::new).toList()));
    SecurityContextHolder.getContextHolderStrategy().setContext(context);
    try {
      chain.doFilter(request, response);
    } finally {
      SecurityContextHolder.getContextHolderStrategy().clearContext();
    }
  }

  /** Answers 429 with Retry-After when the address has used up its failed sign-ins; true if it did. */
  private boolean braked(String address, String where, HttpServletResponse response) throws IOException {
    Duration wait = throttle.waitFor(address);
    if (wait.isZero()) {
      return false;
    }
    log.warn("Sign-in refused from {} on {}: too many failed attempts from this address; retry after {} s",
        address, where, wait.toSeconds());
    response.setHeader("Retry-After", Long.toString(wait.toSeconds()));
    write(response, 429, "Too many failed sign-ins from your address; try again after " + wait.toSeconds() + " seconds");
    return true;
  }

  /** The user id of a Basic header, for the log: never the password, never control characters. */
  private static String basicUser(String authorization) {
    if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return "(not HTTP Basic)";
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return printable(colon < 0 ? "(malformed)" : decoded.substring(0, colon));
    } catch (IllegalArgumentException e) {
      return "(malformed)";
    }
  }

  /** At most 100 characters, without line breaks or control characters that could forge a log line. */
  private static String printable(String text) {
    if (text == null) {
      return "-";
    }
    String clean = text.replaceAll("[\\p{Cntrl}]", "?");
    return clean.length() > 100 ? clean.substring(0, 100) + "..." : clean;
  }

  private static void write(HttpServletResponse response, int status, String message) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.getOutputStream().write(("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
  }
}
