package dev.sessiond.bench;

import dev.sessiond.Caller;
import dev.sessiond.CapabilityContext;
import dev.sessiond.ClientType;
import dev.sessiond.OpenRequest;
import dev.sessiond.SessionEngine;
import dev.sessiond.store.SessionStore;
import dev.sessiond.store.postgres.PostgresConfig;
import dev.sessiond.store.postgres.PostgresSessionStore;
import dev.sessiond.store.redis.RedisConfig;
import dev.sessiond.store.redis.RedisSessionStore;
import dev.sessiond.store.sqlite.SqliteSessionStore;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Open, get and revoke through the engine on a real store, durable writes included: the embedded
 * SQLite store ({@code -p backend=sqlite}: WAL, synchronous=FULL, group commit), PostgreSQL
 * ({@code -p backend=postgres}: the machine's server at {@code $SESSIOND_BENCH_POSTGRES}, default
 * {@code postgres://postgres@127.0.0.1:5432/test}, in a schema of its own dropped afterwards) or
 * Redis ({@code -p backend=redis}: {@code $SESSIOND_BENCH_REDIS}, default {@code
 * redis://127.0.0.1:6379}, under a key prefix of its own, deleted afterwards).
 * Eight threads write at once so commits can be shared between them, as concurrent HTTP requests
 * do.
 *
 * <p>Revoke needs a fresh active session per operation, so it runs as single-shot batches over
 * sessions opened before each iteration (setup is not timed): the score is the time one thread takes
 * for {@value #REVOKE_BATCH} revokes while seven others do the same.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(8)
public class StoreBenchmark {
  /** The benchmarks act as trusted in-process code: every method, every tenant. */
  static final CapabilityContext BENCH = CapabilityContext.of(Caller.service("bench"));

  static final int REVOKE_BATCH = 500;
  private static final int THREADS = 8;
  private static final int PRELOADED = 20_000;
  private static final String UA =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
          + "Chrome/120.0.0.0 Safari/537.36";

  /** Which store to run on. */
  @Param({"sqlite", "postgres", "redis"})
  public String backend;

  private Path dir;
  private String schema;
  private String redisPrefix;
  private SessionStore store;
  private SessionEngine engine;
  private String[] existing;

  @Setup(Level.Trial)
  public void openStore() throws Exception {
    // On the real disk by default (not a tmpfs), so every commit pays a real fsync.
    Path base = Files.createDirectories(Path.of(System.getProperty("bench.dir", "target")));
    if (backend.equals("redis")) {
      redisPrefix = "bench-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + ":";
      store = RedisSessionStore.open(RedisConfig.fromUrl(redisUrl() + "?prefix=" + redisPrefix));
    } else if (backend.equals("postgres")) {
      schema = "bench_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
      store = PostgresSessionStore.open(PostgresConfig.fromUrl(postgresUrl() + "?schema=" + schema));
    } else {
      dir = Files.createTempDirectory(base, "bench-");
      store = SqliteSessionStore.open(dir.resolve("sessiond.db"));
    }
    engine = SessionEngine.builder().store(store).build();
    existing = openMany(PRELOADED).toArray(new String[0]);
  }

  /**
   * The sessions the revoke benchmark ends, opened before each of its iterations. A state of its
   * own, so that only {@link #revoke} pays for it: with 64 threads on {@link #open}, JMH's workers
   * spin between iterations and starve a setup that opens thousands of sessions.
   */
  @State(Scope.Benchmark)
  public static class RevokeQueue {
    final ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();

    @Setup(Level.Iteration)
    public void fill(StoreBenchmark bench) throws Exception {
      ids.clear();
      ids.addAll(bench.openMany(THREADS * REVOKE_BATCH));
    }
  }

  @TearDown(Level.Trial)
  public void closeStore() throws Exception {
    store.close();
    if (schema != null) {
      PostgresConfig config = PostgresConfig.fromUrl(postgresUrl());
      try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.user(),
          config.password()); Statement drop = c.createStatement()) {
        drop.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
      return;
    }
    if (redisPrefix != null) {
      deleteRedisPrefix();
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Deletes the run's keys; SCAN is fine here, outside any measured path. */
  private void deleteRedisPrefix() {
    RedisClient client = RedisClient.create(redisUrl());
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      RedisCommands<String, String> redis = connection.sync();
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<String> page =
            redis.scan(cursor, ScanArgs.Builder.matches(redisPrefix + "*").limit(1000));
        if (!page.getKeys().isEmpty()) {
          redis.del(page.getKeys().toArray(new String[0]));
        }
        cursor = page;
      } while (!cursor.isFinished());
    } finally {
      client.shutdown();
    }
  }

  private static String redisUrl() {
    return System.getenv().getOrDefault("SESSIOND_BENCH_REDIS", "redis://127.0.0.1:6379");
  }

  private static String postgresUrl() {
    return System.getenv().getOrDefault("SESSIOND_BENCH_POSTGRES",
        "postgres://postgres@127.0.0.1:5432/test");
  }

  static OpenRequest request(int n) {
    return new OpenRequest("bench", "user-" + n, "user" + n, List.of("user"), ClientType.WEB,
        "Engineering", "10.0." + (n >> 8 & 255) + "." + (n & 255), UA, Map.of());
  }

  private List<String> openMany(int count) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<String>> ids = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int n = i;
        ids.add(pool.submit(() -> engine.open(BENCH, request(n)).session().id()));
      }
      List<String> result = new ArrayList<>(count);
      for (Future<String> id : ids) {
        result.add(id.get());
      }
      return result;
    } finally {
      pool.shutdown();
    }
  }

  /** Opens one session: validation, UA parse (cached), one durable insert. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Warmup(iterations = 2, time = 5)
  @Measurement(iterations = 3, time = 10)
  public String open() {
    return engine.open(BENCH, request(ThreadLocalRandom.current().nextInt(1_000_000)))
        .session().id();
  }

  /** Reads one session by id among {@value #PRELOADED}. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Warmup(iterations = 2, time = 5)
  @Measurement(iterations = 3, time = 10)
  public Object get() {
    return engine.sessions()
        .get(BENCH, existing[ThreadLocalRandom.current().nextInt(existing.length)]);
  }

  /** Revokes one active session: one durable conditional update plus a read of the result. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 2, batchSize = REVOKE_BATCH)
  @Measurement(iterations = 5, batchSize = REVOKE_BATCH)
  public Object revoke(RevokeQueue queue) {
    return engine.admin().sessions().revoke(BENCH, queue.ids.remove(), "bench");
  }
}
