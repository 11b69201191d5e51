package org.safeguardflow.notify;

/**
 * A partner agency of the directory and the route it prefers: email, a signed webhook, or GOV.UK
 * Notify (an email sent through the government's Notify service).
 */
public record Agency(String code, String name, Kind kind, Channel channel, String email, String webhookUrl,
    String webhookSecret, boolean active) {

  public enum Kind { POLICE, HEALTH, EDUCATION, GP, HOUSING, LOCAL_AUTHORITY, OTHER }

  public enum Channel { EMAIL, WEBHOOK, NOTIFY }

  /** The same agency without its webhook secret, for showing. */
  Agency withoutSecret() {
    return new Agency(code, name, kind, channel, email, webhookUrl, webhookSecret == null ? null : "(set)", active);
  }
}
