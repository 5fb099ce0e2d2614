package dev.sessiond.store.sqlite.internal;

import dev.sessiond.Event;
import dev.sessiond.store.ApiKeyRecord;
import dev.sessiond.store.ApiKeyStore;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * API keys in the SQLite file, for the store that owns {@code database}. Beyond the interface: a
 * {@code null} argument throws {@link NullPointerException}, a negative limit {@link
 * IllegalArgumentException}; instants are kept to the millisecond. A revocation appends its
 * event, with the key's tenant, in the same write task.
 */
public final class SqliteApiKeys implements ApiKeyStore {
  private final SqliteDatabase database;
  private final SqliteEvents events;

  public SqliteApiKeys(SqliteDatabase database, SqliteEvents events) {
    this.database = database;
    this.events = events;
  }

  @Override
  public void putApiKey(ApiKeyRecord key) {
    database.update(ApiKeySql.PUT, ApiKeyRows.values(Objects.requireNonNull(key, "key")));
  }

  @Override
  public Optional<ApiKeyRecord> findApiKey(String id) {
    Objects.requireNonNull(id, "id");
    return database.queryFirst(ApiKeySql.FIND, ApiKeyRows::apiKey, id);
  }

  @Override
  public List<ApiKeyRecord> apiKeys(int limit) {
    return database.query(ApiKeySql.LIST, ApiKeyRows::apiKey, SqliteDatabase.limit(limit));
  }

  @Override
  public boolean revokeApiKey(String id, Instant at) {
    Objects.requireNonNull(id, "id");
    long revokedAt = at.toEpochMilli();
    return database.write(statements -> {
      PreparedStatement revoke = statements.prepare(ApiKeySql.REVOKE);
      SqliteDatabase.bind(revoke, revokedAt, id);
      return !events.appendEach(statements, revoke,
          row -> Event.apiKeyRevoked(row.getString("tenant_id"), id, at)).isEmpty();
    });
  }
}
