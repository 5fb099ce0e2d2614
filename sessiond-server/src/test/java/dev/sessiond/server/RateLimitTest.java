package dev.sessiond.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiond.ManualClock;
import dev.sessiond.server.ApiClient.Opened;
import dev.sessiond.server.ApiClient.Reply;
import dev.sessiond.server.RateLimits.Operation;
import dev.sessiond.server.RateLimits.Rate;
import dev.sessiond.server.RateLimits.Scope;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rate limits over HTTP, on a manual clock: past the burst an API key (or an address) gets 429
 * {@code rate_limited} with {@code Retry-After}, and is let through again once the bucket refills.
 */
class RateLimitTest {
  private static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-11-22T10:00:00Z"));

  @RegisterExtension
  static final RunningServer RUNNING = RunningServer.onSqlite(CLOCK, b -> b.rateLimits(
      RateLimits.none()
          .with(Operation.INTROSPECT, Scope.KEY, Rate.perSecond(0.5, 2))
          .with(Operation.REFRESH, Scope.IP, Rate.perSecond(1, 1))));

  @Test
  void introspectionPastTheBurstIsRefusedUntilTheBucketRefills() {
    Opened opened = RUNNING.api().open("{\"tenantId\":\"rl\",\"userId\":\"u1\"}");
    assertThat(RUNNING.api().introspect(opened.accessToken()).status()).isEqualTo(200);
    assertThat(RUNNING.api().introspect(opened.accessToken()).status()).isEqualTo(200);

    Reply refused = RUNNING.api().introspect(opened.accessToken());

    assertThat(refused.status()).as("%s", refused).isEqualTo(429);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    assertThat(refused.json().get("code").asText()).isEqualTo("rate_limited");
    assertThat(refused.header("Retry-After")).isEqualTo("2");
    assertThat(refused.body()).doesNotContain(opened.accessToken())
        .doesNotContain(RUNNING.server().adminKey());

    CLOCK.advance(Duration.ofSeconds(2));
    assertThat(RUNNING.api().introspect(opened.accessToken()).status()).isEqualTo(200);
  }

  @Test
  void refreshIsLimitedPerAddressAndOpenIsNotLimited() {
    Opened first = RUNNING.api().open("{\"tenantId\":\"rl\",\"userId\":\"u2\"}");
    Opened second = RUNNING.api().open("{\"tenantId\":\"rl\",\"userId\":\"u3\"}");
    CLOCK.advance(Duration.ofSeconds(5));

    assertThat(RUNNING.api().refresh(first.refreshToken()).status()).isEqualTo(200);
    Reply refused = RUNNING.api().refresh(second.refreshToken());

    assertThat(refused.status()).as("same address, other session: %s", refused).isEqualTo(429);
    assertThat(refused.header("Retry-After")).isEqualTo("1");
    CLOCK.advance(Duration.ofSeconds(1));
    assertThat(RUNNING.api().refresh(second.refreshToken()).status()).isEqualTo(200);
  }
}
