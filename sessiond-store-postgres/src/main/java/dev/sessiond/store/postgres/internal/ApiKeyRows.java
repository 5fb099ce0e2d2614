package dev.sessiond.store.postgres.internal;

import static dev.sessiond.store.postgres.internal.PgTypes.instant;
import static dev.sessiond.store.postgres.internal.PgTypes.timestamp;

import dev.sessiond.store.ApiKeyRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maps {@link ApiKeyRecord}s to rows of {@code api_keys} and back. Instants are {@code
 * timestamptz}, a live key's {@code revoked_at} SQL {@code NULL}; the methods are a sorted {@code
 * text[]}.
 */
public final class ApiKeyRows {
  /** The columns of {@code api_keys}, in the order {@link #values} uses. */
  public static final String COLUMNS =
      "id, name, tenant_id, methods, secret_hash, created_at, created_by, revoked_at";

  private ApiKeyRows() {}

  /** The column values of {@code key}, in {@link #COLUMNS} order. */
  public static Object[] values(ApiKeyRecord key) {
    return new Object[] {
      key.id(), key.name(), key.tenantId(), PgTypes.textArray(new TreeSet<>(key.methods())),
      key.secretHash(), timestamp(key.createdAt()), key.createdBy(), timestamp(key.revokedAt())
    };
  }

  /** Reads the current row, which selected {@link #COLUMNS}. */
  public static ApiKeyRecord apiKey(ResultSet rows) throws SQLException {
    return new ApiKeyRecord(rows.getString("id"), rows.getString("name"),
        rows.getString("tenant_id"), Set.copyOf(PgTypes.textList(rows, "methods")),
        rows.getString("secret_hash"), instant(rows, "created_at"), rows.getString("created_by"),
        instant(rows, "revoked_at"));
  }
}
