package org.safeguardflow.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.safeguardflow.web.DatabaseAway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * HTTP Basic against the Camunda users, so that one set of users and groups (managed in Camunda
 * Admin) serves Tasklist, the REST API and our own API alike. Authorities are the Camunda group ids.
 *
 * <p>While the database is out of reach no password can be checked, yet operators must still read
 * {@code /actuator/health} to see what is down. So this node remembers, in memory only, the last
 * successful sign-in of each member of an operations group ({@link Roles#operations()}: operators,
 * service managers, administrators): a salted SHA-256 of the password and when it was checked. While
 * the database is away, and only then, the same user with the same password is signed in from that
 * memory for up to {@code safeguard.security.outage-sign-in} (default 12 hours) after the last check,
 * with their operations groups alone. Everyone else's request is answered 503
 * ({@code errors/DatabaseAwayAnswers}), as is an operator unknown to this node since its start. A
 * password changed during the outage takes effect when the database is back.
 */
@Component
class CamundaUserAuthenticationProvider implements AuthenticationProvider {

  private static final Logger log = LoggerFactory.getLogger(CamundaUserAuthenticationProvider.class);
  /** How long after seeing the database away the remembered sign-in is used without trying the database first. */
  private static final Duration KNOWN_AWAY = Duration.ofSeconds(5);

  private final IdentityService identity;
  private final List<String> operationsGroups;
  private final Duration outageSignIn;
  private final byte[] salt = new byte[32];
  private final Map<String, Remembered> operators = new ConcurrentHashMap<>();

  CamundaUserAuthenticationProvider(@Lazy IdentityService identity, Roles roles,
      @Value("${safeguard.security.outage-sign-in:PT12H}") Duration outageSignIn) {
    this.identity = identity;
    this.operationsGroups = roles.operations();
    this.outageSignIn = outageSignIn;
    new SecureRandom().nextBytes(salt);
  }

  private record Remembered(byte[] digest, List<SimpleGrantedAuthority> groups, Instant checkedAt) {}

  @Override
  public Authentication authenticate(Authentication authentication) {
    String user = authentication.getName();
    Object password = authentication.getCredentials();
    if (user == null || password == null) {
      throw new BadCredentialsException("Unknown user or wrong password");
    }
    if (DatabaseAway.seenWithin(KNOWN_AWAY)) {
      Authentication remembered = remembered(user, password.toString());
      if (remembered != null) {
        return remembered;
      }
    }
    try {
      boolean known = identity.checkPassword(user, password.toString());
      DatabaseAway.reached();
      if (!known) {
        throw new BadCredentialsException("Unknown user or wrong password");
      }
      List<SimpleGrantedAuthority> groups = identity.createGroupQuery().groupMember(user).list().stream()
          .map(Group::getId)
          .map(SimpleGrantedAuthority::new)
          .toList();
      List<SimpleGrantedAuthority> operations = groups.stream()
          .filter(g -> operationsGroups.contains(g.getAuthority())).toList();
      if (operations.isEmpty()) {
        operators.remove(user);
      } else {
        operators.put(user, new Remembered(digest(password.toString()), operations, Instant.now()));
      }
      return UsernamePasswordAuthenticationToken.authenticated(user, null, groups);
    } catch (RuntimeException failure) {
      if (DatabaseAway.noticedIn(failure)) {
        Authentication remembered = remembered(user, password.toString());
        if (remembered != null) {
          return remembered;
        }
      }
      throw failure;
    }
  }

  /** The operator signed in from memory while the database is away, or null. */
  private Authentication remembered(String user, String password) {
    Remembered known = operators.get(user);
    if (known == null || known.checkedAt().plus(outageSignIn).isBefore(Instant.now())
        || !MessageDigest.isEqual(known.digest(), digest(password))) {
      return null;
    }
    log.info("Database out of reach: {} signed in from this node's memory with {} only", user, known.groups());
    return UsernamePasswordAuthenticationToken.authenticated(user, null, known.groups());
  }

  private byte[] digest(String password) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(salt);
      return sha.digest(password.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
