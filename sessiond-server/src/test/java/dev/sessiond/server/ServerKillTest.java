package dev.sessiond.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole server, as a separate JVM, is killed with SIGKILL in the middle of a write load over
 * HTTP, on the embedded SQLite store, the machine's PostgreSQL and its Redis (the node dies, not
 * the backend). A server started afterwards
 * on the same store has every session whose open was answered 201, every revoke that was answered
 * 200 is still revoked, and no session that was never sent a revoke has ended.
 */
class ServerKillTest {
  private static final int WRITERS = 8;
  private static final int ACKS_BEFORE_KILL = 1_500;

  @TempDir
  Path dataDir;

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres", "redis"})
  void everyAcknowledgedOpenAndRevokeSurvivesKillMinus9(String backend) throws Exception {
    TestStores.on(backend, "kill", dataDir, this::killAndRestart);
  }

  private void killAndRestart(String storeUrl) throws Exception {
    AcknowledgedWrites writes;
    try (ServerProcess child = ServerProcess.start(dataDir, storeUrl)) {
      writes = new AcknowledgedWrites(child.api(), "kill", WRITERS);
      try {
        writes.awaitAcknowledged(ACKS_BEFORE_KILL);
        // The writers keep going: the kill lands while writes are in flight.
        child.kill();
      } finally {
        writes.close();
      }
    }
    assertThat(writes.acknowledged()).isGreaterThanOrEqualTo(ACKS_BEFORE_KILL);

    ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir)
        .storeUrl(storeUrl).build();
    try (SessiondServer restarted = SessiondServer.start(config)) {
      writes.verify(ApiClient.of(restarted));
    }
  }
}
