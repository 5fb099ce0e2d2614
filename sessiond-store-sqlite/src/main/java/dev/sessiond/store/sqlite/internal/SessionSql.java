package dev.sessiond.store.sqlite.internal;

import static dev.sessiond.store.sqlite.internal.SessionRows.COLUMNS;

import java.util.Collections;

/**
 * The fixed statements of the SQLite store. Every conditional write states its condition in SQL, so
 * it is atomic on its own. The searches, whose shape depends on the filters, are built by {@link
 * SessionSelect}.
 */
public final class SessionSql {
  private SessionSql() {}

  /** Inserts one row; changes nothing (count 0) if the id exists. */
  public static final String INSERT = "INSERT INTO sessions (" + COLUMNS + ") VALUES ("
      + String.join(", ", Collections.nCopies(SessionRows.COLUMN_COUNT, "?"))
      + ") ON CONFLICT (id) DO NOTHING";

  /** One row by id. */
  public static final String FIND = "SELECT " + COLUMNS + " FROM sessions WHERE id = ?";

  /** Params: lastActiveAt, expiresAt, id, lastActiveAt. Returns the updated row, if any. */
  public static final String TOUCH = "UPDATE sessions SET last_active_at = ?, expires_at = ?"
      + " WHERE id = ? AND status = 'active' AND expires_at > ?"
      + " RETURNING " + COLUMNS;

  /**
   * Params: ended_at, end_reason, ended_by, id, ended_at. Returns the tenant and user of the
   * session if this statement revoked it; no row otherwise.
   */
  public static final String REVOKE = "UPDATE sessions"
      + " SET status = 'revoked', ended_at = ?, end_reason = ?, ended_by = ?"
      + " WHERE id = ? AND status = 'active' AND expires_at > ?"
      + " RETURNING tenant_id, user_id";

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
   * Params: ended_at, end_reason, ended_by, tenant, user, ended_at. Returns the ids it revoked.
   */
  public static final String REVOKE_USER = "UPDATE sessions"
      + " SET status = 'revoked', ended_at = ?, end_reason = ?, ended_by = ?"
      + " WHERE tenant_id = ? AND user_id = ? AND status = 'active' AND expires_at > ?"
      + " RETURNING id";

  /**
   * Params: reason for absolute lifetime, reason for idle timeout, actor, now, limit. Each row ends
   * at its own {@code expires_at}, as {@code Ending.expiryOf} says. Returns the id, tenant, user
   * and ending columns of each session it expired.
   */
  public static final String EXPIRE_DUE = "UPDATE sessions SET status = 'expired',"
      + " ended_at = expires_at,"
      + " end_reason = CASE WHEN expires_at = absolute_expires_at THEN ? ELSE ? END,"
      + " ended_by = ?"
      + " WHERE id IN (SELECT id FROM sessions WHERE status = 'active' AND expires_at <= ?"
      + " ORDER BY expires_at LIMIT ?)"
      + " RETURNING id, tenant_id, user_id, ended_at, end_reason, ended_by";

  /** Params: cutoff, limit. Deletes ended rows that ended before the cutoff. */
  public static final String PURGE_ENDED = "DELETE FROM sessions"
      + " WHERE id IN (SELECT id FROM sessions WHERE status <> 'active' AND ended_at < ?"
      + " ORDER BY ended_at LIMIT ?)";

  /** Rows whose id is one of {@code count} parameters. */
  public static String findAll(int count) {
    return "SELECT " + COLUMNS + " FROM sessions WHERE id IN ("
        + String.join(", ", Collections.nCopies(count, "?")) + ")";
  }
}
