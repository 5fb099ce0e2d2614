package dev.sessiond.store.postgres;

import static dev.sessiond.tck.TestRecords.openedAt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiond.Event;
import dev.sessiond.store.SessionRecord;
import dev.sessiond.store.postgres.internal.EventSql;
import dev.sessiond.store.postgres.internal.PostgresConnections;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The listener that wakes a store's waiters: it has a connection of its own, named after its
 * schema, comes back when PostgreSQL ends that connection, and goes with the store. Found in
 * {@code pg_stat_activity} by its application name, once its last statement was the {@code
 * LISTEN}.
 */
class EventListenerTest {
  private static final Instant T0 = Instant.parse("2026-01-01T09:00:00Z");
  private static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(30);
  private static final String LISTENER = "SELECT pid FROM pg_stat_activity"
      + " WHERE application_name = ? AND query = ? AND pid <> ? AND datname = current_database()";

  @RegisterExtension final TestDatabase database = new TestDatabase();

  @Test
  void aWriteAfterTheListenersConnectionWasKilledStillWakesAWaiter() throws Exception {
    String schema = database.newSchema();
    PostgresSessionStore reader = database.open(schema);
    PostgresSessionStore writer = database.open(schema);
    reader.awaitEventsAfter(reader.lastEventSeq(), Duration.ofMillis(1));

    try (Connection admin = TestDatabase.connect()) {
      int first = listenerOf(admin, schema, 0).orElseThrow();
      try (PreparedStatement kill = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
        kill.setInt(1, first);
        try (ResultSet killed = kill.executeQuery()) {
          assertThat(killed.next() && killed.getBoolean(1)).isTrue();
        }
      }
      assertThat(listenerOf(admin, schema, first)).as("a listener on a new connection").isPresent();
    }

    long last = reader.lastEventSeq();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      CountDownLatch waiting = new CountDownLatch(1);
      Future<List<Event>> woken = pool.submit(() -> {
        waiting.countDown();
        List<Event> seen = reader.eventsAfter(last, 10);
        while (seen.isEmpty()) {
          reader.awaitEventsAfter(last, Duration.ofMinutes(10));
          seen = reader.eventsAfter(last, 10);
        }
        return seen;
      });
      waiting.await();
      SessionRecord s = openedAt(T0).build();
      writer.insert(s);

      // Bounded by a ten-minute wait inside: returning within a minute shows the write woke it.
      List<Event> seen = woken.get(60, TimeUnit.SECONDS);
      assertThat(seen.get(0)).isEqualTo(Event.sessionCreated(s).withSeq(seen.get(0).seq()));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void closingTheStoreEndsTheListenersConnection() throws Exception {
    String schema = database.newSchema();
    PostgresSessionStore store = database.open(schema);
    store.awaitEventsAfter(store.lastEventSeq(), Duration.ofMillis(1));

    try (Connection admin = TestDatabase.connect()) {
      assertThat(listenerOf(admin, schema, 0)).isPresent();
      store.close();

      long deadline = System.nanoTime() + PATIENCE_NANOS;
      while (anyConnectionNamed(admin, schema) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(anyConnectionNamed(admin, schema)).isFalse();
    }
  }

  /**
   * The pid of the listener of {@code schema}, other than {@code notPid}, once it listens; waits
   * for it up to 30 s.
   */
  private static Optional<Integer> listenerOf(Connection admin, String schema, int notPid)
      throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + PATIENCE_NANOS;
    do {
      try (PreparedStatement find = admin.prepareStatement(LISTENER)) {
        find.setString(1, PostgresConnections.LISTENER_APPLICATION_NAME + schema);
        find.setString(2, EventSql.LISTEN);
        find.setInt(3, notPid);
        try (ResultSet rows = find.executeQuery()) {
          if (rows.next()) {
            return Optional.of(rows.getInt(1));
          }
        }
      }
      Thread.sleep(20);
    } while (System.nanoTime() < deadline);
    return Optional.empty();
  }

  private static boolean anyConnectionNamed(Connection admin, String schema) throws SQLException {
    try (PreparedStatement find = admin.prepareStatement(
        "SELECT 1 FROM pg_stat_activity WHERE application_name = ?")) {
      find.setString(1, PostgresConnections.LISTENER_APPLICATION_NAME + schema);
      try (ResultSet rows = find.executeQuery()) {
        return rows.next();
      }
    }
  }
}
