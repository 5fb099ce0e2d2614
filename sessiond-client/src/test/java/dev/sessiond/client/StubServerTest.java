package dev.sessiond.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.sessiond.client.model.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Answers a real sessiond does not give on demand (rate limits, proxies' error pages, broken
 * bodies), from the JDK's own HTTP server; and what the client sends.
 */
class StubServerTest {
  private HttpServer stub;
  private SessiondClient client;
  private final Map<String, String> seen = new ConcurrentHashMap<>();
  private volatile int status;
  private volatile String contentType;
  private volatile String body;
  private volatile Map<String, String> headers = Map.of();

  @BeforeEach
  void start() throws IOException {
    stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    stub.createContext("/", exchange -> {
      seen.put("method", exchange.getRequestMethod());
      seen.put("uri", exchange.getRequestURI().getRawPath()
          + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
      seen.put("authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      seen.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", contentType);
      headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    stub.start();
    client = SessiondClient.create(ClientConfig.builder()
        .url("http://127.0.0.1:" + stub.getAddress().getPort() + "/base/").apiKey("k-123")
        .tenantId("acme").build());
  }

  @AfterEach
  void stop() {
    client.close();
    stub.stop(0);
  }

  private void answer(int status, String contentType, String body, Map<String, String> headers) {
    this.status = status;
    this.contentType = contentType;
    this.body = body;
    this.headers = headers;
  }

  @Test
  void rateLimitedCarriesRetryAfter() {
    answer(429, "application/problem+json", "{\"type\":\"https://sessiond.dev/problems/rate_limited\","
        + "\"title\":\"Too many requests\",\"status\":429,\"detail\":\"slow down\","
        + "\"code\":\"rate_limited\"}", Map.of("Retry-After", "7"));

    assertThatThrownBy(() -> client.introspect("t"))
        .isInstanceOfSatisfying(RateLimitedException.class, e -> {
          assertThat(e.code()).isEqualTo("rate_limited");
          assertThat(e.status()).isEqualTo(429);
          assertThat(e.detail()).isEqualTo("slow down");
          assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
          assertThat(e.isRetryable()).isTrue();
        });
  }

  @Test
  void anErrorWithoutAProblemDocumentKeepsItsStatus() {
    answer(502, "text/html", "<html>bad gateway</html>", Map.of());

    assertThatThrownBy(() -> client.get("a".repeat(64)))
        .isInstanceOfSatisfying(SessiondApiException.class, e -> {
          assertThat(e.status()).isEqualTo(502);
          assertThat(e.code()).isEqualTo("unexpected_status");
          assertThat(e.detail()).isEmpty();
        });
  }

  @Test
  void aBrokenSuccessfulAnswerIsMalformed() {
    answer(200, "application/json", "{\"items\": 3}", Map.of());

    assertThatThrownBy(() -> client.apiKeys())
        .isInstanceOfSatisfying(SessiondApiException.class, e -> {
          assertThat(e.status()).isEqualTo(200);
          assertThat(e.code()).isEqualTo("malformed_response");
        });
    answer(200, "application/json", "not json", Map.of());
    assertThatThrownBy(() -> client.touch("a".repeat(64)))
        .isInstanceOfSatisfying(SessiondApiException.class,
            e -> assertThat(e.code()).isEqualTo("malformed_response"));
  }

  @Test
  void ignoresMembersItDoesNotKnow() {
    answer(200, "application/json", "{\"items\":[{\"id\":\"" + "a".repeat(64) + "\","
        + "\"tenantId\":\"acme\",\"userId\":\"u\",\"username\":\"\",\"clientType\":\"web\","
        + "\"deptName\":\"\",\"ip\":\"\",\"browser\":\"\",\"os\":\"\","
        + "\"loginAt\":\"2026-11-22T10:00:00.123Z\",\"lastActiveAt\":\"2026-11-22T10:00:00.123Z\","
        + "\"expiresAt\":\"2026-11-22T10:30:00.123Z\",\"status\":\"active\",\"roles\":[],"
        + "\"somethingNew\":1}]}", Map.of());

    List<Session> sessions = client.batchGet(List.of("a".repeat(64)));

    assertThat(sessions).singleElement().satisfies(s -> {
      assertThat(s.loginAt()).hasToString("2026-11-22T10:00:00.123Z");
      assertThat(s.isActive()).isTrue();
    });
  }

  @Test
  void sendsTheKeyTheTenantAndEncodedPathsUnderTheBasePath() {
    answer(200, "application/json", "{\"items\":[]}", Map.of());

    client.userSessions("al ice/ü?&", null);

    assertThat(seen.get("method")).isEqualTo("GET");
    assertThat(seen.get("uri"))
        .isEqualTo("/base/v1/users/al%20ice%2F%C3%BC%3F%26/sessions?tenantId=acme&status=any");
    assertThat(seen.get("authorization")).isEqualTo("Bearer k-123");

    answer(200, "application/json", "{\"items\":[]}", Map.of());
    client.batchGet(List.of("x"));
    assertThat(seen.get("body")).isEqualTo("{\"tenantId\":\"acme\",\"ids\":[\"x\"]}");
  }

  @Test
  void selfServiceSendsTheAccessTokenNotTheKey() {
    answer(204, "application/json", "", Map.of());

    client.me("user-token").logout();

    assertThat(seen.get("uri")).isEqualTo("/base/v1/me/logout");
    assertThat(seen.get("authorization")).isEqualTo("Bearer user-token");
  }
}
