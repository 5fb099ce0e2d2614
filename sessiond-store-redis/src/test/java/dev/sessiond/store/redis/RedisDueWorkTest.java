package dev.sessiond.store.redis;

import static dev.sessiond.tck.TestRecords.openedAt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiond.store.Ending;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sweeps visit only the tenants with due work: each tenant's bound in {@code {due}:z:<kind>} is the
 * earliest item it may have, lowered by writes, settled by sweeps, never raised past a write under
 * way.
 */
class RedisDueWorkTest {
  private static final Instant T0 = Instant.parse("2026-01-01T09:00:00Z");

  @RegisterExtension final TestRedis redis = TestRedis.standalone();

  private static Instant at(long minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  private Double bound(String prefix, String kind, String tenant) {
    return redis.raw().zscore(prefix + "{due}:z:" + kind, tenant);
  }

  @Test
  void boundsFollowTheEarliestItemAndSweepsSettleThem() {
    String prefix = redis.newPrefix();
    RedisSessionStore store = redis.open(prefix);
    store.insert(openedAt(at(0)).tenant("a").idle(Duration.ofMinutes(10)).build());
    store.insert(openedAt(at(0)).tenant("a").idle(Duration.ofMinutes(50)).build());
    store.insert(openedAt(at(0)).tenant("b").idle(Duration.ofMinutes(90)).build());

    assertThat(bound(prefix, "exp", "a")).isEqualTo(at(10).toEpochMilli());
    assertThat(bound(prefix, "exp", "b")).isEqualTo(at(90).toEpochMilli());

    assertThat(store.expireDue(at(20), 10)).isEqualTo(1);
    assertThat(bound(prefix, "exp", "a")).as("settled to the next expiry")
        .isEqualTo(at(50).toEpochMilli());
    assertThat(bound(prefix, "end", "a")).isLessThanOrEqualTo(at(10).toEpochMilli());

    assertThat(store.purgeEndedBefore(at(30), 10)).isEqualTo(1);
    assertThat(bound(prefix, "end", "a")).as("nothing ended is left").isNull();
    assertThat(store.expireDue(at(100), 10)).isEqualTo(2);
    assertThat(bound(prefix, "exp", "a")).isNull();
    assertThat(bound(prefix, "exp", "b")).isNull();
  }

  @Test
  void aWriteUnderWayKeepsItsTenantDue() {
    String prefix = redis.newPrefix();
    RedisSessionStore store = redis.open(prefix);
    store.insert(openedAt(at(0)).tenant("a").idle(Duration.ofMinutes(10)).build());
    // A node entered a write adding an item due at minute 5, then died before leaving.
    redis.raw().eval("redis.call('HINCRBY', KEYS[1] .. 'p:exp', 'a', 1)"
        + " redis.call('ZADD', KEYS[1] .. 'z:exp', 'LT', ARGV[1], 'a') return 1",
        io.lettuce.core.ScriptOutputType.INTEGER, new String[] {prefix + "{due}:"},
        Long.toString(at(5).toEpochMilli()));

    assertThat(store.expireDue(at(6), 10)).isZero();
    assertThat(bound(prefix, "exp", "a")).as("not raised past the write under way")
        .isEqualTo(at(5).toEpochMilli());
    assertThat(store.revokeTenantSessions("a", new Ending(at(7), "x", "y"), 10)).hasSize(1);
    assertThat(store.sessionsRevokedSince(at(0))).hasSize(1);
    assertThat(List.of(store.expireDue(at(60), 10))).containsExactly(0);
  }
}
