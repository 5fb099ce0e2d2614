package dev.sessiond.store.postgres.internal;

import static dev.sessiond.store.postgres.internal.ApiKeyRows.COLUMNS;

/** The statements of API keys. Every conditional write states its condition in SQL. */
public final class ApiKeySql {
  private ApiKeySql() {}

  /** Params: the {@link ApiKeyRows#COLUMNS}. Stores the key, replacing the row of its id whole. */
  public static final String PUT = "INSERT INTO api_keys (" + COLUMNS
      + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
      + " name = excluded.name, tenant_id = excluded.tenant_id, methods = excluded.methods,"
      + " secret_hash = excluded.secret_hash, created_at = excluded.created_at,"
      + " created_by = excluded.created_by, revoked_at = excluded.revoked_at";

  /** Params: id. The key, live or revoked. */
  public static final String FIND = "SELECT " + COLUMNS + " FROM api_keys WHERE id = ?";

  /** Params: limit. Keys oldest first, by the index {@code api_keys_by_age}. */
  public static final String LIST =
      "SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at, id LIMIT ?";

  /** Params: revoked_at, id. Returns the key's tenant_id only if the key was live. */
  public static final String REVOKE =
      "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL RETURNING tenant_id";
}
