package dev.sessiond.client.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Test setup over plain HTTP with the admin key: opening, revoking, blacklisting, rotating. */
public final class AdminCalls {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final URI url;
  private final String adminKey;

  public AdminCalls(URI url, String adminKey) {
    this.url = url;
    this.adminKey = adminKey;
  }

  /** A session and its access token. */
  public record Opened(String sessionId, String accessToken) {}

  public Opened open(String tenantId, String userId, List<String> roles) {
    JsonNode body = call("POST", "/v1/sessions", Map.of("tenantId", tenantId, "userId", userId,
        "username", userId + "-name", "roles", roles, "clientType", "web"), 201);
    return new Opened(body.path("session").path("id").asText(), body.path("accessToken").asText());
  }

  public void revoke(String sessionId) {
    call("POST", "/v1/sessions/" + sessionId + "/revoke", Map.of("reason", "test"), 200);
  }

  public void revokeUser(String tenantId, String userId) {
    call("POST", "/v1/users/" + userId + "/sessions/revoke?tenantId=" + tenantId,
        Map.of("reason", "test"), 200);
  }

  public void blacklist(String tenantId, String name) {
    blacklist(tenantId, name, Duration.ofMinutes(10));
  }

  public void blacklist(String tenantId, String name, Duration ttl) {
    call("POST", "/v1/blacklist", Map.of("tenantId", tenantId, "name", name, "ttl",
        ttl.toSeconds()), 201);
  }

  /** Whether the whole event feed the server still keeps mentions {@code text}. */
  public boolean eventsAfterZeroMention(String text) {
    try {
      HttpRequest request = HttpRequest.newBuilder(url.resolve("/v1/events?after=0&follow=false"))
          .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + adminKey).build();
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body().contains(text);
    } catch (IOException e) {
      throw new AssertionError("reading the event feed failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public void rotateKey() {
    call("POST", "/v1/keys/rotate", Map.of(), 200);
  }

  private JsonNode call(String method, String path, Object body, int expected) {
    try {
      HttpRequest request = HttpRequest.newBuilder(url.resolve(path))
          .timeout(Duration.ofSeconds(10))
          .header("Authorization", "Bearer " + adminKey)
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
          .build();
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != expected) {
        throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": "
            + response.body());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Polls {@code condition} every 10 ms until it holds; fails after a generous deadline. */
  public static void eventually(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("never happened: " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }
}
