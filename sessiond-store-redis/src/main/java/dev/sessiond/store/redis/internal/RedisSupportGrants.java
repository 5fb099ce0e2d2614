package dev.sessiond.store.redis.internal;

import dev.sessiond.GrantStatus;
import dev.sessiond.store.SupportGrantRecord;
import io.lettuce.core.ScoredValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Support grants in their tenant's slot: a hash per grant ({@code gr:<id>}), the listing index
 * {@code ix:grants} by {@code createdAt}, and {@code ix:gactive} by {@code expiresAt} for the
 * grants stored as active. A global pointer from the grant id to its tenant keeps ids unique
 * across tenants. The sessions opened under a grant are indexed by the session scripts ({@code
 * gs:<grant>}, active sessions only).
 */
public final class RedisSupportGrants {
  private final RedisBackend backend;

  public RedisSupportGrants(RedisBackend backend) {
    this.backend = backend;
  }

  public void insertGrant(SupportGrantRecord grant) {
    Map<DueWork.Kind, Long> adds = grant.status() == GrantStatus.ACTIVE
        ? Map.of(DueWork.Kind.GRANT, grant.expiresAt().toEpochMilli()) : Map.of();
    backend.due.write(grant.tenantId(), adds, () -> {
      store(grant);
      return null;
    });
  }

  private void store(SupportGrantRecord grant) {
    String tenant = grant.tenantId();
    backend.claim(backend.keys.grantPointer(grant.id()), tenant, "gr:" + grant.id());
    List<String> args = new ArrayList<>(List.of(grant.id(), Codec.ms(grant.createdAt()),
        Codec.ms(grant.expiresAt()), grant.status().name(),
        "id", grant.id(), "note", grant.note(), "cat", Codec.ms(grant.createdAt()),
        "cby", grant.createdBy(), "exp", Codec.ms(grant.expiresAt()), "st", grant.status().name()));
    if (grant.endedAt() != null) {
      args.addAll(List.of("eat", Codec.ms(grant.endedAt()), "eby", grant.endedBy()));
    }
    args.addAll(List.of("op", Codec.nonce()));
    if (backend.link.integer(Scripts.GRANT_INSERT, backend.keys.tenant(tenant), args) == 0) {
      throw new IllegalStateException("a grant with this id exists");
    }
  }

  public Optional<SupportGrantRecord> findGrant(String tenantId, String id) {
    return Optional.ofNullable(grant(tenantId, backend.fetch(backend.keys.tenant(tenantId),
        "gr:" + id)));
  }

  public List<SupportGrantRecord> grants(String tenantId, int limit) {
    RedisSessions.requirePositive(limit);
    List<String> ids = backend.link.call(c -> c.zrevrange(backend.keys.tenant(tenantId)
        + "ix:grants", 0, limit - 1));
    return grants(tenantId, ids);
  }

  public List<SupportGrantRecord> activeGrants(String tenantId, Instant now) {
    List<String> ids = backend.link.call(c -> c.zrevrangebyscore(backend.keys.tenant(tenantId)
        + "ix:gactive", Ranges.above(now.toEpochMilli())));
    return grants(tenantId, ids);
  }

  public boolean endGrant(String id, GrantStatus status, Instant at, String actor) {
    if (status == GrantStatus.ACTIVE) {
      throw new IllegalArgumentException("an ended grant is revoked or expired");
    }
    String tenant = backend.tenantOf(backend.keys.grantPointer(id));
    return tenant != null && backend.events.integer(Scripts.GRANT_END,
        backend.keys.tenant(tenant), List.of(id, status.name(), Codec.ms(at), actor, tenant)) == 1;
  }

  public List<SupportGrantRecord> grantsDueToExpire(Instant now, int limit) {
    List<SupportGrantRecord> out = new ArrayList<>();
    backend.due.sweep(DueWork.Kind.GRANT, Codec.ms(now), limit, (due, left) -> {
      String index = backend.keys.tenant(due.tenant()) + "ix:gactive";
      List<String> ids = backend.link.call(c -> c.zrangebyscore(index,
          Ranges.atMost(now.toEpochMilli()), Ranges.first(left)));
      out.addAll(grants(due.tenant(), ids));
      List<ScoredValue<String>> first = backend.link.call(c -> c.zrangeWithScores(index, 0, 0));
      return new DueWork.Batch(ids.size(),
          first.isEmpty() ? "" : Long.toString((long) first.get(0).getScore()));
    });
    return out;
  }

  public List<String> activeSessionsUnderGrant(String grantId, int limit) {
    RedisSessions.requirePositive(limit);
    if (grantId.isEmpty()) {
      return List.of();
    }
    String tenant = backend.tenantOf(backend.keys.grantPointer(grantId));
    if (tenant == null) {
      return List.of();
    }
    return backend.link.call(c -> c.zrange(backend.keys.tenant(tenant) + "gs:" + grantId, 0,
        limit - 1));
  }

  private List<SupportGrantRecord> grants(String tenant, List<String> ids) {
    List<SupportGrantRecord> out = new ArrayList<>();
    for (Map<String, String> f : backend.fetch(backend.keys.tenant(tenant),
        ids.stream().map(i -> "gr:" + i).toList())) {
      SupportGrantRecord grant = grant(tenant, f);
      if (grant != null) {
        out.add(grant);
      }
    }
    return out;
  }

  private static SupportGrantRecord grant(String tenant, Map<String, String> f) {
    if (f.isEmpty()) {
      return null;
    }
    return new SupportGrantRecord(f.get("id"), tenant, f.get("note"), Codec.instant(f.get("cat")),
        f.get("cby"), Codec.instant(f.get("exp")), GrantStatus.valueOf(f.get("st")),
        Codec.instant(f.get("eat")), f.get("eby"));
  }
}
