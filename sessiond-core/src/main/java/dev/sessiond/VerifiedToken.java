package dev.sessiond;

import java.time.Instant;
import java.util.List;

/**
 * What a valid access token says: the claims callers act on.
 *
 * @param issuer {@code iss}
 * @param subject {@code sub}: the user id
 * @param sessionId {@code sid}: the session it belongs to
 * @param tenantId {@code tid}
 * @param tokenId {@code jti}
 * @param username the {@code username} claim; empty when absent
 * @param roles never {@code null}
 * @param clientType {@code ctype} wire name; empty when absent
 * @param issuedAt {@code iat}
 * @param expiresAt {@code exp}
 */
public record VerifiedToken(
    String issuer,
    String subject,
    String sessionId,
    String tenantId,
    String tokenId,
    String username,
    List<String> roles,
    String clientType,
    Instant issuedAt,
    Instant expiresAt) {

  public VerifiedToken {
    roles = List.copyOf(roles);
  }
}
