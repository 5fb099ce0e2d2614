package dev.sessiond.tck;

import static dev.sessiond.tck.TestRecords.openedAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiond.ClientType;
import dev.sessiond.SessionLimit;
import dev.sessiond.SessionLimit.Policy;
import dev.sessiond.SessionStatus;
import dev.sessiond.store.AuditQuery;
import dev.sessiond.store.AuditRecord;
import dev.sessiond.store.AuditStore;
import dev.sessiond.store.Ending;
import dev.sessiond.store.RefreshToken;
import dev.sessiond.store.RefreshTokenStore;
import dev.sessiond.store.SessionLimitStore;
import dev.sessiond.store.SessionQuery;
import dev.sessiond.store.SessionRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The behaviour of {@link SessionLimitStore}: a per-user limit on active sessions, enforced
 * atomically. A store's test class extends this and implements {@link #newStore()}.
 */
public abstract class SessionLimitContract extends StoreAbilityContract<SessionLimitStore> {
  private static final AtomicInteger HASHES = new AtomicInteger();

  protected SessionLimitContract() {
    super(SessionLimitStore.class);
  }

  private static Ending eviction(Instant at) {
    return new Ending(at, SessionLimit.EVICTION_REASON, Ending.SYSTEM);
  }

  private SessionLimitStore.Outcome open(SessionRecord record, SessionLimit limit) {
    RefreshToken first = new RefreshToken(String.format("%064x", HASHES.incrementAndGet()),
        record.id(), record.loginAt(), null);
    return ability().insertWithinLimit(record, first, limit,
        eviction(record.loginAt()));
  }

  private List<SessionRecord> active(String user, Instant now) {
    return store.listForUser("t1", user, SessionStatus.ACTIVE, now, 100);
  }

  @Test
  void belowTheLimitAnOpenIsStoredWithItsToken() {
    SessionRecord s = openedAt(at(0)).user("u1").build();

    SessionLimitStore.Outcome outcome = open(s, new SessionLimit(2, Policy.DENY_NEW, false));

    assertThat(outcome).isEqualTo(new SessionLimitStore.Outcome(true, List.of()));
    assertThat(store.find(s.id())).contains(s);
    assertThat(((RefreshTokenStore) store).currentRefreshToken(s.id())).isPresent();
  }

  @Test
  void theAuditRecordOfAnOpenIsStoredOnlyWhenTheOpenIs() {
    SessionLimit limit = new SessionLimit(1, Policy.DENY_NEW, false);
    SessionRecord admitted = openedAt(at(0)).user("u1").build();
    SessionRecord refused = openedAt(at(1)).user("u1").build();

    assertThat(audited(admitted, limit).inserted()).isTrue();
    assertThat(audited(refused, limit).inserted()).isFalse();

    assertThat(((AuditStore) store).audit(new AuditQuery(null, null, null, null, null, 0, 10)))
        .extracting(AuditRecord::target).containsExactly(admitted.id());
  }

  private SessionLimitStore.Outcome audited(SessionRecord record, SessionLimit limit) {
    RefreshToken first = new RefreshToken(String.format("%064x", HASHES.incrementAndGet()),
        record.id(), record.loginAt(), null);
    return ability().insertWithinLimit(record, first, limit, eviction(record.loginAt()),
        new AuditRecord(0, record.loginAt(), "t1", "session.opened", "api_key", "host",
            record.id(), "", "success", ""));
  }

  @Test
  void denyNewRefusesAtTheLimitAndStoresNothing() {
    SessionLimit limit = new SessionLimit(2, Policy.DENY_NEW, false);
    open(openedAt(at(0)).user("u1").build(), limit);
    open(openedAt(at(1)).user("u1").build(), limit);
    SessionRecord third = openedAt(at(2)).user("u1").build();

    assertThat(open(third, limit)).isEqualTo(new SessionLimitStore.Outcome(false, List.of()));
    assertThat(store.find(third.id())).isEmpty();
    assertThat(((RefreshTokenStore) store).currentRefreshToken(third.id())).isEmpty();
    assertThat(active("u1", at(2))).hasSize(2);
  }

  @Test
  void evictOldestRevokesTheOldestToMakeRoom() {
    SessionLimit limit = new SessionLimit(2, Policy.EVICT_OLDEST, false);
    SessionRecord oldest = openedAt(at(0)).user("u1").build();
    SessionRecord middle = openedAt(at(1)).user("u1").build();
    open(oldest, limit);
    open(middle, limit);
    SessionRecord newest = openedAt(at(2)).user("u1").build();

    assertThat(open(newest, limit)).isEqualTo(new SessionLimitStore.Outcome(true, List.of(oldest.id())));

    SessionRecord evicted = store.find(oldest.id()).orElseThrow();
    assertThat(evicted.status()).isEqualTo(SessionStatus.REVOKED);
    assertThat(evicted.ending()).isEqualTo(eviction(at(2)));
    assertThat(active("u1", at(2))).extracting(SessionRecord::id)
        .containsExactly(newest.id(), middle.id());
  }

  @Test
  void onlyActiveSessionsOfThatUserTenantAndClientTypeCount() {
    SessionLimit perType = new SessionLimit(1, Policy.DENY_NEW, true);
    open(openedAt(at(0)).user("u1").idle(Duration.ofMinutes(5)).build(), perType);
    open(openedAt(at(0)).user("u2").build(), perType);
    open(openedAt(at(0)).user("u1").tenant("t2").build(), perType);
    SessionRecord mobile = openedAt(at(10)).user("u1").clientType(ClientType.MOBILE).build();
    SessionRecord web = openedAt(at(10)).user("u1").build();

    assertThat(open(mobile, perType).inserted()).isTrue();
    assertThat(open(web, perType).inserted()).as("the first web session has expired").isTrue();
    assertThat(open(openedAt(at(11)).user("u1").build(), perType).inserted()).isFalse();
    assertThat(open(openedAt(at(11)).user("u1").build(), new SessionLimit(3, Policy.DENY_NEW, false))
        .inserted()).as("across client types, 2 of 3").isTrue();
  }

  @Test
  void aClashingIdOrHashStoresAndRevokesNothing() {
    SessionLimit limit = new SessionLimit(1, Policy.EVICT_OLDEST, false);
    SessionRecord first = openedAt(at(0)).user("u1").build();
    open(first, limit);

    assertThatThrownBy(() -> open(first, limit)).isInstanceOf(IllegalStateException.class);
    assertThat(store.find(first.id()).orElseThrow().status()).isEqualTo(SessionStatus.ACTIVE);
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void fiftySimultaneousOpensWithLimitFiveLeaveExactlyFive(Policy policy) throws Exception {
    SessionLimit limit = new SessionLimit(5, policy, false);
    int threads = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<SessionLimitStore.Outcome>> outcomes = new ArrayList<>();
    try {
      CountDownLatch start = new CountDownLatch(1);
      for (int i = 0; i < threads; i++) {
        SessionRecord record = openedAt(at(0)).user("crowd").build();
        Callable<SessionLimitStore.Outcome> call = () -> {
          start.await();
          return open(record, limit);
        };
        outcomes.add(pool.submit(call));
      }
      start.countDown();
      int inserted = 0;
      int evicted = 0;
      for (Future<SessionLimitStore.Outcome> outcome : outcomes) {
        SessionLimitStore.Outcome o = outcome.get(60, TimeUnit.SECONDS);
        inserted += o.inserted() ? 1 : 0;
        evicted += o.evicted().size();
      }
      assertThat(store.search(new SessionQuery("t1", null, null, null, null, SessionStatus.ACTIVE,
          null, 100), at(0))).hasSize(5);
      if (policy == Policy.DENY_NEW) {
        assertThat(inserted).isEqualTo(5);
        assertThat(evicted).isZero();
      } else {
        assertThat(inserted).isEqualTo(threads);
        assertThat(evicted).isEqualTo(threads - 5);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
