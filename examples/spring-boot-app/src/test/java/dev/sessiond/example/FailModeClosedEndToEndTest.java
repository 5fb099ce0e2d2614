package dev.sessiond.example;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.test.context.TestPropertySource;

/** Fail mode closed: while sessiond is gone every token is refused, 503 {@code unavailable}. */
@TestPropertySource(properties = {"sessiond.fail-mode=closed", "sessiond.max-staleness=1s"})
class FailModeClosedEndToEndTest extends FailModes {
  @Override
  void whileGone(String token) {
    var refused = LocalSessiond.call("GET", app("/api/me"), token, null);
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.body()).contains("\"code\":\"unavailable\"");
  }
}
