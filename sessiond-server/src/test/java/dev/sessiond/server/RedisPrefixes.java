package dev.sessiond.server;

import dev.sessiond.tck.Backends;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Throwaway key prefixes on the machine's standalone Redis ({@code $SESSIOND_TEST_REDIS}, default
 * {@code redis://127.0.0.1:6379}) for server tests, deleted afterwards with {@code SCAN} (fine in
 * a test). When Redis is unreachable the calling test fails under {@code CI=true} and is skipped
 * elsewhere ({@link Backends}).
 */
final class RedisPrefixes {
  private static final String SERVER =
      System.getenv().getOrDefault("SESSIOND_TEST_REDIS", "redis://127.0.0.1:6379");
  private static final SecureRandom RANDOM = new SecureRandom();

  private RedisPrefixes() {}

  /** A store URL with a new random key prefix {@code <name>-<random>:}. */
  static String create(String name) {
    RedisURI uri = RedisURI.create(SERVER);
    uri.setTimeout(Duration.ofSeconds(2));
    RedisClient client = RedisClient.create(uri);
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      connection.sync().ping();
    } catch (RuntimeException e) {
      Backends.unavailable("Redis at 127.0.0.1:6379",
          "redis-server --daemonize yes --port 6379 --save ''", e);
    } finally {
      client.shutdown();
    }
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    return SERVER + (SERVER.contains("?") ? "&" : "?") + "prefix=" + name + "-"
        + HexFormat.of().formatHex(bytes) + ":";
  }

  /**
   * Cuts every client connection of the Redis server but this one, as a network failure or a
   * failover would; clients reconnect by themselves.
   *
   * @return how many were cut
   */
  static long cutClientConnections() {
    RedisClient client = RedisClient.create(SERVER);
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      return connection.sync().clientKill(KillArgs.Builder.typeNormal().skipme());
    } finally {
      client.shutdown();
    }
  }

  /** Deletes every key of the prefix a URL of {@link #create} names; nothing for other URLs. */
  static void dropIfAny(String storeUrl) {
    int at = storeUrl.indexOf("prefix=");
    if (!storeUrl.startsWith("redis") || at < 0) {
      return;
    }
    String prefix = storeUrl.substring(at + "prefix=".length());
    RedisClient client = RedisClient.create(SERVER);
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      RedisCommands<String, String> redis = connection.sync();
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<String> page =
            redis.scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(500));
        if (!page.getKeys().isEmpty()) {
          redis.del(page.getKeys().toArray(new String[0]));
        }
        cursor = page;
      } while (!cursor.isFinished());
    } finally {
      client.shutdown();
    }
  }
}
