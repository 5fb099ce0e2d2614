package dev.sessiond.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The example application against a real sessiond server (in this JVM, on a random port, on a
 * SQLite file): a user logs in, calls the protected API and opens the WebSocket echo; an admin
 * revokes all the user's sessions through sessiond's admin API; the next request is refused and
 * the open WebSocket is closed, both without any call from the app to sessiond per request.
 * Waits are bounded by generous deadlines and never asserted as timings (sessiond-bench measures
 * the delay).
 */
class EndToEndTest extends SessiondBackedTest {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = LocalSessiond.JSON;

  @Test
  void aRevokeAllEndsTheUsersRequestsAndClosesTheirWebSocket() throws Exception {
    awaitFresh();
    assertThat(call("POST", app("/login"), null,
        "{\"username\":\"alice\",\"password\":\"wrong\"}").statusCode()).isEqualTo(401);
    JsonNode login = JSON.readTree(call("POST", app("/login"), null,
        "{\"username\":\"alice\",\"password\":\"" + LoginController.DEMO_PASSWORD + "\"}").body());
    String token = login.get("accessToken").asText();

    assertThat(call("GET", app("/api/me"), null, null).statusCode())
        .as("no token").isEqualTo(401);
    HttpResponse<String> me = call("GET", app("/api/me"), token, null);
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(me.body()).get("userId").asText()).isEqualTo("alice");

    Echo echo = new Echo();
    WebSocket socket = LocalSessiond.http().newWebSocketBuilder().header("Authorization", "Bearer " + token)
        .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/echo"), echo)
        .get(30, TimeUnit.SECONDS);
    socket.sendText("hello", true).get(30, TimeUnit.SECONDS);
    assertThat(echo.messages.poll(30, TimeUnit.SECONDS)).isEqualTo("hello");

    HttpResponse<String> revoked = call("POST",
        sessiond.url() + "/v1/users/alice/sessions/revoke?tenantId=demo", sessiond.adminKey(),
        "{\"reason\":\"password_changed\"}");
    assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);

    eventually(() -> call("GET", app("/api/me"), token, null).statusCode() == 401);
    HttpResponse<String> refused = call("GET", app("/api/me"), token, null);
    assertThat(JSON.readTree(refused.body()).get("code").asText()).isEqualTo("session_revoked");
    assertThat(refused.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    Integer status = echo.closed.get(30, TimeUnit.SECONDS);
    assertThat(status).as("policy violation").isEqualTo(1008);
    assertThat(echo.reason).startsWith("session");
  }

  private static HttpResponse<String> call(String method, String url, String bearer,
      String json) {
    return LocalSessiond.call(method, url, bearer, json);
  }

  /** Collects what the server sends and how it closes. */
  private static final class Echo implements WebSocket.Listener {
    final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    volatile String reason = "";
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        messages.add(partial.toString());
        partial.setLength(0);
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int status, String why) {
      reason = why;
      closed.complete(status);
      return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      closed.completeExceptionally(error);
    }
  }
}
