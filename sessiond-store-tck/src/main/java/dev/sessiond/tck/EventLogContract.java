package dev.sessiond.tck;

import static dev.sessiond.tck.TestRecords.openedAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiond.Event;
import dev.sessiond.EventType;
import dev.sessiond.GrantStatus;
import dev.sessiond.SessionLimit;
import dev.sessiond.store.ApiKeyRecord;
import dev.sessiond.store.ApiKeyStore;
import dev.sessiond.store.BlacklistEntry;
import dev.sessiond.store.Ending;
import dev.sessiond.store.EventLog;
import dev.sessiond.store.RefreshToken;
import dev.sessiond.store.RefreshTokenStore;
import dev.sessiond.store.RevocationStore;
import dev.sessiond.store.SessionLimitStore;
import dev.sessiond.store.SessionRecord;
import dev.sessiond.store.SessionSweeper;
import dev.sessiond.store.SigningKeyRecord;
import dev.sessiond.store.SigningKeyStore;
import dev.sessiond.store.SupportGrantRecord;
import dev.sessiond.store.SupportGrantStore;
import dev.sessiond.store.Watermark;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of {@link EventLog}: each state change appends exactly the event its Javadoc
 * names, with growing positions, readable in position order even under concurrent writers, paged,
 * awaited and purged. The store under test must have every ability the events come from. A
 * store's test class extends this and implements {@link #newStore()}.
 */
public abstract class EventLogContract extends StoreAbilityContract<EventLog> {
  private static final AtomicInteger HASHES = new AtomicInteger();

  protected EventLogContract() {
    super(EventLog.class);
  }

  private EventLog log() {
    return ability();
  }

  private List<Event> all() {
    return log().eventsAfter(0, 1000);
  }

  /** The events after {@code seq}, without their positions, to compare with the expected ones. */
  private List<Event> unsequencedAfter(long seq) {
    return log().eventsAfter(seq, 1000).stream().map(e -> e.withSeq(0)).toList();
  }

  private static String hash() {
    return String.format("%064x", HASHES.incrementAndGet());
  }

  private SessionRecord opened(String tenant, String user, long minute) {
    SessionRecord record = openedAt(at(minute)).tenant(tenant).user(user).build();
    store.insert(record);
    return record;
  }

  // --- the empty log ----------------------------------------------------------------------

  @Test
  void anEmptyLogHasNothing() {
    assertThat(log().lastEventSeq()).isZero();
    assertThat(log().purgedThrough()).isZero();
    assertThat(all()).isEmpty();
    assertThat(log().purgeEventsBefore(at(60), 10)).isZero();
  }

  // --- which writes append what -------------------------------------------------------------

  @Test
  void insertAppendsCreated() {
    SessionRecord s = opened("t1", "u1", 0);

    assertThat(unsequencedAfter(0)).containsExactly(Event.sessionCreated(s));
    assertThat(all().get(0).seq()).isPositive().isEqualTo(log().lastEventSeq());
  }

  @Test
  void insertWithRefreshTokenAppendsCreated() {
    SessionRecord s = openedAt(at(0)).tenant("t2").user("u9").build();
    ((RefreshTokenStore) store).insertWithRefreshToken(s, new RefreshToken(hash(), s.id(), at(0),
        null));

    assertThat(unsequencedAfter(0)).containsExactly(Event.sessionCreated(s));
  }

  @Test
  void aSuccessfulRotationAppendsRefreshedAndAFailedOneNothing() {
    SessionRecord s = openedAt(at(0)).tenant("t1").user("u1").build();
    RefreshToken first = new RefreshToken(hash(), s.id(), at(0), null);
    RefreshTokenStore tokens = (RefreshTokenStore) store;
    tokens.insertWithRefreshToken(s, first);
    long before = log().lastEventSeq();

    assertThat(tokens.rotateRefreshToken(first.hash(), new RefreshToken(hash(), s.id(), at(5),
        null), at(5))).isTrue();
    assertThat(tokens.rotateRefreshToken(first.hash(), new RefreshToken(hash(), s.id(), at(6),
        null), at(6))).isFalse();

    assertThat(unsequencedAfter(before))
        .containsExactly(Event.sessionRefreshed("t1", s.id(), "u1", at(5)));
  }

  @Test
  void revokeAppendsRevokedOnceAndNothingForAnUnknownOrEndedSession() {
    SessionRecord s = opened("t1", "u1", 0);
    long before = log().lastEventSeq();
    Ending ending = new Ending(at(3), "logout", "user:u1");

    assertThat(store.revoke(s.id(), ending)).isTrue();
    assertThat(store.revoke(s.id(), new Ending(at(4), "admin", "admin"))).isFalse();
    assertThat(store.revoke(TestRecords.nextId(), ending)).isFalse();

    assertThat(unsequencedAfter(before))
        .containsExactly(Event.sessionRevoked("t1", s.id(), "u1", ending));
  }

  @Test
  void revokeAllForUserAppendsOneRevokedPerSessionOfThatUserOnly() {
    SessionRecord a = opened("t1", "u1", 0);
    SessionRecord b = opened("t1", "u1", 1);
    opened("t1", "u2", 2);
    opened("t2", "u1", 3);
    long before = log().lastEventSeq();
    Ending ending = new Ending(at(5), "admin", "admin");

    store.revokeAllForUser("t1", "u1", ending);

    assertThat(unsequencedAfter(before)).containsExactlyInAnyOrder(
        Event.sessionRevoked("t1", a.id(), "u1", ending),
        Event.sessionRevoked("t1", b.id(), "u1", ending));
  }

  @Test
  void revokeTenantSessionsAppendsOneRevokedPerSession() {
    SessionRecord a = opened("t1", "u1", 0);
    SessionRecord b = opened("t1", "u2", 1);
    opened("t2", "u1", 2);
    long before = log().lastEventSeq();
    Ending ending = new Ending(at(5), "tenant_revoked", "admin");

    ((RevocationStore) store).revokeTenantSessions("t1", ending, 100);

    assertThat(unsequencedAfter(before)).containsExactlyInAnyOrder(
        Event.sessionRevoked("t1", a.id(), "u1", ending),
        Event.sessionRevoked("t1", b.id(), "u2", ending));
  }

  @Test
  void expiryAppendsExpiredWithTheExpiryReason() {
    SessionRecord idle = openedAt(at(0)).tenant("t1").user("u1").idle(Duration.ofMinutes(10))
        .build();
    SessionRecord lifetime = openedAt(at(0)).tenant("t1").user("u2").idle(Duration.ofHours(2))
        .lifetime(Duration.ofMinutes(20)).build();
    store.insert(idle);
    store.insert(lifetime);
    opened("t1", "u3", 0);
    long before = log().lastEventSeq();

    ((SessionSweeper) store).expireDue(at(25), 100);

    assertThat(unsequencedAfter(before)).containsExactlyInAnyOrder(
        Event.sessionExpired("t1", idle.id(), "u1", Ending.expiryOf(idle)),
        Event.sessionExpired("t1", lifetime.id(), "u2", Ending.expiryOf(lifetime)));
    assertThat(unsequencedAfter(before)).extracting(Event::reason)
        .containsExactlyInAnyOrder(Ending.IDLE_TIMEOUT, Ending.ABSOLUTE_LIFETIME);
  }

  @Test
  void aLimitedOpenAppendsTheEvictionsThenCreatedAndARefusalNothing() {
    SessionLimitStore limits = (SessionLimitStore) store;
    Ending eviction = new Ending(at(2), SessionLimit.EVICTION_REASON, Ending.SYSTEM);
    SessionRecord oldest = openedAt(at(0)).user("u1").build();
    SessionRecord newer = openedAt(at(1)).user("u1").build();
    SessionRecord newest = openedAt(at(2)).user("u1").build();
    SessionLimit evictTwo = new SessionLimit(2, SessionLimit.Policy.EVICT_OLDEST, false);
    limits.insertWithinLimit(oldest, new RefreshToken(hash(), oldest.id(), at(0), null), evictTwo,
        eviction);
    limits.insertWithinLimit(newer, new RefreshToken(hash(), newer.id(), at(1), null), evictTwo,
        eviction);
    long before = log().lastEventSeq();

    limits.insertWithinLimit(newest, new RefreshToken(hash(), newest.id(), at(2), null),
        evictTwo, eviction);
    SessionRecord refused = openedAt(at(3)).user("u1").build();
    SessionLimit denyNew = new SessionLimit(2, SessionLimit.Policy.DENY_NEW, false);
    assertThat(limits.insertWithinLimit(refused, new RefreshToken(hash(), refused.id(), at(3),
        null), denyNew, eviction).inserted()).isFalse();

    assertThat(unsequencedAfter(before)).containsExactly(
        Event.sessionRevoked("t1", oldest.id(), "u1", eviction),
        Event.sessionCreated(newest));
  }

  @Test
  void blacklistAppendsTheEntryAsGiven() {
    BlacklistEntry entry = new BlacklistEntry("t1", "jti-1", at(0), at(60));

    ((RevocationStore) store).blacklist(entry);

    assertThat(unsequencedAfter(0)).containsExactly(Event.blacklisted(entry));
    assertThat(all().get(0).until()).isEqualTo(at(60));
  }

  @Test
  void aWatermarkAppendsOnlyWhenItRises() {
    RevocationStore revocations = (RevocationStore) store;
    Watermark user = new Watermark("t1", "u1", at(5));
    Watermark tenant = Watermark.forTenant("t1", at(6));

    revocations.raiseWatermark(user);
    revocations.raiseWatermark(new Watermark("t1", "u1", at(4)));
    revocations.raiseWatermark(new Watermark("t1", "u1", at(5)));
    revocations.raiseWatermark(tenant);

    assertThat(unsequencedAfter(0))
        .containsExactly(Event.watermarkRaised(user), Event.watermarkRaised(tenant));
    assertThat(all().get(1).userId()).isEmpty();
  }

  @Test
  void signingKeyRotationAppendsRotated() {
    SigningKeyRecord key = new SigningKeyRecord("ed-1", "EdDSA", "{\"kty\":\"OKP\"}",
        "secret".getBytes(StandardCharsets.UTF_8), at(0), null);

    ((SigningKeyStore) store).rotateSigningKey(key, at(1));

    assertThat(unsequencedAfter(0)).containsExactly(Event.signingKeyRotated("ed-1", at(1)));
    assertThat(all().get(0).isDeploymentWide()).isTrue();
  }

  @Test
  void apiKeyRevocationAppendsRevokedOnceWithTheKeysTenant() {
    ApiKeyStore keys = (ApiKeyStore) store;
    keys.putApiKey(new ApiKeyRecord("k1", "one", "acme", Set.of("sessions.get"), "a".repeat(64),
        at(0), "api_key:bootstrap", null));
    keys.putApiKey(new ApiKeyRecord("k2", "all", ApiKeyRecord.ALL_TENANTS, Set.of(),
        "b".repeat(64), at(0), "api_key:bootstrap", null));

    assertThat(keys.revokeApiKey("k1", at(2))).isTrue();
    assertThat(keys.revokeApiKey("k1", at(3))).isFalse();
    assertThat(keys.revokeApiKey("k2", at(4))).isTrue();
    assertThat(keys.revokeApiKey("nope", at(5))).isFalse();

    assertThat(unsequencedAfter(0)).containsExactly(
        Event.apiKeyRevoked("acme", "k1", at(2)),
        Event.apiKeyRevoked(ApiKeyRecord.ALL_TENANTS, "k2", at(4)));
    assertThat(all().get(1).isDeploymentWide()).isTrue();
  }

  @Test
  void grantEndAppendsEndedOnce() {
    SupportGrantStore grants = (SupportGrantStore) store;
    String id = String.format("%032x", 7);
    grants.insertGrant(new SupportGrantRecord(id, "acme", "ticket", at(0), "user:alice", at(60),
        GrantStatus.ACTIVE, null, null));

    assertThat(grants.endGrant(id, GrantStatus.REVOKED, at(5), "user:bob")).isTrue();
    assertThat(grants.endGrant(id, GrantStatus.EXPIRED, at(60), "system")).isFalse();

    assertThat(unsequencedAfter(0))
        .containsExactly(Event.grantEnded("acme", id, GrantStatus.REVOKED, at(5)));
    assertThat(all().get(0).reason()).isEqualTo("revoked");
  }

  @Test
  void touchesAndReadsAppendNothing() {
    SessionRecord s = opened("t1", "u1", 0);
    long before = log().lastEventSeq();

    store.touch(s.id(), at(1), at(31));
    store.find(s.id());
    store.listForUser("t1", "u1", null, at(1), 10);

    assertThat(log().lastEventSeq()).isEqualTo(before);
    assertThat(log().eventsAfter(before, 10)).isEmpty();
  }

  @Test
  void aFieldThatHoldsEveryKindOfCharacterReadsBack() {
    SessionRecord s = openedAt(at(0)).tenant("ténant:{x}\"1").user("ユーザー \n,;").build();
    store.insert(s);

    assertThat(unsequencedAfter(0)).containsExactly(Event.sessionCreated(s));
  }

  // --- positions, paging, waiting and purging --------------------------------------------------

  @Test
  void positionsGrowAndPageInOrder() {
    for (int i = 0; i < 25; i++) {
      opened("t1", "u" + i, i);
    }
    List<Event> everything = all();
    assertThat(everything).hasSize(25);
    assertThat(everything).extracting(Event::seq).isSorted().doesNotHaveDuplicates();
    assertThat(everything.get(24).seq()).isEqualTo(log().lastEventSeq());

    List<Event> paged = new ArrayList<>();
    long cursor = 0;
    for (List<Event> page = log().eventsAfter(cursor, 7); !page.isEmpty();
        page = log().eventsAfter(cursor, 7)) {
      assertThat(page.size()).isLessThanOrEqualTo(7);
      paged.addAll(page);
      cursor = page.get(page.size() - 1).seq();
    }
    assertThat(paged).isEqualTo(everything);
    assertThat(log().eventsAfter(everything.get(9).seq(), 3))
        .isEqualTo(everything.subList(10, 13));
  }

  @Test
  void aBadLimitIsRejected() {
    assertThatThrownBy(() -> log().eventsAfter(0, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void purgeDeletesTheOldestFirstAndRaisesPurgedThrough() {
    for (int i = 0; i < 10; i++) {
      opened("t1", "u" + i, i);
    }
    List<Event> everything = all();

    assertThat(log().purgeEventsBefore(at(6), 4)).isEqualTo(4);
    assertThat(log().purgedThrough()).isEqualTo(everything.get(3).seq());
    assertThat(log().purgeEventsBefore(at(6), 100)).isEqualTo(2);
    assertThat(log().purgedThrough()).isEqualTo(everything.get(5).seq());
    assertThat(log().purgeEventsBefore(at(6), 100)).isZero();

    assertThat(all()).isEqualTo(everything.subList(6, 10));
    assertThat(log().lastEventSeq()).isEqualTo(everything.get(9).seq());
  }

  @Test
  void lastEventSeqSurvivesPurgingEverything() {
    opened("t1", "u1", 0);
    opened("t1", "u2", 1);
    long last = log().lastEventSeq();

    log().purgeEventsBefore(at(60), 100);

    assertThat(all()).isEmpty();
    assertThat(log().purgedThrough()).isEqualTo(last);
    assertThat(log().lastEventSeq()).isEqualTo(last);
    opened("t1", "u3", 2);
    assertThat(log().lastEventSeq()).isGreaterThan(last);
  }

  @Test
  void awaitReturnsAtOnceWhenAnEventIsAlreadyThere() throws Exception {
    opened("t1", "u1", 0);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<?> waited = pool.submit(() -> {
        log().awaitEventsAfter(0, Duration.ofMinutes(10));
        return null;
      });
      waited.get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void awaitWakesWhenAnotherThreadAppends() throws Exception {
    long last = log().lastEventSeq();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      CountDownLatch waiting = new CountDownLatch(1);
      Future<?> waited = pool.submit(() -> {
        waiting.countDown();
        while (log().eventsAfter(last, 1).isEmpty()) {
          log().awaitEventsAfter(last, Duration.ofMinutes(10));
        }
        return null;
      });
      waiting.await();
      opened("t1", "u1", 0);
      // Bounded by a ten-minute wait inside: returning within a minute shows the append woke it.
      waited.get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void awaitGivesUpAfterMaxWait() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<?> waited = pool.submit(() -> {
        log().awaitEventsAfter(log().lastEventSeq(), Duration.ofMillis(50));
        return null;
      });
      waited.get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aReaderFollowingConcurrentWritersMissesNothing() throws Exception {
    int writers = 8;
    int each = 40;
    ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
    try {
      CountDownLatch start = new CountDownLatch(1);
      AtomicBoolean writing = new AtomicBoolean(true);
      List<Future<?>> writes = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        String user = "u" + w;
        writes.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < each; i++) {
            SessionRecord s = opened("t1", user, i);
            store.revoke(s.id(), new Ending(at(i + 1), "logout", "user"));
          }
          return null;
        }));
      }
      Future<List<Event>> followed = pool.submit(() -> {
        List<Event> seen = new ArrayList<>();
        long cursor = 0;
        start.await();
        while (true) {
          boolean done = !writing.get();
          List<Event> page = log().eventsAfter(cursor, 50);
          seen.addAll(page);
          if (!page.isEmpty()) {
            cursor = page.get(page.size() - 1).seq();
          } else if (done) {
            return seen;
          }
        }
      });
      start.countDown();
      for (Future<?> write : writes) {
        write.get(120, TimeUnit.SECONDS);
      }
      writing.set(false);

      List<Event> seen = followed.get(120, TimeUnit.SECONDS);
      assertThat(seen).hasSize(writers * each * 2);
      assertThat(seen).isEqualTo(pagedAll());
    } finally {
      pool.shutdownNow();
    }
  }

  private List<Event> pagedAll() {
    List<Event> out = new ArrayList<>();
    long cursor = 0;
    for (List<Event> page = log().eventsAfter(cursor, 1000); !page.isEmpty();
        page = log().eventsAfter(cursor, 1000)) {
      out.addAll(page);
      cursor = page.get(page.size() - 1).seq();
    }
    return out;
  }

  @Test
  void eventsHoldNoSecret() {
    SessionRecord s = openedAt(at(0)).build();
    String secretHash = hash();
    ((RefreshTokenStore) store).insertWithRefreshToken(s, new RefreshToken(secretHash, s.id(),
        at(0), null));
    ((ApiKeyStore) store).putApiKey(new ApiKeyRecord("k1", "one", "t1", Set.of(), "c".repeat(64),
        at(0), "api_key:bootstrap", null));
    ((ApiKeyStore) store).revokeApiKey("k1", at(1));

    assertThat(all().toString()).doesNotContain(secretHash).doesNotContain("c".repeat(64));
    assertThat(all()).extracting(Event::type)
        .containsExactly(EventType.SESSION_CREATED, EventType.API_KEY_REVOKED);
  }
}
