package org.safeguardflow.security.partners;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.annotation.Transactional;

/**
 * Partner agencies' API keys ({@code sf_partner_credential}): made, looked up, rotated and revoked.
 *
 * <p>A key is {@code sfk_} and 43 characters of base64url: 32 bytes (256 bits) from {@link SecureRandom}.
 * Only its SHA-256 is stored. A plain fast hash is enough here, unlike for people's passwords: slow,
 * salted hashes (bcrypt, PBKDF2) exist because a person's password has few bits and can be guessed
 * offline; 2^256 random keys cannot, with or without a salt. A fast hash also lets every request find
 * its key by an indexed equality on the hash, without a slow hash per request that would itself be
 * a way to load the server; and comparing hashes in the database leaks nothing useful about the key.
 *
 * <p>A key is valid until it is revoked or, after a rotation, until the end of the overlap the rotation
 * chose ({@code expires_at}). Time is the {@link Clock} given (the engine's clock in the product).
 */
public class PartnerCredentials {

  /** Every key starts so, which lets secret scanners and log filters recognise a leaked key. */
  public static final String KEY_PREFIX = "sfk_";
  private static final int KEY_BYTES = 32;
  private static final int SHOWN_PREFIX = 12;

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public PartnerCredentials(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** A credential as listed: never the key, never its hash. */
  public record Credential(String id, String agency, String keyPrefix, Instant createdAt, String createdBy,
      Instant expiresAt, String replacedBy, Instant revokedAt, String revokedBy) {

    /** ACTIVE, EXPIRING (rotated, still within its overlap), EXPIRED or REVOKED at that instant. */
    public String statusAt(Instant now) {
      if (revokedAt != null) {
        return "REVOKED";
      }
      if (expiresAt == null) {
        return "ACTIVE";
      }
      return now.isBefore(expiresAt) ? "EXPIRING" : "EXPIRED";
    }

    boolean validAt(Instant now) {
      return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }
  }

  /** A new key with its credential; the key exists only in this answer. */
  public record IssuedKey(Credential credential, String key) {}

  /** Makes a key for an agency (whose existence and role the caller has checked). */
  @Transactional
  public IssuedKey issue(String agency, String issuedBy) {
    String key = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
    String id = UUID.randomUUID().toString();
    Instant now = clock.instant();
    jdbc.update("insert into sf_partner_credential (id, agency_user, key_prefix, key_hash, created_at, created_by)"
        + " values (?, ?, ?, ?, ?, ?)", id, agency, key.substring(0, SHOWN_PREFIX), hash(key), at(now), issuedBy);
    return new IssuedKey(find(id).orElseThrow(), key);
  }

  /**
   * Makes a new key for the same agency; the old one keeps working until {@code oldKeyExpiresAt}, so
   * that the agency can change its systems without a gap.
   *
   * @return the new key, or empty if the credential is unknown
   * @throws IllegalStateException if the credential is revoked, expired or already rotated
   */
  @Transactional
  public Optional<IssuedKey> rotate(String id, Instant oldKeyExpiresAt, String rotatedBy) {
    Optional<Credential> old = find(id);
    if (old.isEmpty()) {
      return Optional.empty();
    }
    if (!old.get().validAt(clock.instant()) || old.get().replacedBy() != null) {
      throw new IllegalStateException("credential " + id + " is " + old.get().statusAt(clock.instant()).toLowerCase()
          + (old.get().replacedBy() != null ? " and was already rotated" : "") + ": issue a new key instead");
    }
    IssuedKey fresh = issue(old.get().agency(), rotatedBy);
    int changed = jdbc.update("update sf_partner_credential set expires_at = ?, replaced_by = ?"
        + " where id = ? and replaced_by is null and revoked_at is null", at(oldKeyExpiresAt), fresh.credential().id(), id);
    if (changed != 1) {
      // Someone rotated or revoked it at the same moment: undo ours, one rotation wins.
      throw new IllegalStateException("credential " + id + " was changed at the same time: try again");
    }
    return Optional.of(fresh);
  }

  /** Revokes a credential at once; revoking twice changes nothing. Says whether it exists. */
  @Transactional
  public boolean revoke(String id, String revokedBy) {
    if (find(id).isEmpty()) {
      return false;
    }
    jdbc.update("update sf_partner_credential set revoked_at = ?, revoked_by = ? where id = ? and revoked_at is null",
        at(clock.instant()), revokedBy, id);
    return true;
  }

  /** The agency a key signs in, if the key is known and valid now; otherwise why not (for the log). */
  public Lookup lookUp(String key) {
    if (key == null || !key.startsWith(KEY_PREFIX) || key.length() > 200) {
      return new Lookup(null, "not a Safeguard Flow API key");
    }
    List<Credential> found = jdbc.query("select * from sf_partner_credential where key_hash = ?", CREDENTIAL, hash(key));
    if (found.isEmpty()) {
      return new Lookup(null, "unknown key");
    }
    Credential credential = found.get(0);
    Instant now = clock.instant();
    if (!credential.validAt(now)) {
      return new Lookup(null, "key " + credential.id() + " is " + credential.statusAt(now).toLowerCase());
    }
    return new Lookup(credential, null);
  }

  /** A key's credential, or the reason it signs nobody in. */
  public record Lookup(Credential credential, String refusal) {}

  /** One credential by its id (a UUID), without its key. */
  public Optional<Credential> find(String id) {
    return jdbc.query("select * from sf_partner_credential where id = ?", CREDENTIAL, id).stream().findFirst();
  }

  /** Every credential, by agency and age, without keys. */
  public List<Credential> all() {
    return jdbc.query("select * from sf_partner_credential order by agency_user, created_at", CREDENTIAL);
  }

  /** The time keys are judged by (the engine's clock in the product). */
  public Instant now() {
    return clock.instant();
  }

  static String hash(String key) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private byte[] randomBytes() {
    byte[] bytes = new byte[KEY_BYTES];
    random.nextBytes(bytes);
    return bytes;
  }

  private static java.time.OffsetDateTime at(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    Timestamp value = row.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }

  private static final RowMapper<Credential> CREDENTIAL = (row, n) -> new Credential(row.getString("id"),
      row.getString("agency_user"), row.getString("key_prefix"), instant(row, "created_at"), row.getString("created_by"),
      instant(row, "expires_at"), row.getString("replaced_by"), instant(row, "revoked_at"), row.getString("revoked_by"));
}
