package dev.sessiond.store.sqlite.internal;

import static dev.sessiond.store.sqlite.internal.SqliteDatabase.bind;

import dev.sessiond.Event;
import dev.sessiond.store.EventLog;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The event feed in the SQLite file, for the store that owns {@code database}. The store's writes
 * {@link #append} their events inside their own write task, so an event commits (or rolls back)
 * with its change. Positions come from SQLite ({@code AUTOINCREMENT}): the one writer gives them
 * in commit order, so events become readable in position order, and none is reused, even after a
 * purge.
 *
 * <p>{@link #awaitEventsAfter} is woken by commits of this process ({@link EventSignal}). Another
 * process writing the same file, such as the {@code sessiond apikey} command, does not wake it:
 * its events are seen when the wait ends at {@code maxWait} and the caller reads again, so a
 * caller that follows the feed should keep {@code maxWait} short enough for that delay.
 *
 * <p>Beyond the interface: {@link #eventsAfter} throws {@link IllegalArgumentException} for a
 * limit below 1, {@link #purgeEventsBefore} for a negative one; a {@code null} argument throws
 * {@link NullPointerException}; a negative {@code maxWait} waits not at all. {@link
 * #purgeEventsBefore} stops at the first event, in position order, whose {@code at} is not before
 * the cutoff, so every event up to {@link #purgedThrough} is gone.
 */
public final class SqliteEvents implements EventLog {
  private final SqliteDatabase database;
  private final EventSignal signal;

  /**
   * @param signal the signal the writer of {@code database} calls after each commit
   */
  public SqliteEvents(SqliteDatabase database, EventSignal signal) {
    this.database = database;
    this.signal = signal;
  }

  /**
   * Appends {@code event} inside the current write task, so that it commits (or rolls back) with
   * the change it reports. Its seq is ignored; SQLite gives the next one.
   */
  public void append(StatementCache statements, Event event) throws SQLException {
    PreparedStatement append = statements.prepare(EventSql.APPEND);
    bind(append, EventRows.values(event));
    append.executeUpdate();
    signal.appended();
  }

  /**
   * Runs {@code write}, a bound statement that returns a row for each thing it changed, inside the
   * current write task, and appends the event {@code reader} makes of each row.
   *
   * @return the events appended, in row order; empty if it changed nothing
   */
  public List<Event> appendEach(StatementCache statements, PreparedStatement write,
      RowReader<Event> reader) throws SQLException {
    List<Event> changed;
    try (ResultSet rows = write.executeQuery()) {
      changed = SqliteDatabase.readAll(rows, reader);
    }
    for (Event event : changed) {
      append(statements, event);
    }
    return changed;
  }

  @Override
  public List<Event> eventsAfter(long after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    return database.query(EventSql.AFTER, EventRows::event, after, limit);
  }

  @Override
  public void awaitEventsAfter(long after, Duration maxWait) throws InterruptedException {
    long deadline = System.nanoTime() + maxWait.toNanos();
    while (true) {
      // Read the signal before the file, so a commit between the two still ends the wait.
      long seen = signal.commits();
      if (lastEventSeq() > after || !signal.awaitCommitAfter(seen, deadline)) {
        return;
      }
    }
  }

  @Override
  public long lastEventSeq() {
    return database.queryFirst(EventSql.LAST, rows -> rows.getLong(1)).orElse(0L);
  }

  @Override
  public long purgedThrough() {
    return database.queryFirst(EventSql.PURGED_THROUGH, rows -> rows.getLong(1)).orElse(0L);
  }

  @Override
  public int purgeEventsBefore(Instant cutoff, int limit) {
    long before = Objects.requireNonNull(cutoff, "cutoff").toEpochMilli();
    SqliteDatabase.limit(limit);
    return database.write(statements -> {
      PreparedStatement oldest = statements.prepare(EventSql.OLDEST);
      bind(oldest, limit);
      int purged = 0;
      long through = 0;
      try (ResultSet rows = oldest.executeQuery()) {
        while (rows.next() && rows.getLong("at") < before) {
          through = rows.getLong("seq");
          purged++;
        }
      }
      if (purged > 0) {
        PreparedStatement delete = statements.prepare(EventSql.DELETE_THROUGH);
        bind(delete, through);
        delete.executeUpdate();
        PreparedStatement raise = statements.prepare(EventSql.RAISE_PURGED_THROUGH);
        bind(raise, through, through);
        raise.executeUpdate();
      }
      return purged;
    });
  }
}
