package dev.sessiond.client.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiond.ManualClock;
import dev.sessiond.SigningAlgorithm;
import dev.sessiond.client.ClientConfig;
import dev.sessiond.server.ServerConfig;
import dev.sessiond.server.SessiondServer;
import dev.sessiond.server.TokenConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ban can outlast the events the server keeps (a day-long ban, a one-hour feed): a verifier
 * started after its event was purged still knows it, because it loads the bans in force
 * ({@code GET /v1/blacklist}) when it starts. The server runs on a manual clock, moved past the
 * event retention, with a quick sweep to purge.
 */
class OldBansTest {
  @TempDir
  Path dataDir;

  @Test
  void aBanWhoseEventWasPurgedIsKnownToAVerifierStartedLater() throws Exception {
    ManualClock clock = new ManualClock(Instant.now());
    // Three-hour access tokens, so that a token of the first session is still valid later.
    ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir)
        .sweepInterval(Duration.ofMillis(100))
        .tokens(new TokenConfig("sessiond", Duration.ofHours(3), Map.of(), SigningAlgorithm.EDDSA,
            Map.of(), Duration.ofSeconds(30), Duration.ofDays(30)))
        .build();
    try (SessiondServer server = SessiondServer.start(config, clock)) {
      AdminCalls admin = new AdminCalls(URI.create("http://127.0.0.1:" + server.port()),
          server.adminKey());
      AdminCalls.Opened banned = admin.open("acme", "mallory", List.of());
      admin.blacklist("acme", banned.sessionId(), Duration.ofDays(1));

      // Two hours on, past the one-hour event retention, with the session and its ban still live.
      clock.advance(Duration.ofHours(2));
      AdminCalls.Opened fresh = admin.open("acme", "mallory", List.of());
      admin.blacklist("acme", fresh.sessionId());
      // The server's own sweeps (every 100 ms) purge the old events; wait until the old ban's has
      // gone (the old session's expiry, dated later, may stay a while: purges go in seq order).
      long purged = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (admin.eventsAfterZeroMention("\"name\":\"" + banned.sessionId() + "\"")) {
        assertThat(System.nanoTime() - purged).as("the old ban's event is purged").isNegative();
        Thread.sleep(50);
      }

      ClientConfig client = ClientConfig.builder().url("http://127.0.0.1:" + server.port())
          .apiKey(server.adminKey()).build();
      try (LocalVerifier verifier = LocalVerifier.builder(client)
          .clock(Clock.fixed(clock.instant(), ZoneOffset.UTC)).start()) {
        assertThat(verifier.awaitFresh(Duration.ofSeconds(20))).isTrue();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (verifier.verify(fresh.accessToken()).outcome() != Verification.Outcome.REVOKED) {
          assertThat(System.nanoTime() - deadline).as("the recent ban arrives").isNegative();
          Thread.sleep(10);
        }
        assertThat(verifier.verify(banned.accessToken()).outcome())
            .as("yet the old ban holds").isEqualTo(Verification.Outcome.REVOKED);
      }
    }
  }
}
