package dev.sessiond.client.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiond.client.RunningSessiond;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Before each test, a fresh {@link LocalVerifier} following the running server (waited on until
 * it is fresh) and admin calls to that server; after it, the verifier is closed.
 */
final class VerifierFixture implements BeforeEachCallback, AfterEachCallback {
  private final RunningSessiond server;
  private AdminCalls admin;
  private LocalVerifier verifier;

  VerifierFixture(RunningSessiond server) {
    this.server = server;
  }

  AdminCalls admin() {
    return admin;
  }

  LocalVerifier verifier() {
    return verifier;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws InterruptedException {
    admin = new AdminCalls(server.url(), server.adminKey());
    verifier = LocalVerifier.start(server.config());
    assertThat(verifier.awaitFresh(Duration.ofSeconds(20))).as("the verifier is fresh").isTrue();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    verifier.close();
  }
}
