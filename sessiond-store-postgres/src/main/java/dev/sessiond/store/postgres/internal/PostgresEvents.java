package dev.sessiond.store.postgres.internal;

import dev.sessiond.Event;
import dev.sessiond.store.EventLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The event feed in PostgreSQL, for the store that owns {@code database}: the writes append with
 * {@link #append}, inside their own transaction, and this reads, awaits and purges.
 *
 * <p>Why appends take a lock. A reader follows the feed by reading {@code seq > cursor}, so an
 * event must never become readable after one with a higher seq: the reader would have moved its
 * cursor past it. Seqs come from a sequence, which hands them out when the insert runs, not when
 * the transaction commits, so two writers could commit out of seq order. {@link #append} therefore
 * takes a transaction-scoped advisory lock of the schema before it draws the seqs, and holds it
 * until commit: appends take their seqs and commit one writer at a time, in seq order (PostgreSQL
 * makes a commit visible before it releases the transaction's locks). The lock is the last step of
 * the transaction, after the change itself, so writers run in parallel up to it and queue only for
 * the insert of the events and the commit; a transaction with a {@code NOTIFY} already queues for
 * its commit in PostgreSQL, so the lock adds little. It holds across every node on the database.
 *
 * <p>Beyond {@link EventLog}: a {@code null} argument throws {@link NullPointerException}; after
 * the store is closed, calls throw {@link dev.sessiond.ErrorCode#UNAVAILABLE}, and threads waiting
 * in {@link #awaitEventsAfter} when it closes return.
 */
public final class PostgresEvents implements EventLog {
  private final PostgresDatabase database;
  private final EventListener listener;

  /** Reads from {@code database}; awaits with {@code listener}, which the caller closes. */
  public PostgresEvents(PostgresDatabase database, EventListener listener) {
    this.database = database;
    this.listener = listener;
  }

  /**
   * Appends {@code events}, in order, on {@code connection}, as the last step of the transaction
   * of the change they report, which the caller then commits (or rolls back, and them with it):
   * takes the schema's feed lock, inserts them at the next seqs, and queues the notification that
   * wakes the readers of every node. Does nothing for an empty list, so a write that changed
   * nothing neither waits for the lock nor wakes anyone.
   */
  public static void append(Connection connection, List<Event> events) throws SQLException {
    if (events.isEmpty()) {
      return;
    }
    PostgresDatabase.query(connection, EventSql.LOCK_FEED, rows -> true);
    try (PreparedStatement insert = connection.prepareStatement(EventSql.APPEND)) {
      for (Event event : events) {
        PostgresDatabase.bind(insert, EventRows.values(event));
        insert.addBatch();
      }
      insert.executeBatch();
    }
    PostgresDatabase.query(connection, EventSql.NOTIFY, rows -> true);
  }

  @Override
  public List<Event> eventsAfter(long after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    return database.query(EventSql.AFTER, EventRows::read, after, limit);
  }

  /**
   * Listens from the first call on (a connection of its own, see {@link EventListener}); until the
   * listener is up, and while it is reconnecting, returns after at most {@value
   * EventListener#DOWN_WAIT_MILLIS} ms so that callers poll. A negative {@code maxWait} waits not
   * at all.
   */
  @Override
  public void awaitEventsAfter(long after, Duration maxWait) throws InterruptedException {
    Objects.requireNonNull(maxWait, "maxWait");
    // Taken before the check: an append that commits after the check bumps it.
    long seen = listener.generation();
    if (lastEventSeq() > after) {
      return;
    }
    listener.awaitChange(seen, maxWait);
  }

  @Override
  public long lastEventSeq() {
    return database.query(EventSql.LAST, rows -> rows.getLong(1)).get(0);
  }

  @Override
  public long purgedThrough() {
    return database.query(EventSql.PURGED_THROUGH, rows -> rows.getLong(1)).get(0);
  }

  /** Skips events another node is purging at that moment, like the other sweeps. */
  @Override
  public int purgeEventsBefore(Instant cutoff, int limit) {
    Object at = PgTypes.timestamp(Objects.requireNonNull(cutoff, "cutoff"));
    return database.updateReturning(EventSql.PURGE, rows -> rows.getInt(1), at,
        PostgresDatabase.limit(limit)).stream().findFirst().orElse(0);
  }
}
