package dev.sessiond.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the audit log. It never holds a secret: no token, no key, no hash of either.
 *
 * @param seq the position the store gave it, growing with every append; 0 before it is appended
 * @param at when it happened; never {@code null}
 * @param tenantId the tenant it belongs to, or {@link #DEPLOYMENT} for deployment-wide actions
 *     (signing-key rotation, keys of every tenant); never {@code null}
 * @param action what happened, such as {@code session.revoked}; never {@code null}
 * @param actorKind {@code api_key}, {@code user}, {@code org_admin}, {@code global_admin},
 *     {@code service} or {@code system}; never {@code null}
 * @param actorId the key id, user id or service name; never {@code null}
 * @param target what it was done to (a session id, user id, grant id, key id, name); never {@code
 *     null}, may be empty
 * @param ip the caller's address; never {@code null}, empty when unknown
 * @param outcome {@code success}, {@code denied} or {@code failure}; never {@code null}
 * @param detail a short machine-readable detail, such as a revoke reason; never {@code null}, may
 *     be empty
 */
public record AuditRecord(long seq, Instant at, String tenantId, String action, String actorKind,
    String actorId, String target, String ip, String outcome, String detail) {
  /** The {@link #tenantId} of records that belong to the whole deployment. */
  public static final String DEPLOYMENT = "*";

  public AuditRecord {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(actorKind, "actorKind");
    Objects.requireNonNull(actorId, "actorId");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(ip, "ip");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(detail, "detail");
  }

  /** This record at position {@code newSeq}. */
  public AuditRecord withSeq(long newSeq) {
    return new AuditRecord(newSeq, at, tenantId, action, actorKind, actorId, target, ip, outcome,
        detail);
  }
}
