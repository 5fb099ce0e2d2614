package dev.sessiond.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiond.ManualClock;
import dev.sessiond.SessionPolicy;
import dev.sessiond.server.ApiClient.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every time the server shows comes from the injected clock, and tenant timeouts apply. */
class ClockTest {
  @TempDir
  Path dataDir;

  @Test
  void sessionsExpireByTheInjectedClockAndTenantPolicies() {
    ManualClock clock = new ManualClock(Instant.parse("2030-01-01T00:00:00Z"));
    ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir)
        .idleTimeout(Duration.ofMinutes(30))
        .tenantPolicy("brief", new SessionPolicy(Duration.ofMinutes(5), Duration.ofHours(1)))
        .build();
    try (SessiondServer server = SessiondServer.start(config, clock)) {
      ApiClient api = ApiClient.of(server);
      Reply normal = api.post("/v1/sessions", "{\"tenantId\":\"normal\",\"userId\":\"u\"}");
      Reply brief = api.post("/v1/sessions", "{\"tenantId\":\"brief\",\"userId\":\"u\"}");
      assertThat(normal.json().at("/session/loginAt").asText()).isEqualTo("2030-01-01T00:00:00Z");
      assertThat(normal.json().at("/session/expiresAt").asText()).isEqualTo("2030-01-01T00:30:00Z");
      assertThat(brief.json().at("/session/expiresAt").asText()).isEqualTo("2030-01-01T00:05:00Z");

      clock.advance(Duration.ofMinutes(10));
      String normalId = normal.json().at("/session/id").asText();
      String briefId = brief.json().at("/session/id").asText();
      assertThat(api.get("/v1/sessions/" + normalId).json().get("status").asText()).isEqualTo("active");
      assertThat(api.get("/v1/sessions/" + briefId).json().get("status").asText()).isEqualTo("expired");
      Reply touched = api.post("/v1/sessions/" + normalId + "/touch", null);
      assertThat(touched.json().get("expiresAt").asText()).isEqualTo("2030-01-01T00:40:00Z");
      assertThat(api.post("/v1/sessions/" + briefId + "/touch", null).json().get("code").asText())
          .isEqualTo("session_not_active");
    }
  }
}
