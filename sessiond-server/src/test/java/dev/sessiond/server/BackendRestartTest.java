package dev.sessiond.server;

import static dev.sessiond.server.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiond.tck.Backends;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backend restarts in the middle of a write load over HTTP while the node stays up: the
 * node answers 503 while the backend is away (never a 500), recovers by itself, and loses no
 * write it acknowledged. PostgreSQL is the machine's, restarted in immediate mode (a crash, no
 * checkpoint); Redis is a server of the test's own, killed with SIGKILL and restarted on the same
 * port and directory, configured as production Redis must be for sessiond ({@code appendonly
 * yes}, {@code appendfsync always}; see docs/operations.md). A node cut off from its store is
 * not ready ({@code /readyz} 503) until it reads the store's feed again.
 */
class BackendRestartTest {
  private static final int WRITERS = 8;
  private static final int ACKS = 400;
  private static final String READY = "the node's readiness follows its store";

  @TempDir
  Path dataDir;

  @Test
  void aPostgresRestartLosesNoAcknowledgedWrite() throws Exception {
    TestStores.on("postgres", "restart", dataDir, storeUrl -> {
      String version = postgresVersion();
      loadThrough(storeUrl, () -> run("pg_ctlcluster", "--skip-systemctl-redirect", "-m",
          "immediate", version, "main", "restart"));
    });
  }

  @Test
  void aRedisRestartLosesNoAcknowledgedWrite() throws Exception {
    int port = freePort();
    Path redisDir = Files.createDirectories(dataDir.resolve("redis"));
    Process redis = startRedis(port, redisDir);
    try {
      String storeUrl = "redis://127.0.0.1:" + port + "?prefix=restart:";
      Process[] current = {redis};
      loadThrough(storeUrl, () -> {
        current[0].toHandle().destroyForcibly();
        current[0].waitFor(30, TimeUnit.SECONDS);
        current[0] = startRedis(port, redisDir);
      });
      redis = current[0];
    } finally {
      redis.destroyForcibly();
    }
  }

  @Test
  void aNodeCutOffFromItsStoreIsNotReadyUntilItIsBack() throws Exception {
    int port = freePort();
    Path redisDir = Files.createDirectories(dataDir.resolve("redis"));
    Process redis = startRedis(port, redisDir);
    try (ServerProcess node = ServerProcess.start(dataDir,
        "redis://127.0.0.1:" + port + "?prefix=ready:")) {
      ApiClient anonymous = node.api().withKey("");
      eventually(READY, () -> anonymous.get("/readyz").status() == 200);

      redis.toHandle().destroyForcibly();
      redis.waitFor(30, TimeUnit.SECONDS);
      eventually(READY, () -> anonymous.get("/readyz").status() == 503);
      assertThat(anonymous.get("/readyz").code()).isEqualTo("unavailable");
      assertThat(anonymous.get("/healthz").status()).as("still alive").isEqualTo(200);

      redis = startRedis(port, redisDir);
      eventually(READY, () -> anonymous.get("/readyz").status() == 200);
    } finally {
      redis.destroyForcibly();
    }
  }

  /** What restarts the backend. */
  @FunctionalInterface
  private interface Restart {
    void run() throws Exception;
  }

  private void loadThrough(String storeUrl, Restart restart) throws Exception {
    try (ServerProcess node = ServerProcess.start(dataDir, storeUrl)) {
      ApiClient api = node.api();
      try (AcknowledgedWrites writes = new AcknowledgedWrites(api, "restart", WRITERS)) {
        writes.awaitAcknowledged(ACKS);
        restart.run();
        int before = writes.acknowledged();
        writes.awaitAcknowledged(before + ACKS);
        writes.close();

        assertThat(writes.statuses().keySet()).as("statuses: %s", writes.statuses())
            .isSubsetOf(List.of(200, 201, 503));
        writes.verify(api);
      }
    }
  }

  private static String postgresVersion() throws IOException {
    try (var versions = Files.list(Path.of("/etc/postgresql"))) {
      return versions.map(p -> p.getFileName().toString()).findFirst()
          .orElseThrow(() -> new IOException("no cluster under /etc/postgresql"));
    } catch (IOException e) {
      Backends.unavailable("a PostgreSQL cluster this test may restart (pg_ctlcluster)",
          "run the tests on the machine whose PostgreSQL they use, as root or postgres", e);
      throw e;
    }
  }

  private static void run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      Backends.unavailable("a PostgreSQL cluster this test may restart (pg_ctlcluster)",
          "run the tests as root or postgres on the machine whose PostgreSQL they use",
          new IllegalStateException(String.join(" ", command) + ": " + output.strip()));
    }
  }

  private static Process startRedis(int port, Path dir) throws Exception {
    Process redis;
    try {
      redis = new ProcessBuilder("redis-server", "--port", Integer.toString(port),
          "--bind", "127.0.0.1", "--dir", dir.toString(), "--appendonly", "yes",
          "--appendfsync", "always", "--save", "").redirectErrorStream(true)
          .redirectOutput(dir.resolve("redis.log").toFile()).start();
    } catch (IOException e) {
      Backends.unavailable("redis-server on the PATH", "apt-get install redis-server", e);
      throw e;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try (java.net.Socket probe = new java.net.Socket("127.0.0.1", port)) {
        return redis;
      } catch (IOException notYet) {
        assertThat(redis.isAlive()).as("redis-server runs; see %s", dir.resolve("redis.log"))
            .isTrue();
        assertThat(System.nanoTime() - deadline).as("redis-server listens").isNegative();
        Thread.sleep(20);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
