package dev.sessiond.store.redis.internal;

import dev.sessiond.store.ApiKeyRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * API keys, all under the tag {@code {apikeys}}: a hash per key and an index by {@code createdAt}
 * (ties by id, the sorted set's own order).
 */
public final class RedisApiKeys {
  private final RedisBackend backend;

  public RedisApiKeys(RedisBackend backend) {
    this.backend = backend;
  }

  public void putApiKey(ApiKeyRecord key) {
    List<String> args = new ArrayList<>(List.of(key.id(), Codec.ms(key.createdAt()),
        "id", key.id(), "name", key.name(), "t", key.tenantId(),
        "m", Codec.json(new TreeSet<>(key.methods())), "h", key.secretHash(),
        "cat", Codec.ms(key.createdAt()), "cby", key.createdBy()));
    if (key.revokedAt() != null) {
      args.addAll(List.of("rev", Codec.ms(key.revokedAt())));
    }
    backend.link.integer(Scripts.APIKEY_PUT, backend.keys.apiKeys(), args);
  }

  public Optional<ApiKeyRecord> findApiKey(String id) {
    return Optional.ofNullable(key(backend.fetch(backend.keys.apiKeys(), "k:" + id)));
  }

  public List<ApiKeyRecord> apiKeys(int limit) {
    RedisSessions.requirePositive(limit);
    String base = backend.keys.apiKeys();
    List<String> ids = backend.link.call(c -> c.zrange(base + "ix", 0, limit - 1));
    List<ApiKeyRecord> out = new ArrayList<>();
    for (Map<String, String> f : backend.fetch(base, ids.stream().map(i -> "k:" + i).toList())) {
      ApiKeyRecord key = key(f);
      if (key != null) {
        out.add(key);
      }
    }
    return out;
  }

  public boolean revokeApiKey(String id, Instant at) {
    return backend.events.integer(Scripts.APIKEY_REVOKE, backend.keys.apiKeys(),
        List.of(id, Codec.ms(at))) == 1;
  }

  private static ApiKeyRecord key(Map<String, String> f) {
    if (f.isEmpty()) {
      return null;
    }
    return new ApiKeyRecord(f.get("id"), f.get("name"), f.get("t"),
        Set.copyOf(Codec.list(f.get("m"))), f.get("h"), Codec.instant(f.get("cat")),
        f.get("cby"), Codec.instant(f.get("rev")));
  }
}
