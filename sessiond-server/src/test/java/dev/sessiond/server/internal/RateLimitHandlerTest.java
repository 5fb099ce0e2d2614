package dev.sessiond.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessiond.Caller;
import dev.sessiond.ManualClock;
import dev.sessiond.server.RateLimits;
import dev.sessiond.server.RateLimits.Operation;
import dev.sessiond.server.RateLimits.Rate;
import dev.sessiond.server.RateLimits.Scope;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Over a limit: 429 rate_limited with Retry-After; within it, the route runs. */
class RateLimitHandlerTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2030-01-01T00:00:00Z"));
  private final HttpClient http = HttpClient.newHttpClient();
  private Vertx vertx;
  private HttpServer server;

  @AfterEach
  void stop() {
    if (vertx != null) {
      vertx.close().await();
    }
  }

  @Test
  void theKeyLimitCountsTheCallerAndTellsWhenToRetry() throws Exception {
    start(RateLimits.none().with(Operation.INTROSPECT, Scope.KEY, Rate.perSecond(0.4, 2)));

    assertThat(call("ops").statusCode()).isEqualTo(200);
    assertThat(call("ops").statusCode()).isEqualTo(200);
    HttpResponse<String> limited = call("ops");
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).hasValue("3");
    assertThat(limited.headers().firstValue("Content-Type")).hasValue(Problems.MEDIA_TYPE);
    JsonNode problem = new ObjectMapper().readTree(limited.body());
    assertThat(problem.get("code").asText()).isEqualTo("rate_limited");
    assertThat(problem.get("status").asInt()).isEqualTo(429);
    assertThat(problem.get("detail").asText())
        .isEqualTo("too many introspect calls for this API key; retry after 3 s");
    assertThat(limited.body()).doesNotContain("ops");

    assertThat(call("other").statusCode()).as("another key").isEqualTo(200);
    assertThat(call(null).statusCode()).as("no caller: no key limit").isEqualTo(200);
    clock.advance(Duration.ofMillis(2500));
    assertThat(call("ops").statusCode()).isEqualTo(200);
  }

  @Test
  void theAddressLimitCountsTheClientAddress() throws Exception {
    start(RateLimits.none().with(Operation.INTROSPECT, Scope.IP, Rate.perSecond(1000, 1)));

    assertThat(call("ops").statusCode()).isEqualTo(200);
    HttpResponse<String> limited = call("other");
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).as("1 ms rounds up to 1 s")
        .hasValue("1");
    assertThat(new ObjectMapper().readTree(limited.body()).get("detail").asText())
        .isEqualTo("too many introspect calls from this IP address; retry after 1 s");
  }

  @Test
  void anUnlimitedOperationPassesStraightThrough() throws Exception {
    start(RateLimits.none().with(Operation.OPEN, Scope.IP, Rate.perSecond(1, 1)));
    for (int i = 0; i < 5; i++) {
      assertThat(call("ops").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
    assertThat(RateLimitHandler.retryAfterSeconds(Duration.ZERO)).isEqualTo(1);
    assertThat(RateLimitHandler.retryAfterSeconds(Duration.ofNanos(1))).isEqualTo(1);
    assertThat(RateLimitHandler.retryAfterSeconds(Duration.ofSeconds(1))).isEqualTo(1);
    assertThat(RateLimitHandler.retryAfterSeconds(Duration.ofMillis(1001))).isEqualTo(2);
    assertThat(RateLimitHandler.retryAfterSeconds(Duration.ofHours(1))).isEqualTo(3600);
  }

  /** A server whose one route, POST /introspect, is limited as {@link Operation#INTROSPECT}. */
  private void start(RateLimits limits) {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.post("/introspect")
        .handler(ctx -> {
          String key = ctx.request().getHeader("X-Test-Key");
          if (key != null) {
            ctx.put(CallerAuth.CALLER, Caller.apiKey(key, "acme", Set.of()));
          }
          ctx.next();
        })
        .handler(new RateLimitHandler(new RateLimiter(limits, clock), Operation.INTROSPECT))
        .handler(ctx -> ctx.response().end("ok"));
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
  }

  private HttpResponse<String> call(String key) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.actualPort() + "/introspect"))
        .POST(HttpRequest.BodyPublishers.noBody());
    if (key != null) {
      request.header("X-Test-Key", key);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
