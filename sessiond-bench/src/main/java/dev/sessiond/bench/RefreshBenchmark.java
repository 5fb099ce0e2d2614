package dev.sessiond.bench;

import dev.sessiond.OpenRequest;
import dev.sessiond.SessionEngine;
import dev.sessiond.TokenSettings;
import dev.sessiond.store.sqlite.SqliteSessionStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Refresh on the embedded SQLite store: each thread refreshes its own session over and over with
 * the newest refresh token, so every operation is a real rotation (compare-and-set of the family
 * head, a touch of the session, a new access token), durable before it returns.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(16)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RefreshBenchmark {

  /** One store and engine for all threads. */
  @State(Scope.Benchmark)
  public static class Shared {
    private static final AtomicInteger USERS = new AtomicInteger();
    Path dir;
    SqliteSessionStore store;
    SessionEngine engine;

    @Setup(Level.Trial)
    public void open() throws IOException {
      Path base = Files.createDirectories(Path.of(System.getProperty("bench.dir", "target")));
      dir = Files.createTempDirectory(base, "bench-refresh-");
      store = SqliteSessionStore.open(dir.resolve("sessiond.db"));
      engine = SessionEngine.builder().store(store).tokens(TokenSettings.defaults(new byte[32]))
          .build();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      store.close();
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** The newest refresh token of this thread's session. */
  @State(Scope.Thread)
  public static class Chain {
    String refreshToken;

    @Setup(Level.Trial)
    public void open(Shared shared) {
      refreshToken = shared.engine.open(StoreBenchmark.BENCH,
          OpenRequest.of("bench", "user-" + Shared.USERS.incrementAndGet()))
          .tokens().refreshToken();
    }
  }

  @Benchmark
  public String refresh(Shared shared, Chain chain) {
    chain.refreshToken = shared.engine.refresh(StoreBenchmark.BENCH, chain.refreshToken)
        .tokens().refreshToken();
    return chain.refreshToken;
  }
}
