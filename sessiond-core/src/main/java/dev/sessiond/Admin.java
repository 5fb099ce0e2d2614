package dev.sessiond;

/** The governed capabilities, separate from the read-only {@link Sessions}. */
public interface Admin {

  /** Revoke, revoke all, blacklist. */
  SessionAdmin sessions();

  /** Support grants. */
  SupportGrants grants();

  /** The audit log. */
  AuditLog audit();

  /** API keys. */
  ApiKeys apiKeys();
}
