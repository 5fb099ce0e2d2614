package dev.sessiond.client.model;

import java.time.Instant;

/**
 * One entry of the audit log. It never holds a token or key.
 *
 * @param seq its position in the log, growing with every record
 * @param tenantId the tenant, or {@code *} for deployment-wide actions
 * @param action such as {@code session.opened} or {@code session.revoked}
 * @param actorKind {@code api_key}, {@code user}, {@code org_admin}, {@code global_admin}, {@code
 *     service} or {@code system}
 * @param actorId the key id, user id or service name; {@code system} for sessiond itself
 * @param target what it was done to; may be empty
 * @param ip the caller's address; empty when unknown
 * @param outcome {@code success} or {@code denied}
 * @param detail a short machine-readable detail such as a revoke reason; may be empty
 */
public record AuditRecord(long seq, Instant at, String tenantId, String action, String actorKind,
    String actorId, String target, String ip, String outcome, String detail) {}
