package dev.sessiond.client.verify;

import static dev.sessiond.client.verify.AdminCalls.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiond.client.ClientConfig;
import dev.sessiond.client.FailMode;
import dev.sessiond.client.verify.Verification.Outcome;
import dev.sessiond.server.ServerConfig;
import dev.sessiond.server.SessiondServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stops the server under two verifiers, one of each fail mode, then starts it again. */
class FailModeTest {
  private Path dataDir;
  private SessiondServer server;

  @BeforeEach
  void startServer() throws IOException {
    dataDir = Files.createTempDirectory("sessiond-failmode-test-");
    server = SessiondServer.start(config(0));
  }

  @AfterEach
  void stopServer() throws IOException {
    if (server != null) {
      server.close();
    }
    try (Stream<Path> files = Files.walk(dataDir)) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  private ServerConfig config(int port) {
    return ServerConfig.builder().host("127.0.0.1").port(port).dataDir(dataDir).build();
  }

  private ClientConfig client(FailMode mode) {
    return ClientConfig.builder().url("http://127.0.0.1:" + server.port())
        .apiKey(server.adminKey()).failMode(mode).maxStaleness(Duration.ofMillis(300)).build();
  }

  @Test
  void beforeTheFirstFrameClosedModeIsUnavailable() {
    ClientConfig nowhere = ClientConfig.builder().url("http://127.0.0.1:9")
        .maxStaleness(Duration.ofMillis(300)).build();
    try (LocalVerifier verifier = LocalVerifier.start(nowhere)) {
      Verification v = verifier.verify("anything");
      assertThat(v.outcome()).isEqualTo(Outcome.UNAVAILABLE);
      assertThat(v.reason()).contains("fail-closed");
      assertThat(verifier.status().fresh()).isFalse();
      assertThat(verifier.status().lastFrameAt()).isNull();
    }
  }

  @Test
  void staleVerifiersFollowTheirModeAndRecoverWhenTheServerIsBack() throws InterruptedException {
    AdminCalls admin = new AdminCalls(
        java.net.URI.create("http://127.0.0.1:" + server.port()), server.adminKey());
    String token = admin.open("acme", "u-1", List.of()).accessToken();
    int port = server.port();
    try (LocalVerifier closed = LocalVerifier.start(client(FailMode.CLOSED));
        LocalVerifier open = LocalVerifier.start(client(FailMode.OPEN))) {
      assertThat(closed.awaitFresh(Duration.ofSeconds(20))).isTrue();
      assertThat(open.awaitFresh(Duration.ofSeconds(20))).isTrue();
      assertThat(closed.verify(token).outcome()).isEqualTo(Outcome.VALID);
      assertThat(open.verify(token).outcome()).isEqualTo(Outcome.VALID);

      server.close();
      server = null;

      eventually("fail-closed turns unavailable",
          () -> closed.verify(token).outcome() == Outcome.UNAVAILABLE);
      eventually("fail-open accepts while stale", () -> open.verify(token).stale());
      Verification accepted = open.verify(token);
      assertThat(accepted.outcome()).isEqualTo(Outcome.VALID);
      assertThat(accepted.reason()).contains("stale");
      assertThat(open.acceptedWhileStale()).isPositive();
      assertThat(open.status().acceptedWhileStale()).isPositive();
      assertThat(closed.status().fresh()).isFalse();
      // Junk is still junk while stale in fail-open mode.
      assertThat(open.verify("junk").outcome()).isEqualTo(Outcome.INVALID);

      server = SessiondServer.start(config(port)); // same port, same data (keys, sessions)

      eventually("fail-closed recovers",
          () -> closed.verify(token).outcome() == Outcome.VALID);
      eventually("fail-open recovers", () -> {
        Verification v = open.verify(token);
        return v.outcome() == Outcome.VALID && !v.stale();
      });
      // And it follows the new server's feed: a revoke there reaches both.
      AdminCalls again = new AdminCalls(
          java.net.URI.create("http://127.0.0.1:" + port), server.adminKey());
      String sessionId = closed.verify(token).session().sessionId();
      again.revoke(sessionId);
      eventually("the revoke reaches both",
          () -> closed.verify(token).outcome() == Outcome.REVOKED
              && open.verify(token).outcome() == Outcome.REVOKED);
    }
  }
}
