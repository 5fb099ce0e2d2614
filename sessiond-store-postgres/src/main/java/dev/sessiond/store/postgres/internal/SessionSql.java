package dev.sessiond.store.postgres.internal;

import static dev.sessiond.store.postgres.internal.SessionRows.COLUMNS;

import java.util.Collections;

/**
 * The fixed statements on {@code sessions}. Every conditional write states its condition in SQL,
 * so it is atomic on its own: under READ COMMITTED an {@code UPDATE} that waited for another
 * transaction's row lock checks its condition again on the row that transaction left, so of
 * concurrent revokes of one session exactly one counts. A batch write selects and locks its batch
 * in a {@code MATERIALIZED} CTE, then writes the rows of the batch: a {@code LIMIT} subquery
 * inside {@code WHERE id IN (...)} may be run again for each row, each time past the rows already
 * written, and write more than the limit. Sweeps lock with {@code SKIP LOCKED}, so nodes sweeping
 * at once share the work instead of queueing on it. The searches, whose shape depends on the
 * filters, are built by {@link SessionSelect}.
 */
public final class SessionSql {
  private SessionSql() {}

  /** The {@code SET} of a revoke; params: ended_at, end_reason, ended_by. */
  private static final String SET_REVOKED =
      "UPDATE sessions SET status = 'revoked', ended_at = ?, end_reason = ?, ended_by = ?";

  /** What the writes that end sessions return of each row they ended, to report it. */
  public static final String ENDED_COLUMNS = "id, tenant_id, user_id";

  /** Inserts one row; changes nothing (count 0) if the id exists. */
  public static final String INSERT = "INSERT INTO sessions (" + COLUMNS + ") VALUES ("
      + String.join(", ", Collections.nCopies(SessionRows.COLUMN_COUNT, "?"))
      + ") ON CONFLICT (id) DO NOTHING";

  /** Params: id. One row by id. */
  public static final String FIND = "SELECT " + COLUMNS + " FROM sessions WHERE id = ?";

  /** Params: a {@code text[]} of ids. The rows whose id is one of them. */
  public static final String FIND_ALL = "SELECT " + COLUMNS + " FROM sessions WHERE id = ANY (?)";

  /** Params: lastActiveAt, expiresAt, id, lastActiveAt. Returns the updated row, if any. */
  public static final String TOUCH = "UPDATE sessions SET last_active_at = ?, expires_at = ?"
      + " WHERE id = ? AND status = 'active' AND expires_at > ?"
      + " RETURNING " + COLUMNS;

  /**
   * Params: ended_at, end_reason, ended_by, id, ended_at. Returns the {@link #ENDED_COLUMNS} of the
   * row if this statement revoked it.
   */
  public static final String REVOKE = SET_REVOKED
      + " WHERE id = ? AND status = 'active' AND expires_at > ?"
      + " RETURNING " + ENDED_COLUMNS;

  /**
   * Params: ended_at, end_reason, ended_by, tenant, user, ended_at. Returns the {@link
   * #ENDED_COLUMNS} of the rows it revoked.
   */
  public static final String REVOKE_USER = SET_REVOKED
      + " WHERE tenant_id = ? AND user_id = ? AND status = 'active' AND expires_at > ?"
      + " RETURNING " + ENDED_COLUMNS;

  /**
   * Params: tenant, ended_at, limit, ended_at, end_reason, ended_by. Revokes up to limit sessions
   * that {@link #REVOKE} would revoke; returns their {@link #ENDED_COLUMNS}. The batch waits for
   * locked rows rather than skipping them: a short batch must mean that none are left.
   */
  public static final String REVOKE_TENANT = "WITH batch AS MATERIALIZED (SELECT id FROM sessions"
      + " WHERE tenant_id = ? AND status = 'active' AND expires_at > ? LIMIT ? FOR UPDATE)"
      + " UPDATE sessions s SET status = 'revoked', ended_at = ?, end_reason = ?, ended_by = ?"
      + " FROM batch WHERE s.id = batch.id"
      + " RETURNING s.id, s.tenant_id, s.user_id";

  /**
   * Params: tenant, user, now. The user's active sessions, oldest first, for a session limit; the
   * per-client-type variant adds a client-type param last.
   */
  public static final String ACTIVE_FOR_USER = "SELECT id FROM sessions"
      + " WHERE tenant_id = ? AND user_id = ? AND status = 'active' AND expires_at > ?"
      + " ORDER BY login_at ASC, id ASC";

  /** As {@link #ACTIVE_FOR_USER}, of one client type. */
  public static final String ACTIVE_FOR_USER_AND_TYPE = "SELECT id FROM sessions"
      + " WHERE tenant_id = ? AND user_id = ? AND status = 'active' AND expires_at > ?"
      + " AND client_type = ? ORDER BY login_at ASC, id ASC";

  /**
   * Params: now, limit, reason for absolute lifetime, reason for idle timeout, actor. Each row ends
   * at its own {@code expires_at}, as {@code Ending.expiryOf} says. Returns the {@link
   * #ENDED_COLUMNS} and the ending of each row it expired.
   */
  public static final String EXPIRE_DUE = "WITH due AS MATERIALIZED (SELECT id FROM sessions"
      + " WHERE status = 'active' AND expires_at <= ?"
      + " ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED)"
      + " UPDATE sessions s SET status = 'expired', ended_at = s.expires_at,"
      + " end_reason = CASE WHEN s.expires_at = s.absolute_expires_at THEN ? ELSE ? END,"
      + " ended_by = ?"
      + " FROM due WHERE s.id = due.id"
      + " RETURNING s.id, s.tenant_id, s.user_id, s.ended_at, s.end_reason, s.ended_by";

  /** Params: cutoff, limit. Deletes ended rows that ended before the cutoff, oldest first. */
  public static final String PURGE_ENDED = "WITH ended AS MATERIALIZED (SELECT id FROM sessions"
      + " WHERE status <> 'active' AND ended_at < ?"
      + " ORDER BY ended_at LIMIT ? FOR UPDATE SKIP LOCKED)"
      + " DELETE FROM sessions s USING ended WHERE s.id = ended.id";

  /**
   * Params: since. Sessions revoked at or after since. The {@code status <> 'active'} term is
   * implied by the other, but spelled out so the planner can use the partial index {@code
   * sessions_ended}.
   */
  public static final String REVOKED_SINCE = "SELECT id, tenant_id, ended_at FROM sessions"
      + " WHERE status <> 'active' AND status = 'revoked' AND ended_at >= ?";

  /**
   * Params: grant id, limit. Ids of sessions stored as active opened under the grant, by the
   * partial index {@code sessions_by_grant}, whose condition the query repeats; so an empty grant
   * id finds none.
   */
  public static final String ACTIVE_UNDER_GRANT = "SELECT id FROM sessions"
      + " WHERE support_grant_id = ? AND support_grant_id <> '' AND status = 'active' LIMIT ?";
}
