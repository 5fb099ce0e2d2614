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
 * <p>Why appends take a lock, and readers sometimes wait. A reader follows the feed by reading
 * {@code seq > cursor}, so it must never move its cursor past a seq that may still become
 * readable. Seqs come from a sequence, which hands them out when the insert runs, not when the
 * transaction commits, so writers commit out of seq order: seq 11 may be readable while seq 10 is
 * still in flight (or will never be, if its transaction rolls back). So {@link #append} takes the
 * schema's advisory feed lock <em>shared</em> before it draws its seqs and holds it until commit
 * (PostgreSQL makes a commit visible before it releases the transaction's locks); appends do not
 * wait for each other, so their commits still share WAL flushes. A reader that finds a hole below
 * the highest seq it read <em>settles</em>: it takes the lock exclusively, which returns once
 * every append that had drawn a seq has ended, lets it go at once, and reads again; the holes left
 * below that highest seq are then for good (rolled back). New appends wait for a settle only while
 * the appends in flight finish. An earlier version held the lock exclusively until commit, which
 * put every commit in a row: on the development machine (pgbench, 16 clients) 2,300 writes/s
 * against 3,500 now. It holds across every node on the database.
 *
 * <p>The {@code NOTIFY} is sent inside the writing transaction, so that readers are woken by
 * commits only. PostgreSQL orders the commits of notifying transactions, which costs throughput
 * too (pgbench: 8,300 writes/s without {@code NOTIFY}, 3,800 with it).
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
    PostgresDatabase.query(connection, EventSql.SHARE_FEED, rows -> true);
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
    List<Event> page = database.query(EventSql.AFTER, EventRows::read, after, limit);
    if (!hasHole(after, page)) {
      return page;
    }
    long highest = page.get(page.size() - 1).seq();
    settle();
    List<Event> settled = database.query(EventSql.AFTER, EventRows::read, after, limit);
    return settled.stream().filter(event -> event.seq() <= highest).toList();
  }

  /** Whether a seq between {@code after} and the last of {@code page} is missing. */
  private static boolean hasHole(long after, List<Event> page) {
    long expected = after + 1;
    for (Event event : page) {
      if (event.seq() != expected) {
        return true;
      }
      expected++;
    }
    return false;
  }

  /** Returns once every append that drew a seq before this call has committed or rolled back. */
  private void settle() {
    database.query(EventSql.SETTLE_FEED, rows -> true);
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
    if (lastReadableSeq() > after) {
      return;
    }
    listener.awaitChange(seen, maxWait);
  }

  /** Read, then {@linkplain #settle settled}: no seq below it can become readable later. */
  @Override
  public long lastEventSeq() {
    long last = lastReadableSeq();
    settle();
    return last;
  }

  /** The highest seq readable now (or purged); a seq below it may still be in flight. */
  private long lastReadableSeq() {
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
