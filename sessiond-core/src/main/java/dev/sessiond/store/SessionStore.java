package dev.sessiond.store;

import dev.sessiond.SessionStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where sessions are kept. The engine decides every value; a store persists records and answers
 * queries over them. Every write returns only once it is durable (synced to disk or committed by
 * the backend). Every method is safe to call from many threads. Every method that takes a tenant
 * sees that tenant's rows only.
 *
 * <p>When the backend fails, or after {@link #close()}, every method throws a {@link
 * dev.sessiond.SessiondException} with {@link dev.sessiond.ErrorCode#UNAVAILABLE}; its message never
 * holds row contents.
 *
 * <p>Extra abilities live in separate interfaces a store may also implement, such as {@link
 * SessionSweeper}. The contract suite in {@code sessiond-store-tck} pins down this behaviour.
 */
public interface SessionStore extends AutoCloseable {

  /**
   * Stores a new session.
   *
   * @throws IllegalStateException if a session with the same id exists
   */
  void insert(SessionRecord record);

  /**
   * Finds a session by id, in any status and any tenant.
   *
   * @return the record, or empty if there is none (never {@code null})
   */
  Optional<SessionRecord> find(String id);

  /**
   * Finds the sessions among {@code ids}, in any status and any tenant. Ids with no session are
   * left out; duplicates are answered once. The order is unspecified.
   *
   * @return the records found, never {@code null}
   */
  List<SessionRecord> findAll(Collection<String> ids);

  /**
   * Records activity: sets {@code lastActiveAt} and {@code expiresAt}, but only if the session is
   * stored as active and its current {@code expiresAt} is after {@code lastActiveAt}.
   *
   * @return the updated record, or empty if there is no such session or it is not active
   */
  Optional<SessionRecord> touch(String id, Instant lastActiveAt, Instant expiresAt);

  /**
   * Revokes a session, but only if it is stored as active and its {@code expiresAt} is after
   * {@code ending.at()}. Of many concurrent calls for one session, exactly one returns {@code true}.
   *
   * @return {@code true} if this call revoked it; {@code false} if it did not exist or had already
   *     ended
   */
  boolean revoke(String id, Ending ending);

  /**
   * Revokes every session of one user in one tenant that {@link #revoke} would revoke.
   *
   * @return the ids this call revoked, never {@code null}
   */
  List<String> revokeAllForUser(String tenantId, String userId, Ending ending);

  /**
   * Lists one user's sessions in one tenant, newest first ({@link Cursor} order).
   *
   * @param status the effective status to keep (see {@link SessionRecord#statusAt}); {@code null}
   *     for any
   * @param now the time effective statuses are judged at
   * @param limit the most rows to return, at least 1
   * @return never {@code null}
   */
  List<SessionRecord> listForUser(
      String tenantId, String userId, SessionStatus status, Instant now, int limit);

  /**
   * Searches inside one tenant, in {@link Cursor} order.
   *
   * @param now the time effective statuses are judged at
   * @return at most {@code query.limit()} records, never {@code null}
   */
  List<SessionRecord> search(SessionQuery query, Instant now);

  /** Releases connections and threads. Does nothing if already closed. */
  @Override
  void close();
}
