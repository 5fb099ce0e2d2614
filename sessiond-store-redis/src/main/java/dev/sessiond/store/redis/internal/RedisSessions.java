package dev.sessiond.store.redis.internal;

import dev.sessiond.SessionStatus;
import dev.sessiond.store.Ending;
import dev.sessiond.store.SessionQuery;
import dev.sessiond.store.SessionRecord;
import io.lettuce.core.KeyValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sessions: reads by id through the id-to-tenant pointer, writes by script in the tenant's slot,
 * listings by the tenant's sorted sets, sweeps through the tenants with due work.
 */
public final class RedisSessions {
  private final RedisBackend backend;
  private final RedisOpens opens;

  public RedisSessions(RedisBackend backend, RedisOpens opens) {
    this.backend = backend;
    this.opens = opens;
  }

  public void insert(SessionRecord record) {
    opens.open(record, null, null, null, null);
  }

  public Optional<SessionRecord> find(String id) {
    String tenant = backend.tenantOf(backend.keys.sessionPointer(id));
    if (tenant == null) {
      return Optional.empty();
    }
    SessionRecord record =
        SessionCodec.record(backend.fetch(backend.keys.tenant(tenant), "s:" + id));
    return Optional.ofNullable(record).filter(r -> r.id().equals(id));
  }

  public List<SessionRecord> findAll(Collection<String> ids) {
    List<String> distinct = new ArrayList<>(new LinkedHashSet<>(ids));
    List<SessionRecord> out = new ArrayList<>();
    if (distinct.isEmpty()) {
      return out;
    }
    String[] pointers = distinct.stream().map(backend.keys::sessionPointer).toArray(String[]::new);
    List<KeyValue<String, String>> tenants = backend.link.call(c -> c.mget(pointers));
    Map<String, List<String>> byTenant = new LinkedHashMap<>();
    for (int i = 0; i < distinct.size(); i++) {
      if (tenants.get(i).hasValue()) {
        byTenant.computeIfAbsent(tenants.get(i).getValue(), t -> new ArrayList<>())
            .add("s:" + distinct.get(i));
      }
    }
    byTenant.forEach((tenant, names) -> {
      for (Map<String, String> fields : backend.fetch(backend.keys.tenant(tenant), names)) {
        SessionRecord record = SessionCodec.record(fields);
        if (record != null) {
          out.add(record);
        }
      }
    });
    return out;
  }

  public Optional<SessionRecord> touch(String id, Instant lastActiveAt, Instant expiresAt) {
    String tenant = backend.tenantOf(backend.keys.sessionPointer(id));
    if (tenant == null) {
      return Optional.empty();
    }
    List<Object> fields = backend.link.list(Scripts.TOUCH, backend.keys.tenant(tenant),
        List.of(id, Codec.ms(lastActiveAt), Codec.ms(expiresAt)));
    return Optional.ofNullable(SessionCodec.record(RedisBackend.map(fields)));
  }

  public boolean revoke(String id, Ending ending) {
    String tenant = backend.tenantOf(backend.keys.sessionPointer(id));
    return tenant != null && !revoke(tenant, "one", id, ending).isEmpty();
  }

  public List<String> revokeAllForUser(String tenantId, String userId, Ending ending) {
    return revoke(tenantId, "user", userId, ending);
  }

  /** Runs the revoke script in {@code tenant}'s slot; the ids it revoked. */
  List<String> revoke(String tenant, String mode, String argument, Ending ending) {
    List<Object> ids = backend.due.write(tenant, DueWork.Kind.ENDING, ending.at().toEpochMilli(),
        () -> backend.events.list(Scripts.REVOKE, backend.keys.tenant(tenant),
            List.of(mode, Codec.ms(ending.at()), ending.reason(), ending.actor(), argument)));
    return ids.stream().map(String::valueOf).toList();
  }

  public List<SessionRecord> listForUser(
      String tenantId, String userId, SessionStatus status, Instant now, int limit) {
    requirePositive(limit);
    return IndexWalk.newestFirst(backend, tenantId, "u:" + userId, null,
        r -> r.userId().equals(userId) && (status == null || r.statusAt(now) == status), limit);
  }

  public List<SessionRecord> search(SessionQuery query, Instant now) {
    return IndexWalk.newestFirst(backend, query.tenantId(), "ix:all", query.after(),
        r -> query.matches(r, now), query.limit());
  }

  /** Expired sessions end at their expiry, no earlier than the tenant's due bound. */
  public int expireDue(Instant now, int limit) {
    return backend.due.sweep(DueWork.Kind.EXPIRY, Codec.ms(now), limit, (due, left) -> {
      List<Object> result = backend.due.write(due.tenant(), DueWork.Kind.ENDING, due.bound(),
          () -> backend.events.list(Scripts.EXPIRE, backend.keys.tenant(due.tenant()),
              List.of(Codec.ms(now), left.toString())));
      return new DueWork.Batch(((Long) result.get(0)).intValue(), String.valueOf(result.get(1)));
    });
  }

  public int purgeEndedBefore(Instant cutoff, int limit) {
    return backend.due.sweep(DueWork.Kind.ENDING, "(" + Codec.ms(cutoff), limit, (due, left) -> {
      List<Object> result = backend.link.list(Scripts.PURGE, backend.keys.tenant(due.tenant()),
          List.of(Codec.ms(cutoff), left.toString()));
      List<?> ids = (List<?>) result.get(0);
      for (Object id : ids) {
        backend.link.call(c -> c.del(backend.keys.sessionPointer(String.valueOf(id))));
      }
      for (Object hash : (List<?>) result.get(1)) {
        backend.link.call(c -> c.del(backend.keys.tokenPointer(String.valueOf(hash))));
      }
      return new DueWork.Batch(ids.size(), String.valueOf(result.get(2)));
    });
  }

  static void requirePositive(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
  }
}
