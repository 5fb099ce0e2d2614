package dev.sessiond.example;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.test.context.TestPropertySource;

/** Fail mode open: while sessiond is gone signature-valid tokens are accepted, and counted. */
@TestPropertySource(properties = {"sessiond.fail-mode=open", "sessiond.max-staleness=1s"})
class FailModeOpenEndToEndTest extends FailModes {
  @Override
  void whileGone(String token) {
    assertThat(me(token)).as("still accepted").isEqualTo(200);
    assertThat(verifier.acceptedWhileStale()).isPositive();
  }
}
