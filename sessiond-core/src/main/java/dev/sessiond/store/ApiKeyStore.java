package dev.sessiond.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The ability to keep API keys (hashed; see {@link ApiKeyRecord}). Every write is durable before it
 * returns.
 */
public interface ApiKeyStore {

  /** Stores {@code key}, replacing any key with the same id. */
  void putApiKey(ApiKeyRecord key);

  /**
   * The key with {@code id}, live or revoked.
   *
   * @return empty if there is none
   */
  Optional<ApiKeyRecord> findApiKey(String id);

  /**
   * Up to {@code limit} keys, live and revoked, oldest first ({@code createdAt}, then {@code id}).
   *
   * @return never {@code null}
   */
  List<ApiKeyRecord> apiKeys(int limit);

  /**
   * Revokes a live key at {@code at}.
   *
   * @return whether a live key with {@code id} existed and is now revoked; {@code false} if there
   *     is none or it was already revoked (its {@code revokedAt} is then unchanged)
   */
  boolean revokeApiKey(String id, Instant at);
}
