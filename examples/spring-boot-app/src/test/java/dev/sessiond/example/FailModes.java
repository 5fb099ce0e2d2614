package dev.sessiond.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiond.client.verify.LocalVerifier;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * What the two fail-mode tests share: the application follows a sessiond server that a test
 * stops and starts again, with {@code sessiond.max-staleness} at one second.
 */
abstract class FailModes {
  static final Duration PATIENCE = Duration.ofSeconds(30);

  /** Logs in through the application; the access token. */
  static String login(int appPort) throws Exception {
    HttpResponse<String> login = LocalSessiond.call("POST", "http://127.0.0.1:" + appPort + "/login",
        null, "{\"username\":\"bob\",\"password\":\"" + LoginController.DEMO_PASSWORD + "\"}");
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    JsonNode body = LocalSessiond.JSON.readTree(login.body());
    return body.get("accessToken").asText();
  }

  static int me(int appPort, String token) {
    return LocalSessiond.call("GET", "http://127.0.0.1:" + appPort + "/api/me", token, null)
        .statusCode();
  }

  static void awaitFresh(LocalVerifier verifier) throws InterruptedException {
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
