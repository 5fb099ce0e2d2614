package dev.sessiond.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One refresh token of a session's family, as stored: only its SHA-256, never the token.
 *
 * @param hash the token's SHA-256 as 64 lowercase hex characters; never {@code null}
 * @param sessionId the session it refreshes; never {@code null}
 * @param issuedAt when it was issued; never {@code null}
 * @param rotatedAt when it was rotated away (its successor issued), or {@code null} while it is the
 *     family's current head
 */
public record RefreshToken(String hash, String sessionId, Instant issuedAt, Instant rotatedAt) {
  public RefreshToken {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(issuedAt, "issuedAt");
  }

  /** Whether this token is its family's current head. */
  public boolean isCurrent() {
    return rotatedAt == null;
  }
}
