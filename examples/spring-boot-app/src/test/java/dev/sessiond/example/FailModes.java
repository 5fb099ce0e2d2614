package dev.sessiond.example;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A fail mode end to end: sessiond stops; once the feed has been silent past {@code
 * sessiond.max-staleness} (one second here) the application does what {@link #whileGone} checks;
 * sessiond starts again on the same port and data, and the application recovers by itself,
 * without a restart, and enforces a revoke-all again.
 */
abstract class FailModes extends SessiondBackedTest {

  /** Checks how the application answers {@code token} while sessiond is gone. */
  abstract void whileGone(String token);

  @Test
  void withSessiondGoneThenBack() throws Exception {
    awaitFresh();
    String token = login("bob");
    assertThat(me(token)).isEqualTo(200);

    sessiond.stop();
    eventually(() -> !verifier.isFresh());
    whileGone(token);

    sessiond.restart();
    awaitFresh();
    assertThat(me(token)).as("recovered by itself").isEqualTo(200);
    LocalSessiond.call("POST", sessiond.url() + "/v1/users/bob/sessions/revoke?tenantId=demo",
        sessiond.adminKey(), "{}");
    eventually(() -> me(token) == 401);
  }
}
