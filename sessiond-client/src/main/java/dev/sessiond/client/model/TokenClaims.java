package dev.sessiond.client.model;

import java.time.Instant;
import java.util.List;

/**
 * The claims of an active access token, as introspection reports them.
 *
 * @param subject {@code sub}, the user id
 * @param sessionId {@code sid}
 * @param tenantId {@code tid}
 * @param expiresAt {@code exp}
 * @param issuedAt {@code iat}; {@link Instant#EPOCH} when an external issuer's token has none
 * @param tokenId {@code jti}; empty when an external issuer's token has none
 * @param issuer {@code iss}
 * @param username {@code null} when the session has none
 * @param roles never {@code null}
 * @param clientType {@code ctype}; {@code null} for an external issuer's token
 */
public record TokenClaims(String subject, String sessionId, String tenantId, Instant expiresAt,
    Instant issuedAt, String tokenId, String issuer, String username, List<String> roles,
    ClientType clientType) {
  public TokenClaims {
    roles = roles == null ? List.of() : List.copyOf(roles);
  }
}
