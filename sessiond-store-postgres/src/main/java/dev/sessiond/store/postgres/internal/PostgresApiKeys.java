package dev.sessiond.store.postgres.internal;

import dev.sessiond.Event;
import dev.sessiond.store.ApiKeyRecord;
import dev.sessiond.store.ApiKeyStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * API keys in PostgreSQL, for the store that owns {@code database}. Each call is one statement; a
 * revocation that revoked also appends its {@code api_key.revoked} event in the same transaction.
 * Beyond the interface: a {@code null} argument throws {@link
 * NullPointerException}, a negative limit {@link IllegalArgumentException}.
 */
public final class PostgresApiKeys implements ApiKeyStore {
  private final PostgresDatabase database;

  public PostgresApiKeys(PostgresDatabase database) {
    this.database = database;
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
    return database.query(ApiKeySql.LIST, ApiKeyRows::apiKey, PostgresDatabase.limit(limit));
  }

  @Override
  public boolean revokeApiKey(String id, Instant at) {
    Objects.requireNonNull(id, "id");
    Object revokedAt = PgTypes.timestamp(Objects.requireNonNull(at, "at"));
    return database.transaction(connection -> {
      List<Event> revoked = PostgresDatabase.query(connection, ApiKeySql.REVOKE,
          rows -> Event.apiKeyRevoked(rows.getString("tenant_id"), id, at), revokedAt, id);
      PostgresEvents.append(connection, revoked);
      return !revoked.isEmpty();
    });
  }
}
