package dev.sessiond.client.model;

import java.time.Instant;

/**
 * Whether a name (a session id, an external session claim or a token's {@code jti}) is banned in
 * a tenant.
 *
 * @param expiresAt when the ban lapses; {@code null} when not blacklisted
 */
public record BlacklistEntry(String tenantId, String name, boolean blacklisted,
    Instant expiresAt) {}
