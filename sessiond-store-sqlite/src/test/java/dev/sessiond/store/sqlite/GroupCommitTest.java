package dev.sessiond.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiond.ErrorCode;
import dev.sessiond.Event;
import dev.sessiond.SessiondException;
import dev.sessiond.store.RefreshToken;
import dev.sessiond.store.SessionRecord;
import dev.sessiond.store.sqlite.internal.GroupCommitWriter;
import dev.sessiond.store.sqlite.internal.SessionRows;
import dev.sessiond.store.sqlite.internal.SessionSql;
import dev.sessiond.store.sqlite.internal.SqliteDatabase;
import dev.sessiond.store.sqlite.internal.WriteTask;
import dev.sessiond.tck.TestRecords;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrent writes share commits, and a failing write in a shared transaction fails alone. The
 * writer is held on a latch while writes queue up, so batches are exact, not a matter of timing.
 */
class GroupCommitTest {
  private static final Instant T0 = Instant.parse("2026-01-01T09:00:00Z");

  @TempDir Path directory;
  private SqliteSessionStore store;
  private GroupCommitWriter writer;

  @BeforeEach
  void open() {
    store = SqliteSessionStore.open(directory.resolve("sessions.db"),
        new SqliteOptions(512, 2, Duration.ofSeconds(5)));
    writer = store.writer();
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void writesQueuedWhileTheWriterIsBusyCommitTogether() throws Exception {
    int writers = 48;
    CountDownLatch release = hold();
    long commitsBefore = writer.commits();
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<SessionRecord> records = new ArrayList<>();
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        SessionRecord record = TestRecords.openedAt(T0.plusSeconds(i)).build();
        records.add(record);
        done.add(pool.submit(() -> store.insert(record)));
      }
      awaitQueued(writers);
      release.countDown();
      for (Future<?> future : done) {
        future.get(30, TimeUnit.SECONDS);
      }

      // One commit ends the held batch, one more carries all the queued inserts.
      assertThat(writer.commits() - commitsBefore).isEqualTo(2);
      assertThat(store.findAll(records.stream().map(SessionRecord::id).toList()))
          .containsExactlyInAnyOrderElementsOf(records);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void manyConcurrentWritersAllLandInNoMoreCommitsThanWrites() throws Exception {
    int threads = 8;
    int perThread = 100;
    long commitsBefore = writer.commits();
    long writesBefore = writer.committedWrites();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          List<String> ids = new ArrayList<>();
          for (int i = 0; i < perThread; i++) {
            SessionRecord record = TestRecords.openedAt(T0.plusSeconds(thread * 1000L + i)).build();
            store.insert(record);
            ids.add(record.id());
          }
          return ids;
        }));
      }
      List<String> ids = new ArrayList<>();
      for (Future<List<String>> result : results) {
        ids.addAll(result.get(60, TimeUnit.SECONDS));
      }

      assertThat(store.findAll(ids)).hasSize(threads * perThread);
      assertThat(writer.committedWrites() - writesBefore).isEqualTo(threads * perThread);
      assertThat(writer.commits() - commitsBefore).isLessThanOrEqualTo(threads * perThread);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailingWriteRollsBackOnlyItselfAndTheBatchStillCommits() throws Exception {
    SessionRecord first = TestRecords.openedAt(T0).build();
    SessionRecord doomed = TestRecords.openedAt(T0.plusSeconds(1)).build();
    SessionRecord last = TestRecords.openedAt(T0.plusSeconds(2)).build();
    CountDownLatch release = hold();
    long commitsBefore = writer.commits();

    CompletableFuture<Boolean> firstDone = writer.submit(insert(first));
    CompletableFuture<Boolean> doomedDone = writer.submit(statements -> {
      insert(doomed).run(statements);
      throw new IllegalStateException("fails after writing");
    });
    CompletableFuture<Boolean> duplicateDone = writer.submit(insert(first));
    CompletableFuture<Boolean> lastDone = writer.submit(insert(last));
    awaitQueued(4);
    release.countDown();

    assertThat(firstDone.get(30, TimeUnit.SECONDS)).isTrue();
    assertThat(duplicateDone.get(30, TimeUnit.SECONDS)).isFalse();
    assertThat(lastDone.get(30, TimeUnit.SECONDS)).isTrue();
    assertThatThrownBy(() -> doomedDone.get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IllegalStateException.class);
    assertThat(writer.commits() - commitsBefore).isEqualTo(2);
    assertThat(store.find(first.id())).contains(first);
    assertThat(store.find(last.id())).contains(last);
    assertThat(store.find(doomed.id())).isEmpty();
  }

  @Test
  void aWriteThatFailsAfterAppendingItsEventLeavesNoEventAndTheBatchKeepsTheOthers()
      throws Exception {
    SessionRecord owner = TestRecords.openedAt(T0).build();
    String taken = "a".repeat(64);
    store.insertWithRefreshToken(owner, new RefreshToken(taken, owner.id(), T0, null));
    long before = store.lastEventSeq();
    SessionRecord clashing = TestRecords.openedAt(T0.plusSeconds(1)).build();
    SessionRecord fine = TestRecords.openedAt(T0.plusSeconds(2)).build();
    CountDownLatch release = hold();
    long commitsBefore = writer.commits();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      // The clashing open inserts its session and event, then fails on the taken token hash.
      Future<?> clash = pool.submit(() -> store.insertWithRefreshToken(clashing,
          new RefreshToken(taken, clashing.id(), T0, null)));
      awaitQueued(1);
      Future<?> insert = pool.submit(() -> store.insert(fine));
      awaitQueued(2);
      release.countDown();

      assertThatThrownBy(() -> clash.get(30, TimeUnit.SECONDS))
          .hasCauseInstanceOf(IllegalStateException.class);
      insert.get(30, TimeUnit.SECONDS);
      assertThat(writer.commits() - commitsBefore).isEqualTo(2);
      assertThat(store.find(clashing.id())).isEmpty();
      List<Event> after = store.eventsAfter(before, 10);
      assertThat(after).extracting(e -> e.withSeq(0)).containsExactly(Event.sessionCreated(fine));
      assertThat(store.lastEventSeq()).isEqualTo(after.get(0).seq());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void closeFinishesQueuedWritesThenRefusesNewOnes() throws Exception {
    SessionRecord queued = TestRecords.openedAt(T0).build();
    CountDownLatch release = hold();
    CompletableFuture<Boolean> done = writer.submit(insert(queued));
    awaitQueued(1);
    CompletableFuture<Void> closing = CompletableFuture.runAsync(store::close);
    release.countDown();
    closing.get(30, TimeUnit.SECONDS);

    assertThat(done.get(30, TimeUnit.SECONDS)).isTrue();
    assertThatThrownBy(() -> store.insert(TestRecords.openedAt(T0).build()))
        .isInstanceOfSatisfying(SessiondException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
    assertThatThrownBy(() -> store.find(queued.id())).isInstanceOf(SessiondException.class);
    store.close();

    try (SqliteSessionStore reopened = SqliteSessionStore.open(directory.resolve("sessions.db"))) {
      assertThat(reopened.find(queued.id())).contains(queued);
    }
  }

  /** Occupies the writer thread until the returned latch is released. */
  private CountDownLatch hold() throws InterruptedException {
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    writer.submit(statements -> {
      holding.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    });
    holding.await();
    return release;
  }

  /** Waits (bounded, without sleeping) until {@code count} writes wait for the writer. */
  private void awaitQueued(int count) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (writer.queued() < count) {
      assertThat(System.nanoTime()).as("writes queued in time").isLessThan(deadline);
      Thread.onSpinWait();
      Thread.yield();
    }
    assertThat(writer.queued()).isEqualTo(count);
  }

  private static WriteTask<Boolean> insert(SessionRecord record) {
    Object[] values = SessionRows.values(record);
    return statements -> {
      PreparedStatement insert = statements.prepare(SessionSql.INSERT);
      SqliteDatabase.bind(insert, values);
      return insert.executeUpdate() == 1;
    };
  }
}
