package dev.sessiond.store.sqlite.internal;

import static dev.sessiond.store.sqlite.internal.TokenRows.KEY_COLUMNS;
import static dev.sessiond.store.sqlite.internal.TokenRows.REFRESH_COLUMNS;

/**
 * The statements of refresh-token families and signing keys. Every conditional write states its
 * condition in SQL; the writer runs one caller's statements in one savepoint, so a write made of
 * several statements is atomic too.
 */
public final class TokenSql {
  private TokenSql() {}

  /**
   * Params: hash, session_id, issued_at, rotated_at. Count 0 if the hash exists or the session
   * already has a head (both are uniqueness constraints); fails if the session is not stored.
   */
  public static final String INSERT_REFRESH = "INSERT INTO refresh_tokens (" + REFRESH_COLUMNS
      + ") VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING";

  /** Params: hash. The token, current or rotated. */
  public static final String FIND_REFRESH =
      "SELECT " + REFRESH_COLUMNS + " FROM refresh_tokens WHERE hash = ?";

  /** Params: session_id. The family's head, by the partial index {@code refresh_tokens_head}. */
  public static final String HEAD = "SELECT " + REFRESH_COLUMNS
      + " FROM refresh_tokens WHERE session_id = ? AND rotated_at IS NULL";

  /**
   * Params: now, presented hash, session_id of the next token, hash of the next token. The
   * compare-and-set of a rotation: a row only if the presented token is its family's head, of
   * that session, and the next hash is not taken (so the insert that follows cannot fail). The row
   * holds the session's tenant and user, for its event.
   */
  public static final String ROTATE_HEAD = "UPDATE refresh_tokens SET rotated_at = ?"
      + " WHERE hash = ? AND session_id = ? AND rotated_at IS NULL"
      + " AND NOT EXISTS (SELECT 1 FROM refresh_tokens WHERE hash = ?)"
      + " RETURNING (SELECT tenant_id FROM sessions WHERE id = session_id) AS tenant_id,"
      + " (SELECT user_id FROM sessions WHERE id = session_id) AS user_id";

  /** Params: hash, session_id, issued_at. The new head, after {@link #ROTATE_HEAD} counted 1. */
  public static final String INSERT_HEAD = "INSERT INTO refresh_tokens (" + REFRESH_COLUMNS
      + ") VALUES (?, ?, ?, NULL)";

  /** Params: now, algorithm. Retires the active key of the algorithm, if any. */
  public static final String RETIRE_KEYS =
      "UPDATE signing_keys SET retired_at = ? WHERE algorithm = ? AND retired_at IS NULL";

  /** Params: the {@link TokenRows#KEY_COLUMNS}. Count 0 if the kid exists. */
  public static final String INSERT_KEY = "INSERT INTO signing_keys (" + KEY_COLUMNS
      + ") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (kid) DO NOTHING";

  /** Every key, oldest first. */
  public static final String ALL_KEYS =
      "SELECT " + KEY_COLUMNS + " FROM signing_keys ORDER BY created_at, kid";

  /** Params: cutoff. Deletes keys retired before it; the table holds a handful of rows. */
  public static final String DELETE_RETIRED_KEYS = "DELETE FROM signing_keys WHERE retired_at < ?";
}
