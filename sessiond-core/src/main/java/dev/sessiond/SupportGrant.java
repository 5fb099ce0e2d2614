package dev.sessiond;

import java.time.Instant;

/**
 * A tenant's time-bounded permission for global admins to act on its sessions, as callers see it.
 *
 * @param id 32 lowercase hex characters
 * @param tenantId the tenant that granted it
 * @param note why; may be empty
 * @param createdAt when it was created
 * @param createdBy who created it, such as {@code org_admin:alice}
 * @param expiresAt when it ends by itself
 * @param status its effective status now
 * @param endedAt when it was revoked or expired; {@code null} while active
 * @param endedBy who ended it ({@code system} for expiry); {@code null} while active
 */
public record SupportGrant(String id, String tenantId, String note, Instant createdAt,
    String createdBy, Instant expiresAt, GrantStatus status, Instant endedAt, String endedBy) {}
