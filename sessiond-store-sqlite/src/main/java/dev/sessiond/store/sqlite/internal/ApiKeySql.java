package dev.sessiond.store.sqlite.internal;

import static dev.sessiond.store.sqlite.internal.ApiKeyRows.COLUMNS;

/** The statements of API keys. Every conditional write states its condition in SQL. */
public final class ApiKeySql {
  private ApiKeySql() {}

  /** Params: the {@link ApiKeyRows#COLUMNS}. Stores the key, replacing the row with its id. */
  public static final String PUT =
      "INSERT OR REPLACE INTO api_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

  /** Params: id. The key, live or revoked. */
  public static final String FIND = "SELECT " + COLUMNS + " FROM api_keys WHERE id = ?";

  /** Params: limit. Keys oldest first, by the index {@code api_keys_by_age}. */
  public static final String LIST =
      "SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at, id LIMIT ?";

  /** Params: revoked_at, id. Returns the key's tenant only if the key was live; else no row. */
  public static final String REVOKE = "UPDATE api_keys SET revoked_at = ?"
      + " WHERE id = ? AND revoked_at IS NULL RETURNING tenant_id";
}
