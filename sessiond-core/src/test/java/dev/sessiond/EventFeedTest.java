package dev.sessiond;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiond.store.InMemorySessionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two engines on one store stand for two nodes: what one revokes, blacklists or rotates, the other
 * enforces by following the feed; subscriptions see what their caller may, resume, reset and end.
 * Waits are bounded by a generous deadline and never asserted as timings.
 */
class EventFeedTest {
  private static final CapabilityContext SERVICE = CapabilityContext.of(Caller.service("test"));
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final InMemorySessionStore store = new InMemorySessionStore();
  private final byte[] kek = new byte[32];
  private SessionEngine nodeA;
  private SessionEngine nodeB;

  @BeforeEach
  void twoNodes() {
    nodeA = node();
    nodeB = node();
    nodeA.startFollowing();
    nodeB.startFollowing();
  }

  @AfterEach
  void stop() {
    nodeA.close();
    nodeB.close();
  }

  private SessionEngine node() {
    return SessionEngine.builder().store(store).tokens(TokenSettings.defaults(kek)).build();
  }

  private OpenedSession open(SessionEngine node, String tenant, String user) {
    return node.open(SERVICE, new OpenRequest(tenant, user, user, List.of(), ClientType.WEB, null,
        "10.0.0.9", null, null));
  }

  private static void eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline).as("condition not met within %s", PATIENCE)
          .isNegative();
      Thread.sleep(5);
    }
  }

  @Test
  void aRevokeOnOneNodeIsEnforcedByTheOther() throws Exception {
    OpenedSession s = open(nodeA, "acme", "alice");
    assertThat(nodeB.verify(s.tokens().accessToken()).isActive()).isTrue();

    nodeA.admin().sessions().revoke(SERVICE, s.session().id(), "admin");

    eventually(() -> !nodeB.verify(s.tokens().accessToken()).isActive());
  }

  @Test
  void aBlacklistAndARevokeAllOnOneNodeAreEnforcedByTheOther() throws Exception {
    OpenedSession banned = open(nodeA, "acme", "bob");
    OpenedSession everyOne = open(nodeA, "acme", "carol");
    assertThat(nodeB.verify(banned.tokens().accessToken()).isActive()).isTrue();

    nodeA.admin().sessions().blacklist(CapabilityContext.of(Caller.service("t"), "acme"),
        banned.session().id(), Duration.ofMinutes(5));
    nodeA.admin().sessions().revokeAllForUser(CapabilityContext.of(Caller.service("t"), "acme"),
        "carol", null);

    eventually(() -> !nodeB.verify(banned.tokens().accessToken()).isActive()
        && !nodeB.verify(everyOne.tokens().accessToken()).isActive());
  }

  @Test
  void anApiKeyRevokedOnOneNodeStopsWorkingOnTheOther() throws Exception {
    CreatedApiKey key = nodeA.admin().apiKeys().create(SERVICE, "acme",
        EnumSet.of(Method.SESSIONS_GET), "k");
    String bearer = key.secret();
    assertThat(nodeB.authenticate(bearer)).isPresent();

    nodeA.admin().apiKeys().revoke(SERVICE, key.key().id());

    eventually(() -> nodeB.authenticate(bearer).isEmpty());
  }

  @Test
  void tokensSignedWithAKeyRotatedOnOneNodeVerifyOnTheOther() throws Exception {
    nodeA.rotateSigningKey(SERVICE, SigningAlgorithm.EDDSA);
    OpenedSession s = open(nodeA, "acme", "dave");

    eventually(() -> nodeB.verify(s.tokens().accessToken()).isActive());
  }

  @Test
  void aSubscriberSeesItsTenantOnlyInOrder() throws Exception {
    Recorder acme = new Recorder();
    Recorder everything = new Recorder();
    nodeB.events().subscribe(apiKey("acme"), null, null, true, acme);
    nodeB.events().subscribe(allTenantsKey(), null, null, true, everything);

    OpenedSession own = open(nodeA, "acme", "erin");
    open(nodeA, "globex", "frank");
    nodeA.admin().sessions().revoke(SERVICE, own.session().id(), "admin");
    nodeA.rotateSigningKey(SERVICE, SigningAlgorithm.EDDSA);

    everything.awaitEvents(4);
    assertThat(everything.events()).extracting(Event::type).containsExactly(
        EventType.SESSION_CREATED, EventType.SESSION_CREATED, EventType.SESSION_REVOKED,
        EventType.SIGNING_KEY_ROTATED);
    acme.awaitEvents(2);
    assertThat(acme.events()).extracting(Event::type, Event::sessionId).containsExactly(
        org.assertj.core.groups.Tuple.tuple(EventType.SESSION_CREATED, own.session().id()),
        org.assertj.core.groups.Tuple.tuple(EventType.SESSION_REVOKED, own.session().id()));
    acme.awaitHeartbeatAtLeast(everything.events().get(3).seq());
    assertThat(acme.events()).hasSize(2);
  }

  @Test
  void aSubscriberResumesAfterAPositionWithoutGapsOrRepeats() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(open(nodeA, "acme", "u" + i).session().id());
    }
    long third = store.eventsAfter(0, 100).stream()
        .filter(e -> e.sessionId().equals(ids.get(2))).findFirst().orElseThrow().seq();

    Recorder resumed = new Recorder();
    nodeB.events().subscribe(apiKey("acme"), null, third, true, resumed);
    for (int i = 5; i < 8; i++) {
      ids.add(open(nodeA, "acme", "u" + i).session().id());
    }

    resumed.awaitEvents(5);
    assertThat(resumed.events()).extracting(Event::sessionId).containsExactlyElementsOf(
        ids.subList(3, 8));
    assertThat(resumed.resets).isEmpty();
  }

  @Test
  void aResumePointPastRetentionOrFromTheFutureGetsAReset() throws Exception {
    OpenedSession first = open(nodeA, "acme", "u1");
    OpenedSession second = open(nodeA, "acme", "u2");
    long last = store.lastEventSeq();
    store.purgeEventsBefore(Instant.now().plus(Duration.ofDays(1)), 1);
    assertThat(store.purgedThrough()).as("the first event, the signing key's").isEqualTo(1);

    Recorder stale = new Recorder();
    nodeB.events().subscribe(apiKey("acme"), null, 0L, true, stale);
    Recorder future = new Recorder();
    nodeB.events().subscribe(apiKey("acme"), null, last + 1000, true, future);
    OpenedSession later = open(nodeA, "acme", "u3");

    stale.awaitEvents(3);
    future.awaitEvents(1);
    assertThat(stale.resets).as("reset to the last purged position").containsExactly(1L);
    assertThat(future.resets).hasSize(1);
    assertThat(stale.events()).as("then everything the store keeps")
        .extracting(Event::sessionId).containsExactly(first.session().id(),
            second.session().id(), later.session().id());
    assertThat(future.events()).extracting(Event::sessionId).containsExactly(later.session().id());
  }

  @Test
  void aSubscriptionThatDoesNotFollowDeliversWhatTheStoreHeldThenEnds() throws Exception {
    String first = open(nodeA, "acme", "u1").session().id();
    String second = open(nodeA, "acme", "u2").session().id();
    long before = store.eventsAfter(0, 100).stream()
        .filter(e -> e.sessionId().equals(first)).findFirst().orElseThrow().seq() - 1;

    Recorder poll = new Recorder();
    nodeB.events().subscribe(apiKey("acme"), null, before, false, poll);

    assertThat(poll.closed.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("caught_up");
    open(nodeA, "acme", "u3");
    assertThat(poll.events()).extracting(Event::sessionId).containsExactly(first, second);
    assertThat(poll.heartbeat).isEqualTo(store.lastEventSeq() - 1);
  }

  @Test
  void aSubscriptionEndsWhenItsKeyIsRevoked() throws Exception {
    CreatedApiKey key = nodeA.admin().apiKeys().create(SERVICE, "acme",
        EnumSet.of(Method.EVENTS_READ), "feed");
    Recorder recorder = new Recorder();
    nodeB.events().subscribe(CapabilityContext.of(nodeB.authenticate(key.secret()).orElseThrow()),
        null, null, true, recorder);

    nodeA.admin().apiKeys().revoke(SERVICE, key.key().id());

    assertThat(recorder.closed.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS))
        .isEqualTo("caller_revoked");
  }

  @Test
  void onlyCallersWithTheRightSubscribeAndOnlyInsideTheirWalls() {
    EventSink ignore = new Recorder();
    CapabilityContext noRight = CapabilityContext.of(Caller.apiKey("k", "acme",
        EnumSet.of(Method.SESSIONS_GET)));
    assertCode(() -> nodeB.events().subscribe(noRight, null, null, true, ignore),
        ErrorCode.METHOD_NOT_PERMITTED);
    assertCode(() -> nodeB.events().subscribe(apiKey("acme"), "globex", null, true, ignore),
        ErrorCode.TENANT_NOT_PERMITTED);
    assertCode(() -> nodeB.events().subscribe(apiKey("acme"), null, -1L, true, ignore),
        ErrorCode.INVALID_FIELD);
    OpenedSession user = open(nodeA, "acme", "gus");
    CapabilityContext plainUser = CapabilityContext.of(
        nodeA.authenticate(user.tokens().accessToken()).orElseThrow());
    assertCode(() -> nodeB.events().subscribe(plainUser, null, null, true, ignore),
        ErrorCode.METHOD_NOT_PERMITTED);
  }

  @Test
  void aClosedEngineAnswersUnavailableAndOneNeverStartedIsAnError() {
    SessionEngine never = node();
    assertThatThrownBy(never::events).isInstanceOf(IllegalStateException.class);
    nodeB.close();
    assertCode(nodeB::events, ErrorCode.UNAVAILABLE);
    assertThatThrownBy(nodeB::startFollowing).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aNodeThatFellBehindRetentionReloadsFromTheStore() throws Exception {
    SessionEngine late = node();
    try {
      OpenedSession s = open(nodeA, "acme", "hal");
      assertThat(late.verify(s.tokens().accessToken()).isActive()).isTrue();
      nodeA.admin().sessions().revoke(SERVICE, s.session().id(), "admin");
      store.purgeEventsBefore(Instant.now().plus(Duration.ofDays(1)), 1000);
      assertThat(late.verify(s.tokens().accessToken()).isActive()).isTrue();

      late.startFollowing();

      eventually(() -> !late.verify(s.tokens().accessToken()).isActive());
    } finally {
      late.close();
    }
  }

  private static CapabilityContext apiKey(String tenant) {
    return CapabilityContext.of(Caller.apiKey("feed-" + tenant, tenant,
        EnumSet.of(Method.EVENTS_READ)));
  }

  private static CapabilityContext allTenantsKey() {
    return CapabilityContext.of(Caller.apiKey("feed-all", null, EnumSet.of(Method.EVENTS_READ)));
  }

  private static void assertCode(Runnable call, ErrorCode code) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(SessiondException.class,
        e -> assertThat(e.code()).isEqualTo(code));
  }

  /** Records what a subscription delivers. */
  private static final class Recorder implements EventSink {
    private final List<Event> events = new ArrayList<>();
    final List<Long> resets = new ArrayList<>();
    final BlockingQueue<String> closed = new LinkedBlockingQueue<>();
    private volatile long heartbeat = -1;

    @Override
    public synchronized void event(Event event) {
      events.add(event);
    }

    @Override
    public synchronized void reset(long position) {
      resets.add(position);
    }

    @Override
    public void heartbeat(long position, Instant at) {
      heartbeat = position;
    }

    @Override
    public void closed(String reason) {
      closed.add(reason);
    }

    synchronized List<Event> events() {
      return new ArrayList<>(events);
    }

    void awaitEvents(int count) throws InterruptedException {
      eventually(() -> events().size() >= count);
    }

    void awaitHeartbeatAtLeast(long position) throws InterruptedException {
      eventually(() -> heartbeat >= position);
    }
  }
}
