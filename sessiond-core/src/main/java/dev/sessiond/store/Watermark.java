package dev.sessiond.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A not-before mark: tokens of the user (or, with no user, of the whole tenant) issued before
 * {@code notBefore} are rejected, whatever session they belong to.
 *
 * @param tenantId never {@code null}
 * @param userId the user, or {@code null} for the whole tenant; never empty
 * @param notBefore never {@code null}
 */
public record Watermark(String tenantId, String userId, Instant notBefore) {
  public Watermark {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(notBefore, "notBefore");
    if (userId != null && userId.isEmpty()) {
      throw new IllegalArgumentException("userId is null for a tenant-wide mark, never empty");
    }
  }

  /** A mark for the whole tenant. */
  public static Watermark forTenant(String tenantId, Instant notBefore) {
    return new Watermark(tenantId, null, notBefore);
  }

  /** Whether this mark covers a whole tenant rather than one user. */
  public boolean isTenantWide() {
    return userId == null;
  }
}
