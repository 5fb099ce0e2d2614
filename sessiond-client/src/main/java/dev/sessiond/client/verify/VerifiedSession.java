package dev.sessiond.client.verify;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a valid sessiond access token says: its session, tenant, user and roles. Never holds the
 * token itself.
 *
 * @param sessionId the {@code sid} claim; never {@code null}
 * @param tenantId the {@code tid} claim; never {@code null}
 * @param userId the {@code sub} claim; never {@code null}
 * @param username the {@code username} claim; empty (never {@code null}) when absent
 * @param roles the {@code roles} claim; empty (never {@code null}) when absent; unmodifiable
 * @param clientType the {@code ctype} claim ({@code web}, {@code mobile}, ...); empty when absent
 * @param tokenId the {@code jti} claim; never {@code null}
 * @param issuedAt the {@code iat} claim; never {@code null}
 * @param expiresAt the {@code exp} claim; never {@code null}
 */
public record VerifiedSession(String sessionId, String tenantId, String userId, String username,
    List<String> roles, String clientType, String tokenId, Instant issuedAt, Instant expiresAt) {
  public VerifiedSession {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(tokenId, "tokenId");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    username = username == null ? "" : username;
    roles = roles == null ? List.of() : List.copyOf(roles);
    clientType = clientType == null ? "" : clientType;
  }

  /** Whether {@code role} is among the roles; {@code false} for {@code null}. */
  public boolean hasRole(String role) {
    return role != null && roles.contains(role);
  }
}
