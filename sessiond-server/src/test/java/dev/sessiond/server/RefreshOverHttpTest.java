package dev.sessiond.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiond.ManualClock;
import dev.sessiond.server.ApiClient.Opened;
import dev.sessiond.server.ApiClient.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refresh over HTTP on a clock that moves only when told: rotation, a retry of the old token inside
 * the grace window, and reuse after it, which revokes the session.
 */
class RefreshOverHttpTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  @TempDir
  Path dataDir;

  @Test
  void rotatesRetriesInsideTheGraceWindowAndRevokesOnReuseAfterIt() {
    ManualClock clock = new ManualClock(T0);
    ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir)
        .refreshGrace(Duration.ofSeconds(30)).build();
    try (SessiondServer server = SessiondServer.start(config, clock)) {
      ApiClient api = ApiClient.of(server);
      Opened opened = api.open("{\"tenantId\":\"refresh\",\"userId\":\"u1\",\"username\":\"ann\"}");

      clock.advance(Duration.ofMinutes(1));
      Reply first = api.refresh(opened.refreshToken());
      assertThat(first.status()).as("%s", first).isEqualTo(200);
      JsonNode pair = first.json();
      assertThat(pair.at("/session/id").asText()).isEqualTo(opened.id());
      assertThat(pair.at("/session/lastActiveAt").asText()).isEqualTo("2030-01-01T00:01:00Z");
      assertThat(pair.at("/session/expiresAt").asText()).as("idle expiry slides")
          .isEqualTo("2030-01-01T00:31:00Z");
      assertThat(pair.get("tokenType").asText()).isEqualTo("Bearer");
      assertThat(pair.get("expiresIn").asLong()).isEqualTo(300);
      String secondRefresh = pair.get("refreshToken").asText();
      assertThat(secondRefresh).isNotEqualTo(opened.refreshToken());
      Reply introspected = api.introspect(pair.get("accessToken").asText());
      assertThat(introspected.json().get("active").asBoolean()).isTrue();
      assertThat(introspected.json().get("iat").asLong()).isEqualTo(T0.getEpochSecond() + 60);
      assertThat(introspected.json().get("exp").asLong()).isEqualTo(T0.getEpochSecond() + 360);
      assertThat(introspected.json().get("username").asText()).isEqualTo("ann");

      clock.advance(Duration.ofSeconds(30));
      Reply retry = api.refresh(opened.refreshToken());
      assertThat(retry.status()).as("a retry inside the grace window: %s", retry).isEqualTo(200);
      String latestAccess = retry.json().get("accessToken").asText();
      String latestRefresh = retry.json().get("refreshToken").asText();

      clock.advance(Duration.ofMillis(1));
      Reply reuse = api.refresh(opened.refreshToken());
      assertThat(reuse.status()).as("%s", reuse).isEqualTo(400);
      assertThat(reuse.header("Content-Type")).isEqualTo("application/problem+json");
      assertThat(reuse.json().get("code").asText()).isEqualTo("refresh_token_reused");
      assertThat(reuse.body()).doesNotContain(opened.refreshToken());

      assertThat(api.get("/v1/sessions/" + opened.id()).json().get("status").asText())
          .isEqualTo("revoked");
      assertThat(api.introspect(latestAccess).json().toString()).isEqualTo("{\"active\":false}");
      Reply afterReuse = api.refresh(latestRefresh);
      assertThat(afterReuse.status()).isEqualTo(409);
      assertThat(afterReuse.json().get("code").asText()).isEqualTo("session_not_active");
    }
  }

  @Test
  void unknownAndMalformedRefreshTokensAreInvalid() {
    try (SessiondServer server = SessiondServer.start(ServerConfig.builder().host("127.0.0.1")
        .port(0).dataDir(dataDir).build(), new ManualClock(T0))) {
      ApiClient api = ApiClient.of(server);
      for (String token : new String[] {"A".repeat(43), "short", "x".repeat(5000), " ", "é".repeat(43)}) {
        Reply reply = api.refresh(token);
        assertThat(reply.status()).as("%s", reply).isEqualTo(400);
        assertThat(reply.json().get("code").asText()).isEqualTo("invalid_refresh_token");
      }
      Opened opened = api.open("{\"tenantId\":\"refresh\",\"userId\":\"u1\"}");
      Reply access = api.refresh(opened.accessToken());
      assertThat(access.json().get("code").asText()).as("an access token is not a refresh token")
          .isEqualTo("invalid_refresh_token");
    }
  }
}
