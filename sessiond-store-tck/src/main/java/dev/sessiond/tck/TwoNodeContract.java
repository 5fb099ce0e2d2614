package dev.sessiond.tck;

import static dev.sessiond.tck.TestRecords.openedAt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiond.Event;
import dev.sessiond.SessionLimit;
import dev.sessiond.SessionLimit.Policy;
import dev.sessiond.SessionStatus;
import dev.sessiond.store.AuditRecord;
import dev.sessiond.store.AuditStore;
import dev.sessiond.store.Ending;
import dev.sessiond.store.EventLog;
import dev.sessiond.store.RefreshToken;
import dev.sessiond.store.RefreshTokenStore;
import dev.sessiond.store.RevocationStore;
import dev.sessiond.store.SessionLimitStore;
import dev.sessiond.store.SessionQuery;
import dev.sessiond.store.SessionRecord;
import dev.sessiond.store.SessionStore;
import dev.sessiond.store.SessionSweeper;
import dev.sessiond.store.SigningKeyRecord;
import dev.sessiond.store.SigningKeyStore;
import java.nio.charset.StandardCharsets;
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
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two stores on one backend, each with connections of its own, stand for two sessiond nodes
 * sharing it: what one writes the other reads, and the compare-and-sets and the session limit hold
 * across them, since neither may rely on locks inside its process. A shared store's test class
 * extends this and implements {@link #openTwoNodes()}.
 *
 * @param <S> the store, with every ability
 */
public abstract class TwoNodeContract<S extends SessionStore & SessionSweeper & RefreshTokenStore
    & SigningKeyStore & RevocationStore & SessionLimitStore & AuditStore & EventLog> {
  private static final Instant T0 = Instant.parse("2026-01-01T09:00:00Z");

  private List<S> nodes;

  /**
   * Two stores on the same, empty backend (schema, key prefix, ...). The subclass closes them and
   * cleans the backend up after each test.
   */
  protected abstract List<S> openTwoNodes() throws Exception;

  @BeforeEach
  void twoNodes() throws Exception {
    nodes = List.copyOf(openTwoNodes());
  }

  private S node(int i) {
    return nodes.get(i % 2);
  }

  private static Instant at(long minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  private static String hash(int n) {
    return String.format("%064x", n);
  }

  @Test
  void whatOneNodeStoresTheOtherFindsAndEnds() {
    SessionRecord s = openedAt(at(0)).build();
    node(0).insertWithRefreshToken(s, new RefreshToken(hash(1), s.id(), at(0), null));

    assertThat(node(1).find(s.id())).contains(s);
    assertThat(node(1).currentRefreshToken(s.id()).orElseThrow().hash()).isEqualTo(hash(1));
    Ending ending = new Ending(at(1), "logout", "alice");
    assertThat(node(1).revoke(s.id(), ending)).isTrue();
    assertThat(node(0).revoke(s.id(), ending)).isFalse();
    assertThat(node(0).find(s.id())).contains(s.withEnding(SessionStatus.REVOKED, ending));
    assertThat(node(0).sessionsRevokedSince(at(1))).hasSize(1);
  }

  @Test
  void rotationsOfOneTokenRacingOnTwoNodesHaveExactlyOneWinner() throws Exception {
    SessionRecord s = openedAt(at(0)).build();
    node(0).insertWithRefreshToken(s, new RefreshToken(hash(1), s.id(), at(0), null));

    List<Boolean> results = race(16, i -> () -> node(i).rotateRefreshToken(hash(1),
        new RefreshToken(hash(100 + i), s.id(), at(1), null), at(1)));

    assertThat(results).filteredOn(won -> won).hasSize(1);
    int winner = results.indexOf(true);
    assertThat(node(1).currentRefreshToken(s.id()).orElseThrow().hash())
        .isEqualTo(hash(100 + winner));
    for (int i = 0; i < 16; i++) {
      assertThat(node(i).findRefreshToken(hash(100 + i)).isPresent()).as("token %d", i)
          .isEqualTo(i == winner);
    }
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void fiftyOpensOnTwoNodesUnderALimitOfFiveLeaveExactlyFive(Policy policy) throws Exception {
    SessionLimit limit = new SessionLimit(5, policy, false);

    List<SessionLimitStore.Outcome> outcomes = race(50, i -> {
      SessionRecord s = openedAt(at(0)).user("crowd").build();
      RefreshToken first = new RefreshToken(hash(1000 + i), s.id(), at(0), null);
      return () -> node(i).insertWithinLimit(s, first, limit,
          new Ending(at(0), SessionLimit.EVICTION_REASON, Ending.SYSTEM));
    });

    assertThat(node(0).search(new SessionQuery("t1", null, null, null, null,
        SessionStatus.ACTIVE, null, 100), at(0))).hasSize(5);
    long inserted = outcomes.stream().filter(SessionLimitStore.Outcome::inserted).count();
    long evicted = outcomes.stream().mapToLong(o -> o.evicted().size()).sum();
    if (policy == Policy.DENY_NEW) {
      assertThat(inserted).isEqualTo(5);
      assertThat(evicted).isZero();
    } else {
      assertThat(inserted).isEqualTo(50);
      assertThat(evicted).isEqualTo(45);
    }
  }

  @Test
  void twoNodesSweepingAtOnceExpireEverySessionOnce() throws Exception {
    for (int i = 0; i < 100; i++) {
      node(i).insert(openedAt(at(0)).user("u" + i).idle(Duration.ofMinutes(1)).build());
    }

    List<Integer> expired = race(2, i -> () -> {
      int total = 0;
      int batch;
      do {
        batch = node(i).expireDue(at(5), 7);
        total += batch;
      } while (batch == 7);
      return total;
    });

    assertThat(expired.get(0) + expired.get(1)).isEqualTo(100);
    assertThat(node(0).search(new SessionQuery("t1", null, null, null, null,
        SessionStatus.EXPIRED, null, 200), at(5)))
        .hasSize(100).allSatisfy(r -> assertThat(r.status()).isEqualTo(SessionStatus.EXPIRED));
  }

  @Test
  void signingKeyRotationsRacingOnTwoNodesLeaveOneActiveKey() throws Exception {
    race(8, i -> () -> {
      node(i).rotateSigningKey(new SigningKeyRecord("ed-" + i, "EdDSA", "{}",
          "k".getBytes(StandardCharsets.UTF_8), at(i), null), at(10));
      return null;
    });

    List<SigningKeyRecord> keys = node(0).signingKeys();
    assertThat(keys).hasSize(8);
    assertThat(keys).filteredOn(k -> k.retiredAt() == null).hasSize(1);
  }

  @Test
  void auditAppendsOnTwoNodesGetDistinctPositions() throws Exception {
    List<List<Long>> positions = race(4, i -> () -> {
      List<Long> mine = new ArrayList<>();
      for (int n = 0; n < 50; n++) {
        mine.add(node(i).appendAudit(new AuditRecord(0, at(0), "t1",
            "session.opened", "api_key", "node-" + i, "s" + n, "", "success", "")));
      }
      return mine;
    });

    assertThat(positions).allSatisfy(mine -> assertThat(mine).isSorted());
    assertThat(positions.stream().flatMap(List::stream).distinct().count()).isEqualTo(200);
  }

  @Test
  void eventsWrittenOnBothNodesShareOneSequenceThatBothRead() throws Exception {
    List<List<String>> opened = race(4, i -> () -> {
      List<String> mine = new ArrayList<>();
      for (int n = 0; n < 25; n++) {
        SessionRecord s = openedAt(at(n)).user("u" + i).build();
        node(i).insert(s);
        mine.add(s.id());
      }
      return mine;
    });

    List<Event> fromA = node(0).eventsAfter(0, 1000);
    assertThat(node(1).eventsAfter(0, 1000)).isEqualTo(fromA);
    assertThat(fromA).extracting(Event::seq).isSorted().doesNotHaveDuplicates();
    assertThat(fromA).extracting(Event::sessionId)
        .containsExactlyInAnyOrderElementsOf(opened.stream().flatMap(List::stream).toList());
    assertThat(node(1).lastEventSeq()).isEqualTo(fromA.get(fromA.size() - 1).seq());
  }

  @Test
  void aNodeWaitingForEventsWakesWhenTheOtherWrites() throws Exception {
    long last = node(1).lastEventSeq();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      CountDownLatch waiting = new CountDownLatch(1);
      Future<List<Event>> woken = pool.submit(() -> {
        waiting.countDown();
        List<Event> seen = node(1).eventsAfter(last, 10);
        while (seen.isEmpty()) {
          node(1).awaitEventsAfter(last, Duration.ofMinutes(10));
          seen = node(1).eventsAfter(last, 10);
        }
        return seen;
      });
      waiting.await();
      SessionRecord s = openedAt(at(0)).build();
      node(0).insert(s);
      node(0).revoke(s.id(), new Ending(at(1), "admin", "admin"));

      // Bounded by a ten-minute wait inside: returning within a minute shows the write woke it.
      List<Event> seen = woken.get(60, TimeUnit.SECONDS);
      assertThat(seen.get(0)).isEqualTo(Event.sessionCreated(s).withSeq(seen.get(0).seq()));
    } finally {
      pool.shutdownNow();
    }
  }

  /** Runs {@code task(i)} for i in 0..threads-1 at once; their results in that order. */
  private static <T> List<T> race(int threads, IntFunction<Callable<T>> task)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Callable<T> call = task.apply(i);
        futures.add(pool.submit(() -> {
          start.await();
          return call.call();
        }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
