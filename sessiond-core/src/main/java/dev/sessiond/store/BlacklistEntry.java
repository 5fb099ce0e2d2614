package dev.sessiond.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A time-bounded ban on a session name (a session id, or the value of an external issuer's session
 * claim) or a token's {@code jti}, inside one tenant.
 *
 * @param tenantId never {@code null}
 * @param name the banned name; never {@code null}
 * @param createdAt when it was (last) set; never {@code null}
 * @param expiresAt when the ban lapses; never {@code null}
 */
public record BlacklistEntry(String tenantId, String name, Instant createdAt, Instant expiresAt) {
  public BlacklistEntry {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** Whether the ban holds at {@code now}. */
  public boolean isActiveAt(Instant now) {
    return expiresAt.isAfter(now);
  }
}
