package dev.sessiond.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiond.client.verify.LocalVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Fail mode open: sessiond stops; once the feed has been silent past max-staleness the
 * application ; sessiond starts again and the application recovers by itself, without a
 * restart, and enforces revocations again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"sessiond.fail-mode=open", "sessiond.max-staleness=1s"})
class FailModeOpenEndToEndTest extends FailModes {
  private static LocalSessiond sessiond;

  @LocalServerPort
  int port;

  @Autowired
  LocalVerifier verifier;

  @DynamicPropertySource
  static void sessiond(DynamicPropertyRegistry properties) throws Exception {
    sessiond = LocalSessiond.start();
    String key = sessiond.apiKey("demo", "sessions.create", "events.read");
    properties.add("sessiond.url", sessiond::url);
    properties.add("sessiond.api-key", () -> key);
    properties.add("sessiond.tenant-id", () -> "demo");
  }

  @AfterAll
  static void stopSessiond() {
    sessiond.stop();
  }

  @Test
  void withSessiondGoneThenBack() throws Exception {
    awaitFresh(verifier);
    String token = login(port);
    assertThat(me(port, token)).isEqualTo(200);

    sessiond.stop();
    eventually(() -> !verifier.isFresh());
    assertThat(me(port, token)).as("open: still accepted").isEqualTo(200);
    assertThat(verifier.acceptedWhileStale()).isPositive();

    sessiond.restart();
    awaitFresh(verifier);
    assertThat(me(port, token)).as("recovered by itself").isEqualTo(200);
    LocalSessiond.call("POST", sessiond.url() + "/v1/users/bob/sessions/revoke?tenantId=demo",
        sessiond.adminKey(), "{}");
    eventually(() -> me(port, token) == 401);
  }
}
