package dev.sessiond.store;

import dev.sessiond.GrantStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * API keys and support grants in the heap, for {@link InMemorySessionStore}. The sessions opened
 * under a grant are the store's to find. Every method is safe to call from many threads.
 */
final class InMemoryAccessKeeping {
  private static final Comparator<ApiKeyRecord> OLDEST_KEY_FIRST =
      Comparator.comparing(ApiKeyRecord::createdAt).thenComparing(ApiKeyRecord::id);
  private static final Comparator<SupportGrantRecord> NEWEST_GRANT_FIRST =
      Comparator.comparing(SupportGrantRecord::createdAt).thenComparing(SupportGrantRecord::id)
          .reversed();
  private static final Comparator<SupportGrantRecord> LATEST_EXPIRY_FIRST =
      Comparator.comparing(SupportGrantRecord::expiresAt).thenComparing(SupportGrantRecord::id)
          .reversed();

  private final ConcurrentHashMap<String, ApiKeyRecord> keys = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, SupportGrantRecord> grants = new ConcurrentHashMap<>();

  void putApiKey(ApiKeyRecord key) {
    keys.put(key.id(), key);
  }

  Optional<ApiKeyRecord> findApiKey(String id) {
    return Optional.ofNullable(keys.get(id));
  }

  List<ApiKeyRecord> apiKeys(int limit) {
    return keys.values().stream().sorted(OLDEST_KEY_FIRST).limit(limit)
        .collect(Collectors.toList());
  }

  boolean revokeApiKey(String id, Instant at) {
    AtomicBoolean revoked = new AtomicBoolean();
    keys.computeIfPresent(id, (key, current) -> {
      if (!current.isLive()) {
        return current;
      }
      revoked.set(true);
      return current.revokedAt(at);
    });
    return revoked.get();
  }

  void insertGrant(SupportGrantRecord grant) {
    if (grants.putIfAbsent(grant.id(), grant) != null) {
      throw new IllegalStateException("a support grant with this id exists");
    }
  }

  Optional<SupportGrantRecord> findGrantById(String id) {
    return Optional.ofNullable(grants.get(id));
  }

  Optional<SupportGrantRecord> findGrant(String tenantId, String id) {
    return Optional.ofNullable(grants.get(id)).filter(g -> g.tenantId().equals(tenantId));
  }

  List<SupportGrantRecord> grants(String tenantId, int limit) {
    return grants.values().stream().filter(g -> g.tenantId().equals(tenantId))
        .sorted(NEWEST_GRANT_FIRST).limit(limit).collect(Collectors.toList());
  }

  List<SupportGrantRecord> activeGrants(String tenantId, Instant now) {
    return grants.values().stream()
        .filter(g -> g.tenantId().equals(tenantId) && g.isActiveAt(now))
        .sorted(LATEST_EXPIRY_FIRST).collect(Collectors.toList());
  }

  boolean endGrant(String id, GrantStatus status, Instant at, String actor) {
    if (status == GrantStatus.ACTIVE) {
      throw new IllegalArgumentException("an ended grant is revoked or expired");
    }
    AtomicBoolean ended = new AtomicBoolean();
    grants.computeIfPresent(id, (key, current) -> {
      if (current.status() != GrantStatus.ACTIVE) {
        return current;
      }
      ended.set(true);
      return current.endedAs(status, at, actor);
    });
    return ended.get();
  }

  List<SupportGrantRecord> grantsDueToExpire(Instant now, int limit) {
    return grants.values().stream()
        .filter(g -> g.status() == GrantStatus.ACTIVE && !g.expiresAt().isAfter(now))
        .sorted(LATEST_EXPIRY_FIRST.reversed()).limit(limit).collect(Collectors.toList());
  }
}
