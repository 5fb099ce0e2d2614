package dev.sessiond.store.redis.internal;

import dev.sessiond.store.SweepLease;
import java.time.Instant;
import java.util.List;

/**
 * The sweep lease in Redis: one hash per name under the tag {@code {lease}} (holder and end), taken
 * by one script, so of concurrent takes on any nodes exactly one wins a free lease. Time is the
 * caller's, not Redis's; the key never expires by TTL.
 */
public final class RedisSweepLease implements SweepLease {
  private final RedisBackend backend;

  public RedisSweepLease(RedisBackend backend) {
    this.backend = backend;
  }

  @Override
  public boolean tryLease(String name, String holder, Instant now, Instant until) {
    SweepLease.checkLease(name, holder, now, until);
    return backend.link.integer(Scripts.LEASE, backend.keys.lease(name),
        List.of(holder, Codec.ms(now), Codec.ms(until))) == 1;
  }
}
