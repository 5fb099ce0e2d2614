package dev.sessiond.store.sqlite.internal;

import static dev.sessiond.store.sqlite.internal.EventRows.APPENDED_COLUMNS;
import static dev.sessiond.store.sqlite.internal.EventRows.COLUMNS;

/** The statements of the event feed. Every one finds its rows by {@code seq}, the primary key. */
public final class EventSql {
  private EventSql() {}

  /** Params: the {@link EventRows#APPENDED_COLUMNS}. SQLite gives the seq. */
  public static final String APPEND = "INSERT INTO events (" + APPENDED_COLUMNS
      + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

  /** Params: after, limit. Events after the position, in seq order. */
  public static final String AFTER =
      "SELECT " + COLUMNS + " FROM events WHERE seq > ? ORDER BY seq LIMIT ?";

  /**
   * The last seq ever given, kept by {@code AUTOINCREMENT} even when every event is purged; no row
   * before the first append.
   */
  public static final String LAST = "SELECT seq FROM sqlite_sequence WHERE name = 'events'";

  /** The highest seq a purge deleted; 0 while none did. */
  public static final String PURGED_THROUGH = "SELECT purged_through FROM event_feed";

  /** Params: limit. The oldest events' positions and times, oldest first, for a purge. */
  public static final String OLDEST = "SELECT seq, at FROM events ORDER BY seq LIMIT ?";

  /** Params: seq. Deletes every event up to the position. */
  public static final String DELETE_THROUGH = "DELETE FROM events WHERE seq <= ?";

  /** Params: seq, seq. Raises the purged-through mark to the position; never lowers it. */
  public static final String RAISE_PURGED_THROUGH =
      "UPDATE event_feed SET purged_through = ? WHERE purged_through < ?";
}
