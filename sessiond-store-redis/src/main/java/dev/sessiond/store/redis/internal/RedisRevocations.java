package dev.sessiond.store.redis.internal;

import dev.sessiond.store.BlacklistEntry;
import dev.sessiond.store.Ending;
import dev.sessiond.store.RevokedSession;
import dev.sessiond.store.Watermark;
import io.lettuce.core.ScoredValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Blacklist entries ({@code bl:<name>} and the index {@code ix:bl} by expiry), watermarks (the
 * hash {@code wm}, field {@code ""} for the whole tenant) and revoked sessions ({@code
 * ix:revoked}), all in the tenant's slot. The deployment-wide listings, read when a node builds its
 * revocation index, walk the registry of tenants; the blacklist purge visits the tenants with due
 * work.
 */
public final class RedisRevocations {
  private final RedisBackend backend;
  private final RedisSessions sessions;

  public RedisRevocations(RedisBackend backend, RedisSessions sessions) {
    this.backend = backend;
    this.sessions = sessions;
  }

  public void blacklist(BlacklistEntry entry) {
    backend.due.write(entry.tenantId(), DueWork.Kind.BAN, entry.expiresAt().toEpochMilli(),
        () -> backend.events.integer(Scripts.BLACKLIST, backend.keys.tenant(entry.tenantId()),
            List.of(entry.name(), Codec.ms(entry.createdAt()), Codec.ms(entry.expiresAt()),
                entry.tenantId())));
  }

  public Optional<BlacklistEntry> findBlacklistEntry(String tenantId, String name, Instant now) {
    Map<String, String> f = backend.fetch(backend.keys.tenant(tenantId), "bl:" + name);
    return f.isEmpty() ? Optional.empty()
        : Optional.of(entry(tenantId, name, f)).filter(e -> e.isActiveAt(now));
  }

  public List<BlacklistEntry> blacklistEntries(Instant now) {
    List<BlacklistEntry> out = new ArrayList<>();
    for (String tenant : backend.due.tenants()) {
      String base = backend.keys.tenant(tenant);
      List<String> names = backend.link.call(c -> c.zrangebyscore(base + "ix:bl",
          Ranges.above(now.toEpochMilli())));
      List<Map<String, String>> hashes =
          backend.fetch(base, names.stream().map(n -> "bl:" + n).toList());
      for (int i = 0; i < names.size(); i++) {
        if (!hashes.get(i).isEmpty()) {
          BlacklistEntry entry = entry(tenant, names.get(i), hashes.get(i));
          if (entry.isActiveAt(now)) {
            out.add(entry);
          }
        }
      }
    }
    return out;
  }

  private static BlacklistEntry entry(String tenant, String name, Map<String, String> f) {
    return new BlacklistEntry(tenant, name, Codec.instant(f.get("c")), Codec.instant(f.get("e")));
  }

  public int purgeBlacklist(Instant now, int limit) {
    return backend.due.sweep(DueWork.Kind.BAN, Codec.ms(now), limit, (due, left) -> {
      List<Object> result = backend.link.list(Scripts.BLACKLIST_PURGE,
          backend.keys.tenant(due.tenant()), List.of(Codec.ms(now), left.toString()));
      return new DueWork.Batch(((Long) result.get(0)).intValue(), String.valueOf(result.get(1)));
    });
  }

  public void raiseWatermark(Watermark watermark) {
    backend.due.write(watermark.tenantId(), Map.of(),
        () -> backend.events.integer(Scripts.WATERMARK, backend.keys.tenant(watermark.tenantId()),
            List.of(watermark.isTenantWide() ? "" : watermark.userId(),
                Codec.ms(watermark.notBefore()), watermark.tenantId())));
  }

  public List<Watermark> watermarks() {
    List<Watermark> out = new ArrayList<>();
    for (String tenant : backend.due.tenants()) {
      Map<String, String> marks = backend.link.call(c -> c.hgetall(backend.keys.tenant(tenant)
          + "wm"));
      marks.forEach((user, notBefore) -> out.add(new Watermark(tenant,
          user.isEmpty() ? null : user, Codec.instant(notBefore))));
    }
    return out;
  }

  public List<String> revokeTenantSessions(String tenantId, Ending ending, int limit) {
    RedisSessions.requirePositive(limit);
    return sessions.revoke(tenantId, "tenant", Integer.toString(limit), ending);
  }

  public List<RevokedSession> sessionsRevokedSince(Instant since) {
    List<RevokedSession> out = new ArrayList<>();
    for (String tenant : backend.due.tenants()) {
      List<ScoredValue<String>> revoked = backend.link.call(c -> c.zrangebyscoreWithScores(
          backend.keys.tenant(tenant) + "ix:revoked", Ranges.atLeast(since.toEpochMilli())));
      for (ScoredValue<String> entry : revoked) {
        out.add(new RevokedSession(entry.getValue(), tenant,
            Instant.ofEpochMilli((long) entry.getScore())));
      }
    }
    return out;
  }
}
