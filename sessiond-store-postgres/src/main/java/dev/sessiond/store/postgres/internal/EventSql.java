package dev.sessiond.store.postgres.internal;

import static dev.sessiond.store.postgres.internal.EventRows.APPENDED_COLUMNS;
import static dev.sessiond.store.postgres.internal.EventRows.COLUMNS;

/**
 * The statements of the event feed. The writes that append run {@link #SHARE_FEED}, {@link #APPEND}
 * and {@link #NOTIFY} as the last steps of their transaction ({@link PostgresEvents#append}). The
 * lock key and the notification's payload are the schema the connection works in ({@code
 * current_schema()}, the pool's {@code search_path}), so stores on other schemas of the same
 * database neither wait for each other nor wake each other's readers.
 */
public final class EventSql {
  private EventSql() {}

  /** The channel every store notifies on; the payload is the schema. */
  public static final String CHANNEL = "sessiond_events";

  /** Subscribes the connection to {@link #CHANNEL}. */
  public static final String LISTEN = "LISTEN " + CHANNEL;

  /** The schema's feed lock key. */
  private static final String FEED_KEY =
      "hashtextextended('sessiond.events:' || current_schema(), 0)";

  /**
   * Takes the schema's feed lock shared, held until the transaction ends: every append holds it
   * from before it draws its seqs until it commits. Appends do not wait for each other.
   */
  public static final String SHARE_FEED = "SELECT pg_advisory_xact_lock_shared(" + FEED_KEY + ")";

  /**
   * Takes the feed lock exclusively and (run on its own, outside a transaction block) lets it go
   * at once: returns when every append that drew a seq before it has committed or rolled back.
   */
  public static final String SETTLE_FEED = "SELECT pg_advisory_xact_lock(" + FEED_KEY + ")";

  /** Params: the {@link EventRows#APPENDED_COLUMNS}. Appends one event at the next seq. */
  public static final String APPEND = "INSERT INTO events (" + APPENDED_COLUMNS
      + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

  /** Queues the notification of the schema's readers; PostgreSQL sends it at commit. */
  public static final String NOTIFY = "SELECT pg_notify('" + CHANNEL + "', current_schema())";

  /** Params: after, limit. The events after a position, in order, by the primary key. */
  public static final String AFTER =
      "SELECT " + COLUMNS + " FROM events WHERE seq > ? ORDER BY seq LIMIT ?";

  /**
   * The last position: the highest seq readable, or the highest purged if that is higher (every
   * event was purged). The sequence itself is not asked: it has handed out the seqs of
   * transactions that have not committed, or never will.
   */
  public static final String LAST =
      "SELECT GREATEST((SELECT max(seq) FROM events), purged_through) FROM event_meta";

  /** The highest seq a purge deleted; 0 if none. */
  public static final String PURGED_THROUGH = "SELECT purged_through FROM event_meta";

  /**
   * Params: cutoff, limit. Deletes up to limit events dated before cutoff, lowest seq first, rows
   * another node is purging left to it, and raises {@code purged_through} to the highest seq
   * deleted, in the same statement. Returns one row, how many it deleted, if it deleted any.
   */
  public static final String PURGE = "WITH old AS MATERIALIZED (SELECT seq FROM events"
      + " WHERE at < ? ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED),"
      + " gone AS (DELETE FROM events e USING old WHERE e.seq = old.seq RETURNING e.seq),"
      + " counted AS (SELECT count(*) AS deleted, max(seq) AS last FROM gone)"
      + " UPDATE event_meta SET purged_through = GREATEST(purged_through, counted.last)"
      + " FROM counted WHERE counted.deleted > 0 RETURNING counted.deleted";
}
