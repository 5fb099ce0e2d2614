package dev.sessiond.store.sqlite.internal;

import static dev.sessiond.store.sqlite.internal.TokenRows.instant;
import static dev.sessiond.store.sqlite.internal.TokenRows.millis;

import dev.sessiond.store.ApiKeyRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maps {@link ApiKeyRecord}s to rows of {@code api_keys} and back. Instants are epoch
 * milliseconds, a live key's {@code revoked_at} SQL {@code NULL}; the methods are a sorted JSON
 * array ({@link JsonColumns}).
 */
public final class ApiKeyRows {
  /** The columns of {@code api_keys}, in the order {@link #values} uses. */
  public static final String COLUMNS =
      "id, name, tenant_id, methods, secret_hash, created_at, created_by, revoked_at";

  private ApiKeyRows() {}

  /** The column values of {@code key}, in {@link #COLUMNS} order. */
  public static Object[] values(ApiKeyRecord key) {
    String methods = JsonColumns.write(new TreeSet<>(key.methods()), "methods");
    return new Object[] {
      key.id(), key.name(), key.tenantId(), methods, key.secretHash(), millis(key.createdAt()),
      key.createdBy(), millis(key.revokedAt())
    };
  }

  /** Reads the current row, which selected {@link #COLUMNS}. */
  public static ApiKeyRecord apiKey(ResultSet rows) throws SQLException {
    Set<String> methods = Set.copyOf(JsonColumns.readList(rows.getString("methods"), "methods"));
    return new ApiKeyRecord(rows.getString("id"), rows.getString("name"),
        rows.getString("tenant_id"), methods, rows.getString("secret_hash"),
        instant(rows, "created_at"), rows.getString("created_by"), instant(rows, "revoked_at"));
  }
}
