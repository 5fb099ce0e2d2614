package dev.sessiond.server;

import static dev.sessiond.server.ReplyAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiond.server.ApiClient.Opened;
import dev.sessiond.server.ApiClient.Reply;
import dev.sessiond.server.Callers.Key;
import dev.sessiond.server.EventStreamClient.Frame;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /v1/events} over HTTP on a real server: live events inside the caller's walls, in
 * order, with heartbeats; resuming with {@code Last-Event-ID}; a reset for a resume point the feed
 * never gave out; the end of a stream whose key is revoked; refusals as problems. Each test works
 * in tenants of its own.
 */
class EventStreamTest {
  @RegisterExtension
  static final RunningServer RUNNING = RunningServer.onSqlite();

  private static final AtomicInteger TENANTS = new AtomicInteger();

  private final String acme = "ev-acme-" + TENANTS.incrementAndGet();
  private final String beta = "ev-beta-" + TENANTS.incrementAndGet();

  private EventStreamClient follow(Key key, String lastEventId) throws Exception {
    EventStreamClient stream = EventStreamClient.open(RUNNING.server().port(), key.secret(),
        "/v1/events", lastEventId);
    assertThat(stream.status()).isEqualTo(200);
    assertThat(stream.contentType()).startsWith("text/event-stream");
    return stream;
  }

  private Key feedKey(String tenant) {
    return Callers.apiKey(RUNNING, tenant, "events.read");
  }

  @Test
  void aTenantKeyFollowsItsTenantsChangesLiveAndInOrder() throws Exception {
    try (EventStreamClient stream = follow(feedKey(acme), null)) {
      Opened own = Callers.session(RUNNING, acme, "alice");
      Callers.session(RUNNING, beta, "bob");
      RUNNING.api().post("/v1/sessions/" + own.id() + "/revoke", "{\"reason\":\"stolen\"}");
      RUNNING.api().post("/v1/blacklist", ApiClient.json("tenantId", acme, "name", "jti-9",
          "ttl", 60));

      Frame created = stream.nextEvent();
      Frame revoked = stream.nextEvent();
      Frame banned = stream.nextEvent();
      assertThat(created.event()).isEqualTo("session.created");
      assertThat(created.data().get("sessionId").asText()).isEqualTo(own.id());
      assertThat(created.data().get("userId").asText()).isEqualTo("alice");
      assertThat(created.data().get("tenantId").asText()).isEqualTo(acme);
      assertThat(revoked.event()).isEqualTo("session.revoked");
      assertThat(revoked.data().get("reason").asText()).isEqualTo("stolen");
      assertThat(banned.event()).isEqualTo("blacklisted");
      assertThat(banned.data().get("name").asText()).isEqualTo("jti-9");
      assertThat(banned.data().has("until")).isTrue();
      assertThat(List.of(created, revoked, banned)).extracting(f -> Long.parseLong(f.id()))
          .isSorted().doesNotHaveDuplicates();
      assertThat(List.of(created, revoked, banned))
          .allSatisfy(f -> assertThat(f.data().get("seq").asText()).isEqualTo(f.id()));

      Frame heartbeat = stream.until(f -> f.event().equals("heartbeat")).get(0);
      assertThat(Long.parseLong(heartbeat.id())).isGreaterThanOrEqualTo(Long.parseLong(banned.id()));
      assertThat(heartbeat.data().get("at").asText()).isNotEmpty();
    }
  }

  @Test
  void aStreamResumesAfterLastEventIdWithoutGapsOrRepeats() throws Exception {
    Key key = feedKey(acme);
    Opened first = Callers.session(RUNNING, acme, "u1");
    Opened second = Callers.session(RUNNING, acme, "u2");
    String firstId;
    try (EventStreamClient catchUp = EventStreamClient.open(RUNNING.server().port(), key.secret(),
        "/v1/events?after=0&follow=false", null)) {
      List<Frame> frames = catchUp.until(f -> f.event().equals("closed"));
      assertThat(frames.get(frames.size() - 1).data().get("reason").asText()).isEqualTo("caught_up");
      List<Frame> created = frames.stream().filter(f -> f.event().equals("session.created"))
          .toList();
      assertThat(created).extracting(f -> f.data().get("sessionId").asText())
          .containsExactly(first.id(), second.id());
      firstId = created.get(0).id();
      assertThat(catchUp.awaitEnd()).isTrue();
    }

    try (EventStreamClient resumed = follow(key, firstId)) {
      Opened third = Callers.session(RUNNING, acme, "u3");
      assertThat(resumed.nextEvent().data().get("sessionId").asText()).isEqualTo(second.id());
      assertThat(resumed.nextEvent().data().get("sessionId").asText()).isEqualTo(third.id());
    }
  }

  @Test
  void aResumePointNeverGivenOutGetsAResetThenLiveEvents() throws Exception {
    try (EventStreamClient stream = follow(feedKey(acme), "999999999999")) {
      Frame reset = stream.next();
      assertThat(reset.event()).isEqualTo("reset");
      assertThat(reset.data().get("seq").asLong()).isEqualTo(Long.parseLong(reset.id()));
      Opened later = Callers.session(RUNNING, acme, "u1");
      Frame next = stream.nextEvent();
      assertThat(next.data().get("sessionId").asText()).isEqualTo(later.id());
      assertThat(Long.parseLong(next.id())).isGreaterThan(Long.parseLong(reset.id()));
    }
  }

  @Test
  void aPollThatEndsAtOnceStillAnswersAndEnds() throws Exception {
    Key key = feedKey(acme);
    // Nothing after the newest position: the subscription ends before the answer's head is
    // written, and the answer must still come, whole.
    for (int i = 0; i < 20; i++) {
      try (EventStreamClient poll = EventStreamClient.open(RUNNING.server().port(), key.secret(),
          "/v1/events?follow=false", null)) {
        assertThat(poll.status()).isEqualTo(200);
        Frame closed = poll.until(f -> f.event().equals("closed")).stream()
            .filter(f -> f.event().equals("closed")).findFirst().orElseThrow();
        assertThat(closed.data().get("reason").asText()).isEqualTo("caught_up");
        assertThat(poll.awaitEnd()).isTrue();
      }
    }
  }

  @Test
  void aStreamEndsWhenItsKeyIsRevoked() throws Exception {
    Key key = feedKey(acme);
    try (EventStreamClient stream = follow(key, null)) {
      RUNNING.api().delete("/v1/api-keys/" + key.id());

      Frame closed = stream.until(f -> f.event().equals("closed")).stream()
          .filter(f -> f.event().equals("closed")).findFirst().orElseThrow();
      assertThat(closed.data().get("reason").asText()).isEqualTo("caller_revoked");
      assertThat(stream.awaitEnd()).isTrue();
    }
  }

  @Test
  void eventsCarryNoSecret() throws Exception {
    try (EventStreamClient stream = follow(feedKey(acme), null)) {
      Opened s = Callers.session(RUNNING, acme, "carol");
      Reply refreshed = RUNNING.api().refresh(s.refreshToken());
      List<Frame> frames = stream.until(f -> f.event().equals("session.refreshed"));

      String all = frames.toString();
      assertThat(all).doesNotContain(s.accessToken()).doesNotContain(s.refreshToken())
          .doesNotContain(refreshed.json().get("refreshToken").asText())
          .doesNotContain(refreshed.json().get("accessToken").asText());
    }
  }

  @Test
  void closingTheServerEndsItsStreamsAtOnce(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dir).build();
    SessiondServer server = SessiondServer.start(config);
    try (EventStreamClient stream = EventStreamClient.open(server.port(), server.adminKey(),
        "/v1/events", null)) {
      assertThat(stream.status()).isEqualTo(200);
      stream.until(f -> f.event().equals("heartbeat"));

      server.close();

      Frame closed = stream.until(f -> f.event().equals("closed")).stream()
          .filter(f -> f.event().equals("closed")).findFirst().orElseThrow();
      assertThat(closed.data().get("reason").asText()).isEqualTo("shutting_down");
      assertThat(stream.awaitEnd()).isTrue();
    } finally {
      server.close();
    }
  }

  @Test
  void refusalsAreProblems() {
    ApiClient noRight = RUNNING.api().withKey(Callers.apiKey(RUNNING, acme, "sessions.get")
        .secret());
    assertProblem(noRight.get("/v1/events"), 403, "method_not_permitted");
    ApiClient feed = RUNNING.api().withKey(feedKey(acme).secret());
    assertProblem(feed.get("/v1/events?tenantId=" + beta), 403, "tenant_not_permitted");
    assertProblem(feed.send("GET", "/v1/events", null, Map.of("Last-Event-ID", "12x")), 400,
        "invalid_field");
    assertProblem(feed.get("/v1/events?after=-1"), 400, "invalid_field");
    assertProblem(feed.get("/v1/events?follow=maybe"), 400, "invalid_field");
    assertProblem(feed.get("/v1/events?since=1"), 400, "unknown_field");
    Opened user = Callers.session(RUNNING, acme, "dave");
    assertProblem(RUNNING.api().withKey(user.accessToken()).get("/v1/events"), 403,
        "method_not_permitted");
  }
}
