package dev.sessiond.server;

import static dev.sessiond.server.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiond.server.ApiClient.Opened;
import dev.sessiond.server.ApiClient.Reply;
import dev.sessiond.server.EventStreamClient.Frame;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two sessiond processes on one shared backend (the machine's PostgreSQL, its Redis) are one
 * deployment: what either answers, the other enforces once it has read the event feed (waits are
 * bounded by a generous deadline, never asserted as timings; the propagation delay is measured by
 * sessiond-bench). A node whose connections to the backend are cut while it is frozen, and whose
 * feed so misses changes, reconnects and catches up.
 */
class MultiNodeTest {
  private static final long PATIENCE_NANOS = EventStreamClient.PATIENCE.toNanos();
  private static final String ENFORCED = "the other node enforces it";

  @TempDir
  Path dataDir;

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "redis"})
  void whatOneNodeRevokesTheOtherEnforces(String backend) throws Exception {
    TestStores.on(backend, "nodes", dataDir, storeUrl -> {
      try (ServerProcess a = ServerProcess.start(dataDir, storeUrl);
          ServerProcess b = ServerProcess.start(dataDir, storeUrl)) {
        ApiClient onA = a.api();
        ApiClient onB = b.api();

        Opened one = onA.open(Callers.openBody("nodes", "alice"));
        assertThat(onB.isActive(one.accessToken())).as("B verifies A's session").isTrue();
        assertThat(onA.post("/v1/sessions/" + one.id() + "/revoke", null).status())
            .isEqualTo(200);
        eventually(ENFORCED, () -> !onB.isActive(one.accessToken()));

        Opened bob1 = onA.open(Callers.openBody("nodes", "bob"));
        Opened bob2 = onA.open(Callers.openBody("nodes", "bob"));
        assertThat(onB.post("/v1/users/bob/sessions/revoke?tenantId=nodes", null).status())
            .isEqualTo(200);
        eventually(ENFORCED,
            () -> !onA.isActive(bob1.accessToken()) && !onA.isActive(bob2.accessToken()));

        Opened carol = onB.open(Callers.openBody("nodes", "carol"));
        assertThat(onA.post("/v1/blacklist", ApiClient.json("tenantId", "nodes", "name",
            carol.id(), "ttl", 300)).status()).isEqualTo(201);
        eventually(ENFORCED, () -> !onB.isActive(carol.accessToken()));

        Callers.Key key = Callers.apiKey(onA, "nodes", "sessions.search");
        ApiClient keyOnB = onB.withKey(key.secret());
        assertThat(keyOnB.get("/v1/sessions?tenantId=nodes").status()).isEqualTo(200);
        assertThat(onA.delete("/v1/api-keys/" + key.id()).status()).isEqualTo(200);
        eventually(ENFORCED, () -> keyOnB.get("/v1/sessions?tenantId=nodes").status() == 401);

        assertThat(onB.post("/v1/keys/rotate", null).status()).isEqualTo(200);
        Opened dave = onB.open(Callers.openBody("nodes", "dave"));
        eventually(ENFORCED, () -> onA.isActive(dave.accessToken()));
      }
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "redis"})
  void aNodeWhoseFeedBrokeReconnectsAndCatchesUp(String backend) throws Exception {
    TestStores.on(backend, "nodes", dataDir, storeUrl -> {
      try (ServerProcess a = ServerProcess.start(dataDir, storeUrl);
          ServerProcess b = ServerProcess.start(dataDir, storeUrl)) {
        ApiClient onA = a.api();
        ApiClient onB = b.api();
        List<Opened> sessions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          sessions.add(onA.open(Callers.openBody("nodes", "u" + i)));
        }
        try (EventStreamClient stream = EventStreamClient.open(b.port(),
            Callers.apiKey(onB, "nodes", "events.read").secret(), "/v1/events", null)) {
          stream.until(f -> f.event().equals("heartbeat"));

          b.freeze();
          try {
            cutConnections(backend, storeUrl);
            for (Opened s : sessions) {
              retryUntilOk(() -> onA.post("/v1/sessions/" + s.id() + "/revoke", null));
            }
          } finally {
            b.thaw();
          }

          for (Opened s : sessions) {
            eventually(ENFORCED, () -> !onB.isActive(s.accessToken()));
          }
          List<Frame> revoked = new ArrayList<>();
          while (revoked.size() < sessions.size()) {
            Frame frame = stream.nextEvent();
            if (frame.event().equals("session.revoked")) {
              revoked.add(frame);
            }
          }
          assertThat(revoked).extracting(f -> f.data().get("sessionId").asText())
              .containsExactlyInAnyOrderElementsOf(sessions.stream().map(Opened::id).toList());
        }
      }
    });
  }

  /** Cuts every connection the nodes hold to the backend. */
  private static void cutConnections(String backend, String storeUrl) throws Exception {
    long cut = backend.equals("postgres") ? PostgresSchemas.cutSessiondConnections(storeUrl)
        : RedisPrefixes.cutClientConnections();
    assertThat(cut).as("connections cut").isPositive();
  }

  /** Retries a write the node may refuse (503) while it reconnects to its backend. */
  private static void retryUntilOk(java.util.function.Supplier<Reply> write) throws Exception {
    long deadline = System.nanoTime() + PATIENCE_NANOS;
    Reply reply = write.get();
    while (reply.status() != 200) {
      assertThat(reply.status()).as("%s", reply).isEqualTo(503);
      assertThat(System.nanoTime() - deadline).as("the write succeeds again").isNegative();
      Thread.sleep(50);
      reply = write.get();
    }
  }
}
