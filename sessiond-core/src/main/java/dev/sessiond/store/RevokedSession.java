package dev.sessiond.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A revoked session as the revocation index needs it.
 *
 * @param sessionId never {@code null}
 * @param tenantId never {@code null}
 * @param revokedAt never {@code null}
 */
public record RevokedSession(String sessionId, String tenantId, Instant revokedAt) {
  public RevokedSession {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(revokedAt, "revokedAt");
  }
}
