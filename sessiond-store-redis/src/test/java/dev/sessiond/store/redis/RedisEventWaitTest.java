package dev.sessiond.store.redis;

import static dev.sessiond.tck.TestRecords.openedAt;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Waiting for events blocks on a connection of its own: longer than the command timeout without
 * failing, without stalling the store's other calls, and until {@code close()} at most; {@link
 * RedisClusterEventWaitTest} runs the same on the Cluster.
 */
class RedisEventWaitTest {
  private static final Instant T0 = Instant.parse("2026-01-01T09:00:00Z");
  private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);

  @RegisterExtension final TestRedis redis = redis();

  /** The server the store uses. */
  TestRedis redis() {
    return TestRedis.standalone();
  }

  @Test
  void aWaitOutlastsTheCommandTimeoutWhileOtherCallsGoOn() throws Exception {
    RedisSessionStore store = redis.open(redis.newPrefix(), SHORT_TIMEOUT);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      long started = System.nanoTime();
      Future<?> waited = pool.submit(() -> {
        store.awaitEventsAfter(0, Duration.ofMillis(1500));
        return null;
      });
      Future<?> other = pool.submit(() -> {
        Thread.sleep(200);
        for (int i = 0; i < 20; i++) {
          assertThat(store.lastEventSeq()).isZero();
        }
        return null;
      });
      other.get(1, TimeUnit.SECONDS);
      assertThat(waited.isDone()).as("still waiting while the other calls ran").isFalse();
      waited.get(10, TimeUnit.SECONDS);
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .isGreaterThan(Duration.ofSeconds(1));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void manyWaitersAllWakeOnOneAppend() throws Exception {
    RedisSessionStore store = redis.newStore();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      java.util.List<Future<?>> waits = new java.util.ArrayList<>();
      for (int i = 0; i < 4; i++) {
        waits.add(pool.submit(() -> {
          while (store.lastEventSeq() == 0) {
            store.awaitEventsAfter(0, Duration.ofMinutes(10));
          }
          return null;
        }));
      }
      Thread.sleep(200);
      store.insert(openedAt(T0).build());
      for (Future<?> wait : waits) {
        wait.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void closeEndsAWait() throws Exception {
    RedisSessionStore store = redis.newStore();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<?> waited = pool.submit(() -> {
        store.awaitEventsAfter(0, Duration.ofMinutes(10));
        return null;
      });
      Thread.sleep(200);
      store.close();
      waited.get(10, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
  }
}
