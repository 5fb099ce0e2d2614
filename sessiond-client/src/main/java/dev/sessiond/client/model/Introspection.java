package dev.sessiond.client.model;

import java.util.Optional;

/**
 * Whether a token is active now (RFC 7662), and its claims if it is. Anything else (unknown,
 * malformed, expired, revoked, blacklisted, of another tenant) is simply inactive.
 *
 * @param active whether the token verifies and its session is active
 * @param claims the token's claims when active; {@code null} when not
 */
public record Introspection(boolean active, TokenClaims claims) {
  /** The answer for every token that is not active. */
  public static final Introspection INACTIVE = new Introspection(false, null);

  /** {@link #claims()}, or empty when not active. */
  public Optional<TokenClaims> activeClaims() {
    return Optional.ofNullable(claims);
  }
}
