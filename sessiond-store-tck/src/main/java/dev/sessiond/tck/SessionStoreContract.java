package dev.sessiond.tck;

import static dev.sessiond.tck.TestRecords.openedAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiond.CapabilityContext;
import dev.sessiond.Caller;
import dev.sessiond.ClientType;
import dev.sessiond.EngineSettings;
import dev.sessiond.ManualClock;
import dev.sessiond.OpenRequest;
import dev.sessiond.Session;
import dev.sessiond.SessionEngine;
import dev.sessiond.SessionPolicy;
import dev.sessiond.SweepResult;
import dev.sessiond.SessionStatus;
import dev.sessiond.store.Cursor;
import dev.sessiond.store.Ending;
import dev.sessiond.store.SessionQuery;
import dev.sessiond.store.SessionRecord;
import dev.sessiond.store.SessionStore;
import dev.sessiond.store.SessionSweeper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SessionStore} must have. A store's test class extends this and
 * implements {@link #newStore()}; every test runs unchanged against it. Stores take time only from
 * arguments, so the tests pass explicit instants and never sleep.
 */
public abstract class SessionStoreContract {
  /** A fixed point that all test times are relative to. */
  protected static final Instant T0 = Instant.parse("2026-01-01T09:00:00Z");
  /** How the engine tests call: trusted in-process code, every method in every tenant. */
  private static final CapabilityContext SERVICE = CapabilityContext.of(Caller.service("tck"));

  protected SessionStore store;

  /** A new, empty store. Called once before every test; closed after it. */
  protected abstract SessionStore newStore() throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  /** Minutes after {@link #T0}. */
  protected static Instant at(long minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  private SessionRecord insert(TestRecords builder) {
    SessionRecord record = builder.build();
    store.insert(record);
    return record;
  }

  private static Ending ending(Instant at) {
    return new Ending(at, "logout", "admin");
  }

  private static List<String> ids(List<SessionRecord> records) {
    return records.stream().map(SessionRecord::id).collect(Collectors.toList());
  }

  private SessionQuery query(String tenant) {
    return new SessionQuery(tenant, null, null, null, null, null, null, 100);
  }

  // --- insert and find ---------------------------------------------------------------------

  @Test
  void insertedRecordReadsBackFieldForField() {
    SessionRecord record = insert(openedAt(at(0)).username("Zoë Ünïcode 山田").roles(List.of("admin", "user"))
        .attributes(Map.of("plan", "pro", "theme", "dark")).ip("2001:db8::1"));

    assertThat(store.find(record.id())).contains(record);
  }

  @Test
  void emptyCollectionsAndStringsRoundTrip() {
    SessionRecord record = insert(openedAt(at(0)).username("").roles(List.of()).ip(""));

    assertThat(store.find(record.id())).contains(record);
  }

  @Test
  void supportGrantIdRoundTripsThroughEveryReadAndARevoke() {
    String grant = "0123456789abcdef0123456789abcdef";
    SessionRecord granted = insert(openedAt(at(0)).supportGrant(grant));
    SessionRecord plain = insert(openedAt(at(1)));
    SessionRecord legacy = new SessionRecord(TestRecords.nextId(), "t1", "u2", "bob", List.of(),
        ClientType.CLI, "", "", "", "", "", Map.of(), at(2), at(2), at(32), at(600),
        Duration.ofMinutes(30), SessionStatus.ACTIVE, null);
    store.insert(legacy);

    assertThat(store.find(granted.id()).orElseThrow().supportGrantId()).isEqualTo(grant);
    assertThat(store.find(plain.id()).orElseThrow().supportGrantId()).isEmpty();
    assertThat(store.find(legacy.id())).contains(legacy);
    assertThat(legacy.supportGrantId()).as("the constructor without it").isEmpty();
    assertThat(store.search(query("t1"), at(3))).containsExactly(legacy, plain, granted);
    assertThat(store.findAll(List.of(granted.id()))).containsExactly(granted);

    Ending ending = new Ending(at(4), "support_done", "global_admin:root");
    assertThat(store.revoke(granted.id(), ending)).isTrue();
    assertThat(store.find(granted.id()))
        .contains(granted.withEnding(SessionStatus.REVOKED, ending));
    assertThat(store.touch(plain.id(), at(5), at(35))).contains(plain.withActivity(at(5), at(35)));
  }

  @Test
  void findOfUnknownIdIsEmpty() {
    assertThat(store.find(TestRecords.nextId())).isEmpty();
  }

  @Test
  void insertOfExistingIdIsRefusedAndKeepsTheFirst() {
    SessionRecord first = insert(openedAt(at(0)).username("first"));
    SessionRecord clash = new SessionRecord(first.id(), "t2", "u9", "second", List.of(),
        ClientType.CLI, "", "", "", "", "", Map.of(), at(1), at(1), at(31), at(600),
        Duration.ofMinutes(30), SessionStatus.ACTIVE, null);

    assertThatThrownBy(() -> store.insert(clash)).isInstanceOf(IllegalStateException.class);
    assertThat(store.find(first.id())).contains(first);
  }

  @Test
  void findAllAnswersEachFoundIdOnceAcrossTenantsAndStatuses() {
    SessionRecord a = insert(openedAt(at(0)).tenant("t1"));
    SessionRecord b = insert(openedAt(at(0)).tenant("t2"));
    SessionRecord c = insert(openedAt(at(0)).tenant("t1"));
    store.revoke(c.id(), ending(at(1)));

    List<SessionRecord> found =
        store.findAll(List.of(a.id(), TestRecords.nextId(), b.id(), a.id(), c.id()));

    assertThat(ids(found)).containsExactlyInAnyOrder(a.id(), b.id(), c.id());
    assertThat(store.findAll(List.of())).isEmpty();
  }

  // --- touch ---------------------------------------------------------------------------------

  @Test
  void touchMovesActivityAndExpiryAndPersists() {
    SessionRecord record = insert(openedAt(at(0)));

    assertThat(store.touch(record.id(), at(10), at(40)))
        .contains(record.withActivity(at(10), at(40)));
    assertThat(store.find(record.id())).contains(record.withActivity(at(10), at(40)));
  }

  @Test
  void touchOfEndedOrUnknownSessionChangesNothing() {
    SessionRecord revoked = insert(openedAt(at(0)));
    store.revoke(revoked.id(), ending(at(1)));
    SessionRecord lapsed = insert(openedAt(at(0)).idle(Duration.ofMinutes(5)));

    assertThat(store.touch(revoked.id(), at(2), at(32))).isEmpty();
    assertThat(store.touch(lapsed.id(), at(5), at(35))).isEmpty();
    assertThat(store.touch(TestRecords.nextId(), at(2), at(32))).isEmpty();
    // Expired at the very instant of its last activity: a touch at that instant is too late.
    SessionRecord instant = insert(openedAt(at(0)).idle(Duration.ZERO));
    assertThat(store.touch(instant.id(), at(0), at(30))).isEmpty();
    assertThat(store.find(instant.id())).contains(instant);
    assertThat(store.find(lapsed.id())).contains(lapsed);
    assertThat(store.find(revoked.id()).orElseThrow().lastActiveAt()).isEqualTo(at(0));
  }

  // --- revoke --------------------------------------------------------------------------------

  @Test
  void revokeEndsAnActiveSessionOnceAndKeepsTheFirstEnding() {
    SessionRecord record = insert(openedAt(at(0)));

    assertThat(store.revoke(record.id(), new Ending(at(3), "stolen_device", "alice"))).isTrue();
    assertThat(store.revoke(record.id(), new Ending(at(4), "again", "bob"))).isFalse();

    SessionRecord stored = store.find(record.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(SessionStatus.REVOKED);
    assertThat(stored.ending()).isEqualTo(new Ending(at(3), "stolen_device", "alice"));
    assertThat(stored).usingRecursiveComparison().ignoringFields("status", "ending")
        .isEqualTo(record);
  }

  @Test
  void revokeOfExpiredOrUnknownSessionIsRefused() {
    SessionRecord lapsed = insert(openedAt(at(0)).idle(Duration.ofMinutes(5)));

    assertThat(store.revoke(lapsed.id(), ending(at(5)))).isFalse();
    assertThat(store.revoke(TestRecords.nextId(), ending(at(5)))).isFalse();
    assertThat(store.find(lapsed.id())).contains(lapsed);
  }

  @Test
  void concurrentRevokesHaveExactlyOneWinner() throws Exception {
    SessionRecord record = insert(openedAt(at(0)));
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        String actor = "actor-" + i;
        Callable<Boolean> revoke = () -> {
          start.await();
          return store.revoke(record.id(), new Ending(at(1), "race", actor));
        };
        results.add(pool.submit(revoke));
      }
      start.countDown();
      List<Integer> winners = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        if (results.get(i).get(30, TimeUnit.SECONDS)) {
          winners.add(i);
        }
      }
      assertThat(winners).hasSize(1);
      assertThat(store.find(record.id()).orElseThrow().ending().actor())
          .isEqualTo("actor-" + winners.get(0));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void revokeAllForUserEndsOnlyThatUsersActiveSessionsInThatTenant() {
    SessionRecord mine1 = insert(openedAt(at(0)).tenant("t1").user("u1"));
    SessionRecord mine2 = insert(openedAt(at(1)).tenant("t1").user("u1").clientType(ClientType.MOBILE));
    SessionRecord alreadyRevoked = insert(openedAt(at(2)).tenant("t1").user("u1"));
    store.revoke(alreadyRevoked.id(), new Ending(at(3), "earlier", "u1"));
    SessionRecord lapsed = insert(openedAt(at(0)).tenant("t1").user("u1").idle(Duration.ofMinutes(5)));
    SessionRecord sameUserOtherTenant = insert(openedAt(at(0)).tenant("t2").user("u1"));
    SessionRecord otherUser = insert(openedAt(at(0)).tenant("t1").user("u2"));

    List<String> revoked = store.revokeAllForUser("t1", "u1", ending(at(10)));

    assertThat(revoked).containsExactlyInAnyOrder(mine1.id(), mine2.id());
    assertThat(store.find(mine1.id()).orElseThrow().status()).isEqualTo(SessionStatus.REVOKED);
    assertThat(store.find(mine2.id()).orElseThrow().ending()).isEqualTo(ending(at(10)));
    assertThat(store.find(alreadyRevoked.id()).orElseThrow().ending().reason()).isEqualTo("earlier");
    assertThat(store.find(lapsed.id())).contains(lapsed);
    assertThat(store.find(sameUserOtherTenant.id())).contains(sameUserOtherTenant);
    assertThat(store.find(otherUser.id())).contains(otherUser);
    assertThat(store.revokeAllForUser("t1", "u1", ending(at(11)))).isEmpty();
  }

  // --- listing a user's sessions ---------------------------------------------------------------

  @Test
  void listForUserIsNewestFirstInsideTheTenantWithStatusFilter() {
    SessionRecord old = insert(openedAt(at(0)).user("u1"));
    SessionRecord mid = insert(openedAt(at(5)).user("u1"));
    SessionRecord recent = insert(openedAt(at(9)).user("u1"));
    SessionRecord lapsed = insert(openedAt(at(1)).user("u1").idle(Duration.ofMinutes(2)));
    insert(openedAt(at(3)).user("u1").tenant("t2"));
    insert(openedAt(at(3)).user("u2"));
    store.revoke(mid.id(), ending(at(6)));
    Instant now = at(10);

    assertThat(ids(store.listForUser("t1", "u1", null, now, 100)))
        .containsExactly(recent.id(), mid.id(), lapsed.id(), old.id());
    assertThat(ids(store.listForUser("t1", "u1", SessionStatus.ACTIVE, now, 100)))
        .containsExactly(recent.id(), old.id());
    assertThat(ids(store.listForUser("t1", "u1", SessionStatus.REVOKED, now, 100)))
        .containsExactly(mid.id());
    assertThat(ids(store.listForUser("t1", "u1", SessionStatus.EXPIRED, now, 100)))
        .containsExactly(lapsed.id());
    assertThat(ids(store.listForUser("t1", "u1", null, now, 2)))
        .containsExactly(recent.id(), mid.id());
    assertThat(store.listForUser("t3", "u1", null, now, 100)).isEmpty();
  }

  // --- search --------------------------------------------------------------------------------

  @Test
  void searchNeverCrossesTenants() {
    for (int i = 0; i < 5; i++) {
      insert(openedAt(at(i)).tenant("acme").username("alice"));
      insert(openedAt(at(i)).tenant("globex").username("alice"));
    }

    List<SessionRecord> acme = store.search(query("acme"), at(10));

    assertThat(acme).hasSize(5).allSatisfy(r -> assertThat(r.tenantId()).isEqualTo("acme"));
    assertThat(store.search(query("initech"), at(10))).isEmpty();
  }

  @Test
  void searchFiltersByUsernamePrefixIpClientTypeAndStatus() {
    SessionRecord alice = insert(openedAt(at(0)).username("alice").ip("10.1.0.5"));
    SessionRecord alicia = insert(openedAt(at(1)).username("alicia").ip("10.1.7.9")
        .clientType(ClientType.MOBILE));
    SessionRecord bob = insert(openedAt(at(2)).username("bob").ip("192.168.1.10"));
    SessionRecord lapsed = insert(openedAt(at(3)).username("bobby").ip("10.1.0.5")
        .idle(Duration.ofMinutes(1)));
    store.revoke(bob.id(), ending(at(4)));
    Instant now = at(5);

    assertThat(ids(store.search(new SessionQuery("t1", "ali", null, null, null, null, null, 10), now)))
        .containsExactly(alicia.id(), alice.id());
    assertThat(ids(store.search(new SessionQuery("t1", "alice", null, null, null, null, null, 10), now)))
        .containsExactly(alice.id());
    assertThat(ids(store.search(new SessionQuery("t1", null, "10.1.0.5", null, null, null, null, 10), now)))
        .containsExactly(lapsed.id(), alice.id());
    assertThat(ids(store.search(new SessionQuery("t1", null, null, "10.1.", null, null, null, 10), now)))
        .containsExactly(lapsed.id(), alicia.id(), alice.id());
    assertThat(ids(store.search(
        new SessionQuery("t1", null, null, null, ClientType.MOBILE, null, null, 10), now)))
        .containsExactly(alicia.id());
    assertThat(ids(store.search(
        new SessionQuery("t1", null, null, null, null, SessionStatus.ACTIVE, null, 10), now)))
        .containsExactly(alicia.id(), alice.id());
    assertThat(ids(store.search(
        new SessionQuery("t1", null, null, null, null, SessionStatus.REVOKED, null, 10), now)))
        .containsExactly(bob.id());
    assertThat(ids(store.search(
        new SessionQuery("t1", null, null, null, null, SessionStatus.EXPIRED, null, 10), now)))
        .containsExactly(lapsed.id());
    assertThat(ids(store.search(
        new SessionQuery("t1", "bob", null, "10.", null, SessionStatus.EXPIRED, null, 10), now)))
        .containsExactly(lapsed.id());
  }

  @Test
  void prefixesMatchLiterallyWithoutWildcards() {
    SessionRecord percent = insert(openedAt(at(0)).username("50%_off"));
    insert(openedAt(at(1)).username("500_off"));
    insert(openedAt(at(2)).username("5X%_off"));
    SessionRecord underscore = insert(openedAt(at(3)).username("a_b"));
    insert(openedAt(at(4)).username("axb"));

    assertThat(ids(store.search(new SessionQuery("t1", "50%", null, null, null, null, null, 10), at(5))))
        .containsExactly(percent.id());
    assertThat(ids(store.search(new SessionQuery("t1", "a_", null, null, null, null, null, 10), at(5))))
        .containsExactly(underscore.id());
  }

  @Test
  void searchPagesByCursorInNewestFirstOrderWithIdTieBreak() {
    List<SessionRecord> all = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      // Three sessions share each login minute, so the id tie-break decides their order.
      all.add(insert(openedAt(at(i / 3)).username("user" + i)));
    }
    all.sort(java.util.Comparator.comparing(SessionRecord::loginAt)
        .thenComparing(SessionRecord::id).reversed());

    List<String> seen = new ArrayList<>();
    Cursor cursor = null;
    for (int page = 0; page < 10; page++) {
      List<SessionRecord> rows = store.search(
          new SessionQuery("t1", null, null, null, null, null, cursor, 5), at(30));
      if (rows.isEmpty()) {
        break;
      }
      assertThat(rows.size()).isLessThanOrEqualTo(5);
      seen.addAll(ids(rows));
      cursor = Cursor.of(rows.get(rows.size() - 1));
    }

    assertThat(seen).containsExactlyElementsOf(ids(all));
  }

  @Test
  void pagingStaysStableWhileSessionsAreAdded() {
    Set<String> original = new HashSet<>();
    for (int i = 0; i < 12; i++) {
      original.add(insert(openedAt(at(i))).id());
    }
    List<String> seen = new ArrayList<>();
    Cursor cursor = null;
    int minute = 12;
    for (int page = 0; page < 10; page++) {
      List<SessionRecord> rows = store.search(
          new SessionQuery("t1", null, null, null, null, null, cursor, 4), at(100));
      if (rows.isEmpty()) {
        break;
      }
      seen.addAll(ids(rows));
      cursor = Cursor.of(rows.get(rows.size() - 1));
      // New logins arrive between page requests, some at the very minute of the cursor.
      insert(openedAt(at(minute++)));
      insert(openedAt(cursor.loginAt()));
    }

    assertThat(seen).doesNotHaveDuplicates();
    assertThat(seen).containsAll(original);
  }

  // --- sweeping ------------------------------------------------------------------------------

  private SessionSweeper sweeper() {
    assertThat(store).as("every store sweeps").isInstanceOf(SessionSweeper.class);
    return (SessionSweeper) store;
  }

  @Test
  void expireDueMarksOnlyDueActiveSessionsWithTheirReason() {
    SessionRecord idle = insert(openedAt(at(0)).idle(Duration.ofMinutes(5)));
    SessionRecord lifetime = insert(openedAt(at(0)).idle(Duration.ofMinutes(30))
        .lifetime(Duration.ofMinutes(8)));
    SessionRecord fresh = insert(openedAt(at(9)));
    SessionRecord revoked = insert(openedAt(at(0)).idle(Duration.ofMinutes(5)));
    store.revoke(revoked.id(), ending(at(1)));

    assertThat(sweeper().expireDue(at(10), 100)).isEqualTo(2);

    SessionRecord idleAfter = store.find(idle.id()).orElseThrow();
    assertThat(idleAfter.status()).isEqualTo(SessionStatus.EXPIRED);
    assertThat(idleAfter.ending()).isEqualTo(new Ending(at(5), Ending.IDLE_TIMEOUT, Ending.SYSTEM));
    assertThat(store.find(lifetime.id()).orElseThrow().ending())
        .isEqualTo(new Ending(at(8), Ending.ABSOLUTE_LIFETIME, Ending.SYSTEM));
    assertThat(store.find(fresh.id())).contains(fresh);
    assertThat(store.find(revoked.id()).orElseThrow().ending().reason()).isEqualTo("logout");
    assertThat(sweeper().expireDue(at(10), 100)).isZero();
  }

  @Test
  void expireDueWorksInBatches() {
    for (int i = 0; i < 7; i++) {
      insert(openedAt(at(0)).idle(Duration.ofMinutes(1)));
    }

    assertThat(sweeper().expireDue(at(5), 3)).isEqualTo(3);
    assertThat(sweeper().expireDue(at(5), 3)).isEqualTo(3);
    assertThat(sweeper().expireDue(at(5), 3)).isEqualTo(1);
    assertThat(store.search(new SessionQuery("t1", null, null, null, null, SessionStatus.EXPIRED,
        null, 100), at(5))).hasSize(7);
  }

  @Test
  void purgeDeletesOnlyEndedSessionsOlderThanTheCutoff() {
    SessionRecord oldRevoked = insert(openedAt(at(0)));
    store.revoke(oldRevoked.id(), ending(at(1)));
    SessionRecord recentRevoked = insert(openedAt(at(0)));
    store.revoke(recentRevoked.id(), ending(at(50)));
    SessionRecord oldExpired = insert(openedAt(at(0)).idle(Duration.ofMinutes(2)));
    sweeper().expireDue(at(3), 100);
    SessionRecord oldActive = insert(openedAt(at(0)).lifetime(Duration.ofDays(400))
        .idle(Duration.ofDays(300)));

    assertThat(sweeper().purgeEndedBefore(at(40), 100)).isEqualTo(2);

    assertThat(store.find(oldRevoked.id())).isEmpty();
    assertThat(store.find(oldExpired.id())).isEmpty();
    assertThat(store.find(recentRevoked.id())).isPresent();
    assertThat(store.find(oldActive.id())).contains(oldActive);
    assertThat(sweeper().purgeEndedBefore(at(40), 100)).isZero();
  }

  @Test
  void purgeWorksInBatches() {
    for (int i = 0; i < 5; i++) {
      SessionRecord r = insert(openedAt(at(0)));
      store.revoke(r.id(), ending(at(1)));
    }

    assertThat(sweeper().purgeEndedBefore(at(10), 2)).isEqualTo(2);
    assertThat(sweeper().purgeEndedBefore(at(10), 2)).isEqualTo(2);
    assertThat(sweeper().purgeEndedBefore(at(10), 2)).isEqualTo(1);
    assertThat(store.search(query("t1"), at(10))).isEmpty();
  }

  // --- the engine on top of this store -------------------------------------------------------

  private SessionEngine engine(ManualClock clock) {
    return SessionEngine.builder().store(store).clock(clock)
        .settings(EngineSettings.DEFAULT.withTouchInterval(Duration.ofMinutes(1))
            .withRetention(Duration.ofDays(30))
            .withDefaultPolicy(new SessionPolicy(Duration.ofMinutes(30), Duration.ofHours(12))))
        .build();
  }

  private static OpenRequest open(String tenant, String user) {
    return new OpenRequest(tenant, user, user + "-name", List.of("user"), ClientType.WEB, null,
        "10.0.0.1", null, null);
  }

  @Test
  void batchGetReturnsOnlyActiveSessionsOfTheTenantAndHidesWhyTheRestAreMissing() {
    ManualClock clock = new ManualClock(T0);
    SessionEngine engine = engine(clock);
    Session expired = engine.open(SERVICE, open("t1", "u1")).session();
    clock.advance(Duration.ofMinutes(20));
    Session own = engine.open(SERVICE, open("t1", "u1")).session();
    Session foreign = engine.open(SERVICE, open("t2", "u1")).session();
    Session revoked = engine.open(SERVICE, open("t1", "u2")).session();
    engine.admin().sessions().revoke(SERVICE, revoked.id(), "logout");
    clock.advance(Duration.ofMinutes(15));
    String unknown = TestRecords.nextId();

    List<Session> found = engine.sessions().batchGet(SERVICE.inTenant("t1"),
        List.of(unknown, expired.id(), foreign.id(), own.id(), revoked.id(), own.id()));

    assertThat(found).extracting(Session::id).containsExactly(own.id());
    assertThat(found.get(0).status()).isEqualTo(SessionStatus.ACTIVE);
    assertThat(engine.sessions().batchGet(SERVICE, List.of(foreign.id(), expired.id())))
        .extracting(Session::id).containsExactly(foreign.id());
  }

  @Test
  void touchSlidesTheIdleExpiryButNotPastTheLifetimeAndCoalescesWrites() {
    ManualClock clock = new ManualClock(T0);
    SessionEngine engine = engine(clock);
    Session session = engine.open(SERVICE, open("t1", "u1")).session();

    clock.advance(Duration.ofSeconds(30));
    assertThat(engine.touch(SERVICE, session.id()).lastActiveAt()).isEqualTo(T0);
    clock.advance(Duration.ofSeconds(31));
    Session touched = engine.touch(SERVICE, session.id());
    assertThat(touched.lastActiveAt()).isEqualTo(T0.plusSeconds(61));
    assertThat(touched.expiresAt()).isEqualTo(T0.plusSeconds(61).plus(Duration.ofMinutes(30)));

    // 28 touches 25 minutes apart end 11 h 41 min in: within the lifetime, less than 30 min short.
    for (int i = 0; i < 28; i++) {
      clock.advance(Duration.ofMinutes(25));
      engine.touch(SERVICE, session.id());
    }
    Session late = engine.sessions().get(SERVICE, session.id()).orElseThrow();
    assertThat(late.expiresAt()).isEqualTo(T0.plus(Duration.ofHours(12)));
    clock.set(T0.plus(Duration.ofHours(12)));
    assertThat(engine.sessions().get(SERVICE, session.id()).orElseThrow().status())
        .isEqualTo(SessionStatus.EXPIRED);
  }

  @Test
  void sweepExpiresThenPurgesAfterRetention() {
    ManualClock clock = new ManualClock(T0);
    SessionEngine engine = engine(clock);
    Session idle = engine.open(SERVICE, open("t1", "u1")).session();
    Session revoked = engine.open(SERVICE, open("t1", "u2")).session();
    engine.admin().sessions().revoke(SERVICE, revoked.id(), null);

    clock.advance(Duration.ofMinutes(31));
    assertThat(engine.sweep()).isEqualTo(new SweepResult(1, 0));
    assertThat(engine.sessions().get(SERVICE, idle.id()).orElseThrow().status())
        .isEqualTo(SessionStatus.EXPIRED);

    clock.advance(Duration.ofDays(30));
    assertThat(engine.sweep()).isEqualTo(new SweepResult(0, 2));
    assertThat(engine.sessions().get(SERVICE, idle.id())).isEmpty();
    assertThat(engine.sessions().get(SERVICE, revoked.id())).isEmpty();
  }
}
