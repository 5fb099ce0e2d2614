package dev.sessiond;

import dev.sessiond.internal.AuditTrail;
import dev.sessiond.internal.Walls;
import dev.sessiond.store.BlacklistEntry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@link SessionAdmin} on an engine: the method and walls checked, the engine's write, a record. */
final class ScopedSessionAdmin implements SessionAdmin {
  private final SessionCore engine;
  private final Walls walls;
  private final AuditTrail audit;

  ScopedSessionAdmin(SessionCore engine, Walls walls, AuditTrail audit) {
    this.engine = engine;
    this.walls = walls;
    this.audit = audit;
  }

  @Override
  public Optional<Session> revoke(CapabilityContext context, String id, String reason) {
    walls.requireMethod(context, Method.SESSIONS_REVOKE);
    Optional<Session> target = engine.get(id).filter(s ->
        (context.tenantId() == null || context.tenantId().equals(s.tenantId()))
            && walls.covers(context.caller(), Method.SESSIONS_REVOKE, s.tenantId()));
    if (target.isEmpty()) {
      return Optional.empty();
    }
    Session after = engine.revoke(id, reason, context.caller().actor());
    if (target.get().status() == SessionStatus.ACTIVE && after.status() == SessionStatus.REVOKED) {
      audit.record(context, "session.revoked", after.tenantId(), id, AuditTrail.SUCCESS,
          reason == null || reason.isEmpty() ? SessionEngine.DEFAULT_REASON : reason);
    }
    return Optional.of(after);
  }

  @Override
  public List<String> revokeAllForUser(CapabilityContext context, String userId, String reason) {
    String tenant = walls.requireTenant(context, Method.SESSIONS_REVOKE_ALL, null);
    List<String> revoked =
        engine.revokeAllForUser(tenant, userId, reason, context.caller().actor());
    audit.record(context, "user.sessions_revoked", tenant, userId, AuditTrail.SUCCESS,
        "revoked=" + revoked.size());
    return revoked;
  }

  @Override
  public int revokeAllInTenant(CapabilityContext context, String reason) {
    String tenant = walls.requireTenant(context, Method.SESSIONS_REVOKE_ALL, null);
    int revoked = engine.revokeAllInTenant(tenant, reason, context.caller().actor());
    audit.record(context, "tenant.sessions_revoked", tenant, tenant, AuditTrail.SUCCESS,
        "revoked=" + revoked);
    return revoked;
  }

  @Override
  public BlacklistEntry blacklist(CapabilityContext context, String name, Duration ttl) {
    String tenant = walls.requireTenant(context, Method.BLACKLIST_WRITE, null);
    BlacklistEntry entry = engine.blacklist(tenant, name, ttl);
    audit.record(context, "blacklist.added", tenant, name, AuditTrail.SUCCESS,
        "until=" + entry.expiresAt());
    return entry;
  }

  @Override
  public Optional<BlacklistEntry> blacklistEntry(CapabilityContext context, String name) {
    String tenant = walls.requireTenant(context, Method.BLACKLIST_READ, null);
    return engine.blacklistEntry(tenant, name);
  }
}
