package dev.sessiond;

import dev.sessiond.internal.AuditTrail;
import dev.sessiond.internal.FieldRules;
import dev.sessiond.internal.Walls;
import dev.sessiond.store.BlacklistEntry;
import dev.sessiond.store.Ending;
import dev.sessiond.store.SessionRecord;
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
    FieldRules.sessionId("id", id);
    Optional<SessionRecord> target = engine.store().find(id)
        .filter(r -> walls.sees(context, Method.SESSIONS_REVOKE, r.tenantId()));
    if (target.isEmpty()) {
      return Optional.empty();
    }
    Ending ending = engine.ending(reason, context.caller().actor());
    if (!engine.endSession(id, ending)) {
      // It had ended already (or just now, elsewhere): answer it as the store has it.
      return engine.get(id);
    }
    audit.record(context, "session.revoked", target.get().tenantId(), id, AuditTrail.SUCCESS,
        ending.reason());
    return Optional.of(Session.of(target.get().withEnding(SessionStatus.REVOKED, ending),
        ending.at()));
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

  @Override
  public List<BlacklistEntry> blacklistEntries(CapabilityContext context) {
    walls.requireMethod(context, Method.BLACKLIST_READ);
    Caller caller = context.caller();
    boolean everyTenant = caller.sessionId() == null && caller.allTenants()
        && context.tenantId() == null;
    return engine.blacklistEntries(everyTenant ? null
        : walls.requireTenant(context, Method.BLACKLIST_READ, null));
  }
}
