package dev.sessiond.client.model;

import java.time.Instant;

/**
 * A tenant's permission for global admins to act on it until {@link #expiresAt()}.
 *
 * @param id 32 lowercase hex characters
 * @param note empty when none was given
 * @param createdBy who created it, such as {@code org_admin:alice} or {@code api_key:3f2a...}
 * @param endedAt when it was revoked or expired; {@code null} while active
 * @param endedBy who revoked it, or {@code system} for expiry; {@code null} while active
 */
public record SupportGrant(String id, String tenantId, String note, Instant createdAt,
    String createdBy, Instant expiresAt, GrantStatus status, Instant endedAt, String endedBy) {}
