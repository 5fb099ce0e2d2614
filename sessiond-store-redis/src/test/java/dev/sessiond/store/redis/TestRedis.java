package dev.sessiond.store.redis;

import dev.sessiond.ErrorCode;
import dev.sessiond.SessiondException;
import dev.sessiond.store.redis.internal.RedisConnector;
import dev.sessiond.tck.Backends;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Stores on fresh key prefixes of the test Redis, as a JUnit 5 extension: every store opens with a
 * new random prefix, and after each test the stores are closed and every key of their prefixes is
 * deleted (by {@code SCAN}, which is fine in tests). {@link #standalone()} uses {@code
 * redis://127.0.0.1:6379} unless {@code SESSIOND_TEST_REDIS} names another; {@link #cluster()}
 * uses {@code redis-cluster://127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003} unless {@code
 * SESSIOND_TEST_REDIS_CLUSTER} does. When the server cannot be reached the test fails under
 * {@code CI=true} and is skipped elsewhere ({@link Backends#unavailable}); once one test found it
 * unreachable, the others of the run do not wait for it again.
 */
final class TestRedis implements AfterEachCallback {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Map<String, SessiondException> UNREACHABLE = new ConcurrentHashMap<>();
  private static final Map<String, Cleaner> CLEANERS = new ConcurrentHashMap<>();

  private final String url;
  private final String backend;
  private final String howToStart;
  private final List<RedisSessionStore> stores = new ArrayList<>();
  private final List<String> prefixes = new ArrayList<>();

  private TestRedis(String url, String backend, String howToStart) {
    this.url = url;
    this.backend = backend;
    this.howToStart = howToStart;
  }

  /** The standalone server. */
  static TestRedis standalone() {
    return new TestRedis(System.getenv().getOrDefault("SESSIOND_TEST_REDIS",
        "redis://127.0.0.1:6379"), "Redis at 127.0.0.1:6379",
        "redis-server --daemonize yes --port 6379 --save ''");
  }

  /** The three-master Cluster. */
  static TestRedis cluster() {
    return new TestRedis(System.getenv().getOrDefault("SESSIOND_TEST_REDIS_CLUSTER",
        "redis-cluster://127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003"),
        "Redis Cluster at 127.0.0.1:7001-7003", ".ci/redis-cluster start");
  }

  /** A store on a new, empty prefix. */
  RedisSessionStore newStore() {
    return open(newPrefix());
  }

  /** A new prefix, whose keys are deleted after the test. */
  synchronized String newPrefix() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    String prefix = "tck:" + HexFormat.of().formatHex(bytes) + ":";
    prefixes.add(prefix);
    return prefix;
  }

  /** Another store (another node: a connection of its own) on {@code prefix}. */
  RedisSessionStore open(String prefix) {
    return open(prefix, null);
  }

  /** A store on {@code prefix} of the server at {@code otherUrl} (a proxy in front of it, say). */
  RedisSessionStore openUrl(String otherUrl, String prefix) {
    RedisConfig base = RedisConfig.fromUrl(otherUrl);
    RedisSessionStore store = RedisSessionStore.open(new RedisConfig(base.nodes(), base.cluster(),
        base.tls(), base.username(), base.password(), base.database(), prefix, base.timeout()));
    synchronized (this) {
      stores.add(store);
    }
    return store;
  }

  /** The same with a command timeout of {@code timeout}, or the URL's if {@code null}. */
  RedisSessionStore open(String prefix, Duration timeout) {
    SessiondException known = UNREACHABLE.get(url);
    if (known != null) {
      Backends.unavailable(backend, howToStart, rootCause(known));
    }
    RedisConfig base = RedisConfig.fromUrl(url);
    RedisConfig config = new RedisConfig(base.nodes(), base.cluster(), base.tls(), base.username(),
        base.password(), base.database(), prefix, timeout == null ? base.timeout() : timeout);
    RedisSessionStore store;
    try {
      store = RedisSessionStore.open(config);
    } catch (SessiondException e) {
      if (e.code() == ErrorCode.UNAVAILABLE) {
        UNREACHABLE.put(url, e);
        Backends.unavailable(backend, howToStart, rootCause(e));
      }
      throw e;
    }
    synchronized (this) {
      stores.add(store);
    }
    return store;
  }

  /** A plain connection to the same server, for looking at keys. */
  RedisClusterCommands<String, String> raw() {
    return CLEANERS.computeIfAbsent(url, Cleaner::new).commands;
  }

  @Override
  public synchronized void afterEach(ExtensionContext context) {
    stores.forEach(RedisSessionStore::close);
    stores.clear();
    if (!prefixes.isEmpty() && !UNREACHABLE.containsKey(url)) {
      Cleaner cleaner = CLEANERS.computeIfAbsent(url, Cleaner::new);
      prefixes.forEach(cleaner::deleteAll);
    }
    prefixes.clear();
  }

  private static Throwable rootCause(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** A plain connection that deletes a prefix's keys; one per URL for the whole run. */
  private static final class Cleaner {
    private final RedisClusterCommands<String, String> commands;

    Cleaner(String url) {
      RedisConfig config = RedisConfig.fromUrl(url);
      List<RedisURI> uris = RedisConnector.uris(config);
      if (config.cluster()) {
        StatefulRedisClusterConnection<String, String> connection =
            RedisClusterClient.create(uris).connect();
        commands = connection.sync();
      } else {
        StatefulRedisConnection<String, String> connection =
            RedisClient.create(uris.get(0)).connect();
        commands = connection.sync();
      }
    }

    void deleteAll(String prefix) {
      ScanArgs args = ScanArgs.Builder.matches(prefix + "*").limit(1000);
      KeyScanCursor<String> cursor = commands.scan(args);
      while (true) {
        for (String key : cursor.getKeys()) {
          commands.del(key);
        }
        if (cursor.isFinished()) {
          return;
        }
        cursor = commands.scan(cursor, args);
      }
    }
  }
}
