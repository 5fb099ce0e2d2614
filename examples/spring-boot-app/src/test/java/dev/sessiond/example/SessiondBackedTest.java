package dev.sessiond.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiond.client.verify.LocalVerifier;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The example application on a random port, configured against a real sessiond of the test class
 * ({@link LocalSessiond}) with an API key of tenant {@code demo} that may open sessions and follow
 * the event feed. Waits are bounded by {@link #PATIENCE} and never asserted as timings.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class SessiondBackedTest {
  static final Duration PATIENCE = Duration.ofSeconds(30);

  static LocalSessiond sessiond;

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

  String app(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** Logs {@code user} in through the application; the access token. */
  String login(String user) throws Exception {
    var login = LocalSessiond.call("POST", app("/login"), null, "{\"username\":\"" + user
        + "\",\"password\":\"" + LoginController.DEMO_PASSWORD + "\"}");
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    return LocalSessiond.JSON.readTree(login.body()).get("accessToken").asText();
  }

  /** The status of {@code GET /api/me} with {@code token}. */
  int me(String token) {
    return LocalSessiond.call("GET", app("/api/me"), token, null).statusCode();
  }

  void awaitFresh() throws InterruptedException {
    assertThat(verifier.awaitFresh(PATIENCE)).as("the verifier follows sessiond").isTrue();
  }

  static void eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline).as("within %s", PATIENCE).isNegative();
      Thread.sleep(20);
    }
  }
}
