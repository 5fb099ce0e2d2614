package dev.sessiond;

/** Where a support grant is in its life. */
public enum GrantStatus {
  /** In force until its expiry, unless revoked first. */
  ACTIVE,
  /** Ended early by the tenant. */
  REVOKED,
  /** Ended by reaching its expiry. */
  EXPIRED
}
