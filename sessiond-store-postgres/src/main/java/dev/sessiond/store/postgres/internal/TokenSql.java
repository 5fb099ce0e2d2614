package dev.sessiond.store.postgres.internal;

import static dev.sessiond.store.postgres.internal.TokenRows.KEY_COLUMNS;
import static dev.sessiond.store.postgres.internal.TokenRows.REFRESH_COLUMNS;

/**
 * The statements of refresh-token families and signing keys. Every conditional write states its
 * condition in SQL; a write made of several statements runs them in one transaction.
 */
public final class TokenSql {
  private TokenSql() {}

  /**
   * Params: hash, session_id, issued_at, rotated_at. Count 0 if the hash exists or the session
   * already has a head (both are unique indexes); fails with a foreign-key violation if the
   * session is not stored.
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
   * Params: now, presented hash, session_id of the next token. The compare-and-set of a rotation:
   * returns a row, the session's {@code tenant_id} and {@code user_id} for its event, only if the
   * presented token is its family's head, of that session. Of concurrent rotations, on any node,
   * the first takes the row lock and the others, once it commits, find {@code rotated_at} set and
   * return none.
   */
  public static final String ROTATE_HEAD = "UPDATE refresh_tokens r SET rotated_at = ?"
      + " FROM sessions s"
      + " WHERE r.hash = ? AND r.session_id = ? AND r.rotated_at IS NULL AND s.id = r.session_id"
      + " RETURNING s.tenant_id, s.user_id";

  /** Locks the keys against concurrent rotations; plain reads go on. */
  public static final String LOCK_KEYS = "LOCK TABLE signing_keys IN SHARE ROW EXCLUSIVE MODE";

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
