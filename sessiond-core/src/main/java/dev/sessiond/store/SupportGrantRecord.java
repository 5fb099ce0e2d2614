package dev.sessiond.store;

import dev.sessiond.GrantStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * A tenant's time-bounded permission for global admins to act on its sessions.
 *
 * @param id 32 lowercase hex characters; never {@code null}
 * @param tenantId the tenant that granted it; never {@code null}
 * @param note why it was granted; never {@code null}, may be empty
 * @param createdAt never {@code null}
 * @param createdBy the actor that created it, such as {@code user:alice}; never {@code null}
 * @param expiresAt when it ends by itself; after {@code createdAt}; never {@code null}
 * @param status the stored status; see {@link #statusAt(Instant)} for the effective one
 * @param endedAt when it was revoked or marked expired; {@code null} while stored as active
 * @param endedBy who ended it ({@code system} for expiry); {@code null} while stored as active
 */
public record SupportGrantRecord(String id, String tenantId, String note, Instant createdAt,
    String createdBy, Instant expiresAt, GrantStatus status, Instant endedAt, String endedBy) {

  public SupportGrantRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(note, "note");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(status, "status");
    if ((status == GrantStatus.ACTIVE) != (endedAt == null) || (endedAt == null) != (endedBy == null)) {
      throw new IllegalArgumentException("endedAt and endedBy are set exactly when the grant ended");
    }
  }

  /**
   * The status as of {@code now}: a stored {@code ACTIVE} grant whose {@code expiresAt} is not
   * after {@code now} is {@link GrantStatus#EXPIRED} even before a sweep marks it.
   */
  public GrantStatus statusAt(Instant now) {
    if (status == GrantStatus.ACTIVE && !expiresAt.isAfter(now)) {
      return GrantStatus.EXPIRED;
    }
    return status;
  }

  /** Whether global admins may act on the tenant under it at {@code now}. */
  public boolean isActiveAt(Instant now) {
    return statusAt(now) == GrantStatus.ACTIVE;
  }

  /** This grant ended with {@code newStatus} at {@code at} by {@code actor}. */
  public SupportGrantRecord endedAs(GrantStatus newStatus, Instant at, String actor) {
    if (newStatus == GrantStatus.ACTIVE) {
      throw new IllegalArgumentException("an ended grant is revoked or expired");
    }
    return new SupportGrantRecord(id, tenantId, note, createdAt, createdBy, expiresAt, newStatus,
        Objects.requireNonNull(at, "at"), Objects.requireNonNull(actor, "actor"));
  }
}
